"""Key points from statements and candidates: match, select, assign.

1. The matcher's ``pairs`` head scores every candidate against every statement of the scope.
2. :func:`~indsigt.analyse.keypoints.select.select_key_points` takes candidates greedily by
   coverage and drops redundant ones.
3. The ``set`` head scores the statements against the chosen key points only, and each
   statement goes to the one that expresses it best, among those that both heads match with
   it (at their thresholds): the ``set`` head alone, trained where nearly every argument has
   a key point, would give every statement one. A key point left with fewer than
   ``min_respondents`` respondents is dropped. A key point that states a figure matches only
   statements that state it too (:mod:`~indsigt.analyse.keypoints.numbers`).

With ``min_points`` (the study's key points ask for 2), a scope where fewer key points survive
the matcher's thresholds tries again with both heads' thresholds lowered together in
``steps`` equal steps down to the matcher's floors (``kpmatch.v2``: where the ArgKP dev pairs
still reach precision 0.60), and keeps the first result with ``min_points`` — or, failing
that, the one with most key points (the highest thresholds among equals; none at all: the
floor's). Every count of one
result rests on one pair of thresholds, which :class:`Draft` reports.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Required, TypedDict, Unpack

import numpy as np
from numpy.typing import NDArray

from indsigt.analyse.keypoints import numbers
from indsigt.analyse.keypoints.matcher import Matcher, Side, floor
from indsigt.analyse.keypoints.select import select_key_points
from indsigt.stagecall import forwards


@dataclass(frozen=True)
class Drafted:
    candidate: int  # index into the candidates
    text: str
    statements: tuple[int, ...]  # indices into the statements, best match first
    scores: tuple[float, ...]  # the set head's score of each
    respondents: frozenset[int]


@dataclass(frozen=True)
class Draft:
    """Drafted key points and the thresholds they were matched at."""

    points: tuple[Drafted, ...]
    thresholds: tuple[float, float]  # pairs, set
    relaxed: bool  # below the matcher's own thresholds (too few key points there)
    matched: int  # candidates whose matches reach ``min_respondents`` (pairs head)


class GenerateOptions(TypedDict, total=False):
    """What :func:`generate` passes on to :func:`draft` (the defaults are there)."""

    matcher: Required[Matcher]
    max_points: int
    min_respondents: int
    overlap: float
    own: Sequence[int] | None


def draft(
    statements: Side,
    respondents: Sequence[int],
    candidates: Side,
    *,
    matcher: Matcher,
    max_points: int = 6,
    min_respondents: int = 2,
    overlap: float = 0.5,
    min_points: int = 0,
    steps: int = 4,
    own: Sequence[int] | None = None,
) -> Draft:
    """:func:`generate` with the fallback to lower thresholds (module docstring); ``own``: the
    statement each candidate was taken from (:func:`select_key_points`)."""
    top = (matcher.threshold("pairs"), matcher.threshold("set"))
    if not candidates.texts or not statements.texts:
        return Draft((), top, False, 0)
    pairs = matcher.scores(statements, candidates, head="pairs").T
    # a key point's figure is its point: a statement with other figures, or none, is no match
    pairs = np.where(numbers.agree(candidates.texts, statements.texts), pairs, 0.0)
    low = (min(floor(matcher, "pairs"), top[0]), min(floor(matcher, "set"), top[1]))
    best: Draft | None = None
    for step in range(steps + 1 if min_points and low != top else 1):
        at = step / steps if steps else 0.0
        thresholds = (top[0] - at * (top[0] - low[0]), top[1] - at * (top[1] - low[1]))
        found = _at(
            statements,
            respondents,
            candidates,
            pairs,
            matcher,
            thresholds,
            max_points=max_points,
            min_respondents=min_respondents,
            overlap=overlap,
            own=own,
        )
        found = Draft(found.points, found.thresholds, step > 0, found.matched)
        # the most key points, at the highest thresholds among equals; none at all: the
        # floor's result, which says how far down the matcher looked
        if best is None or len(found.points) > len(best.points) or not best.points:
            best = found
        if len(found.points) >= min_points:
            return found
    assert best is not None
    return best


def generate(
    statements: Side,
    respondents: Sequence[int],
    candidates: Side,
    **options: Unpack[GenerateOptions],
) -> list[Drafted]:
    """Key points for the statements (see the module docstring), most widespread first."""
    return list(draft(statements, respondents, candidates, **options).points)


forwards(generate, draft, GenerateOptions)


def _at(
    statements: Side,
    respondents: Sequence[int],
    candidates: Side,
    pairs: NDArray[np.float64],
    matcher: Matcher,
    thresholds: tuple[float, float],
    *,
    max_points: int,
    min_respondents: int,
    overlap: float,
    own: Sequence[int] | None,
) -> Draft:
    """The key points at one pair of thresholds (pairs head, set head)."""
    who = np.asarray(respondents)
    matched = sum(
        1 for row in pairs if len(set(who[row >= thresholds[0]].tolist())) >= min_respondents
    )
    chosen = select_key_points(
        pairs,
        respondents,
        threshold=thresholds[0],
        max_points=max_points,
        min_respondents=min_respondents,
        overlap=overlap,
        own=own,
    )
    if not chosen:
        return Draft((), thresholds, False, matched)
    index = [s.candidate for s in chosen]
    points = Side(
        tuple(candidates.texts[i] for i in index),
        candidates.vectors[index],
        tuple(candidates.stems[i] for i in index),
    )
    both = pairs[index] >= thresholds[0]
    scores = np.where(both, matcher.scores(statements, points, head="set").T, 0.0)
    assigned = select_key_points(
        scores,
        respondents,
        threshold=thresholds[1],
        max_points=len(index),
        min_respondents=min_respondents,
        overlap=1.0,
        own=[own[i] for i in index] if own is not None else None,
    )
    drafted = tuple(
        Drafted(
            index[s.candidate],
            candidates.texts[index[s.candidate]],
            s.statements,
            tuple(float(scores[s.candidate, j]) for j in s.statements),
            s.respondents,
        )
        for s in assigned
    )
    return Draft(drafted, thresholds, False, matched)
