"""Offsets through an edit: where a turn or passage boundary of the original text lands in the
anonymised text. A boundary inside a replaced span moves to the edge of its replacement, so a
passage that starts or ends inside a name covers the whole pseudonym, and a passage inside a
replaced span shrinks to it. Edits are ``(start, end, new_length)`` in the old text."""

from __future__ import annotations

import bisect
from collections.abc import Sequence

Change = tuple[int, int, int]


class Remap:
    def __init__(self, changes: Sequence[Change]) -> None:
        self.changes = sorted(changes)
        self.starts = [c[0] for c in self.changes]
        self.shifts: list[int] = []  # the total shift before change i
        shift = 0
        for start, end, length in self.changes:
            self.shifts.append(shift)
            shift += length - (end - start)

    def _locate(self, offset: int) -> tuple[int, Change | None]:
        """(shift of everything before ``offset``, the change strictly containing it)."""
        i = bisect.bisect_right(self.starts, offset) - 1
        if i < 0:
            return 0, None
        start, end, length = self.changes[i]
        if start < offset < end:
            return self.shifts[i], self.changes[i]
        if offset <= start:
            return self.shifts[i], None
        return self.shifts[i] + length - (end - start), None

    def start(self, offset: int) -> int:
        shift, inside = self._locate(offset)
        return (inside[0] if inside else offset) + shift

    def end(self, offset: int) -> int:
        shift, inside = self._locate(offset)
        if inside:
            return inside[0] + shift + inside[2]
        return offset + shift

    def span(self, start: int, end: int) -> tuple[int, int]:
        new_start, new_end = self.start(start), self.end(end)
        return new_start, max(new_start, new_end)

    def inverse(self) -> Remap:
        """The mapping from the new text back to the old one."""
        inverse: list[Change] = []
        for (start, end, length), shift in zip(self.changes, self.shifts, strict=True):
            inverse.append((start + shift, start + shift + length, end - start))
        return Remap(inverse)
