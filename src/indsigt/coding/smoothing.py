"""A code's score smoothed over the units around it in the same document.

Coded segments run over several turns: a unit next to units the coder scores high for a code
is more likely to carry it. Each label's calibrated score ``s_i`` becomes
``(1 − w)·s_i + w·mean(s_j)`` over the units ``j ≠ i`` of the same document whose position
lies within ``±k`` of unit ``i``'s (``w``, ``k`` per label, chosen by the learner on its inner
out-of-fold scores; ``w = 0``: off). A unit without order (position −1), or with no such
neighbour among the units scored together, keeps its own score. On pdpilot, smoothing stored
out-of-fold scores this way gave +0.006 to +0.020 κ (docs/benchmarks.md, stop 26).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from indsigt.coding.context import Unit

WEIGHTS = (0.0, 0.25, 0.5, 0.75)
WIDTHS = (1, 2, 3)
MODES = ("label", "shared", "off")  # a (w, k) per label, one for all labels, none

Order = list[tuple[str, int]]


def order_of(items: Sequence[object]) -> Order:
    """Each item's (document, position); ("", −1) for a text or a unit without order."""
    return [
        (item.document, item.position) if isinstance(item, Unit) and item.ordered else ("", -1)
        for item in items
    ]


class Neighbourhood:
    """Which units lie within ``±k`` positions of each other in the same document."""

    def __init__(self, order: Sequence[tuple[str, int]], *, widest: int = max(WIDTHS)) -> None:
        where = {(doc, pos): k for k, (doc, pos) in enumerate(order) if pos >= 0}
        self.size = len(order)
        self.ordered = bool(where)
        # offset d → index of the unit at position + d in the same document (−1: none)
        self._at: dict[int, np.ndarray] = {}
        for d in [*range(-widest, 0), *range(1, widest + 1)]:
            self._at[d] = np.array(
                [where.get((doc, pos + d), -1) if pos >= 0 else -1 for doc, pos in order],
                dtype=int,
            )

    def mean(self, scores: np.ndarray, width: int) -> np.ndarray:
        """``(n, labels)`` mean score of each unit's neighbours within ``±width``; a unit with
        none keeps its own score."""
        total = np.zeros_like(scores, dtype=float)
        count = np.zeros(self.size)
        for d, at in self._at.items():
            if abs(d) > width:
                continue
            present = at >= 0
            total[present] += scores[at[present]]
            count += present
        has = count > 0
        out = np.array(scores, dtype=float, copy=True)
        out[has] = total[has] / count[has, None]
        return out


def smooth(
    scores: np.ndarray,
    neighbourhood: Neighbourhood,
    weights: np.ndarray,
    widths: np.ndarray,
) -> np.ndarray:
    """``scores`` (units × labels) with column ``j`` smoothed by weight ``weights[j]`` over
    ``±widths[j]`` units."""
    out = np.array(scores, dtype=float, copy=True)
    if not neighbourhood.ordered or not np.any(weights > 0):
        return out
    for width in sorted({int(k) for k, w in zip(widths, weights, strict=True) if w > 0}):
        means = neighbourhood.mean(scores, width)
        columns = np.flatnonzero((weights > 0) & (widths == width))
        w = weights[columns]
        out[:, columns] = (1 - w) * scores[:, columns] + w * means[:, columns]
    return out


@dataclass(frozen=True)
class SmoothingChoice:
    """What the inner cross-validation chose: per label the weight and width (0 and 0: off),
    and the value of the label's cut rule on its out-of-fold scores without and with it."""

    mode: str
    labels: tuple[str, ...]
    weights: tuple[float, ...]
    widths: tuple[int, ...]
    before: tuple[float, ...]
    after: tuple[float, ...]

    def as_dict(self) -> dict[str, Any]:
        return {
            "mode": self.mode,
            "labels": {
                label: {
                    "weight": w,
                    "width": k,
                    "inner_cv_before": round(b, 4),
                    "inner_cv_after": round(a, 4),
                }
                for label, w, k, b, a in zip(
                    self.labels, self.weights, self.widths, self.before, self.after, strict=True
                )
            },
        }


def choose(
    probabilities: np.ndarray,
    truth: np.ndarray,
    neighbourhood: Neighbourhood,
    value: Callable[[np.ndarray, np.ndarray], float],
    *,
    labels: Sequence[str],
    mode: str = "label",
    weights: Sequence[float] = WEIGHTS,
    widths: Sequence[int] = WIDTHS,
    allowed: np.ndarray | None = None,
) -> SmoothingChoice:
    """The weight and width per label (``mode="label"``) or one pair for all (``"shared"``:
    the best mean value) that give the best ``value`` (the label's cut rule, measured at the
    cut it would choose) on these out-of-fold ``probabilities``; off unless it helps.
    ``allowed``: labels that may be smoothed (others stay off)."""
    if mode not in MODES:
        raise ValueError(f"unknown smoothing {mode!r} (use {', '.join(MODES)})")
    width_count = probabilities.shape[1]
    allow = np.ones(width_count, dtype=bool) if allowed is None else np.asarray(allowed, bool)
    before = [value(probabilities[:, j], truth[:, j]) for j in range(width_count)]
    options = [(w, k) for w in weights if w > 0 for k in widths]
    if mode == "off" or not neighbourhood.ordered or not options:
        zeros = tuple(0.0 for _ in range(width_count))
        return SmoothingChoice(
            mode, tuple(labels), zeros, tuple(0 for _ in zeros), tuple(before), tuple(before)
        )
    table: dict[tuple[float, int], list[float]] = {}
    for k in widths:
        means = neighbourhood.mean(probabilities, k)
        for w in (w for w in weights if w > 0):
            smoothed = (1 - w) * probabilities + w * means
            table[(w, k)] = [
                value(smoothed[:, j], truth[:, j]) if allow[j] else before[j]
                for j in range(width_count)
            ]
    chosen: list[tuple[float, int]] = []
    after: list[float] = []
    if mode == "shared":
        best = max(options, key=lambda o: float(np.mean(table[o])))
        helps = float(np.mean(table[best])) > float(np.mean(before)) + 1e-9
        for j in range(width_count):
            on = helps and bool(allow[j])
            chosen.append(best if on else (0.0, 0))
            after.append(table[best][j] if on else before[j])
    else:
        for j in range(width_count):
            best = max(options, key=lambda o: table[o][j])
            on = bool(allow[j]) and table[best][j] > before[j] + 1e-9
            chosen.append(best if on else (0.0, 0))
            after.append(table[best][j] if on else before[j])
    return SmoothingChoice(
        mode,
        tuple(labels),
        tuple(float(w) for w, _ in chosen),
        tuple(int(k) for _, k in chosen),
        tuple(before),
        tuple(after),
    )
