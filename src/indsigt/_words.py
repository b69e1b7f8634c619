"""A tiny helper for word lists written as one block of text."""

from __future__ import annotations


def words(text: str) -> frozenset[str]:
    """The whitespace-separated words of ``text`` as a frozen set."""
    return frozenset(text.split())
