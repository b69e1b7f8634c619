"""Key points of a large consultation from a random sample of its answers.

Matching every answer needs every answer's e5 vector, and at 100k answers that pass alone
takes most of an hour on two cores. A reader of a consultation needs shares ("about 31 % of
the answers to question 4"), and a simple random sample of a few hundred answers per question
estimates a share to within a few points. So: draw a seeded sample per scope (a question),
find key points on the sample exactly as on a whole study, and report each key point's
prevalence as an estimate over the whole scope with a 95 % interval — the Wilson score
interval, narrowed by the finite-population correction. A scope no larger than the sample is
counted in full; its figure is exact and its interval is the point.

Pure: no store, no model; the batch job and the benchmark call it.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

from indsigt.coding.sampling import draw

# The sample per scope: the consultation batch draws at most this many answers per question
# (`bench/keypoints_100k.py --sample`), and `indsigt keypoints` matches a scope of more
# respondents on a sample of this many of them.
SAMPLE = 200

K = TypeVar("K", bound=Hashable)
T = TypeVar("T")

Z95 = 1.959963984540054


@dataclass(frozen=True)
class Share:
    """A key point's share of a scope, counted on a sample of it."""

    matched: int  # sampled items the key point matches
    sampled: int
    population: int  # items in the whole scope

    @property
    def exact(self) -> bool:
        return self.sampled >= self.population

    @property
    def share(self) -> float:
        return self.matched / self.sampled if self.sampled else 0.0

    def interval(self, z: float = Z95) -> tuple[float, float]:
        """The share's interval (Wilson score, finite-population corrected)."""
        if self.exact or not self.sampled:
            return (self.share, self.share)
        n, p = self.sampled, self.share
        correction = (self.population - n) / (self.population - 1)
        z2 = z * z * correction
        centre = (p + z2 / (2 * n)) / (1 + z2 / n)
        half = math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) * math.sqrt(z2) / (1 + z2 / n)
        return (max(0.0, centre - half), min(1.0, centre + half))

    def count(self, z: float = Z95) -> tuple[int, int, int]:
        """(estimate, low, high) of the items in the whole scope the key point matches."""
        low, high = self.interval(z)
        scale = self.population
        return (
            round(self.share * scale),
            max(self.matched, math.floor(low * scale)),
            min(scale - (self.sampled - self.matched), math.ceil(high * scale)),
        )


def draw_per_scope(
    scopes: Mapping[K, Sequence[T]], size: int, *, seed: int = 0
) -> dict[K, list[T]]:
    """At most ``size`` items of each scope, drawn at random without replacement (all of a
    scope that has no more), in their order; each scope draws with its own seed derived from
    ``seed`` and its position, so adding a scope does not change the others' samples."""
    if size < 1:
        raise ValueError("a sample per scope holds at least one item")
    return {
        key: draw(items, size, seed=seed * 1_000_003 + position)
        for position, (key, items) in enumerate(scopes.items())
    }
