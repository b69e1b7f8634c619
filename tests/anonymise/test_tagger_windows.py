"""The window mode is a property of the head (issue 15, speed): a head trained on sentences
alone (``"windows": "sentence"`` in its meta) reads each candidate sentence alone at run time,
as in training; a head without the key reads a sentence with the candidate sentences around
it, as before stop 26."""

from __future__ import annotations

import json
import shutil
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from conftest import shared
from indsigt.anonymise.e5tagger import (
    META,
    E5Tagger,
    Encoder,
    default_model,
    shared_encoder,
    train_e5_tagger,
)
from indsigt.anonymise.tagger import TrainingFile
from indsigt.errors import IndsigtError

pytest.importorskip("onnxruntime")

TEXT = "Jeg talte med Anne Kjær i går. Ring til Oyelaran. Lars Holm var enig."


class Spy:
    """Keeps the windows (as lists of sentences) the encoder is asked to read."""

    def __init__(self, encoder: Encoder) -> None:
        self.encoder = encoder
        self.windows: list[list[tuple[str, ...]]] = []
        self.groups: list[list[int] | None] = []

    def __getattr__(self, name: str) -> Any:
        return getattr(self.encoder, name)

    def features(
        self, sentences: Sequence[Sequence[str]], progress: Any = None, groups: Any = None
    ) -> Any:
        self.groups.append(None if groups is None else list(groups))
        for window in self.encoder.windows(sentences, groups):
            numbers = dict.fromkeys(number for number, _ in window)
            self.windows.append([tuple(sentences[n]) for n in numbers])
        return self.encoder.features(sentences, progress, groups)


def head_with(tmp_path: Path, **changes: Any) -> Path:
    """A copy of the shipped head whose meta has ``changes`` (``None`` removes a key)."""
    folder = tmp_path / "head"
    shutil.copytree(default_model(), folder)
    meta = json.loads((folder / META).read_text(encoding="utf-8"))
    for key, value in changes.items():
        if value is None:
            meta.pop(key, None)
        else:
            meta[key] = value
    (folder / META).write_text(json.dumps(meta), encoding="utf-8")
    return folder


def tagger(folder: Path) -> tuple[E5Tagger, Spy]:
    spy = Spy(shared_encoder())
    return E5Tagger(folder, encoder=spy), spy  # type: ignore[arg-type]


def test_a_head_without_a_window_mode_reads_sentences_in_context(tmp_path: Path) -> None:
    old, spy = tagger(head_with(tmp_path, windows=None))
    assert old.windows == "context"
    old.detect(TEXT)
    assert len(spy.windows) == 1 and len(spy.windows[0]) == 3  # the three together


def test_a_head_trained_on_sentences_reads_each_alone(tmp_path: Path) -> None:
    new, spy = tagger(head_with(tmp_path, windows="sentence"))
    assert new.windows == "sentence"
    found = new.detect(TEXT)
    assert [len(window) for window in spy.windows] == [1, 1, 1]
    assert {TEXT[s.start : s.end] for s in found} >= {"Anne Kjær", "Lars Holm"}
    # A sentence read before takes the labels it got then, in any text.
    spy.windows.clear()
    text = "Karen Lund kom. Jeg talte med Anne Kjær i går."
    again = {text[s.start : s.end] for s in new.detect(text)}
    assert spy.windows == [[("Karen", "Lund", "kom", ".")]]
    assert "Anne Kjær" in again


def test_an_unknown_window_mode_is_named(tmp_path: Path) -> None:
    folder = head_with(tmp_path, windows="paragraph")
    with pytest.raises(IndsigtError, match="unknown window mode 'paragraph'") as error:
        E5Tagger(folder)
    assert str(folder) in str(error.value)


@pytest.mark.slow  # encodes 120 sentences and their name-swapped copies (a few seconds)
def test_training_on_sentences_alone_records_the_mode(tmp_path: Path) -> None:
    spy = Spy(shared_encoder())
    files = [TrainingFile(shared("uner-danish-ddt", "da_ddt-ud-train.iob2"), "iob2", slice(120))]
    train_e5_tagger(
        files,
        language="da",
        output=tmp_path / "s",
        windows="sentence",
        encoder=spy,  # type: ignore[arg-type]
    )
    meta = json.loads((tmp_path / "s" / META).read_text(encoding="utf-8"))
    assert meta["windows"] == "sentence"
    groups = spy.groups[0]
    assert groups is not None and groups == list(range(len(groups)))  # one group a sentence
    assert all(len(window) == 1 for window in spy.windows)
    assert E5Tagger(tmp_path / "s").windows == "sentence"
    with pytest.raises(IndsigtError, match="unknown window mode"):
        train_e5_tagger(files, language="da", output=tmp_path / "x", windows="page")
