"""How the supervised coder's per-code thresholds carry from one interview to the next
(issue 20, stop 26): the learner alone on pdpilot, leave one document out, no baselines.

``collect`` fits the learner once per outer fold and keeps what threshold selection sees (each
training turn's inner fold and out-of-fold decision value per code) and the held-out turns'
decision values; ``rules`` then scores threshold rules on those numbers without refitting (the
model and its scores do not depend on the threshold), and prints per-code stability figures
(``--format gennovate --data …`` for the same on GENNOVATE, cross-validated by document)::

    PYTHONPATH=src python bench/pdpilot_thresholds.py collect --out /tmp/pdp.pkl [--embedder e5]
    PYTHONPATH=src python bench/pdpilot_thresholds.py rules /tmp/pdp.pkl
"""

from __future__ import annotations

import argparse
import pickle
import time
from collections.abc import Callable
from typing import Any

import numpy as np

DATA = "/work/shared/data/pdpilot-interviews"


def collect(args: argparse.Namespace) -> None:
    from indsigt.coding.learner import folds_of
    from indsigt.eval.coding import eval_embedder, load_gold
    from indsigt.eval.units import default_parts, new_learner, units_of
    from indsigt.progress import no_progress

    gold = load_gold(args.format, args.data)
    units = gold.units
    parts = default_parts(units) if args.context is None else tuple(args.context.split(","))
    vectors = eval_embedder(args.embedder, no_progress)
    features = ("word", "char", "embedding") if vectors is not None else ("word", "char")
    groups = [u.group for u in units]
    outer = folds_of(len(units), groups, None, folds=args.folds, seed=0)
    runs: list[dict[str, Any]] = []
    for number, (train, test) in enumerate(outer):
        began = time.process_time()
        training = [units[i] for i in train]
        scoring = [units[i] for i in test]
        learner = new_learner(
            {
                "features": features,
                "embedder": vectors,
                "classifier": "svm",
                "folds": args.inner_folds,
                "seed": 0,
                "single_label": False,
            },
            parts,
        )
        taught = {u.id: u.labels for u in training}
        train_units, _ = units_of(training, parts, taught)
        learner.fit(train_units, [u.labels for u in training], groups=[u.group for u in training])
        targets, _ = units_of(scoring, parts, taught)
        matrix = learner.matrix(targets)
        runs.append(
            {
                "labels": list(learner.labels),
                "train_ids": [u.id for u in training],
                "train_groups": [u.group for u in training],
                "train_truth": np.array(
                    [[c in u.labels for c in learner.labels] for u in training]
                ),
                "inner_folds": learner.inner_folds.copy(),
                "out_of_fold": learner.out_of_fold.copy(),
                "test_ids": [u.id for u in scoring],
                "test_truth": [u.labels for u in scoring],
                "test_decisions": np.column_stack(
                    [m.estimator.decision_function(matrix) for m in learner.models]
                ),
            }
        )
        print(f"fold {number}: {time.process_time() - began:.0f} s CPU", flush=True)
    with open(args.out, "wb") as handle:
        pickle.dump({"parts": parts, "features": features, "runs": runs}, handle)


# -- threshold rules: (out-of-fold scores, truth, inner fold of each row) → (cut, its value) -----

Rule = Callable[[np.ndarray, np.ndarray, np.ndarray], tuple[float, float]]


def pooled_f1(p: np.ndarray, y: np.ndarray, fold: np.ndarray) -> tuple[float, float]:
    from indsigt.coding.learner import best_threshold

    return best_threshold(p, y)


def pooled_kappa(p: np.ndarray, y: np.ndarray, fold: np.ndarray) -> tuple[float, float]:
    from indsigt.coding.learner import kappa_threshold

    return kappa_threshold(p, y)


def median_fold_f1(p: np.ndarray, y: np.ndarray, fold: np.ndarray) -> tuple[float, float]:
    from indsigt.coding.learner import best_threshold

    found = [best_threshold(p[fold == f], y[fold == f]) for f in np.unique(fold)]
    cuts = [t for t, f1 in found if f1 > 0]
    if not cuts:
        return 0.5, 0.0
    return float(np.median(cuts)), float(np.mean([f1 for _, f1 in found]))


def prevalence_capped(ratio: float, base: Rule = pooled_f1) -> Rule:
    """``base``'s cut, but never marking more than ``ratio`` × the true count out of fold."""

    def rule(p: np.ndarray, y: np.ndarray, fold: np.ndarray) -> tuple[float, float]:
        order = np.sort(p)[::-1]
        cap = max(1, int(ratio * y.sum()))
        floor = order[min(cap, len(order)) - 1]
        t, value = base(p, y, fold)
        return max(t, float(floor)), value

    return rule


RULES: dict[str, tuple[Rule, str]] = {
    "F1 (before)": (pooled_f1, "boundary"),
    "kappa": (pooled_kappa, "boundary"),
    "kappa, none if no signal": (pooled_kappa, "never"),
    "median of inner-fold F1 cuts": (median_fold_f1, "boundary"),
    "F1, marked <= 1.5x true": (prevalence_capped(1.5), "boundary"),
    "F1, marked <= 2x true": (prevalence_capped(2.0), "boundary"),
    "F1, marked <= 3x true": (prevalence_capped(3.0), "boundary"),
    "kappa, marked <= 2x true": (prevalence_capped(2.0, pooled_kappa), "boundary"),
}


