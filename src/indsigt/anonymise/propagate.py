"""Document-level consistency: once a text names a person in full ("Per Borten"), every other
capitalised mention of those name words ("Borten", "Bortens") is that person too, whatever the
detector that found the full name, and even where the tagger called the lone surname a place.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from indsigt.anonymise.base import PER, Span
from indsigt.anonymise.gazetteer import entries
from indsigt.anonymise.names import SURNAME
from indsigt.anonymise.tokens import Token, tokenize
from indsigt.firstnames import STOP, WORD_NAMES, first_names, label_names, nordic_names


@dataclass(frozen=True)
class Propagation:
    """Not a detector of its own: it reads the other detectors' spans (``extend``).
    ``guessers``: the detectors (statistical taggers, ``guesses = True``) whose full names
    seed only with a known first name or surname."""

    guessers: frozenset[str] = frozenset()
    name: ClassVar[str] = "propagation.v1"

    def extend(self, text: str, spans: Sequence[Span]) -> list[Span]:
        if not any(s.label == PER and s.score >= 0.8 for s in spans):
            return []  # every seed below is a person span a detector is sure of
        full = self._full_name_words(text, spans)
        called = _lone_counts(text, spans)
        tokens = tokenize(text)
        words = full | _lone_names(called, tokens) | _first_names_said(text, spans, tokens)
        return self._mentions(tokens, words) if words else []

    def _full_name_words(self, text: str, spans: Sequence[Span]) -> set[str]:
        """The name words of the full person names the detectors found (a tagger's only with
        a known first name or surname); not a place's name, nor a first name alone."""
        words: set[str] = set()
        for span in spans:
            if span.label != PER or span.score < 0.8:
                continue
            parts = text[span.start : span.end].split()
            if len(parts) < 2:
                continue  # a lone word is too weak a seed (but see _lone_names)
            if span.detector in self.guessers and not any(
                p in first_names() or p in WORD_NAMES or SURNAME.match(p) for p in parts
            ):
                continue  # a tagger's guess seeds only with a known first name or surname
            for part in parts:
                word = _seed_word(part)
                if (
                    word
                    and word not in entries()
                    and word not in nordic_names()  # first names alone are too common
                ):
                    words.add(word)
        return words

    def _mentions(self, tokens: Sequence[Token], words: set[str]) -> list[Span]:
        found = []
        for token in tokens:
            word = token.text
            stem = word[:-1] if word.endswith("s") else word
            if token.capitalised and (word in words or stem in words):
                found.append(Span(token.start, token.end, PER, 0.8, self.name))
        return found


def _seed_word(surface: str) -> str:
    """A name word as it may seed propagation (punctuation and an English genitive taken off),
    or "" when it may not: shorter than three letters, not capitalised, a stop word."""
    word = surface.strip(".,;:!?()\"'«»")
    if word.endswith(("'s", "’s")):
        word = word[:-2]
    return word if len(word) >= 3 and word[:1].isupper() and word.lower() not in STOP else ""


def _lone_counts(text: str, spans: Sequence[Span]) -> Counter[str]:
    """How often the detectors call each lone word a person."""
    called: Counter[str] = Counter()
    for span in spans:
        if span.label != PER or span.score < 0.8:
            continue
        surface = text[span.start : span.end]
        if len(surface.split()) == 1 and (word := _seed_word(surface)):
            called[word] += 1
    return called


def _lone_names(called: Counter[str], tokens: Sequence[Token]) -> set[str]:
    """A lone word the detectors call a person at two places or more, and at half of its
    capitalised mentions or more: its other mentions are that person too. A GENNOVATE
    transcript named "Nasima" ten times; the tagger took nine and left "He would say to
    Nasima, you do your work" in the report."""
    mentioned = Counter(t.text for t in tokens if t.capitalised and t.text in called)
    return {w for w, n in called.items() if n >= 2 and 2 * n >= mentioned.get(w, n)}


def _first_names_said(text: str, spans: Sequence[Span], tokens: Sequence[Token]) -> set[str]:
    """A first name that is also a word ("Will", "Mark", "Per", "Kim"), called a person
    inside a sentence: its capitalised mentions elsewhere are that person too, a sentence's
    start included. "… with Will. Will and I, we paired on it" kept the second "Will" (a
    common word, and a stop word to the seeds above); a "Will you …?" elsewhere is masked too,
    the side the policy errs on."""
    starts = {t.start: t for t in tokens}
    said = set()
    for span in spans:
        token = starts.get(span.start)
        if span.label != PER or span.score < 0.8 or token is None or token.end != span.end:
            continue
        if not token.sentence_start and token.text in label_names():
            said.add(token.text)
    return said
