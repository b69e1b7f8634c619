"""The factorised multi-label coder: a child code of a :class:`~indsigt.coding.facets.Facet`
scored as P(topic) × P(stance | text, topic), blended with the direct child model.

* Topic models: one linear classifier per topic, trained on the union of its children (a unit
  is on the topic when it carries any of them); ``C`` by average precision of out-of-fold
  scores, Platt-calibrated, its threshold the best-F1 one — as the learner's own labels.
* The stance model: one multinomial logistic regression pooled over all topics, on (unit,
  topic) pairs — one row per faceted code a unit carries, its stance value the class.
  ``pooled``: the text alone; ``topic``: the topic given as one-hot columns beside the text.
* The learner hands each fold of its inner cross-validation (grouped by document) to
  :meth:`FacetLearner.fold`; :meth:`FacetLearner.choose` then picks, on those out-of-fold
  scores, the stance variant, the weight ``w`` of the factorised score against the direct one
  (``(1 − w)·direct + w·P(topic)·P(stance)``, ``w = 0``: the direct model alone) and the gate
  (below), by the mean best-F1 of the faceted codes; their thresholds come from the same
  scores.
* Parent/child consistency: a faceted child is never given without its topic's support — its
  score is 0 where P(topic) is below the gate (the topic's threshold, or half of it, as the
  inner CV chooses).
* Stance priors (stop 27): P(stance | topic) may be blended with each topic's own stance
  distribution in training (smoothed towards the pooled one; weight in :data:`PRIORS`) and
  restricted to the stances seen under the topic (a topic coded with one stance only gives it
  P = 1); both chosen by the inner CV, off where they do not help (on GENNOVATE's training
  communities they never did). ``per_value``: the weight ``w`` of each stance value's codes
  chosen on its own (off: the outer CV did not support it).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from scipy import sparse

from indsigt.coding.facets import Facet

WEIGHTS = (0.0, 0.25, 0.5, 0.75, 1.0)
PRIORS = (0.0, 0.25, 0.5, 0.75, 1.0)  # weight of the topic's stance prior in P(stance)
PRIOR_SMOOTHING = 1.0  # pseudo-counts of the pooled stance distribution in a topic's prior
MODES = ("pooled", "topic")
GATES = (0.5, 1.0)  # the gate as a share of the topic's threshold
STANCE_C = 10.0  # chosen by CV on GENNOVATE's training communities (stop 27; was 3)
TOPIC_COLUMN = 1.0  # value of the topic's one-hot column (rows of the text blocks have norm ≈ 1)


@dataclass(frozen=True)
class FacetChoice:
    """What the inner cross-validation chose, and the mean best-F1 of the faceted codes for
    every option (``"mode w gate prior [restrict]"``; ``"value v w"``: the codes of one stance
    value only). ``by_value``: the weight of each stance value's codes, when chosen per value
    (else ``weight`` for all)."""

    mode: str
    weight: float
    gate: float
    scores: dict[str, float]
    prior: float = 0.0
    restrict: bool = False
    by_value: dict[str, float] = field(default_factory=dict)

    def weights(self, values: Sequence[str]) -> tuple[float, ...]:
        """The weight of each of ``values`` (a facet's stance values, in order)."""
        return tuple(self.by_value.get(value, self.weight) for value in values)

    def as_dict(self) -> dict[str, Any]:
        return {
            "mode": self.mode,
            "weight": self.weight,
            "gate": self.gate,
            "prior": self.prior,
            "restrict": self.restrict,
            "by_value": self.by_value,
            "inner_cv_f1": self.scores,
        }


def stance_counts(pairs: np.ndarray, topics: int, values: int) -> np.ndarray:
    """``(topics, values)``: how often each stance value is coded under each topic among
    ``pairs`` (rows ``(unit, topic, value)``)."""
    counts = np.zeros((topics, values))
    np.add.at(counts, (pairs[:, 1], pairs[:, 2]), 1.0)
    return counts


def with_prior(
    stance: np.ndarray,
    counts: np.ndarray,
    *,
    weight: float,
    restrict: bool,
    smoothing: float = PRIOR_SMOOTHING,
) -> np.ndarray:
    """``stance`` (``(rows, topics, values)`` probabilities) blended with each topic's stance
    prior — its distribution in ``counts``, smoothed by ``smoothing`` pseudo-counts spread as
    the pooled distribution: ``(1 − weight)·stance + weight·prior``. ``restrict``: values never
    seen under a topic get 0 (the rest renormalised), so a topic seen with one stance only
    gives it P = 1. ``weight = 0`` and no ``restrict``: ``stance`` unchanged."""
    if weight == 0 and not restrict:
        return stance
    counts = counts if counts.ndim == 3 else counts[None, :, :]  # a frame per row, or one
    width = counts.shape[2]
    pooled = counts.sum(axis=1, keepdims=True)
    total = pooled.sum(axis=2, keepdims=True)
    pooled = np.divide(pooled, total, out=np.full(pooled.shape, 1.0 / width), where=total > 0)
    prior = (counts + smoothing * pooled) / (counts.sum(axis=2, keepdims=True) + smoothing)
    blended = (1 - weight) * stance + weight * prior
    if restrict:
        seen = counts > 0
        seen = seen | ~seen.any(axis=2, keepdims=True)  # a topic without examples: all values
        blended = np.where(seen, blended, 0.0)
        mass = blended.sum(axis=2, keepdims=True)
        blended = np.divide(blended, mass, out=np.zeros_like(blended), where=mass > 0)
    return np.asarray(blended)


class FacetLearner:
    """Topic and stance models for one facet, fitted beside a learner's direct models."""

    def __init__(
        self,
        facet: Facet,
        labels: Sequence[str],
        rows: Sequence[Collection[str]],
        *,
        classifier: str,
        c_grid: Sequence[float],
        seed: int,
        weights: Sequence[float] = WEIGHTS,
        modes: Sequence[str] = MODES,
        priors: Sequence[float] = PRIORS,
        restricts: Sequence[bool] = (False, True),
        per_value: bool = False,
    ) -> None:
        self.facet = facet
        self.topics = list(facet.topics)
        self.values = list(facet.values)
        self.classifier = classifier
        self.c_grid = tuple(c_grid)
        self.seed = seed
        self.weights = tuple(weights)
        self.modes = tuple(modes)
        self.priors = tuple(priors)
        self.restricts = tuple(restricts)
        self.per_value = per_value
        # The learner's labels that belong to the facet: column → (topic index, value index).
        self.columns = {
            j: (self.topics.index(facet.topic_of[code]), self.values.index(facet.value_of[code]))
            for j, code in enumerate(labels)
            if code in facet.topic_of
        }
        sets = [set(row) for row in rows]
        self.on_topic = np.array(
            [
                [any(facet.topic_of.get(code) == topic for code in row) for topic in self.topics]
                for row in sets
            ]
        )
        # (unit, topic, value) for every faceted code a unit carries: the stance model's rows.
        self.pairs = np.array(
            [
                (
                    i,
                    self.topics.index(facet.topic_of[code]),
                    self.values.index(facet.value_of[code]),
                )
                for i, row in enumerate(sets)
                for code in sorted(row)
                if code in facet.topic_of
            ],
            dtype=int,
        ).reshape(-1, 3)
        size = len(sets)
        self._topic_oof = {c: np.full((size, len(self.topics)), -20.0) for c in self.c_grid}
        self._stance_oof = {
            mode: np.full((size, len(self.topics), len(self.values)), 1.0 / len(self.values))
            for mode in self.modes
        }
        # Each unit's stance counts by topic in the training part of its inner fold.
        self._counts_oof = np.zeros((size, len(self.topics), len(self.values)))
        self.counts = stance_counts(self.pairs, len(self.topics), len(self.values))
        self.choice: FacetChoice | None = None
        self.topic_models: list[tuple[Any, tuple[float, float], float] | None] = []
        self.stance_model: Any = None

    @property
    def usable(self) -> bool:
        """Something to learn: faceted labels, and at least two stance values seen."""
        return bool(self.columns) and len(set(self.pairs[:, 2].tolist())) >= 2

    # -- inner cross-validation --------------------------------------------------------------
    def fold(self, x_train: Any, x_test: Any, train: np.ndarray, test: np.ndarray) -> None:
        from indsigt.coding.learner import _estimator

        for t in range(len(self.topics)):
            y = self.on_topic[train, t]
            if y.min() == y.max():
                continue
            for c in self.c_grid:
                model = _estimator(self.classifier, c, balanced=True, seed=self.seed)
                model.fit(x_train, y)
                self._topic_oof[c][test, t] = model.decision_function(x_test)
        in_train = np.isin(self.pairs[:, 0], train)
        position = {int(i): k for k, i in enumerate(train)}
        pairs = self.pairs[in_train]
        self._counts_oof[test] = stance_counts(pairs, len(self.topics), len(self.values))
        if len(set(pairs[:, 2].tolist())) < 2:
            return
        local = np.array([position[int(i)] for i in pairs[:, 0]])
        for mode in self.modes:
            model = self._stance_fit(x_train, local, pairs[:, 1], pairs[:, 2], mode)
            self._stance_oof[mode][test] = self._stance_scores(model, x_test, mode)

    def _stance_rows(self, x: Any, rows: np.ndarray, topics: np.ndarray, mode: str) -> Any:
        block = x[rows]
        if mode == "pooled":
            return block
        column = sparse.csr_matrix(
            (np.full(len(rows), TOPIC_COLUMN, dtype=np.float32), (np.arange(len(rows)), topics)),
            shape=(len(rows), len(self.topics)),
        )
        return sparse.hstack([block, column], format="csr", dtype=np.float32)

    def _stance_fit(
        self, x: Any, rows: np.ndarray, topics: np.ndarray, values: np.ndarray, mode: str
    ) -> Any:
        from sklearn.linear_model import LogisticRegression

        model = LogisticRegression(
            C=STANCE_C, class_weight="balanced", max_iter=2000, random_state=self.seed
        )
        return model.fit(self._stance_rows(x, rows, topics, mode), values)

    def _stance_scores(self, model: Any, x: Any, mode: str) -> np.ndarray:
        """``(rows of x, topics, values)`` stance probabilities."""
        out = np.zeros((x.shape[0], len(self.topics), len(self.values)))
        rows = np.arange(x.shape[0])
        if mode == "pooled":
            out[:, :, model.classes_] = model.predict_proba(x)[:, None, :]
            return out
        for t in range(len(self.topics)):
            block = self._stance_rows(x, rows, np.full(len(rows), t), mode)
            out[:, t, model.classes_] = model.predict_proba(block)
        return out

    def choose(
        self,
        direct: np.ndarray,
        *,
        cut: Callable[[np.ndarray, np.ndarray], tuple[float, float]] | None = None,
    ) -> dict[int, float]:
        """Pick the variant, weight and gate on the out-of-fold scores (``direct``: the direct
        models' calibrated out-of-fold probabilities, a column per learner label); fit the
        topics' calibration. Returns the faceted labels' thresholds by column, each chosen by
        ``cut`` — the learner's own per-label rule (default :func:`~indsigt.coding.learner.
        label_cut` with its defaults)."""
        from indsigt.coding.learner import label_cut

        cut = cut or label_cut
        topic_probability = self._calibrate_topics()
        truth = self._truth()
        scores: dict[str, float] = {}
        mode, weight, gate, prior, restrict = self._best_variant(
            direct, topic_probability, truth, scores
        )
        stance = self._stance_oof_of(mode, prior, restrict)
        by_value: dict[str, float] = {}
        if self.per_value:
            by_value = self._weights_by_value(
                direct, topic_probability, stance, gate, truth, scores
            )
        self.choice = FacetChoice(mode, weight, gate, scores, prior, restrict, by_value)
        blended = self.combine(
            direct, topic_probability, stance, self.choice.weights(self.values), gate
        )
        thresholds = {j: cut(blended[:, j], truth[:, j])[0] for j in self.columns}
        self.out_of_fold, self.thresholds = blended, thresholds  # kept to inspect them
        return thresholds

    def _calibrate_topics(self) -> np.ndarray:
        """Each topic's ``C`` (average precision out of fold), Platt calibration and best-F1
        threshold (kept in ``_calibration``); returns the calibrated out-of-fold P(topic)."""
        from indsigt.coding.learner import _average_precision, _platt, _sigmoid, best_threshold

        topic_probability = np.zeros(self.on_topic.shape)
        self._calibration: list[tuple[float, tuple[float, float], float]] = []
        for t in range(len(self.topics)):
            y = self.on_topic[:, t]
            c = max(self.c_grid, key=lambda c: _average_precision(self._topic_oof[c][:, t], y))
            a, b = _platt(self._topic_oof[c][:, t], y)
            if a <= 0:
                a, b = 1.0, 0.0
            topic_probability[:, t] = _sigmoid(a * self._topic_oof[c][:, t] + b)
            threshold = best_threshold(topic_probability[:, t], y)[0]
            self._calibration.append((c, (a, b), threshold))
        return topic_probability

    @staticmethod
    def _mean_f1(blended: np.ndarray, truth: np.ndarray, columns: Collection[int]) -> float:
        """The mean best-F1 of ``columns`` of ``blended`` against ``truth``."""
        from indsigt.coding.learner import best_threshold

        return float(np.mean([best_threshold(blended[:, j], truth[:, j])[1] for j in columns]))

    def _best_variant(
        self,
        direct: np.ndarray,
        topic_probability: np.ndarray,
        truth: np.ndarray,
        scores: dict[str, float],
    ) -> tuple[str, float, float, float, bool]:
        """The (mode, weight, gate, prior, restrict) with the best mean best-F1 of the faceted
        codes; every option's value is put in ``scores``."""
        best: tuple[float, str, float, float, float, bool] | None = None
        for restrict in self.restricts:
            for prior in self.priors:
                for mode in self.modes:
                    stance = self._stance_oof_of(mode, prior, restrict)
                    for gate in GATES:
                        for weight in self.weights:
                            if weight == 0 and (prior or restrict):
                                continue  # the direct model alone: measured once
                            blended = self.combine(direct, topic_probability, stance, weight, gate)
                            f1 = self._mean_f1(blended, truth, self.columns)
                            name = f"{mode} {weight} {gate} {prior}" + " restrict" * restrict
                            scores[name] = round(f1, 4)
                            if best is None or f1 > best[0] + 1e-9:
                                best = (f1, mode, weight, gate, prior, restrict)
        assert best is not None
        return best[1:]

    def _weights_by_value(
        self,
        direct: np.ndarray,
        topic_probability: np.ndarray,
        stance: np.ndarray,
        gate: float,
        truth: np.ndarray,
        scores: dict[str, float],
    ) -> dict[str, float]:
        """Each stance value's own weight (nuancing is not opposing), on the same scores."""
        by_value: dict[str, float] = {}
        for v, value in enumerate(self.values):
            own = [j for j, (_, vj) in self.columns.items() if vj == v]
            if not own:
                continue
            found: tuple[float, float] | None = None
            for w in self.weights:
                blended = self.combine(direct, topic_probability, stance, w, gate)
                f1 = self._mean_f1(blended, truth, own)
                scores[f"value {value} {w}"] = round(f1, 4)
                if found is None or f1 > found[0] + 1e-9:
                    found = (f1, w)
            assert found is not None
            by_value[value] = found[1]
        return by_value

    def _stance_oof_of(self, mode: str, prior: float, restrict: bool) -> np.ndarray:
        return with_prior(self._stance_oof[mode], self._counts_oof, weight=prior, restrict=restrict)

    def _truth(self) -> np.ndarray:
        width = max(self.columns) + 1 if self.columns else 0
        truth = np.zeros((len(self.on_topic), width), dtype=bool)
        for i, t, v in self.pairs:
            for j, (tj, vj) in self.columns.items():
                if (tj, vj) == (t, v):
                    truth[i, j] = True
        return truth

    def combine(
        self,
        direct: np.ndarray,
        topic_probability: np.ndarray,
        stance: np.ndarray,
        weight: float | Sequence[float],
        gate: float,
    ) -> np.ndarray:
        """``direct`` with its faceted columns blended (``weight``: one, or one per stance
        value) and gated."""
        out = np.array(direct, dtype=float, copy=True)
        for j, (t, v) in self.columns.items():
            w = weight if isinstance(weight, float | int) else weight[v]
            factorised = topic_probability[:, t] * stance[:, t, v]
            score = (1 - w) * direct[:, j] + w * factorised
            support = topic_probability[:, t] >= gate * self._calibration[t][2]
            out[:, j] = np.where(support, score, 0.0)
        return out

    # -- the final models ----------------------------------------------------------------------
    def fit_final(self, x: Any) -> None:
        from indsigt.coding.learner import _estimator

        assert self.choice is not None
        self.topic_models = []
        for t, (c, platt, threshold) in enumerate(self._calibration):
            y = self.on_topic[:, t]
            if y.min() == y.max():
                self.topic_models.append(None)
                continue
            model = _estimator(self.classifier, c, balanced=True, seed=self.seed)
            self.topic_models.append((model.fit(x, y), platt, threshold))
        self.stance_model = None
        if max(self.choice.weights(self.values)) > 0:
            self.stance_model = self._stance_fit(
                x, self.pairs[:, 0], self.pairs[:, 1], self.pairs[:, 2], self.choice.mode
            )
        # The out-of-fold scores are not needed once chosen.
        self._topic_oof, self._stance_oof = {}, {}

    def topic_probabilities(self, x: Any) -> np.ndarray:
        from indsigt.coding.learner import _sigmoid

        out = np.zeros((x.shape[0], len(self.topics)))
        for t, fitted in enumerate(self.topic_models):
            if fitted is None:
                continue
            model, (a, b), _ = fitted
            out[:, t] = _sigmoid(a * model.decision_function(x) + b)
        return out

    def apply(self, direct: np.ndarray, x: Any) -> np.ndarray:
        """The learner's probabilities with the faceted columns blended and gated."""
        assert self.choice is not None
        topics = self.topic_probabilities(x)
        if self.stance_model is None:
            stance = np.zeros((x.shape[0], len(self.topics), len(self.values)))
        else:
            stance = self._stance_scores(self.stance_model, x, self.choice.mode)
        stance = with_prior(
            stance, self.counts, weight=self.choice.prior, restrict=self.choice.restrict
        )
        return self.combine(
            direct, topics, stance, self.choice.weights(self.values), self.choice.gate
        )
