"""Property tests: spans are well formed for any text, and stored passages match the text."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import indsigt
from indsigt.segment import UNITS, get_segmenter
from indsigt.segment.abbreviations import INTERNAL, MONTHS, TERMINAL
from indsigt.segment.base import Span

ABBREVIATIONS = sorted(f"{word}." for word in INTERNAL | TERMINAL)
LETTERS = "abcdefghijklmnopqrstuvwxyzæøåäöéABCDEFGHIJKLMNOPQRSTUVWXYZÆØÅÄÖ"
PUNCTUATION = ".,;:!?…-–\"'“”«»()[]/"
WHITESPACE = [" ", "  ", "\t", "\n", "\n\n", " \n \n ", "\r\n", "\u00a0", "\u2028", "\x0c"]

words = st.text(alphabet=LETTERS, min_size=1, max_size=8)
tokens = st.one_of(
    words,
    words.map(str.capitalize),
    st.sampled_from(ABBREVIATIONS),
    st.sampled_from(ABBREVIATIONS).map(str.capitalize),
    st.sampled_from(sorted(MONTHS)),
    st.integers(0, 9999).map(str),
    st.integers(1, 31).map(lambda n: f"{n}."),
    st.sampled_from([*PUNCTUATION, "...", "?!", '."', ".)", "?»"]),
    st.sampled_from(WHITESPACE),
    st.sampled_from(["d. 20. januar", "2. th.", "8000 Aarhus C.", "J. Hansen", "KL.", "i."]),
    st.sampled_from(["#00:00:25-8#", "#01:02:03#", "[00:05:12]", "(0:03)", "[12:30]"]),  # marks
)
# Token soup (always with whitespace between some tokens), and plain arbitrary text.
token_text = st.lists(st.tuples(tokens, st.sampled_from(["", " ", " ", "\n"])), max_size=40).map(
    lambda pairs: "".join(token + gap for token, gap in pairs)
)
any_text = st.one_of(token_text, st.text(max_size=200))

_ANY_MARK = re.compile(r"#\d{1,2}:\d\d:\d\d(?:-\d)?#|[\[(]\d{1,2}:\d\d(?::\d\d)?[\])]")

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def check_spans(text: str, start: int, end: int, spans: list[Span]) -> None:
    """In bounds, ordered, non-overlapping, stripped, and covering all non-blank text but a
    transcriber's time marks."""
    marks = {i for m in _ANY_MARK.finditer(text, start, end) for i in range(*m.span())}
    previous_end = start
    covered = set[int]()
    for s, e in spans:
        assert start <= s < e <= end, (s, e, start, end)
        assert s >= previous_end, f"span {(s, e)} overlaps or precedes the one before"
        assert not text[s].isspace(), f"span {(s, e)} starts with whitespace: {text[s:e]!r}"
        assert not text[e - 1].isspace(), f"span {(s, e)} ends with whitespace: {text[s:e]!r}"
        covered.update(range(s, e))
        previous_end = e
    for s, e in spans:  # a mark at a span's edge is left out of it, never one inside it
        assert not _ANY_MARK.fullmatch(text, s, e), f"span {(s, e)} is a time mark alone"
    shown = [i for i in range(start, end) if not text[i].isspace() and i not in marks]
    uncovered = [i for i in shown if i not in covered]
    assert not uncovered, f"not covered: {[text[i] for i in uncovered]!r}"


@SETTINGS
@given(text=any_text, unit=st.sampled_from(sorted(UNITS)))
def test_spans_cover_the_whole_text(text: str, unit: str) -> None:
    spans = get_segmenter(unit).split(text, 0, len(text))
    check_spans(text, 0, len(text), spans)
    if unit == "turn":
        assert len(spans) == (1 if _ANY_MARK.sub("", text).strip() else 0)


@SETTINGS
@given(text=any_text, unit=st.sampled_from(sorted(UNITS)), data=st.data())
def test_spans_stay_inside_a_range(text: str, unit: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text)), label="start")
    end = data.draw(st.integers(start, len(text)), label="end")
    spans = get_segmenter(unit).split(text, start, end)
    check_spans(text, start, end, spans)


# -- end to end: generated transcripts through the importer -------------------------------------

content = st.lists(st.tuples(tokens, st.sampled_from([" ", " ", "", "\n"])), max_size=25).map(
    lambda pairs: "".join(token + gap for token, gap in pairs).replace("\r", "")
)
lines = st.lists(st.tuples(st.sampled_from(["I", "R"]), content), min_size=1, max_size=12).filter(
    lambda turns: any(text.strip() for _, text in turns)
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(turns=lines, unit=st.sampled_from(sorted(UNITS)))
@pytest.mark.slow  # 40 generated studies, each imported into a store
def test_imported_passages_are_slices_of_the_document(
    turns: list[tuple[str, str]], unit: str
) -> None:
    source = "".join(f"{label}: {text}\n" for label, text in turns)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "interview.txt"
        path.write_bytes(source.encode("utf-8"))
        with indsigt.init_study(Path(folder) / "study.db") as study:
            report = study.import_files([path], unit=unit)
            assert report.imported == ("interview.txt",)
            (doc,) = study.documents()
            stored_turns = {t.id: t for t in study.turns(doc)}
            passages = study.passages(doc)
    assert report.passages == len(passages)
    assert [p.seq for p in passages] == list(range(len(passages)))
    previous_end = 0
    for passage in passages:
        assert doc.text[passage.start : passage.end] == passage.text
        assert passage.text == passage.text.strip() != ""
        assert passage.start >= previous_end
        previous_end = passage.end
        turn = stored_turns[passage.turn_id]
        assert turn.start <= passage.start < passage.end <= turn.end
    for turn in stored_turns.values():
        assert 0 <= turn.start < turn.end <= len(doc.text)
        inside = [p for p in passages if p.turn_id == turn.id]
        assert inside, f"turn {turn.seq} has no passage"
        covered = {i for p in inside for i in range(p.start, p.end)}
        marks = {i for m in _ANY_MARK.finditer(doc.text) for i in range(*m.span())}
        visible = [
            i for i in range(turn.start, turn.end) if not doc.text[i].isspace() and i not in marks
        ]
        assert set(visible) <= covered
