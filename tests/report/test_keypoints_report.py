"""Key points in the report: sections open with them, the summary lists the strongest, the
differences chapter names those whose prevalence differs (or says none does)."""

from __future__ import annotations

import re

from .conftest import Written

POINT = re.compile(r"^(\d+) af (\d+) ledere: »(.+)«")


def test_sections_open_with_key_points(sample_da: Written) -> None:
    sections = sample_da.context.sections
    assert sections
    for section in sections:
        assert 2 <= len(section.key_points) <= 6, section.title
        for claim in section.key_points:
            found = POINT.match(claim.text)
            assert found, claim.text
            assert int(found.group(1)) >= 2
            assert 5 <= len(found.group(3).split()) <= 25
            assert claim.refs and all(ref.label.startswith("P") for ref in claim.refs)
    texts = [claim.text.split("»")[1] for s in sections for claim in s.key_points]
    assert len(texts) == len(set(texts))  # one sentence leads one theme
    markdown = (sample_da.folder / "report.md").read_text(encoding="utf-8")
    assert "**Budskaber**" in markdown


def test_summary_lists_the_strongest_key_points(sample_da: Written) -> None:
    texts = [claim.text for claim in sample_da.context.summary]
    start = texts.index("De vigtigste budskaber:")
    assert POINT.match(texts[start + 1])


def test_differences_name_the_key_point_that_differs(small: Written) -> None:
    texts = [claim.text for claim in small.context.differences]
    assert "Budskaberne:" in texts
    after = texts[texts.index("Budskaberne:") + 1 :]
    assert any("Demografien betyder" in text and "holder i testen" in text for text in after)


def test_a_theme_without_key_points_says_so() -> None:
    """A section whose theme has no key point shared by two respondents says so plainly
    instead of leaving the key points out (a reader cannot tell "none" from "not computed")."""
    from indsigt.analyse.keypoints.study import KeyPoints
    from indsigt.report.i18n import Words
    from indsigt.report.keypoints import ThemePoints, section_points
    from indsigt.report.model import Ref

    found = KeyPoints("passages", "statement", "level", 3, 4, 36, 40, (), {}, (), (), 0.1)
    theme = ThemePoints("T03", "Det är miljardprojekt", None, found)
    for lang, expected in (
        ("da", "Intet budskab deles af mindst 2 deltagere i dette tema."),
        ("en", "No key point is shared by 2 or more respondents in this theme."),
    ):
        cite = lambda ids: tuple(Ref(f"P{p}", f"#p{p}") for p in ids)  # noqa: E731
        claims = section_points(theme, [], Words(lang), cite)
        assert [(c.text, c.refs) for c in claims] == [(expected, ())]


def test_the_summary_gives_each_theme_its_strongest_point_before_a_second() -> None:
    """On GENNOVATE's focus groups the summary listed one theme twice ("3 of 4 … E1", "3 of 4
    … E1") while other themes went unmentioned."""
    from indsigt.analyse.compare import Cell, TestResult
    from indsigt.analyse.keypoints.study import KeyPoint, KeyPoints
    from indsigt.report.i18n import Words
    from indsigt.report.keypoints import STRONGEST, ThemePoints, summary_points
    from indsigt.report.model import Ref

    def point(text: str, n: int) -> KeyPoint:
        return KeyPoint(text, 1, (1,), (), Cell(n, 9, False), {}, TestResult(None))

    def theme(top: str, *points: KeyPoint) -> ThemePoints:
        found = KeyPoints("passages", "statement", "level", 3, 9, 40, 50, (), {}, points, (), 0.1)
        return ThemePoints(top, f"Tema {top}", Ref(top, f"#{top}"), found)

    themes = [
        theme("E1", point("Første tema siger noget vigtigt her", 8), point("Igen det første", 7)),
        theme("E2", point("Andet tema siger noget andet her", 5)),
        theme("E3", point("Tredje tema har også en pointe", 4), point("Og en til", 3)),
    ]
    claims = summary_points(themes, [], Words("da"))
    assert claims[0].text == "De vigtigste budskaber:"
    assert claims[0].lead and not claims[0].refs  # an introduction, no bullet of labels
    assert [c.refs[0].label for c in claims[1:]] == ["E1", "E2", "E3", "E1", "E3"][:STRONGEST]
    assert claims[1].text.startswith("8 af 9") and claims[4].text.startswith("7 af 9")


def test_the_summary_does_not_repeat_a_title_that_is_the_key_point() -> None:
    """The sample study's summary read "»Vi konkurrerer med … og de betaler mere.« (Vi
    konkurrerer med … og de betaler …)": the theme's title was its own key point, cut."""
    from indsigt.analyse.compare import Cell, TestResult
    from indsigt.analyse.keypoints.study import KeyPoint, KeyPoints
    from indsigt.report.i18n import Words
    from indsigt.report.keypoints import point_claim

    said = "Vi konkurrerer med de store private it-virksomheder i byen, og de betaler mere."
    point = KeyPoint(said, 1, (1,), (), Cell(3, 15, False), {}, TestResult(None))
    found = KeyPoints("passages", "statement", "level", 3, 15, 40, 50, (), {}, (point,), (), 0.1)
    words = Words("da")
    cut = "Vi konkurrerer med de store private it-virksomheder i byen, og de betaler …"
    assert point_claim(point, found, (), words, (), title=cut).text.endswith("mere.«")
    other = point_claim(point, found, (), words, (), title="Rekruttering af it-folk")
    assert other.text.endswith("(Rekruttering af it-folk)")
