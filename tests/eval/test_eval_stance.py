"""Each ArgKP topic as one scope (``indsigt.eval.stance``): pairs across stances are
``opposite``, labelled pairs ``true``/``false``, and a study counts what both heads match."""

from __future__ import annotations

from typing import ClassVar

import numpy as np
from numpy.typing import NDArray

from indsigt.analyse.keypoints.matcher import Head, Side
from indsigt.eval.argkp import ArgKP, Group
from indsigt.eval.stance import score_topics


class _ByText:
    """Scores by hand: 0.9 when the statement's text starts with the point's first word."""

    name: ClassVar[str] = "by-text"

    def threshold(self, head: Head) -> float:
        return 0.5

    def scores(self, statements: Side, points: Side, *, head: Head) -> NDArray[np.float64]:
        return np.array(
            [
                [0.9 if s.split()[0].strip(",") == p.split()[0] else 0.1 for p in points.texts]
                for s in statements.texts
            ]
        )


def _data() -> ArgKP:
    arguments = {
        "a1": "cheap uniforms",
        "a2": "equal pupils",
        "a3": "cheap, no: costly",
        "a4": "free",
    }
    points = {"k1": "cheap", "k2": "equal", "k3": "costly"}
    groups = (
        Group("uniforms", -1, ("a1", "a2"), ("k1", "k2")),
        Group("uniforms", 1, ("a3", "a4"), ("k3",)),
    )
    labels = {("a1", "k1"): 1, ("a2", "k1"): 0, ("a4", "k3"): 0}
    topics = {key: "uniforms" for key in [*arguments, *points]}
    return ArgKP("dev", arguments, points, topics, labels, groups)


def test_pairs_across_stances_are_opposite_and_counted_when_both_heads_match() -> None:
    data = _data()
    vectors = {
        t: np.ones(2) / np.sqrt(2) for t in [*data.arguments.values(), *data.key_points.values()]
    }
    (topic,) = score_topics(_ByText(), data, vectors)
    assert topic.arguments == ("a1", "a2", "a3", "a4") and topic.key_points == ("k1", "k2", "k3")
    assert topic.kinds.tolist() == [
        ["true", "", "opposite"],
        ["false", "", "opposite"],
        ["opposite", "opposite", ""],
        ["opposite", "opposite", "false"],
    ]
    # "cheap, no: costly" is matched to "cheap", a key point of the other side: counted
    counted = topic.counted(_ByText())
    assert counted[0, 0] and counted[2, 0] and topic.kinds[2, 0] == "opposite"
    assert not counted[3].any()
