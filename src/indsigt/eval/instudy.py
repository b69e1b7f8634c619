"""The in-study curve (``indsigt eval coding … --curve-by documents``): how well the supervised
coder agrees with people when a team has coded k documents of the study itself and lets the
machine propose the rest (k = 1, 2, 3, 5, …), and whether the coder's "code next" order beats
a random order of documents.

* random order: for each of ``draws`` seeded draws, the first k documents of a random
  permutation are the training data, the others are scored; the figures are the means over
  the draws.
* code next: each draw starts from the same first document as the random draw; after each
  step the coder is trained on the documents coded so far, and the uncoded document least
  like the coded ones (:func:`indsigt.coding.order.least_alike`, what ``indsigt codings
  --next-documents`` proposes) is coded next (its gold codes are added). Until stop 34 it
  was the document the coder was least sure about (mean :meth:`Learner.uncertainty` of its
  units), which lost to random order on GENNOVATE.
* the area under each curve is the mean of the metric over the k asked for; the gain is the
  code-next area minus the random one.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from indsigt.analyse.agreement import mean_defined
from indsigt.coding.order import least_alike
from indsigt.errors import IndsigtError
from indsigt.eval.gold import GoldSet
from indsigt.eval.metrics import agreement
from indsigt.eval.units import code_units, new_learner
from indsigt.progress import Progress, no_progress

KS = (1, 2, 3, 5)
KEYS = ("micro_f1", "macro_f1", "kappa", "accuracy")


def _score(
    gold: GoldSet, training: set[str], settings: dict[str, Any], parts: Sequence[str]
) -> dict[str, Any]:
    learner = new_learner(settings, parts)
    train = [u for u in gold.units if u.group in training]
    rest = [u for u in gold.units if u.group not in training]
    found = code_units(learner, train, rest)
    scores = agreement([u.labels for u in rest], found, single_label=gold.single_label)
    return {key: scores[key] for key in KEYS}


def _document_texts(gold: GoldSet) -> dict[str, str]:
    """Each document's words (its units' texts joined), what :func:`least_alike` compares."""
    words: dict[str, list[str]] = {}
    for unit in gold.units:
        words.setdefault(unit.group, []).append(unit.text)
    return {group: " ".join(found) for group, found in words.items()}


def _mean(rows: list[dict[str, Any]]) -> dict[str, float | None]:
    """The mean of each figure over the rows where it is defined (κ may be undefined)."""
    return {key: _round(mean_defined(r[key] for r in rows)) for key in KEYS}


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def _difference(a: float | None, b: float | None) -> float | None:
    return None if a is None or b is None else round(a - b, 4)


def in_study_curve(
    gold: GoldSet,
    *,
    settings: dict[str, Any],
    parts: Sequence[str] = (),
    ks: Sequence[int] = KS,
    draws: int = 3,
    seed: int = 0,
    progress: Progress = no_progress,
) -> dict[str, Any]:
    """The curve for random and code-next order; see the module doc."""
    documents = sorted({u.group for u in gold.units})
    ks = sorted(k for k in set(ks) if 1 <= k < len(documents))
    if not ks:
        raise IndsigtError(
            f"{gold.name}: too few documents ({len(documents)}) for an in-study curve"
        )
    metric = "accuracy" if gold.single_label else "micro_f1"
    steps = draws * (len(ks) + ks[-1])
    done = 0
    random_rows: dict[int, list[dict[str, Any]]] = {k: [] for k in ks}
    next_rows: dict[int, list[dict[str, Any]]] = {k: [] for k in ks}
    orders: list[list[str]] = []
    texts = _document_texts(gold)
    for draw in range(draws):
        order = [
            documents[k] for k in np.random.default_rng(seed + draw).permutation(len(documents))
        ]
        for k in ks:
            progress(done, steps, "in-study curve (random order)")
            random_rows[k].append(_score(gold, set(order[:k]), settings, parts))
            done += 1
        chosen = [order[0]]
        for k in range(1, ks[-1] + 1):
            progress(done, steps, "in-study curve (code next)")
            scores = _score(gold, set(chosen), settings, parts)
            done += 1
            if k in next_rows:
                next_rows[k].append(scores)
            if k < ks[-1]:
                chosen.append(least_alike(texts, chosen)[0][0])  # the least alike uncoded
        orders.append(chosen)
    progress(steps, steps, "in-study curve")
    random_points = {k: _mean(random_rows[k]) for k in ks}
    next_points = {k: _mean(next_rows[k]) for k in ks}

    def area(points: dict[int, dict[str, Any]], key: str) -> float | None:
        return _round(mean_defined(points[k][key] for k in ks))

    return {
        "by": "documents",
        "documents": len(documents),
        "draws": draws,
        "metric": metric,
        "points": [{"k": k, "random": random_points[k], "code_next": next_points[k]} for k in ks],
        "area": {
            order: {key: area(points, key) for key in (metric, "macro_f1", "kappa")}
            for order, points in (("random", random_points), ("code_next", next_points))
        },
        "gain": {
            key: _difference(area(next_points, key), area(random_points, key))
            for key in (metric, "macro_f1", "kappa")
        },
        "code_next_orders": orders,
    }
