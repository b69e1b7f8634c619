"""The factorised multi-label coder: P(topic) × P(stance | text, topic) blended with the
direct child models, a child never without its topic's support (issue 20, GENNOVATE)."""

from __future__ import annotations

import numpy as np
import pytest

from indsigt.coding.facets import Facet, detect_facet
from indsigt.coding.learner import Learner

TOPICS = {"LAND": "land", "MARKET": "market", "SCHOOL": "school", "MONEY": "money"}
STANCES = {"C": "agree", "O": "disagree"}


def _unit(rng: np.random.Generator, words: list[str]) -> str:
    noise = [f"w{rng.integers(300)}" for _ in range(5)]
    return " ".join(rng.permutation([*words, *noise]).tolist())


def _data(seed: int = 0) -> tuple[list[str], list[frozenset[str]], list[str]]:
    """Units on a topic with a stance (MONEY_O rare: 3 examples), and units on nothing."""
    rng = np.random.default_rng(seed)
    texts, labels, groups = [], [], []
    for topic, topic_word in TOPICS.items():
        for stance, stance_word in STANCES.items():
            count = 3 if (topic, stance) == ("MONEY", "O") else 18
            for _ in range(count):
                texts.append(_unit(rng, [topic_word, stance_word]))
                labels.append(frozenset({f"{topic}_{stance}"}))
    for _ in range(40):
        texts.append(_unit(rng, []))
        labels.append(frozenset())
    groups = [f"doc{k % 6}" for k in range(len(texts))]
    return texts, labels, groups


def _facet() -> Facet:
    facet = detect_facet({f"{t}_{s}": t for t in TOPICS for s in STANCES})
    assert facet is not None
    return facet


def test_the_facet_of_the_synthetic_codebook() -> None:
    facet = _facet()
    assert facet.values == ("c", "o") and len(facet.topics) == 4


@pytest.mark.slow  # a multi-label fit with 3 inner folds, topic and stance models
def test_factorised_coder_learns_a_rare_child_and_keeps_children_under_their_topic() -> None:
    texts, labels, groups = _data()
    learner = Learner(features=("word",), folds=3, facet=_facet())
    learner.fit(texts, labels, groups=groups)
    factor = learner.facet_learner
    assert factor is not None and factor.choice is not None
    assert factor.choice.mode in ("pooled", "topic") and 0 <= factor.choice.weight <= 1
    # modes × gates × (the direct model alone, or 4 weights × 5 prior weights × restricted or
    # not): all measured.
    assert len(factor.choice.scores) == 2 * 2 * (1 + 4 * 5 * 2)

    rng = np.random.default_rng(1)
    rare = [_unit(rng, ["money", "disagree"]) for _ in range(20)]
    found = learner.predict(rare)
    assert sum("MONEY_O" in codes for codes in found) >= 14

    # Consistency: no faceted child where its topic lacks support, and none on no topic.
    probe = [_unit(rng, [w, s]) for w in [*TOPICS.values(), "nothing"] for s in STANCES.values()]
    probe += [_unit(rng, []) for _ in range(10)]
    x = learner.matrix(probe)
    topics = factor.topic_probabilities(x)
    decided = learner.predict(probe)
    gates = [factor.choice.gate * threshold for _, _, threshold in factor._calibration]
    for row, codes in enumerate(decided):
        for code in codes:
            t = factor.topics.index(code.split("_")[0])
            assert topics[row, t] >= gates[t], (probe[row], code)
    assert not any(decided[-10:])  # units on no topic get no child


@pytest.mark.slow
def test_without_a_facet_or_stances_the_learner_is_the_direct_one() -> None:
    texts, labels, groups = _data()
    plain = Learner(features=("word",), folds=3).fit(texts, labels, groups=groups)
    assert plain.facet_learner is None
    # A facet whose codes carry one stance only has nothing to factorise: left out.
    one_stance = [frozenset(c for c in row if c.endswith("_C")) for row in labels]
    learner = Learner(features=("word",), folds=3, facet=_facet())
    learner.fit(texts, one_stance, groups=groups)
    assert learner.facet_learner is None


@pytest.mark.slow  # a multi-label fit with 3 inner folds
def test_a_faceted_code_without_signal_is_capped_like_the_direct_ones() -> None:
    """The faceted codes' thresholds follow the learner's rule: never more than ``max_marked``
    times the true count out of fold (they were the best-F1 cut alone, which gives a code
    without signal to every unit of its topic)."""
    texts, labels, groups = _data()
    rng = np.random.default_rng(5)
    noisy = []
    for text, row in zip(texts, labels, strict=True):
        row = frozenset(c for c in row if c != "LAND_O")
        if "land" in text.split() and rng.random() < 0.3:  # LAND_O: the topic, no stance
            row |= {"LAND_O"}
        noisy.append(row)
    learner = Learner(features=("word",), folds=3, facet=_facet(), max_marked=1.5)
    learner.fit(texts, noisy, groups=groups)
    factor = learner.facet_learner
    assert factor is not None
    j = learner.labels.index("LAND_O")
    truth = np.array(["LAND_O" in row for row in noisy])
    marked = int((factor.out_of_fold[:, j] >= factor.thresholds[j]).sum())
    assert 0 < marked <= 1.5 * truth.sum() + 1


