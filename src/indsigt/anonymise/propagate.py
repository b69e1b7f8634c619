"""Document-level consistency: once a text names a person in full ("Per Borten"), every other
capitalised mention of those name words ("Borten", "Bortens") is that person too, whatever the
detector that found the full name, and even where the tagger called the lone surname a place.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from indsigt.anonymise.base import PER, Span
from indsigt.anonymise.gazetteer import entries
from indsigt.anonymise.names import STOP, SURNAME, first_names, nordic_names
from indsigt.anonymise.tokens import tokenize

# First names that are also words (so not in the lexicon), but fine as the start of a full name.
_WORD_NAMES = frozenset(
    ["Per", "Bo", "Kim", "Tom", "Dag", "Liv", "Mai", "Maj", "Else", "Ask", "Ben", "Bent", "Tore"]
)


@dataclass(frozen=True)
class Propagation:
    """Not a detector of its own: it reads the other detectors' spans (``extend``).
    ``guessers``: the detectors (statistical taggers, ``guesses = True``) whose full names
    seed only with a known first name or surname."""

    guessers: frozenset[str] = frozenset()
    name: ClassVar[str] = "propagation.v1"

    def extend(self, text: str, spans: Sequence[Span]) -> list[Span]:
        words: set[str] = self._lone_names(text, spans)
        for span in spans:
            if span.label != PER or span.score < 0.8:
                continue
            parts = text[span.start : span.end].split()
            if len(parts) < 2:
                continue  # a lone word is too weak a seed (but see _lone_names)
            if span.detector in self.guessers and not any(
                p in first_names() or p in _WORD_NAMES or SURNAME.match(p) for p in parts
            ):
                continue  # a tagger's guess seeds only with a known first name or surname
            for word in parts:
                word = word.strip(".,;:!?()\"'«»")
                if word.endswith(("'s", "’s")):
                    word = word[:-2]
                if (
                    len(word) >= 3
                    and word[:1].isupper()
                    and word.lower() not in STOP
                    and word not in entries()
                    and word not in nordic_names()  # first names alone are too common
                ):
                    words.add(word)
        if not words:
            return []
        return self._mentions(text, words)

    @staticmethod
    def _lone_names(text: str, spans: Sequence[Span]) -> set[str]:
        """A lone word the detectors call a person at two places or more, and at half of its
        capitalised mentions or more: its other mentions are that person too. A GENNOVATE
        transcript named "Nasima" ten times; the tagger took nine and left "He would say to
        Nasima, you do your work" in the report."""
        called: dict[str, int] = {}
        for span in spans:
            surface = text[span.start : span.end].strip(".,;:!?()\"'«»")
            if span.label == PER and span.score >= 0.8 and " " not in surface:
                word = surface[:-2] if surface.endswith(("'s", "’s")) else surface
                if len(word) >= 3 and word[:1].isupper() and word.lower() not in STOP:
                    called[word] = called.get(word, 0) + 1
        if not called:
            return set()
        mentioned: dict[str, int] = {}
        for token in tokenize(text):
            if token.capitalised and token.text in called:
                mentioned[token.text] = mentioned.get(token.text, 0) + 1
        return {w for w, n in called.items() if n >= 2 and 2 * n >= mentioned.get(w, n)}

    def _mentions(self, text: str, words: set[str]) -> list[Span]:
        found = []
        for token in tokenize(text):
            word = token.text
            stem = word[:-1] if word.endswith("s") else word
            if token.capitalised and (word in words or stem in words):
                found.append(Span(token.start, token.end, PER, 0.8, self.name))
        return found
