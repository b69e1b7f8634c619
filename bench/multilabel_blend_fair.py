"""s31fair: choose the multi-label kNN/e5 blend's weight w and k on a FAIR inner comparison.

The replay (bench/multilabel_blend_replay.py) chose w on the learner's inner out-of-fold
scores, on which each code's C (and the facet variant) was itself chosen, against the kNN's
honest out-of-fold votes: it always chose w = 0. Here w ∈ W_GRID and k ∈ K_GRID (plain kNN
votes on e5, the replay's variant (b)) are chosen per outer fold by the inner macro-F1 on the
``fair`` scores that bench/multilabel_blend_collect.py stores: every code's C fixed in advance
(FAIR_C = 1.0), Platt-calibrated, the learner's facet variant re-applied. On them, for each
(k, w): blend on the calibrated codes, re-cut every calibrated code's threshold by the learner's
rule (w = 0 too), re-choose smoothing, and score the inner macro-F1 at the applied cuts. Ties
go to the smaller w, then the smaller k. Only that choice uses the fair scores: the chosen
(k, w) is then applied exactly as the replay does (thresholds and smoothing re-cut on the
learner's own blended out-of-fold scores) to the outer fold's test units.
Usage: python bench/multilabel_blend_fair.py DIR OUT.json (DIR from multilabel_blend_collect.py)
"""

from __future__ import annotations

import glob
import json
import pickle
import sys
import warnings
from pathlib import Path

import numpy as np
from multilabel_blend_replay import K_GRID, W_GRID, apply, bare, knn, macro_f1

from indsigt.coding.smoothing import order_of
from indsigt.eval.metrics import agreement

warnings.simplefilter("ignore")


def fair_inner(
    rec: dict, comp: tuple[np.ndarray, np.ndarray] | None, w: float, *, scores: str = "fair"
) -> float:
    """The inner macro-F1 (after smoothing, at the applied cuts) of the fair scores blended
    with ``comp``'s out-of-fold votes at weight ``w`` (``scores="scores"``: the learner's own
    tuned out-of-fold scores instead, for comparison only)."""
    cal, truth = rec["calibrated"], rec["truth"]
    oof = np.array(rec[scores], dtype=float, copy=True)
    if w > 0:
        assert comp is not None
        oof[:, cal] = (1 - w) * oof[:, cal] + w * comp[0][:, cal]
    learner = bare(rec)
    chosen = [
        (j, c, a, b, learner._cut(oof[:, j], truth[:, j])[0] if cal[j] else t)
        for j, c, a, b, t in rec["chosen"]
    ]
    chosen = learner._choose_smoothing(rec["train_units"], oof, truth, chosen, cal)
    thresholds = np.array([t for *_, t in chosen])
    inner = learner.smoothed(oof, order_of(rec["train_units"]))
    return macro_f1(inner, truth, thresholds)


def choose(rec: dict, comps: dict) -> tuple[tuple[str, float], dict]:
    """The (component, w) with the best fair inner macro-F1 (ties: smaller w, then smaller k),
    and the whole table."""
    table = {("none", 0.0): fair_inner(rec, None, 0.0)}
    for name in comps:
        for w in W_GRID[1:]:
            table[(name, w)] = fair_inner(rec, comps[name], w)
    best = max(table, key=lambda key: (round(table[key], 6), -key[1]))
    return best, table


def score(gold: list, pred: list) -> dict:
    a = agreement(gold, pred)
    return {k: round(a[k], 4) for k in ("micro_f1", "macro_f1", "kappa")}


def main(directory: str, out: str) -> None:
    recs = [pickle.loads(Path(p).read_bytes()) for p in sorted(glob.glob(f"{directory}/fold*.pkl"))]
    gold, preds = [], {"baseline": [], "replay_w0": [], "fair_chosen": []}
    log = []
    for number, rec in enumerate(recs):
        rec["truth"] = rec["truth"].astype(bool)
        comps = {f"knn{k}": knn(rec, k, False) for k in K_GRID}
        (name, w), table = choose(rec, comps)
        gold += rec["test_gold"]
        preds["baseline"] += rec["baseline"]
        preds["replay_w0"] += apply(rec, None, 0.0)[1]
        preds["fair_chosen"] += apply(rec, comps.get(name), w)[1]
        for key in table:
            if key[1] > 0:
                preds.setdefault(f"{key[0]}_w{key[1]}", [])
                preds[f"{key[0]}_w{key[1]}"] += apply(rec, comps[key[0]], key[1])[1]
        cs = [c for _, c, *_ in rec["chosen"]]
        entry = {
            "fold": number,
            "chosen": [name, w],
            "fair_inner": {f"{k[0]} w{k[1]}": round(v, 4) for k, v in table.items()},
            "tuned_inner_w0": round(fair_inner(rec, None, 0.0, scores="scores"), 4),
            "codes_at_c1": sum(c == 1.0 for c in cs),
            "codes": len(cs),
        }
        log.append(entry)
        print(json.dumps(entry), flush=True)
    results = {name: score(gold, p) for name, p in preds.items()}
    for name, r in results.items():
        print(name, r, flush=True)
    Path(out).write_text(json.dumps({"results": results, "folds": log}, indent=1))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
