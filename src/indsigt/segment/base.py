"""Segmenters cut a turn into passages. A segmenter returns spans; it never copies text."""

from __future__ import annotations

from typing import ClassVar, Protocol

from indsigt.segment.marks import without_marks

Span = tuple[int, int]


class Segmenter(Protocol):
    name: ClassVar[str]

    def split(self, text: str, start: int, end: int) -> list[Span]:
        """Spans ``(s, e)`` with ``start <= s < e <= end`` covering the non-blank text of
        ``text[start:end]``, in order, without leading or trailing whitespace or time marks
        (``strip_span``)."""
        ...


def strip_span(text: str, start: int, end: int) -> Span | None:
    """Shrink a span to exclude surrounding whitespace and a transcriber's time marks
    ("#00:00:25-8#", "[00:05:12]": no speech); None if nothing is left."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    start, end, _, _ = without_marks(text, start, end)
    return (start, end) if start < end else None
