"""pdpilot leave-one-document-out with the supervised learner alone (no baselines): neighbour
smoothing off / per label / shared (docs/benchmarks.md, "pdpilot smoothing (stop 27)").

    PYTHONPATH=src python bench/pdpilot_smoothing.py /work/shared/data/pdpilot-interviews [modes…]
"""

from __future__ import annotations

import json
import sys
import time

from indsigt.eval.coding import gold_facet, load_gold
from indsigt.eval.metrics import agreement
from indsigt.eval.units import code_units, default_parts, new_learner


def main() -> None:
    path = sys.argv[1]
    modes = sys.argv[2:] or ["off", "label", "shared"]
    gold = load_gold("pdpilot", path)
    parts = default_parts(gold.units)
    facet = gold_facet(gold)
    groups = sorted({u.group for u in gold.units})
    for mode in modes:
        began = time.perf_counter()
        truth, found, choices = [], [], []
        for held in groups:
            train = [u for u in gold.units if u.group != held]
            test = [u for u in gold.units if u.group == held]
            settings = {"classifier": "svm", "folds": 5, "seed": 0, "facet": facet}
            learner = new_learner({**settings, "smoothing": mode}, parts)
            found += code_units(learner, train, test)
            truth += [u.labels for u in test]
            if learner.smoothing_choice is not None:
                c = learner.smoothing_choice
                choices.append({l: (w, k) for l, w, k in zip(c.labels, c.weights, c.widths) if w})
        s = agreement(truth, found, single_label=False)
        print(
            json.dumps(
                {
                    "mode": mode,
                    "micro": s["micro_f1"],
                    "macro": s["macro_f1"],
                    "kappa": s["kappa"],
                    "per_code": {
                        c: (r["kappa"], r["predicted"], r["support"])
                        for c, r in s["per_code"].items()
                    },
                    "chosen": choices,
                    "seconds": round(time.perf_counter() - began),
                }
            ),
            flush=True,
        )


if __name__ == "__main__":
    main()
