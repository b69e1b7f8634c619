"""``in_batches``: the slices a coder works through, with progress before each and at the end."""

from __future__ import annotations

from indsigt.progress import in_batches


def test_in_batches_reports_before_each_slice_and_at_the_end() -> None:
    told: list[tuple[int, int, str]] = []
    slices = list(in_batches("abcde", 2, lambda d, t, w: told.append((d, t, w)), "x"))
    assert slices == [(0, "ab"), (2, "cd"), (4, "e")]
    assert told == [(0, 5, "x"), (2, 5, "x"), (4, 5, "x"), (5, 5, "x")]
    told.clear()
    assert list(in_batches([], 3, lambda d, t, w: told.append((d, t, w)), "y")) == []
    assert told == [(0, 0, "y")]
