"""The one seeded sample the review queue and the prevalence estimate draw with."""

from __future__ import annotations

import pytest

from indsigt.coding.sampling import draw


def test_seeded_in_input_order_without_replacement() -> None:
    items = list(range(100))
    first = draw(items, 10, seed=4)
    assert first == draw(items, 10, seed=4)
    assert first == sorted(first) and len(set(first)) == 10
    assert len({tuple(draw(items, 10, seed=seed)) for seed in range(5)}) > 1


def test_all_items_when_there_are_no_more() -> None:
    assert draw(["b", "a"], 5, seed=1) == ["b", "a"]
    assert draw([], 3) == []
    assert draw([1, 2, 3], 0) == []


def test_a_negative_size_is_refused() -> None:
    with pytest.raises(ValueError, match="sample size"):
        draw([1, 2], -1)
