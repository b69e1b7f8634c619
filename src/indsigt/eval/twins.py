"""Near-twin themes: pairs of themes a reader would take for one finding split in two.

Two counts, both defined apart from any way of making themes, so a method that merges themes
is measured by them rather than by its own rule:

- ``gold``: the two themes' members have the same most frequent human code, and their
  distributions over human codes are close (cosine of the count vectors ≥ :data:`GOLD_COSINE`):
  the coders saw one thing where the themes show two.
- ``e5``: the cosine of the two themes' centroids on the evaluation's vectors (the mean of the
  members' unit vectors) is at least :data:`E5_COSINE`, the 95th percentile of all theme pairs'
  centroid cosines in the five gold settings on main at stop 30 (``--embedder e5``; fixed
  then, so later runs are counted against the same line).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from itertools import combinations
from typing import Any

import numpy as np

GOLD_COSINE = 0.8
E5_COSINE = 0.9756  # 95th percentile of the 1,433 pairs of the five runs on main, stop 30


def twin_pairs(
    assignments: Sequence[int], vectors: np.ndarray, gold: Sequence[str | None]
) -> dict[str, Any]:
    """The twin counts of one run (``gold``: None for a unit without a human code) and every
    pair's centroid cosine (rounded, for the percentile the ``e5`` count is drawn at)."""
    themes = sorted({int(a) for a in assignments if a >= 0})
    centroids = _centroids(assignments, np.asarray(vectors, dtype=np.float64), themes)
    codes = sorted({g for g in gold if g is not None})
    counts = {t: Counter[str]() for t in themes}
    for a, g in zip(assignments, gold, strict=True):
        if a >= 0 and g is not None:
            counts[int(a)][g] += 1
    cosines: list[float] = []
    gold_twins = e5_twins = 0
    for i, j in combinations(range(len(themes)), 2):
        cosine = float(centroids[i] @ centroids[j])
        cosines.append(round(cosine, 4))
        e5_twins += cosine >= E5_COSINE
        gold_twins += _gold_twin(counts[themes[i]], counts[themes[j]], codes)
    return {
        "twins_gold": gold_twins,
        "twins_e5": e5_twins,
        "pairs": len(cosines),
        "pair_cosines": sorted(cosines),
    }


def _centroids(assignments: Sequence[int], vectors: np.ndarray, themes: list[int]) -> np.ndarray:
    units = vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)
    labels = np.asarray(assignments)
    rows = [units[labels == t].mean(axis=0) for t in themes]
    if not rows:
        return np.zeros((0, vectors.shape[1]))
    means = np.vstack(rows)
    return means / np.maximum(np.linalg.norm(means, axis=1, keepdims=True), 1e-12)  # type: ignore[no-any-return]


def _gold_twin(a: Counter[str], b: Counter[str], codes: list[str]) -> bool:
    """Same most frequent code (ties by name) and code distributions at cosine ≥ 0.8."""
    if not a or not b:
        return False
    if _top(a) != _top(b):
        return False
    x = np.array([a[c] for c in codes], dtype=np.float64)
    y = np.array([b[c] for c in codes], dtype=np.float64)
    return float(x @ y / (np.linalg.norm(x) * np.linalg.norm(y))) >= GOLD_COSINE


def _top(counts: Counter[str]) -> str:
    return min(counts, key=lambda c: (-counts[c], c))
