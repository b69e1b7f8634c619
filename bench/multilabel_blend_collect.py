"""s31blend stage 1: the eval's own folds and the real Learner (eval settings); per outer fold,
cache what the blend variants need to replay without refitting the base learner:
the learner's inner folds, its final out-of-fold probabilities (after facets, before smoothing),
the truth, the chosen (j, c, a, b, threshold) and which labels were calibrated; the test units'
unsmoothed probabilities and order; e5 vectors of train and test texts; the baseline codes.
Usage: PYTHONPATH=src python bench/multilabel_blend_collect.py gennovate|pdpilot PATH FOLDS
EMBEDDER OUTDIR (docs/benchmarks.md, "A multi-label e5 blend and kNN votes (stop 31)")
"""

from __future__ import annotations

import pickle
import sys
import time
import warnings

import numpy as np

from indsigt.coding.context import decide_in_order
from indsigt.coding.learner import Learner, _platt, _sigmoid, folds_of
from indsigt.eval.coding import _splits, eval_embedder, load_gold, prepare_run
from indsigt.eval.metrics import agreement
from indsigt.eval.units import units_of

warnings.simplefilter("ignore")
FAIR_C = 1.0  # fixed before any outer result was seen (s31fair): LinearSVC's default


class Capturing(Learner):
    def _map(self, function, jobs):
        """Record the inner folds' decision values for every (label, C) job, in fold order."""
        out = super()._map(function, jobs)
        if jobs and len(jobs[0]) == 2:
            self.__dict__.setdefault("decision_log", []).append((list(jobs), out))
        return out

    def _facet_learner(self, labels):
        """The learner's facet learner, made to keep the out-of-fold topic probabilities and
        stance scores of its chosen variant (its fit_final drops them)."""
        factor = super()._facet_learner(labels)
        if factor is not None:
            original = factor.fit_final

            def fit_final(x, factor=factor, original=original):
                c = factor.choice
                stance = factor._stance_oof_of(c.mode, c.prior, c.restrict)
                factor.kept = (factor._calibrate_topics(), stance)
                original(x)

            factor.fit_final = fit_final
        return factor

    def _choose_smoothing(self, texts, scores, truth, chosen, calibrated):
        self.captured_chosen = list(chosen)
        self.captured_direct = np.column_stack(
            [_sigmoid(a * self.out_of_fold[:, j] + b) for j, _, a, b, _ in chosen]
        )
        self.captured = dict(
            scores=np.array(scores),
            truth=np.array(truth),
            chosen=list(chosen),
            calibrated=np.array(calibrated),
            fair=self.fair_scores(np.array(truth)),
        )
        return super()._choose_smoothing(texts, scores, truth, chosen, calibrated)

    def fair_scores(self, truth):
        """Inner out-of-fold probabilities at C = FAIR_C for every label (Platt-calibrated on
        them, as the learner does; a <= 0 falls back to (1, 0)), then the facet variant the
        learner chose, re-applied to them."""
        oof = np.full(truth.shape, -20.0)
        check = np.full(truth.shape, -20.0)  # at the chosen C: must equal the learner's own
        tuned = {j: c for j, c, *_ in self.captured_chosen}
        assert len(self.decision_log) == self.inner_folds.max() + 1
        for number, (jobs, values) in enumerate(self.decision_log):
            test = np.flatnonzero(self.inner_folds == number)
            for (j, c), v in zip(jobs, values, strict=True):
                if c == FAIR_C:
                    oof[test, j] = v
                if c == tuned[j]:
                    check[test, j] = v
        assert np.allclose(check, self.out_of_fold), "decision log out of step with the learner"
        direct = np.zeros(truth.shape)
        for j in range(truth.shape[1]):
            a, b = _platt(oof[:, j], truth[:, j])
            if a <= 0:
                a, b = 1.0, 0.0
            direct[:, j] = _sigmoid(a * oof[:, j] + b)
        factor = self.facet_learner
        if factor is None:
            return direct
        topic, stance = factor.kept
        again = factor.combine(
            self.captured_direct,
            topic,
            stance,
            factor.choice.weights(factor.values),
            factor.choice.gate,
        )
        assert np.allclose(again, factor.out_of_fold), "facets re-applied out of step"
        weights = factor.choice.weights(factor.values)
        return factor.combine(direct, topic, stance, weights, factor.choice.gate)


def main(fmt, path, folds, embedder, outdir):
    gold = load_gold(fmt, path, level="major")
    run = prepare_run(gold, gold, embedder=embedder)
    vectors = run.settings["embedder"]
    e5 = vectors if vectors is not None else eval_embedder("e5", lambda *a: None)
    splits, desc, _ = _splits(gold, gold, True, folds=folds, seed=0)
    print(desc, run.parts, run.settings["features"], flush=True)
    gold_by, pred = {}, {}
    for number, (training, scoring) in enumerate(splits):
        began = time.time()
        learner = Capturing(**run.settings, context=run.parts)
        taught = {u.id: u.labels for u in training}
        train_units, _ = units_of(training, run.parts, taught)
        groups = [u.group for u in training]
        learner.fit(train_units, [u.labels for u in training], groups=groups)
        pairs = folds_of(len(training), groups, None, folds=learner.folds, seed=learner.seed)
        assert all(np.array_equal(np.sort(t), t) for _, t in pairs)  # decision rows in order
        targets, previous = units_of(scoring, run.parts, taught)
        assert all(k is None for k in previous)
        found = decide_in_order(learner.predict, targets, previous)
        x_test = learner.matrix(targets)
        p_test = learner._probabilities(x_test, targets)
        emb_train = np.asarray(e5.embed([u.text for u in training]))
        emb_test = np.asarray(e5.embed([u.text for u in scoring]))
        record = dict(
            labels=learner.labels,
            inner_folds=learner.inner_folds,
            **learner.captured,
            smoothing=learner.smoothing,
            threshold_by=learner.threshold_by,
            max_marked=learner.max_marked,
            train_units=train_units,
            test_units=targets,
            p_test=p_test,
            emb_train=emb_train,
            emb_test=emb_test,
            test_ids=[u.id for u in scoring],
            test_gold=[u.labels for u in scoring],
            baseline=found,
            thresholds=[m.threshold for m in learner.models],
            smooth_weights=learner._smooth_weights,
            smooth_widths=learner._smooth_widths,
        )
        with open(f"{outdir}/fold{number}.pkl", "wb") as handle:
            pickle.dump(record, handle)
        for u, f in zip(scoring, found, strict=True):
            gold_by[u.id], pred[u.id] = u.labels, f
        a = agreement([u.labels for u in scoring], found)
        print(
            f"fold {number}: {time.time() - began:.0f}s",
            f"n={len(scoring)} labels={len(learner.labels)}",
            round(a["micro_f1"], 3),
            round(a["macro_f1"], 3),
            round(a["kappa"], 3),
            flush=True,
        )
    order = sorted(gold_by)
    a = agreement([gold_by[i] for i in order], [pred[i] for i in order])
    print("baseline", {k: round(a[k], 3) for k in ("micro_f1", "macro_f1", "kappa")}, flush=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4], sys.argv[5])
