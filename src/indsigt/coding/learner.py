"""The supervised learner behind ``supervised.v1`` (and the eval): texts and label sets in,
calibrated scores per label out.

* Features: word and character n-gram TF-IDF, optionally embeddings (:mod:`.features`);
  with ``context`` also the unit's question, neighbours and previous codes (:mod:`.context`):
  the inputs are then :class:`~indsigt.coding.context.Unit` records instead of texts.
* Multi-label: one linear classifier per label (class weights balanced). Its regularisation
  ``C`` is chosen per label by cross-validation on the training data only (average precision
  of the out-of-fold scores); those out-of-fold scores also fit a Platt calibration (so scores
  are probabilities) and the label's threshold: the one that maximises its F1 (Cohen's κ with
  ``threshold_by="kappa"``), but never one that marks more than ``max_marked`` (2) times the
  label's true count out of fold. Where a label's scores carry little signal, the best-F1 cut
  marks nearly everything (F1 2p/(1+p) at prevalence p): GENNOVATE's ASP_MOD was given to 35
  quotes for 5 true, pdpilot's *General Usage* to 379 turns for 92 (docs/benchmarks.md,
  "pdpilot thresholds (stop 26)").
* Smoothing (multi-label, units with an order: :class:`~indsigt.coding.context.Unit`'s
  ``document`` and ``position``): each label's final probability is blended with the mean of
  the units' around it in the same document (:mod:`.smoothing`); the weight and width
  (``±1…3`` units) are chosen on the out-of-fold probabilities (folds keep documents whole)
  by the labels' cut rule measured at the cut it applies, off unless it helps there — one
  weight and width for all labels (``smoothing="shared"``, the default), or one per label
  (``"label"``; pdpilot: κ 0.297 against 0.302 shared, docs/benchmarks.md "pdpilot smoothing
  (stop 27)"), or ``"off"``; a smoothed label's threshold is then cut from the smoothed
  out-of-fold scores. At prediction the same smoothing runs over the units predicted together
  (:attr:`Learner.smoothing_choice`).
* Single-label: one multi-class linear classifier; ``C`` chosen by out-of-fold accuracy, scores
  calibrated by temperature scaling of the out-of-fold decision values. With embedding
  features, a multinomial logistic regression on the embeddings alone is blended in: the
  weight of its probabilities (``blend_grid``, 0 = off) is chosen by out-of-fold accuracy.
  With ``finetune`` (optional, needs torch: :mod:`.finetune`), e5 fine-tuned on the training
  texts is averaged in as well, at a fixed weight (``Finetune.weight``, 0.5): choosing it by
  inner cross-validation would cost five more fine-tunings per fit.
* Multi-label with ``finetune`` (:data:`~indsigt.coding.finetune.MULTI_LABEL`): e5 fine-tuned
  on the training texts with a sigmoid per label; its probabilities are blended into the direct
  per-label scores at a fixed weight, before the facets take them and before smoothing. The
  thresholds stay those cut on the inner out-of-fold scores without the fine-tuned part. On
  GENNOVATE's training communities (5-fold CV) no weight helped, with these thresholds or
  others (docs/benchmarks.md, "GENNOVATE with a fine-tuned encoder (stop 28)").
* Folds keep groups (documents) together, so a label is never tuned on its own document (nor
  a unit on the neighbours its context shows).
* Parent/child consistency (multi-label, code paths ``a/b``): a child the learner assigns
  brings its parent when the parent is a label it learnt.
* Facets (multi-label, ``facet``): codes that are a topic × a stance
  (:mod:`.facets`) are also scored as P(topic) × P(stance | text, topic), blended with their
  direct models by a weight the inner cross-validation chooses; such a child is never given
  without its topic's support (:mod:`.factorised`).
* :meth:`Learner.uncertainty`: how close a text is to a decision boundary, for choosing what a
  person should code next (uncertainty sampling).
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from indsigt.coding.context import Unit
from indsigt.coding.facets import Facet
from indsigt.coding.features import Features
from indsigt.coding.finetune import MULTI_LABEL, SINGLE_LABEL, Finetune, require_torch
from indsigt.coding.smoothing import (
    Neighbourhood,
    Order,
    SmoothingChoice,
    order_of,
    smooth,
)
from indsigt.coding.smoothing import choose as choose_smoothing
from indsigt.embed.base import Embedder
from indsigt.progress import Progress, no_progress

C_GRID = (0.1, 0.3, 1.0, 3.0)
BLEND_GRID = (0.0, 0.25, 0.5, 0.75)  # single-label: weight of the embedding LR's probabilities
BLEND_C = 30.0  # its regularisation (short texts, few hundred examples: weakly regularised)
FLOOR = -20.0  # decision value for a label that a fold could not learn


@dataclass(frozen=True)
class LabelModel:
    label: str
    c: float
    estimator: Any
    platt: tuple[float, float]
    threshold: float
    positives: int


def _sigmoid(values: np.ndarray) -> np.ndarray:
    return np.asarray(1.0 / (1.0 + np.exp(-np.clip(values, -30, 30))))


def _softmax(values: np.ndarray) -> np.ndarray:
    shifted = values - values.max(axis=1, keepdims=True)
    exp = np.exp(shifted)
    return np.asarray(exp / exp.sum(axis=1, keepdims=True))


def _estimator(kind: str, c: float, *, balanced: bool, seed: int) -> Any:
    from sklearn.linear_model import LogisticRegression
    from sklearn.svm import LinearSVC

    weight = "balanced" if balanced else None
    if kind == "lr":
        return LogisticRegression(C=c, class_weight=weight, max_iter=2000, random_state=seed)
    if kind == "svm":
        return LinearSVC(C=c, class_weight=weight, random_state=seed)
    raise ValueError(f"unknown classifier {kind!r} (use svm or lr)")


def _best_cut(
    probabilities: np.ndarray,
    truth: np.ndarray,
    metric: Callable[[np.ndarray, np.ndarray, int, int], np.ndarray],
) -> tuple[float, float]:
    """The cut with the best ``metric`` on these scores, and that value (0.5 and 0.0 when no cut
    scores above 0). ``metric(tp, predicted, positives, size)`` gives the value of marking the
    top 1, 2, … units; a cut falls only where the score changes, so equal scores go together."""
    order = np.argsort(-probabilities, kind="stable")
    sorted_p, sorted_t = probabilities[order], truth[order].astype(bool)
    size, positives = len(sorted_p), int(sorted_t.sum())
    if positives == 0:
        return 0.5, 0.0
    values = metric(np.cumsum(sorted_t), np.arange(1, size + 1), positives, size)
    last_of_run = np.r_[sorted_p[1:] != sorted_p[:-1], True]
    values = np.where(last_of_run, values, -1)
    best = int(np.argmax(values))
    if values[best] <= 0:
        return 0.5, 0.0
    return float(sorted_p[best]), float(values[best])


def _f1(tp: np.ndarray, predicted: np.ndarray, positives: int, size: int) -> np.ndarray:
    return np.asarray(2 * tp / (predicted + positives))


def _kappa(tp: np.ndarray, predicted: np.ndarray, positives: int, size: int) -> np.ndarray:
    observed = (size - positives - predicted + 2 * tp) / size  # (tp + tn) / n
    chance = (predicted * positives + (size - predicted) * (size - positives)) / size**2
    return np.asarray((observed - chance) / np.maximum(1e-12, 1 - chance))


def best_threshold(probabilities: np.ndarray, truth: np.ndarray) -> tuple[float, float]:
    """The threshold with the best F1 on these scores, and that F1 (0.5 when none helps)."""
    return _best_cut(probabilities, truth, _f1)


def kappa_threshold(probabilities: np.ndarray, truth: np.ndarray) -> tuple[float, float]:
    """The threshold with the best Cohen's κ on these scores, and that κ (0.5 when none is
    above chance). Unlike F1, κ gives nothing for marking every unit: where the scores carry
    no signal for a label, the best-F1 cut is "everything" (F1 2p/(1+p) at prevalence p)."""
    return _best_cut(probabilities, truth, _kappa)


THRESHOLDS = {"kappa": kappa_threshold, "f1": best_threshold}
MAX_MARKED = 2.0  # a label's cut marks at most this many times its true count out of fold


def prevalence_cut(probabilities: np.ndarray, truth: np.ndarray, ratio: float) -> float:
    """The lowest cut that marks at most ``ratio`` × the true count of these scores (equal
    scores go together, so ties may pass it)."""
    ordered = np.sort(probabilities)[::-1]
    allowed = max(1, int(ratio * truth.sum()))
    return float(ordered[min(allowed, len(ordered)) - 1])


def label_cut(
    probabilities: np.ndarray,
    truth: np.ndarray,
    *,
    threshold_by: str = "f1",
    max_marked: float | None = MAX_MARKED,
) -> tuple[float, float]:
    """A label's threshold as the learner chooses it on out-of-fold scores, and the rule's value
    there: the best cut by ``threshold_by`` (``f1`` or ``kappa``), raised so that it never marks
    more than ``max_marked`` times the label's true count; 0.5 and 0.0 where the rule finds no
    cut worth having."""
    threshold, value = THRESHOLDS[threshold_by](probabilities, truth)
    if value <= 0:
        return 0.5, 0.0
    if max_marked is not None:
        threshold = max(threshold, prevalence_cut(probabilities, truth, max_marked))
    return threshold, value


def cut_value(
    probabilities: np.ndarray,
    truth: np.ndarray,
    *,
    threshold_by: str = "f1",
    max_marked: float | None = MAX_MARKED,
) -> float:
    """The value of the ``threshold_by`` rule (F1 or κ) at the cut :func:`label_cut` chooses
    on these scores (0 where it finds none)."""
    threshold, value = label_cut(
        probabilities, truth, threshold_by=threshold_by, max_marked=max_marked
    )
    if value <= 0:
        return 0.0
    marked = probabilities >= threshold
    tp = np.array([int(np.sum(marked & truth.astype(bool)))])
    predicted = np.array([int(marked.sum())])
    metric = _kappa if threshold_by == "kappa" else _f1
    return float(metric(tp, predicted, int(truth.sum()), len(truth))[0])


def _platt(scores: np.ndarray, truth: np.ndarray) -> tuple[float, float]:
    from sklearn.linear_model import LogisticRegression

    if truth.min() == truth.max():
        return 1.0, 0.0
    model = LogisticRegression(C=100.0, max_iter=1000)
    model.fit(scores.reshape(-1, 1), truth.astype(int))
    return float(model.coef_[0, 0]), float(model.intercept_[0])


def _temperature(decisions: np.ndarray, truth: np.ndarray) -> float:
    """The scale of decision values that best predicts the truth (lowest log loss)."""
    best, best_loss = 1.0, np.inf
    rows = np.arange(len(truth))
    for scale in (0.5, 1, 2, 3, 5, 8, 12, 20, 30):
        probabilities = _softmax(decisions * scale)
        loss = -np.mean(np.log(probabilities[rows, truth] + 1e-9))
        if loss < best_loss:
            best, best_loss = float(scale), float(loss)
    return best


def _class_decisions(model: Any, x: Any) -> np.ndarray:
    """Decision values, one column per class of ``model`` (a two-class model gives one value,
    the second class's side of the boundary: its negation is the first class's)."""
    values = np.asarray(model.decision_function(x))
    if values.ndim == 1:
        return np.column_stack([-values, values])
    return values


def _blend_model(x: np.ndarray, truth: np.ndarray, seed: int) -> Any:
    """Multinomial logistic regression on embeddings (dense), the single-label blend's part."""
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=BLEND_C, max_iter=2000, random_state=seed)
    return model.fit(x, truth)


