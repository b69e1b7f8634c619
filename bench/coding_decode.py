"""Issue 20, stop 34: would the multi-label coder agree more with people if it gave each unit
as many codes as the people's codings do? GENNOVATE's coders gave 99 % of their quotes
exactly one code; the learner cuts each code at its own threshold and gives 0, 2 or 3 to many.

    PYTHONPATH=src python bench/coding_decode.py collect FORMAT PATH FOLDS EMBEDDER OUT.npz
    PYTHONPATH=src python bench/coding_decode.py collect … SINGLE.npz --single
    PYTHONPATH=src python bench/coding_decode.py replay OUT.npz [SINGLE.npz]

(GENNOVATE: ``gennovate /tmp/h20/gen_train 5 e5``, the training communities; pdpilot:
``pdpilot ../shared/data/pdpilot-interviews 7 none``, leave one interview out.)

``collect``: the eval's own outer folds and learner settings (``indsigt eval coding``: inner
CV, facets, smoothing, default context), per fold the test units' calibrated probabilities,
each code's threshold and the truth (``--single``: the single-label learner on the same
units, its class probabilities). ``replay``: micro-F1 / macro-F1 / κ of decoding rules on
them: the learner's own cut (which must give the eval's figures), the top code only, the cut
with the top code added where it gives none, the cut keeping only its top code; with the
single-label run, the cut with the single-label coder's top code where the cut gives none.
"""

from __future__ import annotations

import sys
import warnings
from collections.abc import Callable
from dataclasses import replace

import numpy as np

from indsigt.eval.coding import _splits, load_gold, prepare_run
from indsigt.eval.metrics import agreement
from indsigt.eval.units import new_learner, units_of

Rule = Callable[[np.ndarray, np.ndarray], list[int]]


def collect(fmt: str, path: str, folds: int, embedder: str, out: str, single: bool) -> None:
    gold = load_gold(fmt, path, level="major")
    splits, _, _ = _splits(gold, gold, True, folds=folds, seed=0)
    one = single or gold.single_label
    run = prepare_run(gold, gold, embedder=embedder)
    if one:  # the single-label learner on multi-label gold: no facet, one code a unit
        run = replace(run, settings={**run.settings, "single_label": True, "facet": None})
    saved: dict[str, np.ndarray] = {}
    for fold, (training, scoring) in enumerate(splits):
        learner = new_learner(run.settings, run.parts)
        taught = {u.id: u.labels for u in training}
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            units, _ = units_of(training, run.parts, taught)
            learner.fit(units, [u.labels for u in training], groups=[u.group for u in training])
            found = learner.probabilities(units_of(scoring, run.parts, taught)[0])
        cuts = [0.5] * len(learner.labels) if one else [m.threshold for m in learner.models]
        saved |= {f"p{fold}": found, f"t{fold}": np.array(cuts)}
        saved[f"labels{fold}"] = np.array(learner.labels)
        saved[f"truth{fold}"] = np.array(["|".join(sorted(u.labels)) for u in scoring])
        print(f"fold {fold} of {len(splits)}", file=sys.stderr, flush=True)
    np.savez(out, **saved)


def _above(row: np.ndarray, cuts: np.ndarray) -> list[int]:
    return [int(j) for j in np.flatnonzero(row >= cuts)]


def _top(row: np.ndarray, cuts: np.ndarray) -> list[int]:
    return [int(np.argmax(row - cuts))]


RULES: dict[str, Rule] = {
    "the learner's cut": _above,
    "top code only (p − cut)": _top,
    "top code only (p / cut)": lambda row, cuts: [int(np.argmax(row / np.maximum(cuts, 1e-6)))],
    "cut, the top code where none": lambda row, cuts: _above(row, cuts) or _top(row, cuts),
    "cut, only its top code": lambda row, cuts: _top(row, cuts) if _above(row, cuts) else [],
}


def replay(path: str, single_path: str | None) -> None:
    data = np.load(path)
    folds = sorted(int(key[1:]) for key in data.files if key.startswith("p"))
    single = np.load(single_path) if single_path else None
    truth = [
        frozenset(code for code in joined.split("|") if code)
        for fold in folds
        for joined in data[f"truth{fold}"]
    ]

    def score(found: list[frozenset[str]]) -> str:
        a = agreement(truth, found)
        return f"{a['micro_f1']:.4f} / {a['macro_f1']:.4f} / {a['kappa']:.4f}"

    for name, rule in RULES.items():
        found = [
            frozenset(str(data[f"labels{fold}"][j]) for j in rule(row, data[f"t{fold}"]))
            for fold in folds
            for row in data[f"p{fold}"]
        ]
        print(f"{name:32s} {score(found)}")
    if single is not None:
        alone = [
            frozenset({str(single[f"labels{fold}"][int(np.argmax(row))])})
            for fold in folds
            for row in single[f"p{fold}"]
        ]
        print(f"{'the single-label learner alone':32s} {score(alone)}")
        found = []
        for fold in folds:
            labels, other = data[f"labels{fold}"], single[f"labels{fold}"]
            for row, alone in zip(data[f"p{fold}"], single[f"p{fold}"], strict=True):
                cut = {str(labels[j]) for j in _above(row, data[f"t{fold}"])}
                found.append(frozenset(cut or {str(other[int(np.argmax(alone))])}))
        print(f"{'cut, single-label top where none':32s} {score(found)}")
    for fold in folds:
        counts = [len([c for c in s.split("|") if c]) for s in data[f"truth{fold}"]]
        share = float(np.mean(np.equal(counts, 1)))
        print(f"fold {fold}: share of the scored units with exactly one code {share:.3f}")


if __name__ == "__main__":
    if sys.argv[1] == "collect":
        collect(*sys.argv[2:4], int(sys.argv[4]), sys.argv[5], sys.argv[6], "--single" in sys.argv)
    else:
        replay(sys.argv[2], sys.argv[3] if len(sys.argv) > 3 else None)
