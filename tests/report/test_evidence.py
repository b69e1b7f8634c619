"""The evidence index: a source's blacked-out words are printed as one mark, the stored text
is left as it is."""

from __future__ import annotations

import pytest

from indsigt.analyse.evidence import CodedPassage
from indsigt.report.data import PassageRow
from indsigt.report.evidence import EvidenceIndex, build_evidence, redactions

# pdpilot's transcripts (P2): the source's own redactions, printed 59 times in a report
BLACKED = "XXXXXX X XXX XX XXXXXXXXXXXX XXXX XXXXXXX XXXXXXXXX XXXXXXXXXX"


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        (BLACKED, "[redacted]"),
        ("XXX X XXXX X XXXXX XX XX XXXXXX.", "[redacted]."),
        ("We have a “XX” in the village.", "We have a “[redacted]” in the village."),
        ("Then XXX XXXX XX.\nXXXX XX, so we use SHAP.", "Then [redacted], so we use SHAP."),
        # a lone X is a letter with meaning, and X inside a word is no redaction
        ("We plot the X axis against the residuals.", "We plot the X axis against the residuals."),
        ("A TEXAS XXL dataset.", "A TEXAS XXL dataset."),
    ],
)
def test_a_run_of_blacked_out_words_is_one_mark(text: str, shown: str) -> None:
    assert redactions(text, "[redacted]") == shown


def _one_theme(rows: dict[int, PassageRow], coded: list[int], **options: str) -> EvidenceIndex:
    """The evidence of one emergent theme "T01" of one respondent, ``coded`` its passages."""
    return build_evidence(
        [CodedPassage(pid, 1, "P1", 7, {}, "T01", "themes", "emergent") for pid in coded],
        tops=["T01"],
        children=lambda path: [],
        titles={"T01": "Tools"},
        passages=rows,
        interviews={1: 1},
        speakers={7: "Respondent 1"},
        labels={},
        describe=lambda subtree: "",
        interview_word="Interview",
        **options,
    )


def test_the_evidence_prints_the_mark_and_the_store_keeps_the_words() -> None:
    rows = {
        1: PassageRow(1, 1, 0, f"So we tried {BLACKED} first."),
        2: PassageRow(2, 1, 1, "We plot the X axis."),
    }
    index = _one_theme(rows, list(rows), redacted="[sløret]")
    assert [p.text for p in index.groups[0].passages] == [
        "So we tried [sløret] first.",
        "We plot the X axis.",
    ]
    assert rows[1].text == f"So we tried {BLACKED} first."


def test_a_quote_cites_only_the_passages_its_theme_lists() -> None:
    """pdpilot: a quote's "Yeah." between two sentences of a theme was cited as [P31], a
    reference that led nowhere (the theme's evidence lists its statements' passages only)."""
    rows = {pid: PassageRow(pid, 1, pid, text) for pid, text in enumerate(
        ["I forgot how we calculated those.", "Yeah.", "No, I forgot."], start=30
    )}  # fmt: skip
    index = _one_theme(rows, [30, 32])
    assert [(r.label, r.anchor) for r in index.cites("T01", [30, 31, 32])] == [
        ("P30", "e1-p30"),
        ("P32", "e1-p32"),
    ]
    assert [(r.label, r.anchor) for r in index.cites("T01", [31])] == [("P31", "")]
