"""The in-study curve alone (what ``indsigt eval coding … --curve-by documents`` adds), without
the cross-validation and baselines the eval runs around it: the coder trained on k = 1, 2, 3, 5
documents of the gold and scored on the rest, random order against the code-next order.

    PYTHONPATH=src python bench/instudy_curve.py gennovate /tmp/h20/gen_train e5 [DRAWS]
    PYTHONPATH=src python bench/instudy_curve.py pdpilot ../shared/data/pdpilot-interviews none

The eval's learner settings (inner CV, facets where the gold has them, the default context).
Prints one JSON object: the points, the areas, the gain and the code-next orders.
"""

from __future__ import annotations

import json
import sys

from indsigt.eval.coding import load_gold, prepare_run
from indsigt.eval.instudy import in_study_curve


def main() -> None:
    fmt, path, embedder = sys.argv[1:4]
    draws = int(sys.argv[4]) if len(sys.argv) > 4 else 3
    gold = load_gold(fmt, path, level="major")
    run = prepare_run(gold, gold, embedder=embedder)
    curve = in_study_curve(gold, settings=run.settings, parts=run.parts, draws=draws, seed=0)
    print(json.dumps(curve, indent=1))


if __name__ == "__main__":
    main()