def _sigmoid(values: np.ndarray) -> np.ndarray:
    return np.asarray(1.0 / (1.0 + np.exp(-np.clip(values, -30, 30))))


def label_cut(
    decisions: np.ndarray, y: np.ndarray, fold: np.ndarray, rule: Rule, fallback: str
) -> tuple[float, float, float]:
    """(a, b, cut) as the learner chooses them: Platt on the out-of-fold decision values, the
    rule's cut on the calibrated scores; where calibration or the rule finds nothing, the
    classifier's own boundary (``boundary``, the learner's) or never marking (``never``)."""
    from indsigt.coding.learner import _platt

    a, b = _platt(decisions, y)
    cut, value = rule(_sigmoid(a * decisions + b), y, fold)
    if a <= 0 or value == 0:
        return (1.0, 0.0, 0.5) if fallback == "boundary" else (1.0, 0.0, 2.0)
    return a, b, cut


def rules(args: argparse.Namespace) -> None:
    from indsigt.coding.learner import best_threshold
    from indsigt.eval.metrics import agreement

    with open(args.pickle, "rb") as handle:
        data = pickle.load(handle)
    runs = data["runs"]
    print("context", data["parts"], "features", data["features"])
    per_rule: dict[str, dict[str, Any]] = {}
    for name, (rule, fallback) in RULES.items():
        truth, found = _apply(runs, rule, fallback)
        per_rule[name] = agreement(truth, found, single_label=False)
        s = per_rule[name]
        print(
            f"{name:32s} micro {s['micro_f1']:.3f} macro {s['macro_f1']:.3f} kappa {s['kappa']:.3f}"
        )
    codes = sorted(per_rule["F1 (before)"]["per_code"])
    print("\nper code kappa (marked / true)")
    print("code".ljust(28) + "".join(name[:18].rjust(20) for name in RULES))
    for code in codes:
        cells = []
        for name in RULES:
            row = per_rule[name]["per_code"][code]
            cells.append(f"{row['kappa']:.3f} ({row['predicted']}/{row['support']})".rjust(20))
        print(code[:27].ljust(28) + "".join(cells))
    if args.codes is not None:
        codes = [c for c in codes if c in args.codes.split(",")]
    print("\nstability (F1 rule, as before): per outer fold, each code's best-F1 cut/F1 in every")
    print("inner fold, pooled cut, out-of-fold marked/true at it, held-out marked/true")
    for code in codes:
        print(code)
        for number, run in enumerate(runs):
            if code not in run["labels"]:
                continue
            j = run["labels"].index(code)
            d, y, fold = run["out_of_fold"][:, j], run["train_truth"][:, j], run["inner_folds"]
            a, b, t = label_cut(d, y, fold, pooled_f1, "boundary")
            p = _sigmoid(a * d + b)
            cuts = [best_threshold(p[fold == f], y[fold == f]) for f in np.unique(fold)]
            tested = _sigmoid(a * run["test_decisions"][:, j] + b)
            true_test = sum(code in labels for labels in run["test_truth"])
            print(
                f"  outer {number}: inner cuts "
                + " ".join(f"{c:.2f}/{f1:.2f}" for c, f1 in cuts)
                + f" | pooled {t:.3f} (Platt slope {a:.2f})"
                + f" oof {int((p >= t).sum())}/{int(y.sum())}"
                + f" | test {int((tested >= t).sum())}/{true_test}"
            )


def _apply(
    runs: list[dict[str, Any]], rule: Rule, fallback: str
) -> tuple[list[frozenset[str]], list[frozenset[str]]]:
    truth: list[frozenset[str]] = []
    found: list[frozenset[str]] = []
    for run in runs:
        labels = run["labels"]
        columns = []
        for j in range(len(labels)):
            a, b, cut = label_cut(
                run["out_of_fold"][:, j],
                run["train_truth"][:, j],
                run["inner_folds"],
                rule,
                fallback,
            )
            columns.append(_sigmoid(a * run["test_decisions"][:, j] + b) >= cut)
        marked = np.column_stack(columns)
        for row, gold in zip(marked, run["test_truth"], strict=True):
            truth.append(gold)
            found.append(frozenset(labels[j] for j in np.flatnonzero(row)))
    return truth, found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    one = sub.add_parser("collect")
    one.add_argument("--data", default=DATA)
    one.add_argument("--format", default="pdpilot", help="any gold format of eval coding")
    one.add_argument("--out", required=True)
    one.add_argument("--embedder", default="none")
    one.add_argument("--context", default=None, help="comma-separated parts (default: the eval's)")
    one.add_argument("--folds", type=int, default=7)
    one.add_argument("--inner-folds", type=int, default=5)
    two = sub.add_parser("rules")
    two.add_argument("pickle")
    two.add_argument("--codes", default=None, help="comma-separated codes for the stability part")
    args = parser.parse_args()
    collect(args) if args.command == "collect" else rules(args)


if __name__ == "__main__":
    main()
