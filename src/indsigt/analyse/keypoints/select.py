"""Choosing key points from matched candidates: greedy by coverage, redundant ones dropped.

Input is a score matrix (candidates × statements) from a matcher, the matcher's threshold, and
who said each statement. A candidate *matches* the statements it scores at or above the
threshold. Candidates are taken in order of coverage (respondents, then statements, then mean
score); one is dropped as redundant when its matched statements and a chosen key point's
overlap by more than ``overlap`` of the smaller set (it matches most of the other's
statements, or the other matches most of its). Each statement then goes to the chosen key
point that scores it highest, and a key point left with fewer than ``min_respondents``
respondents is dropped. Pure numpy: no store, no model.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray


@dataclass(frozen=True)
class Selected:
    candidate: int  # row of the score matrix
    statements: tuple[int, ...]  # columns assigned to it, best score first
    respondents: frozenset[int]


def select_key_points(
    scores: NDArray[np.floating],
    respondents: Sequence[int],
    *,
    threshold: float,
    max_points: int = 6,
    min_respondents: int = 2,
    overlap: float = 0.5,
    own: Sequence[int] | None = None,
) -> list[Selected]:
    """Key points among the rows of ``scores`` (see the module docstring), most widespread
    first. ``respondents[j]`` is who said statement ``j``; ``own[i]``, where given and not
    negative, the statement candidate ``i`` was taken from, which it matches and keeps: a key
    point always counts its own speaker (GENNOVATE's "Educated people have higher IQ …" went to
    two groups that never said it, its own group's statement to another key point)."""
    matrix = np.array(scores, dtype=np.float64)
    if matrix.ndim != 2 or matrix.shape[1] != len(respondents):
        raise ValueError("scores must be candidates × statements, one respondent per statement")
    if matrix.size == 0:
        return []
    above = max(1.0, float(matrix.max())) + 1.0  # above every score of every candidate
    for i, j in enumerate(own or ()):
        if j >= 0:
            matrix[i, j] = above
    matched = [np.flatnonzero(row >= threshold) for row in matrix]
    who = np.asarray(respondents)

    def coverage(i: int) -> tuple[int, int, float]:
        cols = matched[i]
        mean = float(matrix[i, cols].mean()) if len(cols) else 0.0
        return (len(set(who[cols].tolist())), len(cols), mean)

    covered = {i: coverage(i) for i in range(len(matrix))}
    order = sorted(covered, key=lambda i: (-covered[i][0], -covered[i][1], -covered[i][2], i))
    chosen: list[int] = []
    for i in order:
        if len(chosen) == max_points:
            break
        if covered[i][0] < min_respondents:
            break  # the rest cover fewer still
        mine = set(matched[i].tolist())
        if any(_redundant(mine, set(matched[k].tolist()), overlap) for k in chosen):
            continue
        chosen.append(i)
    return _assign(matrix, who, chosen, threshold, min_respondents)


def _redundant(a: set[int], b: set[int], overlap: float) -> bool:
    smaller = min(len(a), len(b))
    return smaller > 0 and len(a & b) / smaller > overlap


def _assign(
    matrix: NDArray[np.float64],
    who: NDArray[np.int_],
    chosen: list[int],
    threshold: float,
    min_respondents: int,
) -> list[Selected]:
    """Each statement to its best chosen key point (at or above the threshold); again until
    every key point left keeps ``min_respondents``."""
    while chosen:
        sub = matrix[chosen]
        best = sub.argmax(axis=0)
        ok = sub.max(axis=0) >= threshold
        groups = [np.flatnonzero(ok & (best == n)) for n in range(len(chosen))]
        keep = [
            n for n, cols in enumerate(groups) if len(set(who[cols].tolist())) >= min_respondents
        ]
        if len(keep) == len(chosen):
            result = []
            for n, i in enumerate(chosen):
                cols = groups[n][np.argsort(-sub[n, groups[n]], kind="stable")]
                result.append(
                    Selected(i, tuple(int(c) for c in cols), frozenset(who[cols].tolist()))
                )
            return sorted(result, key=lambda s: (-len(s.respondents), -len(s.statements)))
        chosen = [chosen[n] for n in keep]
    return []
