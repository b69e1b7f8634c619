"""Word tokens with offsets, and where sentences start: shared by the dictionary detectors."""

from __future__ import annotations

import re
from dataclasses import dataclass

from indsigt._words import words

_WORD = re.compile(r"[^\W\d_](?:[\w'’]|-(?=\w)|\.(?=[^\W\d_]\.))*\.?|\d+", re.UNICODE)
# A token after these starts a sentence (or a line, a turn, a quotation, a part of a headline
# set off by a spaced hyphen or slash: "Anlægsbevilling - Åben sag", "Spørgetid / Orientering").
_BOUNDARY = re.compile(r"[.!?:;…\"“”«»–—\n(\[]|\s[-/]\s")


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    text: str
    sentence_start: bool

    @property
    def capitalised(self) -> bool:
        return self.text[:1].isupper()


_last: tuple[str, list[Token]] = ("", [])


def tokenize(text: str) -> list[Token]:
    """Words (with inner hyphens and apostrophes) and numbers; ``sentence_start`` marks a word
    at the start of the text or after sentence-final punctuation, a colon, a dash (or a spaced
    hyphen or slash), a quote, a bracket, a line break or a number that starts a sentence
    itself. Abbreviations and initials keep their full stop ("ca.", "J.").

    The detectors tokenize the same text one after another, so the last text's tokens are
    kept (a copy of the list is returned; tokens are frozen)."""
    global _last
    last_text, last_tokens = _last
    if text == last_text and last_tokens:
        return list(last_tokens)
    tokens = _tokenize(text)
    _last = (text, tokens)
    return list(tokens)


def _tokenize(text: str) -> list[Token]:
    tokens: list[Token] = []
    previous_end = 0
    for match in _WORD.finditer(text):
        word, end = match.group(0), match.end()
        if word.endswith(".") and not is_abbreviation(word):
            word, end = word[:-1], end - 1
        gap = text[previous_end : match.start()]
        start = not tokens or _BOUNDARY.search(gap) is not None or _after_number(tokens)
        tokens.append(Token(match.start(), end, word, start))
        previous_end = end
    return tokens


def _after_number(tokens: list[Token]) -> bool:
    """The word after an item's number at the start of a line ("19 Endelig vedtagelse af …",
    "162 Forslag til …") starts its sentence as the number does."""
    last = tokens[-1]
    return last.sentence_start and last.text.isdigit()


_ABBREVIATIONS = words(
    "ca. dvs. bl.a. f.eks. mht. jf. hhv. mv. osv. evt. inkl. ekskl. nr. kl. pga. iflg. ift. "
    "dr. hr. fr. st. sct. skt. mr. mrs. ms. prof. vs. etc. e.g. i.e. t.ex. bl.a. m.fl. m.m. "
    "d. s. f. o.l. tlf. mfl. ass. adm. dir. eks. pkt. ang. vedr."
)


def is_abbreviation(word: str) -> bool:
    lowered = word.lower()
    if lowered in _ABBREVIATIONS:
        return True
    # Initials such as "J." or "H.C." belong to a name, not to the end of a sentence.
    return bool(re.fullmatch(r"(?:[^\W\d_]\.)+", word)) and len(word) <= 6
