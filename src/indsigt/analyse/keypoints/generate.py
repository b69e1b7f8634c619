"""Key points from statements and candidates: match, select, assign.

1. The matcher's ``pairs`` head scores every candidate against every statement of the scope.
2. :func:`~indsigt.analyse.keypoints.select.select_key_points` takes candidates greedily by
   coverage and drops redundant ones.
3. The ``set`` head scores the statements against the chosen key points only, and each
   statement goes to the one that expresses it best, among those that both heads match with
   it (at their thresholds): the ``set`` head alone, trained where nearly every argument has
   a key point, would give every statement one. A key point left with fewer than
   ``min_respondents`` respondents is dropped.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from indsigt.analyse.keypoints.matcher import Matcher, Side
from indsigt.analyse.keypoints.select import select_key_points


@dataclass(frozen=True)
class Drafted:
    candidate: int  # index into the candidates
    text: str
    statements: tuple[int, ...]  # indices into the statements, best match first
    scores: tuple[float, ...]  # the set head's score of each
    respondents: frozenset[int]


def generate(
    statements: Side,
    respondents: Sequence[int],
    candidates: Side,
    *,
    matcher: Matcher,
    max_points: int = 6,
    min_respondents: int = 2,
    overlap: float = 0.5,
) -> list[Drafted]:
    """Key points for the statements (see the module docstring), most widespread first."""
    if not candidates.texts or not statements.texts:
        return []
    pairs = matcher.scores(statements, candidates, head="pairs").T
    chosen = select_key_points(
        pairs,
        respondents,
        threshold=matcher.threshold("pairs"),
        max_points=max_points,
        min_respondents=min_respondents,
        overlap=overlap,
    )
    if not chosen:
        return []
    index = [s.candidate for s in chosen]
    points = Side(
        tuple(candidates.texts[i] for i in index),
        candidates.vectors[index],
        tuple(candidates.stems[i] for i in index),
    )
    both = pairs[index] >= matcher.threshold("pairs")
    scores = np.where(both, matcher.scores(statements, points, head="set").T, 0.0)
    assigned = select_key_points(
        scores,
        respondents,
        threshold=matcher.threshold("set"),
        max_points=len(index),
        min_respondents=min_respondents,
        overlap=1.0,
    )
    return [
        Drafted(
            index[s.candidate],
            candidates.texts[index[s.candidate]],
            s.statements,
            tuple(float(scores[s.candidate, j]) for j in s.statements),
            s.respondents,
        )
        for s in assigned
    ]
