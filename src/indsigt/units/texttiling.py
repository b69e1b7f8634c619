"""Statements: a respondent turn's passages grouped into idea units.

Within one turn, the substantive passages are split where their topic shifts, TextTiling-style
(Hearst 1997) on sentence vectors:

- the similarity at each gap is the cosine between the mean vector of up to ``window``
  sentences before it and of up to ``window`` after it;
- a gap's depth is how far that similarity lies below the nearest peaks on either side;
- a gap is a boundary when its depth reaches the document's cutoff (mean − σ/2 of all its
  depths, Hearst's liberal cutoff, by default) and both sides hold ``min_words``;
- a group longer than ``max_words`` is cut at its deepest gap (recursively) whatever the cutoff.

Conversational passages stay marked and join the statement before them (a turn's opening run
joins the first statement: coders code "Yeah. We use PDP plots …" as one answer); a turn with
no substantive passage is one statement, not substantive.

Everything here works on lists and vectors; :mod:`indsigt.units.study` reads and writes the
records.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray


@dataclass(frozen=True)
class Span:
    """Passages ``first..last`` (indices into the turn's passages, inclusive)."""

    first: int
    last: int
    substantive: bool


def gap_depths(vectors: NDArray[np.floating], *, window: int = 2) -> list[float]:
    """The TextTiling depth of each gap between consecutive rows of ``vectors``."""
    n = len(vectors)
    if n < 2:
        return []
    rows = np.asarray(vectors, dtype=np.float64)
    sims = []
    for gap in range(n - 1):
        left = rows[max(0, gap - window + 1) : gap + 1].mean(axis=0)
        right = rows[gap + 1 : gap + 1 + window].mean(axis=0)
        norm = float(np.linalg.norm(left) * np.linalg.norm(right)) or 1.0
        sims.append(float(left @ right) / norm)
    depths = []
    for k, sim in enumerate(sims):
        left_peak = sim
        for j in range(k - 1, -1, -1):
            if sims[j] < left_peak:
                break
            left_peak = sims[j]
        right_peak = sim
        for j in range(k + 1, len(sims)):
            if sims[j] < right_peak:
                break
            right_peak = sims[j]
        depths.append((left_peak - sim) + (right_peak - sim))
    return depths


def cutoff(depths: Sequence[float], *, sd: float = -0.5) -> float:
    """The depth a boundary needs: mean + ``sd`` · σ of ``depths`` (Hearst: σ/2 below)."""
    if not depths:
        return float("inf")
    values = np.asarray(depths, dtype=np.float64)
    return float(values.mean() + sd * values.std())


def split_turn(
    substantive: Sequence[bool],
    words: Sequence[int],
    depths: Sequence[float],
    *,
    threshold: float,
    min_words: int = 20,
    max_words: int = 120,
    attach: bool = True,
) -> list[Span]:
    """Statements of one turn. ``substantive`` and ``words`` have one entry per passage;
    ``depths`` one per gap between consecutive *substantive* passages (see
    :func:`gap_depths` on their vectors). With ``attach``, conversational passages join the
    neighbouring statement of their turn; else they are statements of their own."""
    core = [i for i, keep in enumerate(substantive) if keep]
    if len(depths) != max(0, len(core) - 1):
        raise ValueError("one depth per gap between substantive passages is needed")
    if not core:
        return [Span(0, len(substantive) - 1, False)] if substantive else []
    # Words of each substantive passage with the conversational ones just before it.
    weight = [words[i] for i in core]
    groups: list[tuple[int, int]] = []  # ranges over ``core``, inclusive

    def divide(lo: int, hi: int) -> None:
        total = sum(weight[lo : hi + 1]) + sum(
            words[j] for j in range(core[lo], core[hi] + 1) if not substantive[j]
        )
        gaps = range(lo, hi)  # gap g lies between core[g] and core[g + 1]
        balanced = [
            g
            for g in gaps
            if sum(weight[lo : g + 1]) >= min_words and sum(weight[g + 1 : hi + 1]) >= min_words
        ]
        if total > max_words and hi > lo:
            pool = balanced or list(gaps)
        else:
            pool = [g for g in balanced if depths[g] >= threshold]
        if not pool:
            groups.append((lo, hi))
            return
        best = max(pool, key=lambda g: (depths[g], -abs((g - lo) - (hi - g - 1))))
        divide(lo, best)
        divide(best + 1, hi)

    divide(0, len(core) - 1)
    spans: list[Span] = []
    cursor = 0
    for lo, hi in groups:
        first, last = core[lo], core[hi]
        if first > cursor:
            spans.append(Span(cursor, first - 1, False))
        spans.append(Span(first, last, True))
        cursor = last + 1
    if cursor < len(substantive):
        spans.append(Span(cursor, len(substantive) - 1, False))
    return join_talk(spans) if attach else spans


def join_talk(spans: list[Span]) -> list[Span]:
    """Conversational runs joined to the statement before them (a turn's opening run to the
    one after it): "Yeah. We use PDP plots …" is one statement, its "Yeah." still marked."""
    merged: list[Span] = []
    for span in spans:
        if merged and (not span.substantive or not merged[-1].substantive):
            previous = merged.pop()
            span = Span(previous.first, span.last, previous.substantive or span.substantive)
        merged.append(span)
    return merged
