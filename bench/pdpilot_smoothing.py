"""pdpilot leave-one-document-out with the supervised learner alone (no baselines): neighbour
smoothing off / per label / shared (docs/benchmarks.md, "pdpilot smoothing (stop 27)").

Each outer fold fits the learner once (``smoothing="label"``); the other modes re-run only
the learner's smoothing choice and re-cut on the same out-of-fold scores, which is what fitting
with that mode does (the models and their calibration do not depend on it).

    PYTHONPATH=src python bench/pdpilot_smoothing.py ../shared/data/pdpilot-interviews \
        [f1|kappa] [at_cut|best]

``at_cut`` (the learner's criterion): the cut rule's value at the cut the learner applies;
``best``: the rule's best value before the cap.
"""

from __future__ import annotations

import json
import sys
import time
import warnings
from dataclasses import replace
from typing import Any

from indsigt.coding.context import decide_in_order
from indsigt.coding.learner import Learner
from indsigt.eval.coding import gold_facet, load_gold
from indsigt.eval.metrics import agreement
from indsigt.eval.units import default_parts, new_learner, units_of

MODES = ("off", "label", "shared")


def main() -> None:
    path = sys.argv[1]
    threshold_by = sys.argv[2] if len(sys.argv) > 2 else "f1"
    criterion = sys.argv[3] if len(sys.argv) > 3 else "at_cut"
    if criterion == "best":  # the rule's best value, before the cap (stop 26's replay)
        import indsigt.coding.learner as module

        def best(p: Any, y: Any, *, threshold_by: str, max_marked: Any) -> float:
            return module.label_cut(p, y, threshold_by=threshold_by, max_marked=max_marked)[1]

        module.cut_value = best  # type: ignore[assignment]
    gold = load_gold("pdpilot", path)
    parts = default_parts(gold.units)
    facet = gold_facet(gold)
    groups = sorted({u.group for u in gold.units})
    truth: list[frozenset[str]] = []
    found: dict[str, list[frozenset[str]]] = {m: [] for m in MODES}
    choices: dict[str, list[dict[str, Any]]] = {m: [] for m in MODES}
    began = time.perf_counter()
    captured: dict[str, Any] = {}
    original = Learner._choose_smoothing

    def capture(self: Learner, *args: Any) -> Any:
        captured["args"] = args
        return original(self, *args)

    Learner._choose_smoothing = capture  # type: ignore[method-assign]
    for held in groups:
        train = [u for u in gold.units if u.group != held]
        test = [u for u in gold.units if u.group == held]
        settings = {"classifier": "svm", "folds": 5, "seed": 0, "facet": facet}
        learner = new_learner({**settings, "threshold_by": threshold_by}, parts)
        taught = {u.id: u.labels for u in train}
        train_units, _ = units_of(train, parts, taught)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            learner.fit(train_units, [u.labels for u in train], groups=[u.group for u in train])
        targets, previous = units_of(test, parts, taught)
        truth += [u.labels for u in test]
        for mode in MODES:
            learner.smoothing = mode
            chosen = original(learner, *captured["args"])
            learner.models = [
                replace(m, threshold=t)
                for m, (_, _, _, _, t) in zip(learner.models, chosen, strict=True)
            ]
            found[mode] += decide_in_order(learner.predict, targets, previous)
            c = learner.smoothing_choice
            assert c is not None
            choices[mode].append(
                {
                    code: (w, k)
                    for code, w, k in zip(c.labels, c.weights, c.widths, strict=True)
                    if w
                }
            )
        print(held, round(time.perf_counter() - began), flush=True)
    for mode in MODES:
        s = agreement(truth, found[mode], single_label=False)
        print(
            json.dumps(
                {
                    "mode": mode,
                    "threshold_by": threshold_by,
                    "criterion": criterion,
                    "micro": s["micro_f1"],
                    "macro": s["macro_f1"],
                    "kappa": s["kappa"],
                    "per_code": {
                        c: (r["kappa"], r["predicted"], r["support"])
                        for c, r in s["per_code"].items()
                    },
                    "chosen": choices[mode],
                }
            ),
            flush=True,
        )


if __name__ == "__main__":
    main()
