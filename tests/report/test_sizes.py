"""Numbers a reader can trust (stop 32's read, B1–B3): a theme's size is worded and ordered as
`indsigt themes` gives it ("94 statements (205 passages)", largest first); where every
respondent mentions a theme the sentence says "all 7", and where at least half the themes
are "N of N" the chart shows their sizes instead of bars at 100 %; a theme with nothing to
show gives its place to the next."""

from __future__ import annotations

import pytest

from indsigt.analyse.compare import table_from_counts
from indsigt.nouns import parse_noun
from indsigt.report import findings
from indsigt.report.emergent import _shown
from indsigt.report.evidence import EvidenceIndex, Subtree
from indsigt.report.i18n import Words
from indsigt.themes.stored import StoredTheme

# respondents of each theme out of 7, statements, passages (pdpilot's run, in part)
THEMES = {
    "T01": (6, 53, 167),
    "T02": (7, 40, 66),
    "T03": (7, 35, 95),
    "T04": (4, 31, 67),
}


def _found(
    lang: str = "en", *, themes: dict[str, tuple[int, int, int]] = THEMES
) -> findings.Findings:
    table = table_from_counts(
        by="level",
        unit="respondents",
        k=3,
        suppress=False,
        statuses=(),
        totals={"(none)": 7},
        counts={key: {"(none)": n} for key, (n, _, _) in themes.items()},
    )
    noun = parse_noun("Respondent", lang)
    words = Words(lang, respondent=noun, material="interviews")
    found = findings.Findings(table, [], {key: f"Theme {key}" for key in themes}, words, {})
    found.order = tuple(themes)
    found.sizes = {key: size for key, (_, size, _) in themes.items()}
    found.unit = "statement"
    found.index = EvidenceIndex(
        subtrees={
            key: Subtree(frozenset(range(passages)), frozenset(range(n)), frozenset(range(n)))
            for key, (n, _, passages) in themes.items()
        }
    )
    return found


def test_themes_keep_their_own_order_and_say_statements_and_passages() -> None:
    found = _found()
    assert found.tops() == ["T01", "T02", "T03", "T04"]  # by statements, not by respondents
    assert findings.prevalence(found, "T01", 6, 6) == (
        "Theme T01: mentioned by 6 of 7 respondents (86%) in 53 statements (167 passages) "
        "from 6 interviews."
    )
    # everyone: no "7 of 7 respondents (100%) … from 7 interviews"
    assert findings.prevalence(found, "T02", 7, 7) == (
        "Theme T02: mentioned by all 7 respondents in 40 statements (66 passages)."
    )
    danish = _found("da")
    assert findings.prevalence(danish, "T02", 7, 7) == (
        "Theme T02: nævnt af alle 7 respondenter i 40 udsagn (66 passager)."
    )
    found.sizes = {}  # a coded theme: its passages are its size, ordered by prevalence
    found.order = ()
    assert findings.prevalence(found, "T04", 4, 4).endswith("in 67 passages from 4 interviews.")
    assert found.tops() == ["T02", "T03", "T01", "T04"]


def test_half_the_themes_said_by_everyone_make_a_chart_of_sizes() -> None:
    chart, note = findings.overview(_found(), "#000000")
    assert note is not None
    assert note.text == (
        "2 of the 4 themes are mentioned by all 7 respondents and the others by 4 to 6 of 7, "
        "so the chart shows what sets them apart more: how many statements each theme holds."
    )
    assert chart.caption == "Number of statements in each theme"
    assert "Theme T01: 53 statements; Theme T02: 40 statements" in chart.alt
    assert "%" not in chart.alt
    danish, _ = findings.overview(_found("da"), "#000000")
    assert danish.caption == "Antal udsagn i hvert tema"


def test_all_themes_said_by_everyone_and_one_other_count() -> None:
    every = {"T01": (7, 10, 20), "T02": (7, 9, 12)}
    _, note = findings.overview(_found(themes=every), "#000000")
    assert note is not None and note.text.startswith("Both themes are mentioned by all 7")
    one = {"T01": (7, 10, 20), "T02": (7, 9, 12), "T03": (6, 8, 9)}
    _, note = findings.overview(_found("da", themes=one), "#000000")
    assert note is not None and "og de øvrige af 6 af 7, så diagrammet viser" in note.text


def test_fewer_than_half_said_by_everyone_keep_the_chart_of_shares() -> None:
    mixed = {"T01": (7, 10, 20), "T02": (5, 9, 12), "T03": (4, 8, 9)}
    chart, note = findings.overview(_found(themes=mixed), "#000000")
    assert note is None
    assert chart.caption == "Share of respondents mentioning each theme"
    assert "7 of 7" in chart.alt


def _theme(number: int) -> StoredTheme:
    return StoredTheme(
        id=number,
        number=number,
        label=f"theme {number}",
        terms=("a",),
        size=100 - number,
        respondents=3,
        passage_ids=(number * 10, number * 10 + 1),
        representative=(number * 10,),
        status="emergent",
        code=None,
    )


@pytest.mark.parametrize("empty", [(), (2,), (1, 3)])
def test_a_theme_with_nothing_to_show_gives_its_place_to_the_next(empty: tuple[int, ...]) -> None:
    themes = [_theme(n) for n in range(1, 8)]
    asked: list[int] = []

    def shows(scope: tuple[int, ...]) -> bool:
        asked.append(scope[0] // 10)
        return scope[0] // 10 not in empty

    shown, skipped, examined = _shown(themes, 3, shows, lambda t: tuple(t.passage_ids))
    expected = [n for n in range(1, 8) if n not in empty][:3]
    assert [t.number for t in shown] == expected
    assert [t.number for t in skipped] == list(empty)
    assert asked == list(range(1, examined + 1)) and examined == 3 + len(empty)
    assert _shown(themes, 3, None, lambda t: ())[0] == themes[:3]  # nothing to judge by


def test_two_are_both_in_the_reports_words_never_in_a_quote() -> None:
    """A pilot of two interviews read "nævnt af alle 2 ledere", "Alle 2 interviews er
    pseudonymiseret"; the words of a title or quote are the respondent's and stay."""
    danish, english = Words("da"), Words("en")
    title = "Vi har alle 2 biler"
    assert danish("claim_prevalence_all", title=title, N=2, amount="6 udsagn") == (
        "Vi har alle 2 biler: nævnt af begge deltagere i 6 udsagn."
    )
    assert danish("claim_prevalence_all", title="X", N=3, amount="6 udsagn") == (
        "X: nævnt af alle 3 deltagere i 6 udsagn."
    )
    assert english("claim_prevalence_all", title="X", N=2, amount="6 statements") == (
        "X: mentioned by both respondents in 6 statements."
    )


def test_one_theme_alone_is_shown_by_its_share_without_a_sentence() -> None:
    chart, note = findings.overview(_found(themes={"T01": (7, 10, 20)}), "#000000")
    assert note is None
    assert chart.caption != "Number of statements in each theme"
