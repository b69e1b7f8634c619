"""Neighbour smoothing of a code's score (issue 20, stop 27): only over the units around one in
the same document, never for a unit without order, chosen by the inner cross-validation only
where it helps there, and the only way order changes the learner's predictions."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from indsigt.coding.context import Unit, ordered
from indsigt.coding.learner import Learner, cut_value
from indsigt.coding.smoothing import Neighbourhood, choose, order_of, smooth
from indsigt.coding.supervised import batches
from indsigt.eval.gold import GoldUnit
from indsigt.eval.units import units_of

WORDS = ["plan", "budget", "borger", "data", "system", "leder", "strategi", "region", "sag"]


def test_units_are_smoothed_only_with_their_own_documents_neighbours() -> None:
    # Two documents interleaved in the list; B has a gap at position 2.
    order = [("A", 0), ("B", 0), ("A", 1), ("B", 1), ("A", 2), ("B", 3)]
    scores = np.array([[1.0], [0.0], [0.0], [0.0], [0.0], [1.0]])
    out = smooth(scores, Neighbourhood(order), np.array([0.5]), np.array([1]))
    # A0: its one neighbour is A1 (0) → 0.5; B0: B1 (0) → 0; A1: A0 and A2 → 0.25;
    # B1: B0 only (B2 is absent) → 0; A2: A1 → 0; B3: no neighbour within ±1 → its own 1.
    assert out[:, 0].tolist() == [0.5, 0.0, 0.25, 0.0, 0.0, 1.0]
    wider = smooth(scores, Neighbourhood(order), np.array([0.5]), np.array([2]))
    assert wider[5, 0] == pytest.approx(0.5 * 1.0 + 0.5 * 0.0)  # B3 now sees B1
    assert wider[1, 0] == pytest.approx(0.0)  # never A's scores


def test_a_unit_without_order_is_left_alone() -> None:
    order = [("A", 0), ("", -1), ("A", 1), ("", -1)]
    scores = np.array([[0.9], [0.1], [0.1], [0.8]])
    out = smooth(scores, Neighbourhood(order), np.array([0.75]), np.array([3]))
    assert out[1, 0] == 0.1 and out[3, 0] == 0.8
    assert out[0, 0] == pytest.approx(0.25 * 0.9 + 0.75 * 0.1)
    assert order_of(["text", Unit("x"), Unit("y", document="D", position=4)]) == [
        ("", -1),
        ("", -1),
        ("D", 4),
    ]
    nothing = smooth(scores, Neighbourhood([("", -1)] * 4), np.array([0.75]), np.array([3]))
    assert np.array_equal(nothing, scores)


def _value(p: np.ndarray, y: np.ndarray) -> float:
    return cut_value(p, y)


def test_off_is_chosen_where_neighbours_carry_no_signal_and_on_where_they_do() -> None:
    rng = np.random.default_rng(0)
    size = 600
    order = [(f"d{k // 60}", k % 60) for k in range(size)]
    neighbourhood = Neighbourhood(order)
    # "alone": the truth is independent from unit to unit, and the unit's own score separates
    # it; "runs": the truth comes in runs of six units and the own score is weak.
    alone = rng.random(size) < 0.3
    runs = (np.arange(size) // 6) % 3 == 0
    truth = np.column_stack([alone, runs])
    scores = np.column_stack(
        [0.6 * alone + 0.4 * rng.random(size), 0.25 * runs + 0.75 * rng.random(size)]
    )
    for mode in ("label", "shared"):
        choice = choose(scores, truth, neighbourhood, _value, labels=["alone", "runs"], mode=mode)
        assert choice.weights[1] > 0 and choice.after[1] > choice.before[1]
        if mode == "label":
            assert choice.weights[0] == 0.0 and choice.widths[0] == 0
            assert choice.after[0] == choice.before[0] == pytest.approx(1.0)
            assert choice.after[1] > choice.before[1] + 0.1
        else:  # one (w, k) for both, worth it on the mean
            assert choice.weights[0] == choice.weights[1]
            assert np.mean(choice.after) > np.mean(choice.before)
    off = choose(scores, truth, neighbourhood, _value, labels=["alone", "runs"], mode="off")
    assert off.weights == (0.0, 0.0)
    unordered = Neighbourhood([("", -1)] * size)
    assert choose(scores, truth, unordered, _value, labels=["a", "r"]).weights == (0.0, 0.0)
    with pytest.raises(ValueError, match="smoothing"):
        choose(scores, truth, neighbourhood, _value, labels=["a", "r"], mode="always")


def _documents(count: int, seed: int) -> tuple[list[Unit], list[frozenset[str]], list[str]]:
    """Documents of 40 units whose code "topic" runs over six units at a time; a unit on the
    topic says "digital" half the time, one off it a tenth of the time."""
    rng = np.random.default_rng(seed)
    units, labels, groups = [], [], []
    for d in range(count):
        for k in range(40):
            on = (k // 6) % 3 == 0
            words = list(rng.choice(WORDS, size=6))
            if rng.random() < (0.5 if on else 0.1):
                words.append("digital")
            units.append(Unit(" ".join(words), document=f"doc{d}", position=k))
            labels.append(frozenset({"topic"} if on else set()))
            groups.append(f"doc{d}")
    return units, labels, groups


@pytest.mark.slow  # fits learners (seconds on a loaded machine)
def test_order_changes_the_predictions_only_through_the_smoothing() -> None:
    units, labels, groups = _documents(6, seed=1)
    learner = Learner(c_grid=(1.0,), folds=3).fit(units, labels, groups=groups)
    choice = learner.smoothing_choice
    assert choice is not None and choice.weights[0] > 0  # the runs make it worth it
    assert choice.after[0] > choice.before[0]
    assert choice.as_dict()["labels"]["topic"]["width"] == choice.widths[0]
    unseen, truth, _ = _documents(2, seed=2)
    plain = [replace(u, document="", position=-1) for u in unseen]
    raw = learner.probabilities(plain)
    with_order = learner.probabilities(unseen)
    assert not np.allclose(raw, with_order)
    assert np.allclose(with_order, learner.smoothed(raw, order_of(unseen)))
    assert learner.predict(unseen) == learner.decide(with_order)
    assert learner.predict(plain) == learner.decide(raw)
    hits = sum(
        ("topic" in f) == ("topic" in t)
        for f, t in zip(learner.predict(unseen), truth, strict=True)
    )
    plain_hits = sum(
        ("topic" in f) == ("topic" in t) for f, t in zip(learner.predict(plain), truth, strict=True)
    )
    assert hits > plain_hits
    # Without order at fit time, nothing is smoothed: order at prediction changes nothing.
    blind = Learner(c_grid=(1.0,), folds=3).fit(plain_units(units), labels, groups=groups)
    assert blind.smoothing_choice is None
    assert np.array_equal(blind.probabilities(unseen), blind.probabilities(plain))
    off = Learner(c_grid=(1.0,), folds=3, smoothing="off").fit(units, labels, groups=groups)
    assert off.smoothing_choice is not None and off.smoothing_choice.weights == (0.0,)
    assert off.predict(unseen) == off.predict(plain)
    with pytest.raises(ValueError, match="smoothing"):
        Learner(smoothing="sometimes")


def plain_units(units: list[Unit]) -> list[Unit]:
    return [replace(u, document="", position=-1) for u in units]


def test_gold_units_and_passages_carry_their_order() -> None:
    gold = [
        GoldUnit("P1:0", "a", "P1", frozenset(), position=0),
        GoldUnit("P1:1", "b", "P1", frozenset(), previous="P1:0", position=1),
        GoldUnit("q", "c", "G", frozenset()),
    ]
    units, _ = units_of(gold, ("question",), {})
    assert order_of(units) == [("P1", 0), ("P1", 1), ("", -1)]

    class Passage:
        def __init__(self, document_id: int, seq: int) -> None:
            self.text, self.document_id, self.seq = "x", document_id, seq

    assert order_of(ordered([Passage(7, 3), Passage(8, 0)])) == [("7", 3), ("8", 0)]


def test_coding_batches_do_not_split_a_document() -> None:
    documents = [1, 1, 1, 2, 2, 3, 3, 3, 3, 4]
    assert batches(documents, 2) == [(0, 3), (3, 5), (5, 9), (9, 10)]
    assert batches(documents, 100) == [(0, 10)]
    assert batches([], 5) == []