def test_a_topic_seen_with_one_stance_gives_it_probability_one() -> None:
    """The stance prior per topic (stop 27): restricted to the values seen under a topic, a
    topic coded with one stance only gives that stance P = 1 whatever the pooled model says;
    other topics keep the model's distribution; weight 0 without the restriction: unchanged."""
    from indsigt.coding.factorised import stance_counts, with_prior

    # (unit, topic, value): topic 0 coded c and o, topic 1 only o, topic 2 never.
    pairs = np.array([(0, 0, 0), (1, 0, 1), (2, 0, 1), (3, 1, 1), (4, 1, 1)])
    counts = stance_counts(pairs, 3, 2)
    assert counts.tolist() == [[1, 2], [0, 2], [0, 0]]
    model = np.array([[[0.7, 0.3], [0.9, 0.1], [0.6, 0.4]]])  # the pooled model's guesses
    restricted = with_prior(model, counts, weight=0.0, restrict=True)
    assert restricted[0, 1].tolist() == [0.0, 1.0]  # single-stance topic: its stance, P = 1
    np.testing.assert_allclose(restricted[0, 0], model[0, 0])
    np.testing.assert_allclose(restricted[0, 2], model[0, 2])  # no examples: nothing to restrict
    assert with_prior(model, counts, weight=0.0, restrict=False) is model  # today's scores
    # The prior alone: the topic's distribution, smoothed towards the pooled one (1 c : 4 o).
    prior = with_prior(model, counts, weight=1.0, restrict=False)
    np.testing.assert_allclose(prior[0, 0], [(1 + 0.2) / 4, (2 + 0.8) / 4])
    np.testing.assert_allclose(prior[0, 2], [0.2, 0.8])
    np.testing.assert_allclose(prior.sum(axis=2), 1.0)


def _single_stance_data() -> tuple[np.ndarray, list[frozenset[str]]]:
    """Dense features: a column per topic word and per stance word, plus noise. Topic MONEY is
    coded MONEY_C only — though half its units use the word of disagreement."""
    rng = np.random.default_rng(3)
    topics, stances = list(TOPICS), ["C", "O"]
    rows, labels = [], []
    for t, topic in enumerate(topics):
        for s, stance in enumerate(stances):
            for _ in range(5 if topic == "MONEY" else 15):
                x = rng.normal(0, 0.3, len(topics) + len(stances) + 4)
                x[t] += 2.0
                x[len(topics) + s] += 2.0
                rows.append(x)
                labels.append(frozenset({f"{topic}_{'C' if topic == 'MONEY' else stance}"}))
    for _ in range(30):
        rows.append(rng.normal(0, 0.3, len(topics) + len(stances) + 4))
        labels.append(frozenset())
    return np.array(rows), labels


@pytest.mark.slow  # topic SVMs and stance models over 3 folds
def test_the_factorised_score_of_a_single_stance_topic_is_its_topic_probability() -> None:
    """On synthetic data where topic MONEY is only ever coded Confirming, the pooled stance model
    reads "disagree" in half its units; with the restriction the factorised MONEY_C score is
    P(topic) on every MONEY unit — without it, it follows the pooled model's wrong guess."""
    from indsigt.coding.factorised import FacetLearner
    from indsigt.coding.learner import folds_of

    x, labels = _single_stance_data()
    names = sorted({code for row in labels for code in row})
    groups = [f"doc{k % 5}" for k in range(len(labels))]
    direct = np.array([[code in row for code in names] for row in labels], dtype=float) * 0.5

    def fitted(restrict: bool) -> tuple[FacetLearner, np.ndarray]:
        factor = FacetLearner(
            _facet(),
            names,
            labels,
            classifier="svm",
            c_grid=(1.0,),
            seed=0,
            weights=(1.0,),
            modes=("pooled",),
            priors=(0.0,),
            restricts=(restrict,),
        )
        for train, test in folds_of(len(labels), groups, None, folds=3, seed=0):
            factor.fold(x[train], x[test], train, test)
        factor.choose(direct)
        factor.fit_final(x)
        return factor, factor.apply(direct, x)

    money = [i for i, row in enumerate(labels) if "MONEY_C" in row]
    disagreeing = [i for i in money if x[i, len(TOPICS) + 1] > 1.0]
    j = names.index("MONEY_C")
    factor, scores = fitted(True)
    assert factor.choice is not None and factor.choice.restrict
    topic = factor.topic_probabilities(x)[:, factor.topics.index("MONEY")]
    np.testing.assert_allclose(scores[money, j], topic[money])  # P(c | MONEY) = 1
    _, before = fitted(False)
    # Without: the pooled model reads "disagree" as Opposing, a stance MONEY never had.
    assert before[disagreeing, j].mean() < topic[disagreeing].mean() - 0.05
