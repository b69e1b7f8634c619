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
        words: set[str] = set()
        for span in spans:
            if span.label != PER or span.score < 0.8:
                continue
            parts = text[span.start : span.end].split()
            if len(parts) < 2:
                continue  # a lone word is too weak a seed
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
        found = []
        for token in tokenize(text):
            word = token.text
            stem = word[:-1] if word.endswith("s") else word
            if token.capitalised and (word in words or stem in words):
                found.append(Span(token.start, token.end, PER, 0.8, self.name))
        return found
