"""Training-data augmentation for the tagger: person names swapped for other names.

A tagger trained on a few thousand sentences learns many names by heart and misses unseen ones.
Each augmented copy of a training document gets, for every PER entity, a new name of the same
shape: one word → a surname (or a first name), several words → first name(s) and a surname. A
genitive ``s`` is kept. First names come from the name lexicon (``names.py``); surnames from
the training data's own person names and Nordic patronymics ("Jensen", "Eriksson")."""

from __future__ import annotations

import functools
import random
from collections.abc import Sequence

from indsigt.anonymise.gold import GoldSentence, sentence_spans
from indsigt.firstnames import first_names, nordic_names

_PATRONYMIC = ("sen", "sen", "son", "søn", "ssen", "sson")
_PLACE_NAMES = ("gaard", "gård", "holm", "lund", "berg", "strøm", "dahl", "bæk", "borg", "vig")


@functools.cache
def _first() -> tuple[str, ...]:
    nordic = sorted(nordic_names())
    foreign = sorted(n for n in first_names() - nordic_names() if n.isalpha())
    random.Random(0).shuffle(foreign)
    return tuple(nordic + nordic + foreign[: len(nordic)])  # two thirds Nordic


def surnames(train: Sequence[GoldSentence]) -> list[str]:
    """Surnames seen in the training data (the last word of multi-word PER entities)."""
    found = set()
    for sentence in train:
        for start, end, label in sentence_spans(sentence):
            if label == "PER" and end - start >= 2:
                word = sentence.tokens[end - 1]
                if word[:1].isupper() and word.isalpha() and len(word) > 2:
                    found.add(word)
    return sorted(found)


def _surname(rng: random.Random, seen: Sequence[str]) -> str:
    roll = rng.random()
    if seen and roll < 0.5:
        return rng.choice(seen)
    base = rng.choice(_first())
    if roll < 0.8:
        return base.rstrip("s") + rng.choice(_PATRONYMIC)
    return base + rng.choice(_PLACE_NAMES)


def swap_names(
    doc: GoldSentence, train: Sequence[GoldSentence], rng: random.Random
) -> GoldSentence:
    """A copy of ``doc`` with every PER entity replaced by a random name of the same shape."""
    seen = _surnames_cached(id(train), train)
    tokens = list(doc.tokens)
    for start, end, label in sentence_spans(doc):
        if label != "PER":
            continue
        length = end - start
        old_last = tokens[end - 1]
        if length == 1:
            new = [_surname(rng, seen) if rng.random() < 0.6 else rng.choice(_first())]
        else:
            new = [rng.choice(_first()) for _ in range(length - 1)] + [_surname(rng, seen)]
        if old_last.endswith("s") and len(old_last) > 3 and not new[-1].endswith("s"):
            new[-1] += "s"
        if old_last.isupper():
            new = [w.upper() for w in new]
        tokens[start:end] = new
    return GoldSentence(tuple(tokens), doc.tags, doc.spaces)


_CACHE: dict[int, list[str]] = {}


def _surnames_cached(key: int, train: Sequence[GoldSentence]) -> list[str]:
    if key not in _CACHE:
        _CACHE.clear()
        _CACHE[key] = surnames(train)
    return _CACHE[key]
