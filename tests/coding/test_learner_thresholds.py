"""How the learner tunes itself: inner folds that keep a document's units together, and per-label
thresholds that do not mark every unit where the scores carry little signal: a cut never marks
more than twice a label's true count out of fold (and κ, an option, gives nothing for marking
everything) (issue 20, stop 26)."""

from __future__ import annotations

import numpy as np
import pytest

from indsigt.coding.learner import (
    Learner,
    best_threshold,
    kappa_threshold,
    label_cut,
    prevalence_cut,
)

WORDS = [
    "plan",
    "budget",
    "borger",
    "data",
    "system",
    "leder",
    "strategi",
    "robot",
    "region",
    "kommune",
    "sag",
    "tid",
]


def _texts(size: int, seed: int) -> tuple[list[str], list[frozenset[str]]]:
    """Random texts: ``signal`` where "digital" occurs (40 %), ``noise`` at random (20 %)."""
    rng = np.random.default_rng(seed)
    texts, labels = [], []
    for _ in range(size):
        words = list(rng.choice(WORDS, size=8))
        found = set()
        if rng.random() < 0.4:
            words.append("digital")
            found.add("signal")
        if rng.random() < 0.2:
            found.add("noise")
        texts.append(" ".join(words))
        labels.append(frozenset(found))
    return texts, labels


@pytest.mark.slow  # fits a learner (several seconds on a loaded machine)
def test_inner_folds_never_split_a_document() -> None:
    texts, labels = _texts(120, seed=1)
    groups = [f"doc{k % 6}" for k in range(len(texts))]
    learner = Learner(c_grid=(1.0,), folds=4).fit(texts, labels, groups=groups)
    assert (learner.inner_folds >= 0).all() and len(set(learner.inner_folds)) == 4
    for document in set(groups):
        folds = {int(f) for f, g in zip(learner.inner_folds, groups, strict=True) if g == document}
        assert len(folds) == 1, document


def test_kappa_threshold_does_not_mark_everything_without_signal() -> None:
    scores = np.linspace(1.0, 0.0, 100)
    truth = np.zeros(100)
    truth[::7] = 1  # positives spread evenly: the scores say nothing
    threshold, f1 = best_threshold(scores, truth)
    assert (scores >= threshold).sum() >= 95 and f1 > 0.2  # F1's best cut: (nearly) all
    cut, kappa = kappa_threshold(scores, truth)
    assert kappa < 0.2 and (scores >= cut).sum() < 50


def test_kappa_threshold_with_signal_and_edge_cases() -> None:
    scores = np.array([0.9, 0.8, 0.7, 0.3, 0.2, 0.1])
    truth = np.array([1, 1, 0, 1, 0, 0])
    threshold, kappa = kappa_threshold(scores, truth)
    # Cutting at 0.8 and at 0.3 both give κ 2/3: the tie goes to marking fewer units.
    assert threshold == 0.8 and kappa == pytest.approx(2 / 3)
    longer = np.array([0.9, 0.8, 0.7, 0.6, 0.4, 0.3, 0.2, 0.1])
    assert kappa_threshold(longer, np.array([1, 1, 0, 1, 0, 0, 0, 0]))[0] == 0.6
    assert kappa_threshold(scores, np.zeros(6)) == (0.5, 0.0)
    assert kappa_threshold(scores, np.ones(6)) == (0.5, 0.0)
    # Equal scores are decided together.
    assert kappa_threshold(np.array([0.5, 0.5, 0.1]), np.array([1, 0, 0]))[0] == 0.5


def test_prevalence_cut() -> None:
    scores = np.linspace(1.0, 0.0, 100)
    truth = np.zeros(100)
    truth[::7] = 1  # 15 true
    cut = prevalence_cut(scores, truth, 2.0)
    assert (scores >= cut).sum() == 30
    assert prevalence_cut(scores, np.zeros(100), 2.0) == 1.0  # no true unit: at most one marked
    assert prevalence_cut(scores, truth, 10.0) == 0.0  # everything allowed


def test_label_cut_is_the_rule_raised_by_the_cap_or_one_half_without_a_cut() -> None:
    scores = np.linspace(1.0, 0.0, 100)
    truth = np.zeros(100)
    truth[::7] = 1  # no signal: the best-F1 cut marks nearly everything
    uncapped, f1 = label_cut(scores, truth, max_marked=None)
    assert (uncapped, f1) == best_threshold(scores, truth)
    capped, value = label_cut(scores, truth)
    assert value == f1 and capped == max(uncapped, prevalence_cut(scores, truth, 2.0))
    assert (scores >= capped).sum() == 30
    assert label_cut(scores, np.zeros(100)) == (0.5, 0.0)


@pytest.mark.slow  # fits three learners
def test_a_label_without_signal_is_not_given_to_every_unit() -> None:
    texts, labels = _texts(300, seed=2)
    groups = [f"doc{k % 6}" for k in range(len(texts))]
    unseen, truth = _texts(200, seed=3)
    marked = {}
    for name, options in {
        "f1": {"max_marked": None},  # as before stop 26
        "capped": {},  # the default: F1, at most twice the true count out of fold
        "kappa": {"threshold_by": "kappa", "max_marked": None},
    }.items():
        learner = Learner(c_grid=(0.3, 1.0), folds=3, **options)  # type: ignore[arg-type]
        learner.fit(texts, labels, groups=groups)
        found = learner.predict(unseen)
        marked[name] = sum("noise" in f for f in found)
        signal = sum(("signal" in f) == ("signal" in t) for f, t in zip(found, truth, strict=True))
        assert signal / len(unseen) > 0.9  # the learnable label is learnt either way
    true_noise = sum("noise" in t for t in truth)
    assert marked["f1"] > 2.5 * true_noise  # F1 alone: (nearly) every unit
    assert marked["capped"] <= 2.5 * true_noise
    assert marked["kappa"] < marked["f1"] / 2
    with pytest.raises(ValueError, match="threshold rule"):
        Learner(threshold_by="auc")