def _average_precision(scores: np.ndarray, truth: np.ndarray) -> float:
    from sklearn.metrics import average_precision_score

    if truth.sum() == 0:
        return 0.0
    return float(average_precision_score(truth, scores))


def finetune_settings(finetune: Finetune | bool | None, *, single_label: bool) -> Finetune | None:
    """The fine-tuning settings asked for (None: no fine-tuning; True: :data:`~indsigt.coding.
    finetune.SINGLE_LABEL` or :data:`~indsigt.coding.finetune.MULTI_LABEL`); fails at once, with
    the extra to install, where torch is missing: never a silent fallback. The one check of
    whether fine-tuning can run (the eval's ``--finetune`` asks it too)."""
    if finetune is None or finetune is False:
        return None
    require_torch()
    if finetune is True:
        return SINGLE_LABEL if single_label else MULTI_LABEL
    return finetune


def folds_of(
    size: int, groups: Sequence[str] | None, labels: np.ndarray | None, *, folds: int, seed: int
) -> list[tuple[np.ndarray, np.ndarray]]:
    """Train/test index pairs: whole groups when given (GroupKFold), else (no groups, or one
    group) shuffled, stratified by ``labels`` (single-label) when every class allows it.

    One document is split by shuffled units although its units' neighbours (their context) then
    sit in other folds: contiguous blocks of it were measured worse on pdpilot (one interview
    coded, the other six scored: κ 0.114 against 0.129; docs/benchmarks.md, stop 26)."""
    from sklearn.model_selection import GroupKFold, KFold, StratifiedKFold

    indices = np.arange(size)
    if groups is not None and len(set(groups)) >= 2:
        splits = min(folds, len(set(groups)))
        return list(GroupKFold(n_splits=splits).split(indices, groups=list(groups)))
    splits = max(2, min(folds, size))
    if labels is not None:
        counts = np.bincount(labels)
        if counts[counts > 0].min() >= splits:
            splitter = StratifiedKFold(n_splits=splits, shuffle=True, random_state=seed)
            return list(splitter.split(indices, labels))
    return list(KFold(n_splits=splits, shuffle=True, random_state=seed).split(indices))


