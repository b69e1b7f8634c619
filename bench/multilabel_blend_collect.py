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
from indsigt.coding.learner import Learner
from indsigt.eval.coding import _prepare, _splits, eval_embedder, gold_facet, load_gold
from indsigt.eval.metrics import agreement
from indsigt.eval.units import units_of

warnings.simplefilter("ignore")


class Capturing(Learner):
    def _choose_smoothing(self, texts, scores, truth, chosen, calibrated):
        self.captured = dict(
            scores=np.array(scores),
            truth=np.array(truth),
            chosen=list(chosen),
            calibrated=np.array(calibrated),
        )
        return super()._choose_smoothing(texts, scores, truth, chosen, calibrated)


def main(fmt, path, folds, embedder, outdir):
    gold = load_gold(fmt, path, level="major")
    vectors = eval_embedder(embedder, lambda *a: None)
    e5 = vectors if vectors is not None else eval_embedder("e5", lambda *a: None)
    facet = gold_facet(gold) if not gold.single_label else None
    run = _prepare(
        gold,
        gold,
        vectors=vectors,
        embedder=embedder,
        settings={
            "classifier": "svm",
            "c_grid": (0.1, 0.3, 1.0, 3.0),
            "folds": 5,
            "seed": 0,
            "single_label": gold.single_label,
            "facet": facet,
        },
        shares=[],
        context=None,
        ablate=False,
        language_model=None,
    )
    splits, desc, _ = _splits(gold, gold, True, folds=folds, seed=0)
    print(desc, run.parts, run.settings["features"], flush=True)
    gold_by, pred = {}, {}
    for number, (training, scoring) in enumerate(splits):
        began = time.time()
        learner = Capturing(**run.settings, context=run.parts)
        taught = {u.id: u.labels for u in training}
        train_units, _ = units_of(training, run.parts, taught)
        learner.fit(train_units, [u.labels for u in training], groups=[u.group for u in training])
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
