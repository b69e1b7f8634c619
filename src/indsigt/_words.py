"""Tiny helpers for words: word lists written as one block of text, text in capitals, and a
word as said."""

from __future__ import annotations

import re

_LETTERS = re.compile(r"[^\W\d_]{2,}")
SAID = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
"""A word as said: letters, with one apostrophe inside ("don't", "it’s"); no digits."""


def words(text: str) -> frozenset[str]:
    """The whitespace-separated words of ``text`` as a frozen set."""
    return frozenset(text.split())


def shouted(text: str) -> bool:
    """Is ``text`` written in capitals: three or more words in capitals, and 60 % of its words
    ("LUKKET PUNKT - ORIENTERING FRA BORGMESTEREN")? There a word in capitals is no acronym,
    and a label reads better in sentence case."""
    found = _LETTERS.findall(text)
    capitals: int = sum(w.isupper() for w in found)
    return capitals >= 3 and capitals >= 0.6 * len(found)
