"""Progress reporting: library code calls a plain callback; the CLI draws the bar."""

from __future__ import annotations

from typing import Protocol


class Progress(Protocol):
    def __call__(self, done: int, total: int, what: str) -> None: ...


def no_progress(done: int, total: int, what: str) -> None:
    """The default: report nothing."""
