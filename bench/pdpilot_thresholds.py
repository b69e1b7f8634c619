"""How the supervised coder's per-code thresholds carry from one interview to the next
(issue 20, stop 26): the learner alone on pdpilot, leave one document out, no baselines.

``collect`` fits the learner once per outer fold and keeps what threshold selection sees (each
training turn's inner fold and out-of-fold calibrated score per code) and the held-out turns'
scores; ``rules`` then scores threshold rules on those numbers without refitting (the model
and its scores do not depend on the threshold), and prints per-code stability figures::

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

    gold = load_gold("pdpilot", args.data)
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
                "thresholds": np.array([m.threshold for m in learner.models]),
                "test_ids": [u.id for u in scoring],
                "test_truth": [u.labels for u in scoring],
                "test_scores": learner.probabilities(targets),
            }
        )
        print(f"fold {number}: {time.process_time() - began:.0f} s CPU", flush=True)
    with open(args.out, "wb") as handle:
        pickle.dump({"parts": parts, "features": features, "runs": runs}, handle)


# -- threshold rules: (out-of-fold scores, truth, inner fold of each row) → threshold -------------

Rule = Callable[[np.ndarray, np.ndarray, np.ndarray], float]


def _kappa_curve(p: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Candidate thresholds (the distinct scores, descending) and Cohen's κ at each."""
    order = np.argsort(-p, kind="stable")
    sp, st = p[order], y[order].astype(bool)
    n, pos = len(sp), st.sum()
    tp = np.cumsum(st)
    k = np.arange(1, n + 1)
    fp = k - tp
    tn = n - pos - fp
    po = (tp + tn) / n
    pe = (k * pos + (n - k) * (n - pos)) / n**2
    kappa = np.where(pe < 1, (po - pe) / np.maximum(1e-12, 1 - pe), 0.0)
    last = np.r_[sp[1:] != sp[:-1], True]
    return sp[last], kappa[last]


def pooled_f1(p: np.ndarray, y: np.ndarray, fold: np.ndarray) -> float:
    from indsigt.coding.learner import best_threshold

    return best_threshold(p, y)[0]


def pooled_kappa(p: np.ndarray, y: np.ndarray, fold: np.ndarray) -> float:
    if y.sum() == 0:
        return 0.5
    cuts, kappa = _kappa_curve(p, y)
    return float(cuts[int(np.argmax(kappa))])


def median_fold_f1(p: np.ndarray, y: np.ndarray, fold: np.ndarray) -> float:
    from indsigt.coding.learner import best_threshold

    found = [best_threshold(p[fold == f], y[fold == f]) for f in np.unique(fold)]
    cuts = [t for t, f1 in found if f1 > 0]
    return float(np.median(cuts)) if cuts else 0.5


def mean_fold_f1(p: np.ndarray, y: np.ndarray, fold: np.ndarray) -> float:
    """The cut with the best mean F1 over the inner folds (each fold scored alone)."""
    cuts = np.unique(p)
    best, best_value = 0.5, -1.0
    for t in cuts:
        values = []
        for f in np.unique(fold):
            yy, hit = y[fold == f].astype(bool), p[fold == f] >= t
            denominator = hit.sum() + yy.sum()
            values.append(2 * (hit & yy).sum() / denominator if denominator else 0.0)
        if np.mean(values) > best_value:
            best, best_value = float(t), float(np.mean(values))
    return best


def prevalence_capped(ratio: float) -> Rule:
    """Pooled F1, but never predicting more than ``ratio`` × the true count out of fold."""

    def rule(p: np.ndarray, y: np.ndarray, fold: np.ndarray) -> float:
        order = np.sort(p)[::-1]
        cap = max(1, int(ratio * y.sum()))
        floor = order[min(cap, len(order)) - 1]
        t = pooled_f1(p, y, fold)
        return max(t, float(floor))

    return rule


