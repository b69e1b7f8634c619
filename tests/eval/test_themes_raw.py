"""Raw transcripts (every passage, not only the coded segments) through the units stage, read
in place from ../shared/data: the detector keeps what people coded, and `eval themes --units
raw` reports before/after conversational shares beside NMI/ARI."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from conftest import shared
from indsigt.cli import main
from indsigt.embed import TfidfEmbedder
from indsigt.eval.raw import RawSet, load_raw
from indsigt.eval.themes_raw import _coverage, evaluate_raw_themes
from indsigt.units import RuleTalkDetector
from indsigt.units.plan import DocumentIn, PassageIn, TurnIn, plan_units


def _tfidf(texts: list[str]) -> np.ndarray:
    return np.asarray(TfidfEmbedder().fit(texts).embed(texts))


@pytest.mark.parametrize(
    ("name", "folder"),
    [("pdpilot", "pdpilot-interviews"), ("gennovate", "gennovate-focusgroups")],
)
@pytest.mark.slow
def test_coded_text_lies_in_substantive_statements(name: str, folder: str) -> None:
    raw = load_raw(name, shared(folder))
    assert sum(len(spans) for spans in raw.spans.values()) > 250
    _, plans = plan_units(raw.documents, detector=RuleTalkDetector(), embed=_tfidf)
    coverage = _coverage(raw, [p for p in plans if p.substantive])
    assert coverage["respondent_coded_chars"] > 20_000
    assert coverage["share"] >= 0.99, coverage


def _tiny() -> RawSet:
    """Two interviews: content answers on two topics, and many "Yeah." turns."""
    topics = {
        "data": "Our data pipelines break when the upstream schema changes without notice.",
        "people": "Hiring engineers who understand both statistics and software is very hard.",
    }
    documents, texts, spans = [], {}, {}
    pid = tid = 0
    for doc_id in (1, 2):
        parts: list[tuple[bool, str, str | None]] = []
        for n in range(5):  # under 50 passages: SVD, no UMAP compile
            for family, sentence in topics.items():
                parts.append((True, f"Question {n} about {family}?", None))
                parts.append((False, f"{sentence} Case {n} in team {doc_id} showed it.", family))
                parts.append((True, "Okay.", None))
                parts.append((False, "Yeah.", None))
        text, turns, coded = "", [], []
        for interviewer, body, family in parts:
            start = len(text)
            text += body + "\n"
            pid += 1
            tid += 1
            turns.append(
                TurnIn(tid, interviewer, (PassageIn(pid, start, start + len(body), body),))
            )
            if family:
                coded.append((start, start + len(body), family))
        documents.append(DocumentIn(doc_id, "en", tuple(turns)))
        texts[doc_id] = text
        spans[doc_id] = coded
    return RawSet("tiny", documents, texts, spans, 0)


def test_raw_evaluation_before_and_after() -> None:
    report = evaluate_raw_themes(_tiny(), embedder="tfidf", baselines=False)
    assert report["conversational_passages"] >= 40  # "Okay." and "Yeah." turns
    assert report["before"]["conversational_share"] > 0.3
    assert report["after"]["conversational_share"] == 0.0
    assert report["after"]["conversational_themes"] == 0
    assert report["coverage"]["share"] == 1.0
    assert report["scored_statements"] == report["statements"] == 20
    assert 0 <= report["after"]["nmi"] <= 1


def test_eval_themes_units_raw_needs_a_known_set(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main,
        ["eval", "themes", "--format", "pdpilot", "--data", str(tmp_path), "--units", "raw"],
    )
    assert result.exit_code != 0
    assert "transcripts_txt" in result.output


def test_gennovate_raw_text_has_no_member_codes() -> None:
    """PK1's quotes begin with the member's code ("R.3.Women have …"): the raw set reads
    them as the importer does, without the code (its coded segments still align)."""
    raw = load_raw("gennovate", shared("gennovate-focusgroups"))
    passages = [p.text for d in raw.documents for t in d.turns for p in t.passages]
    assert "Women have not ideas how to sell vegetables." in passages
    assert not any(re.match(r"R\s?\.?\d", text) for text in passages)
    assert raw.missing == 29  # as before: no template belongs to PK1


def test_gennovate_raw_turns_are_the_importers() -> None:
    """The raw set reads a transcript as `indsigt import` does: the sheet's headings
    ("Focus Group: Activity E", "ROSTER") are no one's speech, and a quote the coders took
    over two rows is still found across the section label between them."""
    raw = load_raw("gennovate", shared("gennovate-focusgroups"))
    passages = [p.text for d in raw.documents for t in d.turns for p in t.passages]
    assert not any(text.startswith(("Focus Group:", "ROSTER")) for text in passages)
    assert sum(len(spans) for spans in raw.spans.values()) == 278
