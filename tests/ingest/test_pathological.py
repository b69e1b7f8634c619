"""Sources shaped to make the parsers slow: a long run of blanks after a full stop made the
sentence splitter backtrack quadratically (100,000 spaces in a .qdpx source or a transcript:
89 s; a million: hours). The guard below is 100 times the time the import now takes."""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

import indsigt
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
    text = "Hej med dig." + " " * 300_000 + "Farvel."
    with at_most(30):
        spans = SentenceSegmenter().split(text, 0, len(text))
    assert [text[s:e] for s, e in spans] == ["Hej med dig.", "Farvel."]


@pytest.mark.parametrize("blanks", [" ", "\t", " \u00a0"])
def test_a_transcript_padded_with_blanks_imports(
    study: indsigt.Project, tmp_path: Path, blanks: str
) -> None:
    path = tmp_path / "luft.txt"
    path.write_text("I: Hvordan går det." + blanks * 200_000 + "\nR: Godt.\n", encoding="utf-8")
    with at_most(30):
        report = study.import_files([path])
    assert report.passages == 2
