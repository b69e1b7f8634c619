"""Sentence segmentation for Danish, Norwegian, Swedish and English transcripts.

Rule based and fast: a sentence ends at ``.``, ``!``, ``?`` or ``…`` (plus closing quotes and
brackets) followed by whitespace and a word that starts a sentence, unless the full stop belongs
to an abbreviation ("bl.a.", "f.eks."), an ordinal ("d. 20. januar", "2. th."), an initial
("J. Hansen"), a number or the number a sentence or a line starts with ("10. Lokalplan …": an
item's). Acronyms ("KL.", "EU."), one-letter words ("enig i.") and postal
districts ("8000 Aarhus C.") do end a sentence. A blank line always ends a sentence.
"""

from __future__ import annotations

import re
from typing import ClassVar

from indsigt.segment.abbreviations import INTERNAL, MONTHS, TERMINAL
from indsigt.segment.base import Span, strip_span

_CANDIDATE = re.compile(r"[.!?…]+[\"'”’»)\]]*(?=\s)|\n[ \t]*\n\s*")
_WORD_BEFORE = re.compile(r"([\w.]+)\.$")
_NEXT_WORD = re.compile(r"\s*[\"'“”‘’«»(\[–—-]*\s*(\S+)")
_POSTAL_DISTRICT = re.compile(r"\b\d{4}[ \t]+[^\W\d_]+(?:[ \t]+[^\W\d_]+)?[ \t]+[^\W\d_]$")
_LOOKAHEAD = 200  # characters after a full stop searched for the next word
_ONE_LETTER_WORDS = frozenset("iIåøö")  # "enig i.", "ikke I.", "ved å.": words, not initials


class SentenceSegmenter:
    """Split a turn into sentences (the default passage unit)."""

    name: ClassVar[str] = "sentence.v1"

    def split(self, text: str, start: int, end: int) -> list[Span]:
        spans: list[Span] = []
        cursor = start
        for match in _CANDIDATE.finditer(text, start, end):
            cut = match.end()
            mark = match.start()
            if match.group().strip() and not self._ends_sentence(text, mark, cut, end, cursor):
                continue
            span = strip_span(text, cursor, cut)
            if span is not None:
                spans.append(span)
            cursor = cut
        tail = strip_span(text, cursor, end)
        if tail is not None:
            spans.append(tail)
        return spans

    @staticmethod
    def _ends_sentence(text: str, mark: int, cut: int, end: int, start: int = 0) -> bool:
        """Does the mark at ``mark`` end the sentence that began at ``start``?"""
        # A bounded window: on a long run of blanks the pattern backtracks quadratically
        # (100,000 spaces after a full stop took 89 s); 200 blanks end a sentence anyway.
        after = _NEXT_WORD.match(text, cut, min(end, cut + _LOOKAHEAD))
        if after is None:
            return True
        next_word = after.group(1)
        first = next_word[0]
        if first.islower():
            return False
        if text[mark] != ".":
            return True  # ! ? … followed by a capital or a digit
        if text[mark : mark + 2] == "..":
            return first.isupper()
        before = _WORD_BEFORE.search(text, max(0, mark - 40), mark + 1)
        if before is None:
            return True
        raw = before.group(1)
        word = raw.lower()
        if len(raw) > 1 and raw.isalpha() and raw.isupper():
            return first.isupper()  # an acronym: "KL.", "EU.", "GDPR."
        if word in INTERNAL:
            return False
        if word in TERMINAL:
            return first.isupper()
        if word.isdigit():
            # The line's start, looked for within the sentence and a bounded window.
            window = max(start, mark - _LOOKAHEAD)
            newline = text.rfind("\n", window, mark)
            line = newline + 1 if newline >= 0 else start if window == start else None
            if line is not None and not text[line : before.start(1)].strip():
                return False  # an item's number: "10. Bygnings- og jordforureningspulje"
            # "d. 20. januar", "den 3. maj", "2. th.": an ordinal, unless a capital follows.
            bare = next_word.rstrip(".,;:").lower()
            return first.isupper() and bare not in MONTHS and not first.isdigit()
        if len(word) == 1 and word.isalpha():
            if raw in _ONE_LETTER_WORDS:
                return first.isupper()
            # "8000 Aarhus C." ends; otherwise an initial ("J. Hansen") or "d." (dag) does not.
            return bool(_POSTAL_DISTRICT.search(text, max(0, mark - 40), mark))
        return True
