"""Progress reporting: library code calls a plain callback; the CLI draws the bar."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Protocol, TypeVar


class Progress(Protocol):
    def __call__(self, done: int, total: int, what: str) -> None: ...


def no_progress(done: int, total: int, what: str) -> None:
    """The default: report nothing."""


T = TypeVar("T")


def in_batches(
    items: Sequence[T], size: int, progress: Progress, what: str
) -> Iterator[tuple[int, Sequence[T]]]:
    """``items`` in slices of ``size``, each with its start; ``progress`` is told before each
    slice and once more when all are done."""
    for start in range(0, len(items), size):
        progress(start, len(items), what)
        yield start, items[start : start + size]
    progress(len(items), len(items), what)