RULES: dict[str, Rule] = {
    "pooled F1 (before)": pooled_f1,
    "pooled kappa": pooled_kappa,
    "median of fold F1 cuts": median_fold_f1,
    "mean fold F1": mean_fold_f1,
    "pooled F1, predicted <= 1.5x true": prevalence_capped(1.5),
    "pooled F1, predicted <= 2x true": prevalence_capped(2.0),
}


def rules(args: argparse.Namespace) -> None:
    from indsigt.eval.metrics import agreement

    with open(args.pickle, "rb") as handle:
        data = pickle.load(handle)
    runs = data["runs"]
    print("context", data["parts"], "features", data["features"])
    check = _apply(runs, lambda p, y, f: 0.0, use_stored=True)
    summary = agreement(check[0], check[1], single_label=False)
    print(
        f"stored thresholds: micro {summary['micro_f1']} macro {summary['macro_f1']}"
        f" kappa {summary['kappa']}"
    )
    per_rule: dict[str, dict[str, Any]] = {}
    for name, rule in RULES.items():
        truth, found = _apply(runs, rule)
        per_rule[name] = agreement(truth, found, single_label=False)
        s = per_rule[name]
        print(
            f"{name:40s} micro {s['micro_f1']:.3f} macro {s['macro_f1']:.3f} kappa {s['kappa']:.3f}"
        )
    codes = sorted(per_rule["pooled F1 (before)"]["per_code"])
    print("\nper code kappa (predicted / true)")
    print("code".ljust(28) + "".join(name[:18].rjust(20) for name in RULES))
    for code in codes:
        cells = []
        for name in RULES:
            row = per_rule[name]["per_code"][code]
            cells.append(f"{row['kappa']:.3f} ({row['predicted']}/{row['support']})".rjust(20))
        print(code[:27].ljust(28) + "".join(cells))
    print("\nstability: per outer fold, each code's best-F1 cut in every inner fold, pooled cut,")
    print("out-of-fold predicted/true at the pooled cut, held-out predicted/true")
    from indsigt.coding.learner import best_threshold

    for code in codes:
        print(code)
        for number, run in enumerate(runs):
            if code not in run["labels"]:
                continue
            j = run["labels"].index(code)
            p, y, fold = run["out_of_fold"][:, j], run["train_truth"][:, j], run["inner_folds"]
            cuts = [best_threshold(p[fold == f], y[fold == f]) for f in np.unique(fold)]
            t = run["thresholds"][j]
            tested = run["test_scores"][:, j]
            true_test = sum(code in labels for labels in run["test_truth"])
            print(
                f"  outer {number}: inner cuts "
                + " ".join(f"{c:.2f}/{f1:.2f}" for c, f1 in cuts)
                + f" | pooled {t:.3f} oof {int((p >= t).sum())}/{int(y.sum())}"
                + f" | test {int((tested >= t).sum())}/{true_test}"
            )


def _apply(
    runs: list[dict[str, Any]], rule: Rule, *, use_stored: bool = False
) -> tuple[list[frozenset[str]], list[frozenset[str]]]:
    truth: list[frozenset[str]] = []
    found: list[frozenset[str]] = []
    for run in runs:
        labels = run["labels"]
        if use_stored:
            cuts = run["thresholds"]
        else:
            cuts = np.array(
                [
                    rule(run["out_of_fold"][:, j], run["train_truth"][:, j], run["inner_folds"])
                    for j in range(len(labels))
                ]
            )
        for row, gold in zip(run["test_scores"], run["test_truth"], strict=True):
            truth.append(gold)
            found.append(frozenset(labels[j] for j in np.flatnonzero(row >= cuts)))
    return truth, found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    one = sub.add_parser("collect")
    one.add_argument("--data", default=DATA)
    one.add_argument("--out", required=True)
    one.add_argument("--embedder", default="none")
    one.add_argument("--context", default=None, help="comma-separated parts (default: the eval's)")
    one.add_argument("--folds", type=int, default=7)
    one.add_argument("--inner-folds", type=int, default=5)
    two = sub.add_parser("rules")
    two.add_argument("pickle")
    args = parser.parse_args()
    collect(args) if args.command == "collect" else rules(args)


if __name__ == "__main__":
    main()
