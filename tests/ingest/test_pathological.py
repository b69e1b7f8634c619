"""Sources shaped to make the parsers slow: a long run of blanks after a full stop, with no word
after it, made the sentence splitter backtrack quadratically (100,000 spaces at the end of a
.qdpx source: 89 s; a million: hours). The guard is 100 times what the import now takes."""

from __future__ import annotations

import signal
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from indsigt.ingest.turns import find_turns
from indsigt.interchange import import_qdpx
from indsigt.segment import UNITS, get_segmenter
from indsigt.segment.sentences import SentenceSegmenter


@contextmanager
def at_most(seconds: int) -> Iterator[None]:
    def expired(*_: object) -> None:
        raise TimeoutError(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def test_blanks_after_a_full_stop_are_split_in_linear_time() -> None:
    text = "Hej med dig." + " " * 100_000  # no word after the blanks: the slow case
    with at_most(30):
        spans = SentenceSegmenter().split(text, 0, len(text))
    assert [text[s:e] for s, e in spans] == ["Hej med dig."]


@pytest.mark.parametrize("unit", sorted(UNITS))
def test_blanks_inside_a_passage_before_a_time_mark_are_split_in_linear_time(unit: str) -> None:
    """A passage's time mark was looked for with a search over the whole passage, blanks and a
    mark at its end: 100,000 blanks inside a passage took 79 s."""
    text = "I: Hvordan går det?\nR: Hej" + " " * 100_000 + "med dig. #00:00:25-8#"
    with at_most(30):
        turn = find_turns(text)[-1]
        spans = get_segmenter(unit).split(text, turn.start, turn.end)
    assert turn.end_ms == 25_800
    assert " ".join(" ".join(text[s:e].split()) for s, e in spans) == "Hej med dig."


def test_a_qdpx_source_padded_with_blanks_imports(tmp_path: Path) -> None:
    # A REFI-QDA source is one turn over its whole text, trailing blanks included.
    guid = "50000000-0000-4000-8000-000000000001"
    file = tmp_path / "luft.qdpx"
    with zipfile.ZipFile(file, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "project.qde",
            '<?xml version="1.0" encoding="utf-8"?>\n<Project xmlns="urn:QDA-XML:project:1.0" '
            f'name="P"><Sources><TextSource guid="{guid}" name="Kilde" '
            f'plainTextPath="internal://{guid}.txt"/></Sources></Project>\n',
        )
        archive.writestr(f"sources/{guid}.txt", "Hej med dig. Farvel." + " " * 200_000)
    with at_most(30):
        report = import_qdpx(file, tmp_path / "luft.db")
    assert report.passages == 2
