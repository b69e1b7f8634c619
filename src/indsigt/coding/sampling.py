"""The one seeded random sample of suggestions: the review queue's ``sample`` (``indsigt
codings --sample``, the web queue's ``?sample=``) and the prevalence estimate's sample of a
code's machine suggestions (:func:`indsigt.analyse.prevalence.sample_suggestions`) both draw
with it, so the same seed draws the same way everywhere."""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import TypeVar

T = TypeVar("T")


def draw(items: Sequence[T], size: int, *, seed: int = 0) -> list[T]:
    """``size`` of ``items`` drawn at random without replacement (all of them when there are
    no more), kept in the order ``items`` came in; the same ``seed`` draws the same ones."""
    if size < 0:
        raise ValueError("a sample size is a number from 0 up")
    if size >= len(items):
        return list(items)
    chosen = random.Random(seed).sample(range(len(items)), size)
    return [items[k] for k in sorted(chosen)]
