"""Key point matching across stances on ArgKP: each topic as one scope, as a study's theme is.

ArgKP labels pairs within one (topic, stance) group only, so its standard evaluation never
shows a key point an argument of the other side. A study's statements say both "women can go
to the market alone" and "women don't". Here every argument of a topic (both stances; the
features are centred on all of them) meets every key point of it, and a pair is ``true``
(labelled as matching), ``false`` (labelled as not matching, same stance) or ``opposite``
(the argument's stance is not the key point's: never a match); unlabelled pairs of one stance
are ``""``. ``bench/keypoints_stance.py`` reports on it; the training script fits the stance
head on it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from indsigt.analyse.keypoints.matcher import Matcher, Side, side
from indsigt.eval.argkp import ArgKP, Group

Vectors = dict[str, NDArray[np.floating]]
KINDS = ("true", "false", "opposite")


@dataclass(frozen=True)
class Topic:
    """One topic as a scope: its arguments and key points of both stances, with their scores."""

    name: str
    arguments: tuple[str, ...]  # ids
    argument_stances: NDArray[np.int_]
    key_points: tuple[str, ...]  # ids
    key_point_stances: NDArray[np.int_]
    pairs: NDArray[np.float64]  # arguments × key points, pairs head
    own_set: NDArray[np.float64]  # set head, each key point among its own stance's
    full_set: NDArray[np.float64]  # set head, the key points of both stances as one set
    kinds: NDArray[np.str_]  # each pair's kind (module docstring)

    def counted(self, matcher: Matcher) -> NDArray[np.bool_]:
        """The pairs a study would count: both heads at their thresholds (the set being
        the key points of one stance: the study chose none of the other side)."""
        return (self.pairs >= matcher.threshold("pairs")) & (
            self.own_set >= matcher.threshold("set")
        )


def topics_of(data: ArgKP) -> dict[str, list[Group]]:
    """The (topic, stance) groups of each topic."""
    found: dict[str, list[Group]] = {}
    for group in data.groups:
        found.setdefault(group.topic, []).append(group)
    return found


def sides(
    data: ArgKP, arguments: Sequence[str], key_points: Sequence[str], vectors: Vectors
) -> tuple[Side, Side]:
    """Arguments and key points (by id) as matcher sides."""
    return _side(arguments, data.arguments, vectors), _side(key_points, data.key_points, vectors)


def _side(ids: Sequence[str], texts: dict[str, str], vectors: Vectors) -> Side:
    found = [texts[i] for i in ids]
    return side(found, np.array([vectors[t] for t in found]), "en")


def score_topic(matcher: Matcher, data: ArgKP, groups: list[Group], vectors: Vectors) -> Topic:
    """Every argument of the topic against every key point of it (module docstring)."""
    args = [a for g in groups for a in g.arguments]
    kps = [k for g in groups for k in g.key_points]
    arg_stance = np.array([g.stance for g in groups for _ in g.arguments])
    kp_stance = np.array([g.stance for g in groups for _ in g.key_points])
    statements, points = sides(data, args, kps, vectors)
    own = np.zeros((len(args), len(kps)))
    for stance in np.unique(kp_stance):
        cols = np.flatnonzero(kp_stance == stance)
        part = _side([kps[c] for c in cols], data.key_points, vectors)
        own[:, cols] = matcher.scores(statements, part, head="set")
    return Topic(
        groups[0].topic,
        tuple(args),
        arg_stance,
        tuple(kps),
        kp_stance,
        matcher.scores(statements, points, head="pairs"),
        own,
        matcher.scores(statements, points, head="set"),
        _kinds(data, args, kps, arg_stance, kp_stance),
    )


def score_topics(matcher: Matcher, data: ArgKP, vectors: Vectors) -> list[Topic]:
    return [score_topic(matcher, data, groups, vectors) for groups in topics_of(data).values()]


def _kinds(
    data: ArgKP,
    args: Sequence[str],
    kps: Sequence[str],
    arg_stance: NDArray[np.int_],
    kp_stance: NDArray[np.int_],
) -> NDArray[np.str_]:
    found = np.full((len(args), len(kps)), "", dtype="<U8")
    found[arg_stance[:, None] != kp_stance[None, :]] = "opposite"
    for i, arg in enumerate(args):
        for j, kp in enumerate(kps):
            label = data.labels.get((arg, kp))
            if label is not None and not found[i, j]:
                found[i, j] = "true" if label else "false"
    return found
