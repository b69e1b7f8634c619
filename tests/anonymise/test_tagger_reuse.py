"""The e5 tagger reads each part once (issue 15, speed): a text's candidate sentences are read
in windows of their own, so a part read before — an answer that repeats, or another answer
whose only candidate sentence is the same — takes the labels it got then. The spans are those
of the path that reads every part (``reuse=False``, the path before stop 25)."""

from __future__ import annotations

import pickle
from collections.abc import Sequence
from typing import Any

import pytest

from indsigt.anonymise import e5tagger
from indsigt.anonymise.e5tagger import E5Tagger, Encoder, default_model, shared_encoder

pytest.importorskip("onnxruntime")

TEXTS = [
    "Jeg talte med Anne Kjær om det, og Kjær var enig.",
    "Det var Søren Baks forslag fra starten. Ring til Oyelaran.",
    "Nej.",
    "I Aarhus Kommune har vi set det samme, siger Lars Holm.",
    # the candidate sentences of the second text, after a sentence without a candidate
    "Øh, ja. Det var Søren Baks forslag fra starten. Ring til Oyelaran.",
    "Oyelaran sagde: Anne Kjær kommer i morgen.\nMødet med Lars Holm blev aflyst.",
    "Kjær var enig.",
]


class Spy:
    """Counts the sentences the encoder reads and keeps the windows it makes."""

    def __init__(self, encoder: Encoder) -> None:
        self.encoder = encoder
        self.sentences: list[tuple[str, ...]] = []
        self.windows: list[tuple[list[list[tuple[int, int]]], list[int]]] = []

    def __getattr__(self, name: str) -> Any:
        return getattr(self.encoder, name)

    def features(
        self, sentences: Sequence[Sequence[str]], progress: Any = None, groups: Any = None
    ) -> Any:
        self.sentences += [tuple(s) for s in sentences]
        self.windows.append((self.encoder.windows(sentences, groups), list(groups or [])))
        return self.encoder.features(sentences, progress, groups)


def tagger(**options: Any) -> tuple[E5Tagger, Spy]:
    spy = Spy(shared_encoder())
    return E5Tagger(default_model(), encoder=spy, **options), spy  # type: ignore[arg-type]


def spans(tagger: E5Tagger, texts: Sequence[str]) -> list[list[tuple[int, int, str]]]:
    return [[(s.start, s.end, s.label) for s in found] for found in tagger.detect_many(texts)]


@pytest.mark.slow  # the encoder reads the texts four ways (about 4 s)
def test_reused_labels_give_the_spans_of_reading_every_part() -> None:
    every, _ = tagger(reuse=False)
    alone = [spans(every, [text])[0] for text in TEXTS]
    assert alone == spans(every, TEXTS)  # windows never mix texts
    reusing, _ = tagger()
    assert spans(reusing, TEXTS) == alone
    assert spans(reusing, TEXTS[::-1]) == alone[::-1]
    assert [spans(reusing, [text])[0] for text in TEXTS] == alone
    repeated = TEXTS[4]
    found = {repeated[a:b] for a, b, label in alone[4] if label == "PER"}
    assert "Søren Baks" in found  # the reused labels, at this text's offsets


def test_a_part_read_before_is_not_encoded_again() -> None:
    reusing, spy = tagger()
    reusing.detect_many(TEXTS)
    # One part a text; the fifth text's is the second's, and "Nej." holds no candidate.
    assert len(spy.sentences) == 1 + 2 + 0 + 1 + 0 + 2 + 1
    assert spy.sentences.count(("Ring", "til", "Oyelaran", ".")) == 1
    assert ("Kjær", "var", "enig", ".") in spy.sentences  # a part of its own (the 7th text)
    read = len(spy.sentences)
    reusing.detect_many(TEXTS[::-1])
    reusing.prefetch(TEXTS)
    assert len(spy.sentences) == read
    reusing.detect_many(TEXTS[:2], language="sv")  # the language decides sentence starts
    assert len(spy.sentences) == read + 3


def test_windows_never_mix_parts() -> None:
    reusing, spy = tagger()
    reusing.detect_many(TEXTS)
    assert spy.windows
    for windows, groups in spy.windows:
        for window in windows:
            assert len({groups[sentence] for sentence, _ in window}) == 1


@pytest.mark.slow  # 300 short answers through the encoder
def test_what_a_tagger_keeps_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(e5tagger, "SEEN_WORDS", 1_500)
    reusing, spy = tagger()
    long = " ".join(f"Ring til Oyelaran nummer {n}." for n in range(5))  # 30 words: not kept
    reusing.detect_many([long, *TEXTS])
    assert all(sum(map(len, part)) <= 15 for _, part in reusing._seen)
    assert reusing._seen_words == sum(sum(map(len, part)) for _, part in reusing._seen)
    many = [f"Jeg ringede til Oyelaran {n} gange." for n in range(300)]  # 8 words each
    reusing.detect_many(many)
    assert reusing._seen_words <= 1_500
    assert ("da", (tuple(many[-1].replace(".", " .").split()),)) in reusing._seen
    assert ("da", (tuple(many[0].replace(".", " .").split()),)) not in reusing._seen
    read = len(spy.sentences)
    reusing.detect_many([long])
    assert len(spy.sentences) == read + 5


def test_the_pickled_tagger_keeps_no_labels() -> None:
    reusing, _ = tagger()
    reusing.detect_many(TEXTS[:2])
    assert reusing._seen
    copy = pickle.loads(pickle.dumps(reusing))
    assert copy._seen == {} and copy._seen_words == 0
