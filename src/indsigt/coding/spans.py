"""A coding's span: a whole passage, or its own offsets into the document text.

A coding made from a selection keeps the selection's exact span (``coding.start`` /
``coding.end``, offsets into ``Document.text`` as everywhere). It is stored once, on the
passage the span starts in (its *anchor*), even when it ends in a later passage: a selection
over several sentences is one coding. A span that is exactly its one passage is stored as a
whole-passage coding (no offsets), which is what every coding without a span means.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from indsigt.errors import IndsigtError


class SpanError(IndsigtError):
    """A span that cannot be a coding; ``reason`` names the problem (no document text)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Bounds:
    """A passage's place in its document: ``id`` and ``[start, end)``."""

    id: int
    start: int
    end: int


@dataclass(frozen=True)
class Placed:
    """Where a span is stored: its anchor passage and its offsets (None: the whole passage)."""

    passage_id: int
    start: int | None
    end: int | None
    passage_ids: tuple[int, ...]  # every passage the span touches, in document order


def place_span(text: str, passages: Sequence[Bounds], start: int, end: int) -> Placed:
    """Where the span ``[start, end)`` of ``text`` is stored. Refused (:class:`SpanError`): an
    empty or inverted span, one outside the text, one of white space only, one that touches
    no passage (e.g. only the line break between two turns)."""
    if start < 0 or end > len(text):
        raise SpanError("outside")
    if end <= start:
        raise SpanError("empty")
    if not text[start:end].strip():
        raise SpanError("blank")
    touched = sorted(
        (p for p in passages if p.start < end and start < p.end and p.end > p.start),
        key=lambda p: (p.start, p.id),
    )
    if not touched:
        raise SpanError("no_passage")
    anchor = touched[0]
    ids = tuple(p.id for p in touched)
    if len(touched) == 1 and start <= anchor.start and anchor.end <= end:
        return Placed(anchor.id, None, None, ids)
    return Placed(anchor.id, start, end, ids)


def widen(old: tuple[int, int], new: tuple[int, int]) -> tuple[int, int]:
    """One span covering both: coding the same passage with the same code twice keeps one
    coding (one per passage, code and coder), over both selections."""
    return min(old[0], new[0]), max(old[1], new[1])


def span_of(start: int | None, end: int | None, passage: Bounds) -> tuple[int, int]:
    """A stored coding's span: its own offsets, else its passage's."""
    if start is None or end is None:
        return passage.start, passage.end
    return start, end
