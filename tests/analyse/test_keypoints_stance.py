"""The stance gate of the matching model (``kpmatch.v2``): a statement arguing the opposite of a
key point is not counted for it. ArgKP labels pairs within one stance only; the GENNOVATE study
counted "Yes, a young woman can walk comfortably alone to the market" for "Women usually don't
go to the market alone to buy."."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from conftest import shared
from indsigt.analyse.keypoints.features import STANCE_FEATURES, centred_product
from indsigt.analyse.keypoints.matcher import (
    LinearHead,
    PairMatcher,
    read_heads,
    side,
    write_heads,
)

DIM = 4


def _stance(coef: list[float], threshold: float = 0.5) -> LinearHead:
    return LinearHead(
        STANCE_FEATURES,
        np.zeros(DIM),
        np.ones(DIM),
        np.array(coef, dtype=np.float64),
        0.0,
        threshold,
    )


def _similarity() -> dict[str, LinearHead]:
    shipped = PairMatcher.load().heads
    return {head: shipped[head] for head in ("pairs", "set")}


def _sides() -> tuple:  # type: ignore[type-arg]
    statements = np.array(
        [[1.0, 0.2, 0.0, 0.0], [-1.0, 0.2, 0.0, 0.0], [0.0, 0.0, 1.0, 0.0], [0.0, 0.0, 0.0, 1.0]]
    )
    statements /= np.linalg.norm(statements, axis=1, keepdims=True)
    texts = ["agrees", "argues the opposite", "other", "another"]
    return side(texts, statements, "en"), side(["agrees"], statements[:1], "en")


def test_the_stance_head_gates_the_pairs_head_and_not_the_set_head() -> None:
    statements, points = _sides()
    plain = PairMatcher(_similarity())
    # a head that reads the first centred dimension: the same sign agrees, the other does not
    gated = PairMatcher({**_similarity(), "stance": _stance([5.0, 0.0, 0.0, 0.0])})
    agrees = gated.agrees(statements, points)[:, 0]
    assert agrees[0] and not agrees[1]
    pairs, before = (
        gated.scores(statements, points, head="pairs"),
        plain.scores(statements, points, head="pairs"),
    )
    assert pairs[1, 0] == 0.0 < before[1, 0]
    assert np.array_equal(pairs[agrees], before[agrees])
    assert np.array_equal(
        gated.scores(statements, points, head="set"), plain.scores(statements, points, head="set")
    )


def test_a_key_point_always_agrees_with_its_own_text() -> None:
    statements, points = _sides()
    never = PairMatcher({**_similarity(), "stance": _stance([0.0] * DIM, threshold=0.99)})
    assert never.agrees(statements, points)[:, 0].tolist() == [True, False, False, False]


def test_the_bilinear_gate_is_the_head_over_the_centred_product() -> None:
    """What the training script fits (features per pair) is what inference computes (a
    bilinear form, no statements × points × dimensions array)."""
    rng = np.random.default_rng(0)
    u, v = rng.normal(size=(7, DIM)), rng.normal(size=(3, DIM))
    u /= np.linalg.norm(u, axis=1, keepdims=True)
    v /= np.linalg.norm(v, axis=1, keepdims=True)
    head = LinearHead(
        STANCE_FEATURES,
        rng.normal(size=DIM),
        rng.uniform(0.5, 2, DIM),
        rng.normal(size=DIM),
        0.1,
        0.5,
    )
    matcher = PairMatcher({**_similarity(), "stance": head})
    statements = side([f"s{i}" for i in range(7)], u, "en")
    points = side([f"p{j}" for j in range(3)], v, "en")
    explicit = head(centred_product(u, v)).reshape(7, 3) >= 0.5
    assert np.array_equal(matcher.agrees(statements, points), explicit)


def test_a_model_without_a_stance_head_gates_nothing(tmp_path: Path) -> None:
    path = tmp_path / "kpmatch.v1.npz"
    write_heads(str(path), _similarity())
    assert set(read_heads(str(path))) == {"pairs", "set"}
    statements, points = _sides()
    assert PairMatcher.load(str(path)).agrees(statements, points).all()
    written = tmp_path / "with.npz"
    write_heads(str(written), {**_similarity(), "stance": _stance([1.0, 0.0, 0.0, 0.0])})
    assert read_heads(str(written))["stance"].coef.tolist() == [1.0, 0.0, 0.0, 0.0]


@pytest.mark.slow  # e5 on ArgKP's 968 dev texts
def test_the_shipped_gate_drops_opposite_stance_matches_on_unseen_topics() -> None:
    """ArgKP dev topics (unseen in training), each topic one scope with both stances'
    arguments: of the pairs both heads count, the gate removes at least a third of the other
    stance's arguments and keeps at least 90 % of the true matches."""
    from indsigt.embed import get_embedder
    from indsigt.eval.argkp import read_argkp
    from indsigt.eval.stance import score_topics

    data = read_argkp(shared("argkp-2021"), "dev")
    texts = list(dict.fromkeys([*data.arguments.values(), *data.key_points.values()]))
    vectors = dict(zip(texts, get_embedder("e5").embed(texts), strict=True))
    shipped = PairMatcher.load()
    counts = {}
    for name, matcher in (("gated", shipped), ("plain", PairMatcher(_similarity()))):
        counted = {"true": 0, "opposite": 0}
        for topic in score_topics(matcher, data, vectors):
            both = topic.counted(matcher)
            for kind in counted:
                counted[kind] += int(both[topic.kinds == kind].sum())
        counts[name] = counted
    assert counts["gated"]["opposite"] <= counts["plain"]["opposite"] * 2 / 3, counts
    assert counts["gated"]["true"] >= counts["plain"]["true"] * 0.9, counts
