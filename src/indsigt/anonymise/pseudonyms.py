"""Consistent pseudonyms within a study.

Respondents get "Leder A", "Leder B", … (in the order of their ids); interviewers
"Interviewer"; everybody else "Person 1", "Person 2", … in order of first appearance. A mention
of part of a name ("Toft", "Poul Erik") is linked to the longest name in the same document that
contains it, so it gets that person's pseudonym. A genitive keeps its ending ("Tofts" → "Person
1s", "Leder A's"). The mapping (original → pseudonym) is kept in the sealed ``pseudonym`` table.
"""

from __future__ import annotations

import re
import string

from indsigt.anonymise.base import Span

PERSON = "PER"


def letters(index: int) -> str:
    """0 → "A", 25 → "Z", 26 → "AA"."""
    out = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        out = string.ascii_uppercase[rest] + out
    return out


def base_word(word: str, known: set[str]) -> str:
    """A name word without a genitive ending ("Toft's" → "toft"; "Tofts" → "toft" when "toft"
    is a known name word), case-folded."""
    word = word.casefold()
    for ending in ("'s", "’s", "'"):
        if word.endswith(ending) and len(word) > len(ending):
            return word[: -len(ending)]
    if word.endswith("s") and word[:-1] in known:
        return word[:-1]
    return word


def key(surface: str, known: set[str]) -> str:
    return " ".join(base_word(w, known) for w in surface.split())


def is_genitive(surface: str, known: set[str]) -> bool:
    """Does the surface end in a genitive ending that is not part of the name itself?"""
    words = surface.split()
    if not words:
        return False
    last = words[-1].casefold()
    return base_word(last, known) != last


class Pseudonyms:
    """The study's mapping. ``stored`` holds rows (label, original, pseudonym) already in the
    store; new ones are collected in ``new``."""

    def __init__(
        self,
        *,
        words: tuple[str, str, str],
        entities: dict[str, str],
        entity_words: dict[str, set[str]] | None = None,
        stored: list[tuple[str, str, str]],
    ) -> None:
        self.respondent_word, self.person_word, self.interviewer_word = words
        self.entities = entities  # entity key → pseudonym (respondents, interviewers, speakers)
        self.entity_words = entity_words or {}  # entity key → the words of the real name
        self.mapping = {(label, original): pseudo for label, original, pseudo in stored}
        self.new: dict[tuple[str, str], str] = {}
        numbers = [
            int(m.group(1))
            for pseudo in self.mapping.values()
            if (m := re.fullmatch(rf"{re.escape(self.person_word)} (\d+)", pseudo))
        ]
        self.next_number = max(numbers, default=0) + 1
        self._document: dict[str, str] = {}
        self._known_words: set[str] = set()

    def start_document(self, text: str, persons: list[Span]) -> None:
        """Link partial mentions in one document to the fullest form found there."""
        surfaces = [text[s.start : s.end] for s in persons if not s.entity]
        self._known_words = {w.casefold().rstrip("'’") for s in surfaces for w in s.split()}
        self._known_words = {
            w for w in self._known_words if not (w.endswith("s") and w[:-1] in self._known_words)
        }
        names = sorted({key(s, self._known_words) for s in surfaces}, key=lambda n: -len(n))
        self._document = {}
        for name in names:
            words = name.split()
            owner = next(
                (
                    longer
                    for longer in names
                    if len(longer.split()) > len(words) and _contains(longer.split(), words)
                ),
                name,
            )
            self._document[name] = self._document.get(owner, owner)

    def person(self, surface: str, span: Span) -> str:
        if span.entity and span.entity in self.entities:
            pseudonym = self.entities[span.entity]
            known = self.entity_words.get(span.entity, set())
        else:
            name = key(surface, self._known_words)
            pseudonym = self.lookup(self._document.get(name, name))
            known = self._known_words
        if is_genitive(surface, known):
            # The text's own apostrophe ("Rafik’s" → "Person 18’s", not "Person 18s").
            mark = surface.rstrip()[-2:-1]
            if mark in ("'", "’"):
                return pseudonym + mark + "s"
            return pseudonym + ("s" if pseudonym[-1:].isdigit() else "'s")
        return pseudonym

    def lookup(self, name: str) -> str:
        """The pseudonym of a person's name (a key), numbering a new name."""
        found = self.mapping.get((PERSON, name)) or self.new.get((PERSON, name))
        if found is None:
            found = f"{self.person_word} {self.next_number}"
            self.next_number += 1
            self.new[(PERSON, name)] = found
        return found


def _contains(longer: list[str], shorter: list[str]) -> bool:
    return all(word in longer for word in shorter)
