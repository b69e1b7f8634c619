"""s31blend stage 2: replay the multi-label blend variants on stage 1's cached folds.
A component's per-label probability is blended into the learner's final out-of-fold
probabilities (after facets, before smoothing) on calibrated labels; thresholds re-cut by the
learner's own rule on the blended OOF; smoothing re-chosen on them; w (and k) chosen per outer
fold by the inner CV's macro-F1 at the applied cuts (after smoothing).
Usage: python bench/multilabel_blend_replay.py DIR OUT.json (DIR from multilabel_blend_collect.py)
"""

from __future__ import annotations

import glob
import json
import pickle
import sys
import warnings
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression

from indsigt.coding.learner import BLEND_C, Learner, _platt, _sigmoid, with_parents
from indsigt.coding.smoothing import order_of
from indsigt.eval.metrics import agreement

warnings.simplefilter("ignore")
W_GRID = (0.0, 0.25, 0.5, 0.75)
K_GRID = (5, 10, 20)


def unit_norm(x):
    return x / np.maximum(1e-12, np.linalg.norm(x, axis=1, keepdims=True))


def lr_scores(e_tr, y_tr, e_te, c):
    if y_tr.min() == y_tr.max():
        return np.full(len(e_te), -5.0)
    m = LogisticRegression(C=c, class_weight="balanced", max_iter=2000, random_state=0)
    return m.fit(e_tr, y_tr).decision_function(e_te)


def e5_lr(rec, c=BLEND_C):
    """Per label LR on e5 alone: Platt-calibrated OOF probabilities and test probabilities."""
    e, t, folds = rec["emb_train"], rec["truth"], rec["inner_folds"]
    oof = np.zeros(t.shape)
    test = np.zeros((len(rec["emb_test"]), t.shape[1]))
    for j in range(t.shape[1]):
        for f in np.unique(folds):
            tr, te = folds != f, folds == f
            oof[te, j] = lr_scores(e[tr], t[tr, j], e[te], c)
        a, b = _platt(oof[:, j], t[:, j])
        test[:, j] = _sigmoid(a * lr_scores(e, t[:, j], rec["emb_test"], c) + b)
        oof[:, j] = _sigmoid(a * oof[:, j] + b)
    return oof, test


def votes(sim, truth, k, weighted):
    top = np.argsort(-sim, axis=1)[:, :k]
    s = np.take_along_axis(sim, top, axis=1)
    w = np.clip(s, 0, None) if weighted else np.ones_like(s)
    return np.einsum("nk,nkl->nl", w, truth[top].astype(float)) / np.maximum(
        1e-12, w.sum(1, keepdims=True)
    )


def knn(rec, k, weighted):
    e, t, folds = unit_norm(rec["emb_train"]), rec["truth"], rec["inner_folds"]
    oof = np.zeros(t.shape)
    for f in np.unique(folds):
        tr, te = folds != f, folds == f
        oof[te] = votes(e[te] @ e[tr].T, t[tr], k, weighted)
    test = votes(unit_norm(rec["emb_test"]) @ e.T, t, k, weighted)
    return oof, test


def bare(rec):
    learner = Learner(
        smoothing=rec["smoothing"], threshold_by=rec["threshold_by"], max_marked=rec["max_marked"]
    )
    learner.labels = list(rec["labels"])
    return learner


def macro_f1(p, truth, thresholds):
    marked = p >= thresholds
    tp = (marked & truth).sum(0)
    return float(np.mean(2 * tp / np.maximum(1, marked.sum(0) + truth.sum(0))))


def apply(rec, comp, w):
    """(inner macro-F1, test codes) with component ``comp`` = (oof, test) blended at w."""
    cal = rec["calibrated"]
    oof, p_test = rec["scores"].copy(), rec["p_test"].copy()
    chosen = list(rec["chosen"])
    if w > 0:
        oof[:, cal] = (1 - w) * oof[:, cal] + w * comp[0][:, cal]
        p_test[:, cal] = (1 - w) * p_test[:, cal] + w * comp[1][:, cal]
        learner = bare(rec)
        chosen = [
            (j, c, a, b, learner._cut(oof[:, j], rec["truth"][:, j])[0] if cal[j] else t)
            for j, c, a, b, t in chosen
        ]
    learner = bare(rec)
    chosen = learner._choose_smoothing(rec["train_units"], oof, rec["truth"], chosen, cal)
    thresholds = np.array([t for *_, t in chosen])
    inner = learner.smoothed(oof, order_of(rec["train_units"]))
    score = macro_f1(inner, rec["truth"].astype(bool), thresholds)
    final = learner.smoothed(p_test, order_of(rec["test_units"]))
    labels = rec["labels"]
    codes = [
        with_parents((labels[j] for j in np.flatnonzero(r >= thresholds)), labels) for r in final
    ]
    return score, codes


def main(directory, out):
    recs = [pickle.loads(Path(p).read_bytes()) for p in sorted(glob.glob(f"{directory}/fold*.pkl"))]
    comps = []  # per fold: {name: (oof, test)}
    for rec in recs:
        rec["truth"] = rec["truth"].astype(bool)
        d = {"lr": e5_lr(rec)}
        for k in K_GRID:
            d[f"knn{k}"] = knn(rec, k, False)
            d[f"wknn{k}"] = knn(rec, k, True)
        for k in K_GRID:
            d[f"both{k}"] = tuple((a + b) / 2 for a, b in zip(d["lr"], d[f"wknn{k}"], strict=True))
        comps.append(d)
        print("components", len(comps), flush=True)
    families = {
        "a_e5_lr": ["lr"],
        "b_knn": [f"knn{k}" for k in K_GRID],
        "b_wknn": [f"wknn{k}" for k in K_GRID],
        "c_both_wknn": [f"both{k}" for k in K_GRID],
    }
    results, ids, gold = {}, [], []
    preds = {"baseline": [], "replay_w0": []}
    for rec in recs:
        ids += rec["test_ids"]
        gold += rec["test_gold"]
        preds["baseline"] += rec["baseline"]
        preds["replay_w0"] += apply(rec, None, 0.0)[1]
    chosen_log = {}
    for fam, names in families.items():
        preds[fam] = []
        chosen_log[fam] = []
        for name in names:
            for w in W_GRID[1:]:
                preds[f"{name}_w{w}"] = []
        for rec, comp in zip(recs, comps, strict=True):
            table = {}
            for name in names:
                for w in W_GRID:
                    table[(name, w)] = apply(rec, comp.get(name), w)
                    if w > 0:
                        preds[f"{name}_w{w}"] += table[(name, w)][1]
            best = max(table, key=lambda key: (round(table[key][0], 6), -key[1]))
            chosen_log[fam].append(
                [best[0], best[1], round(table[best][0], 4), round(table[(names[0], 0.0)][0], 4)]
            )
            preds[fam] += table[best][1]
        print(fam, chosen_log[fam], flush=True)
    for name, p in preds.items():
        a = agreement(gold, p)
        results[name] = {k: round(a[k], 4) for k in ("micro_f1", "macro_f1", "kappa")}
        print(name, results[name], flush=True)
    Path(out).write_text(json.dumps({"results": results, "chosen": chosen_log}, indent=1))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