def with_parents(found: Iterable[str], known: Collection[str]) -> frozenset[str]:
    """``found`` and the parents (code paths ``a/b`` → ``a``) of its codes among ``known``."""
    out = set(found)
    for code in list(out):
        parts = code.split("/")
        out.update(p for k in range(1, len(parts)) if (p := "/".join(parts[:k])) in known)
    return frozenset(out)


class Learner:
    """Learns labels (any strings: code paths, gold category names) from texts."""

    def __init__(
        self,
        *,
        features: Sequence[str] = ("word", "char"),
        embedder: Embedder | None = None,
        embedding_weight: float = 1.0,
        classifier: str = "svm",
        c_grid: Sequence[float] = C_GRID,
        folds: int = 5,
        seed: int = 0,
        single_label: bool = False,
        min_positives: int = 2,
        n_jobs: int | None = None,
        context: Sequence[str] = (),
        blend_grid: Sequence[float] = BLEND_GRID,
        facet: Facet | None = None,
        threshold_by: str = "f1",
        max_marked: float | None = MAX_MARKED,
        smoothing: str = "shared",
        finetune: Finetune | bool | None = None,
        progress: Progress = no_progress,
    ) -> None:
        self.n_jobs = n_jobs if n_jobs is not None else min(2, os.cpu_count() or 1)
        self.feature_kinds = tuple(features)
        self.context = tuple(context)
        self.embedder = embedder
        self.embedding_weight = embedding_weight
        self.classifier = classifier
        self.c_grid = tuple(c_grid)
        self.folds = folds
        self.seed = seed
        self.single_label = single_label
        self.min_positives = min_positives
        self.blend_grid = tuple(blend_grid)
        if threshold_by not in THRESHOLDS:
            raise ValueError(f"unknown threshold rule {threshold_by!r} (use kappa or f1)")
        self.threshold_by = threshold_by
        self.max_marked = max_marked
        if any(not 0 <= w < 1 for w in self.blend_grid):
            raise ValueError("blend weights must lie in [0, 1)")
        if smoothing not in ("label", "shared", "off"):
            raise ValueError(f"unknown smoothing {smoothing!r} (use label, shared or off)")
        self.smoothing = smoothing
        self.smoothing_choice: SmoothingChoice | None = None  # when units had an order
        self._smooth_weights = np.zeros(0)
        self._smooth_widths = np.zeros(0, dtype=int)
        self.facet = facet
        self.finetune = finetune_settings(finetune, single_label=single_label)
        self.progress = progress
        self._finetuned: Any = None  # fitted finetune.FinetunedEncoders, when asked for
        self.facet_learner: Any = None  # a fitted factorised.FacetLearner, when used
        self.blend = 0.0
        self.blend_accuracy: dict[float, float] = {}  # out-of-fold accuracy by blend weight
        self._blend_model: Any = None
        self.labels: list[str] = []
        self.models: list[LabelModel] = []
        self.trained_on = 0
        self._features: Features | None = None
        self._single: Any = None
        self._temperature = 1.0
        self._shared: dict[str, np.ndarray] = {}
        # Multi-label tuning, kept to inspect it: each training text's inner fold and its
        # out-of-fold decision values at each label's chosen C (columns = ``labels``).
        self.inner_folds = np.zeros(0, dtype=int)
        self.out_of_fold = np.zeros((0, 0))

    # -- fitting ---------------------------------------------------------------------------
    def _new_features(self) -> Features:
        features = Features(
            kinds=self.feature_kinds,
            embedder=self.embedder,
            embedding_weight=self.embedding_weight,
            context=self.context,
        )
        features._vectors = self._shared  # embeddings are per text: share them across folds
        return features

    def fit(
        self,
        texts: Sequence[str | Unit],
        labels: Sequence[Collection[str]],
        *,
        groups: Sequence[str] | None = None,
    ) -> Learner:
        texts = list(texts)
        counts: dict[str, int] = {}
        for label_set in labels:
            for label in set(label_set):
                counts[label] = counts.get(label, 0) + 1
        self.labels = sorted(label for label, n in counts.items() if n >= self.min_positives)
        if not self.labels:
            raise ValueError(
                f"nothing to learn: no label has {self.min_positives} or more examples"
            )
        self.trained_on = len(texts)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            if self.single_label:
                self._fit_single(texts, labels, groups)
            else:
                self._fit_multi(texts, labels, groups)
        return self

    def _fit_multi(
        self,
        texts: list[str | Unit],
        labels: Sequence[Collection[str]],
        groups: Sequence[str] | None,
    ) -> None:
        truth = np.array([[label in set(row) for label in self.labels] for row in labels])
        out_of_fold = {c: np.full(truth.shape, FLOOR) for c in self.c_grid}
        factor = self._facet_learner(labels)
        pairs = folds_of(len(texts), groups, None, folds=self.folds, seed=self.seed)
        self.inner_folds = np.full(len(texts), -1, dtype=int)
        for number, (_, test) in enumerate(pairs):
            self.inner_folds[test] = number
        self.out_of_fold = np.zeros(truth.shape)
        for train, test in pairs:
            features = self._new_features().fit([texts[i] for i in train])
            x_train = features.transform([texts[i] for i in train])
            x_test = features.transform([texts[i] for i in test])
            if factor is not None:
                factor.fold(x_train, x_test, train, test)
            jobs = [
                (j, c)
                for j in range(len(self.labels))
                if truth[train, j].min() != truth[train, j].max()
                for c in self.c_grid
            ]

            def decisions(
                job: tuple[int, float],
                x_train: Any = x_train,
                x_test: Any = x_test,
                train: np.ndarray = train,
            ) -> np.ndarray:
                model = _estimator(self.classifier, job[1], balanced=True, seed=self.seed)
                model.fit(x_train, truth[train, job[0]])
                return np.asarray(model.decision_function(x_test))

            for (j, c), values in zip(jobs, self._map(decisions, jobs), strict=True):
                out_of_fold[c][test, j] = values
        self._features = self._new_features().fit(texts)
        x_all = self._features.transform(texts)
        chosen = []
        uncalibrated = np.zeros(len(self.labels), dtype=bool)
        for j in range(len(self.labels)):
            y = truth[:, j]
            c = max(self.c_grid, key=lambda c: _average_precision(out_of_fold[c][:, j], y))
            self.out_of_fold[:, j] = out_of_fold[c][:, j]
            a, b = _platt(out_of_fold[c][:, j], y)
            scores = _sigmoid(a * out_of_fold[c][:, j] + b)
            threshold, value = self._cut(scores, y)
            if a <= 0 or value == 0:
                # Cross-validation found nothing to calibrate (too few examples): fall back
                # to the classifier's own decision boundary.
                a, b, threshold = 1.0, 0.0, 0.5
                uncalibrated[j] = True
            chosen.append((j, c, a, b, threshold))
        direct = np.column_stack(
            [_sigmoid(a * out_of_fold[c][:, j] + b) for j, c, a, b, _ in chosen]
        )
        final_scores = direct
        if factor is not None:
            faceted = factor.choose(direct, cut=self._cut)
            chosen = [(j, c, a, b, faceted.get(j, t)) for j, c, a, b, t in chosen]
            final_scores = np.asarray(getattr(factor, "out_of_fold", direct))
            factor.fit_final(x_all)
        self.facet_learner = factor
        chosen = self._choose_smoothing(texts, final_scores, truth, chosen, ~uncalibrated)

        def final(job: tuple[int, float, float, float, float]) -> LabelModel:
            j, c, a, b, threshold = job
            model = _estimator(self.classifier, c, balanced=True, seed=self.seed)
            model.fit(x_all, truth[:, j])
            return LabelModel(self.labels[j], c, model, (a, b), threshold, int(truth[:, j].sum()))

        self.models = list(self._map(final, chosen))
        self._fit_finetuned(texts, truth)

    def _choose_smoothing(
        self,
        texts: list[str | Unit],
        scores: np.ndarray,
        truth: np.ndarray,
        chosen: list[tuple[int, float, float, float, float]],
        calibrated: np.ndarray,
    ) -> list[tuple[int, float, float, float, float]]:
        """Pick each label's smoothing on its out-of-fold ``scores`` (the final probabilities)
        and re-cut the smoothed labels; labels left at the classifier's own boundary (nothing
        calibrated) are not smoothed."""
        width = len(self.labels)
        self._smooth_weights = np.zeros(width)
        self._smooth_widths = np.zeros(width, dtype=int)
        self.smoothing_choice = None
        neighbourhood = Neighbourhood(order_of(texts))
        if not neighbourhood.ordered:
            return chosen

        def value(probabilities: np.ndarray, y: np.ndarray) -> float:
            return cut_value(
                probabilities, y, threshold_by=self.threshold_by, max_marked=self.max_marked
            )

        choice = choose_smoothing(
            scores,
            truth,
            neighbourhood,
            value,
            labels=self.labels,
            mode=self.smoothing,
            allowed=calibrated,
        )
        self.smoothing_choice = choice
        self._smooth_weights = np.array(choice.weights, dtype=float)
        self._smooth_widths = np.array(choice.widths, dtype=int)
        if not np.any(self._smooth_weights > 0):
            return chosen
        smoothed = smooth(scores, neighbourhood, self._smooth_weights, self._smooth_widths)
        out = []
        for j, c, a, b, t in chosen:
            if self._smooth_weights[j] > 0:
                t = self._cut(smoothed[:, j], truth[:, j])[0]
            out.append((j, c, a, b, t))
        return out

    def _cut(self, probabilities: np.ndarray, truth: np.ndarray) -> tuple[float, float]:
        return label_cut(
            probabilities, truth, threshold_by=self.threshold_by, max_marked=self.max_marked
        )

    def _facet_learner(self, labels: Sequence[Collection[str]]) -> Any:
        """A :class:`~indsigt.coding.factorised.FacetLearner` when the learner has a facet
        with something to learn, else None."""
        if self.facet is None:
            return None
        from indsigt.coding.factorised import FacetLearner

        factor = FacetLearner(
            self.facet,
            self.labels,
            labels,
            classifier=self.classifier,
            c_grid=self.c_grid,
            seed=self.seed,
        )
        return factor if factor.usable else None

    def _map(self, function: Any, jobs: Sequence[Any]) -> list[Any]:
        """``function`` over ``jobs`` on ``n_jobs`` threads (liblinear releases the GIL)."""
        if self.n_jobs <= 1 or len(jobs) < 2:
            return [function(job) for job in jobs]
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(max_workers=self.n_jobs) as pool:
            return list(pool.map(function, jobs))

    def _fit_single(
        self,
        texts: list[str | Unit],
        labels: Sequence[Collection[str]],
        groups: Sequence[str] | None,
    ) -> None:
        index = {label: k for k, label in enumerate(self.labels)}
        keep = [i for i, row in enumerate(labels) if len(row) and next(iter(row)) in index]
        texts = [texts[i] for i in keep]
        groups = [groups[i] for i in keep] if groups is not None else None
        truth = np.array([index[next(iter(labels[i]))] for i in keep])
        shape = (len(texts), len(self.labels))
        out_of_fold = {c: np.full(shape, FLOOR) for c in self.c_grid}
        blending = self._blending()
        embedded = np.full(shape, 1.0 / len(self.labels))
        for train, test in folds_of(len(texts), groups, truth, folds=self.folds, seed=self.seed):
            features = self._new_features().fit([texts[i] for i in train])
            x_train = features.transform([texts[i] for i in train])
            x_test = features.transform([texts[i] for i in test])
            present = np.unique(truth[train])
            if len(present) < 2:
                continue
            for c in self.c_grid:
                model = _estimator(self.classifier, c, balanced=False, seed=self.seed)
                model.fit(x_train, truth[train])
                out_of_fold[c][np.ix_(test, present)] = _class_decisions(model, x_test)
            if blending:
                blend = _blend_model(features.embedding_block(x_train), truth[train], self.seed)
                embedded[test] = self._blend_scores(
                    blend, features.embedding_block(x_test), len(self.labels)
                )
        c = max(self.c_grid, key=lambda c: float(np.mean(out_of_fold[c].argmax(1) == truth)))
        self._temperature = _temperature(out_of_fold[c], truth)
        self.blend = 0.0
        self.blend_accuracy = {}
        if blending:
            joint = _softmax(out_of_fold[c] * self._temperature)
            self.blend_accuracy = {
                w: float(np.mean(((1 - w) * joint + w * embedded).argmax(1) == truth))
                for w in self.blend_grid
            }
            self.blend = max(self.blend_grid, key=lambda w: self.blend_accuracy[w])
        self._features = self._new_features().fit(texts)
        x_all = self._features.transform(texts)
        self._single = _estimator(self.classifier, c, balanced=False, seed=self.seed)
        self._single.fit(x_all, truth)
        self._blend_model = None
        if self.blend > 0:
            self._blend_model = _blend_model(
                self._features.embedding_block(x_all), truth, self.seed
            )
        self._fit_finetuned(texts, truth)
        counts = np.bincount(truth, minlength=len(self.labels))
        self.models = [
            LabelModel(label, c, None, (1.0, 0.0), 0.0, int(counts[k]))
            for k, label in enumerate(self.labels)
        ]

    def _fit_finetuned(self, texts: list[str | Unit], truth: np.ndarray) -> None:
        """Fine-tune e5 on the training texts where asked (``truth``: class indices, or the
        multi-label 0/1 matrix with a column per label)."""
        self._finetuned = None
        if self.finetune is None or self.finetune.weight == 0:
            return
        from indsigt.coding.finetune import FinetunedEncoders

        self._finetuned = FinetunedEncoders(
            self.finetune, seed=self.seed, progress=self.progress
        ).fit(texts, truth, classes=len(self.labels))

    def _finetuned_part(self, scores: np.ndarray, texts: Sequence[str | Unit]) -> np.ndarray:
        """``scores`` averaged with the fine-tuned encoder's probabilities at its fixed weight
        (unchanged where no encoder was fine-tuned)."""
        if self._finetuned is None or self.finetune is None:
            return scores
        if len(texts) != scores.shape[0]:
            raise ValueError("the fine-tuned encoder needs the texts of the matrix")
        weight = self.finetune.weight
        return np.asarray((1 - weight) * scores + weight * self._finetuned.probabilities(texts))

    def _blending(self) -> bool:
        return "embedding" in self.feature_kinds and any(w > 0 for w in self.blend_grid)

    @staticmethod
    def _blend_scores(model: Any, x: np.ndarray, width: int) -> np.ndarray:
        out = np.zeros((x.shape[0], width))
        out[:, model.classes_] = model.predict_proba(x)
        return out

    # -- scoring ---------------------------------------------------------------------------
    def matrix(self, texts: Sequence[str | Unit]) -> Any:
        if self._features is None:
            raise ValueError("fit the learner first")
        return self._features.transform(texts)

    def probabilities(
        self,
        texts: Sequence[str | Unit],
        *,
        matrix: Any = None,
        order: Order | None = None,
    ) -> np.ndarray:
        """``(len(texts), len(self.labels))`` calibrated scores, smoothed over the units
        around each one where they have an order (``order``: each row's (document,
        position) when ``matrix`` is given instead of units; ("", −1) = none)."""
        x = self.matrix(texts) if matrix is None else matrix
        scores = self._probabilities(x, texts)
        if self.single_label:
            return scores
        if order is None:
            order = order_of(texts) if len(texts) == x.shape[0] else []
        if len(order) != x.shape[0]:
            return scores
        return self.smoothed(scores, order)

    def smoothed(self, probabilities: np.ndarray, order: Order) -> np.ndarray:
        """``probabilities`` smoothed as the inner cross-validation chose, over the units in
        ``order`` (those without order, or without neighbours here, keep theirs)."""
        if self.single_label or not np.any(self._smooth_weights > 0):
            return probabilities
        neighbourhood = Neighbourhood(order)
        return smooth(probabilities, neighbourhood, self._smooth_weights, self._smooth_widths)

    def _probabilities(self, x: Any, texts: Sequence[str | Unit]) -> np.ndarray:
        if self.single_label:
            decisions = np.full((x.shape[0], len(self.labels)), FLOOR)
            decisions[:, self._single.classes_] = _class_decisions(self._single, x)
            joint = _softmax(decisions * self._temperature)
            if self._blend_model is not None and self._features is not None:
                embedded = self._blend_scores(
                    self._blend_model, self._features.embedding_block(x), len(self.labels)
                )
                joint = (1 - self.blend) * joint + self.blend * embedded
            return self._finetuned_part(joint, texts)
        columns = [
            _sigmoid(m.platt[0] * m.estimator.decision_function(x) + m.platt[1])
            for m in self.models
        ]
        if not columns:
            return np.zeros((x.shape[0], 0))
        # The fine-tuned part enters the direct scores, before the facets take them.
        direct = self._finetuned_part(np.column_stack(columns), texts)
        if self.facet_learner is not None:
            return np.asarray(self.facet_learner.apply(direct, x))
        return direct

    def decide(self, probabilities: np.ndarray) -> list[frozenset[str]]:
        if self.single_label:
            return [frozenset({self.labels[int(k)]}) for k in probabilities.argmax(axis=1)]
        thresholds = np.array([m.threshold for m in self.models])
        return [
            with_parents((self.labels[j] for j in np.flatnonzero(row >= thresholds)), self.labels)
            for row in probabilities
        ]

    def predict(self, texts: Sequence[str | Unit]) -> list[frozenset[str]]:
        return self.decide(self.probabilities(texts))

    def uncertainty(self, probabilities: np.ndarray) -> np.ndarray:
        """1 = on a decision boundary, 0 = sure (per row)."""
        if not len(probabilities):
            return np.zeros(0)
        if self.single_label:
            top = np.sort(probabilities, axis=1)[:, ::-1]
            second = top[:, 1] if top.shape[1] > 1 else np.zeros(len(top))
            return np.asarray(1.0 - (top[:, 0] - second))
        thresholds = np.array([m.threshold for m in self.models])
        room = np.maximum(thresholds, 1 - thresholds)
        margins = np.abs(probabilities - thresholds) / room
        return np.asarray(1.0 - margins.min(axis=1))

    def terms(self, matrix_row: Any, label_index: int, *, limit: int = 3) -> list[str]:
        """The words of one text that count most for a label (word features only)."""
        return self.terms_at(matrix_row.tocsr(), 0, label_index, limit=limit)

    def terms_at(self, matrix: Any, row: int, label_index: int, *, limit: int = 3) -> list[str]:
        """:meth:`terms` for row ``row`` of a CSR ``matrix``, read from its arrays (slicing a
        sparse row per coding took 40 % of the supervised coder's time on 1M passages)."""
        assert self._features is not None
        width = self._features.word_count()
        if not width or self.single_label:
            return []
        coefficients = np.ravel(self.models[label_index].estimator.coef_)
        begin, end = matrix.indptr[row], matrix.indptr[row + 1]
        columns = matrix.indices[begin:end]
        keep = columns < width
        columns = columns[keep]
        weights = matrix.data[begin:end][keep] * coefficients[columns]
        best = np.argsort(-weights)[:limit]
        vocabulary = self._features.word_vocabulary
        return [vocabulary[columns[k]] for k in best if weights[k] > 0]
