"""Train the key point matching model (``kpmatch.v2``) on ArgKP 2021 and write it as package data.

    PYTHONPATH=src .venv/bin/python scripts/train_keypoint_matcher.py \
        --data ../shared/data/argkp-2021 \
        --output src/indsigt/analyse/keypoints/data/kpmatch.v2.npz

Fits both heads (see :mod:`indsigt.analyse.keypoints.matcher`) on the labelled pairs of the
``train`` topics only: standardised features, logistic regression (C given by ``--c``).
Each head's threshold is the lowest at which the labelled pairs of the ``dev`` topics reach
``--precision`` (0.75): a key point's count should rest on matches that are mostly right. Its
floor, the lowest threshold a scope with too few key points may fall back to, is where they
still reach ``--floor-precision`` (0.60: most matches still right). The dev topics choose
nothing else. Prints the dev matching mAP.

The ``stance`` head (the gate on ``pairs``) is fitted with each training topic as one scope,
both stances' arguments in it (:mod:`indsigt.eval.stance`): true matches against the other
stance's arguments that the ``pairs`` head scores at ``--stance-band`` (0.3) or more, on the
pair's centred product, C (L2) by ROC AUC over four folds of the training topics. Its
threshold lets ``--stance-keep`` (0.95) of the dev true matches that both heads count pass.
``--vectors FILE.npz`` keeps the e5 vectors between runs (texts → vectors; not part of the
repository).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from indsigt.analyse.keypoints.features import (
    PAIR_FEATURES,
    SET_FEATURES,
    STANCE_FEATURES,
    centred_product,
    pair_features,
)
from indsigt.analyse.keypoints.matcher import LinearHead, PairMatcher, write_heads
from indsigt.eval.argkp import ArgKP, cached_vectors, read_argkp
from indsigt.eval.keypoints import matching_map, precision_threshold
from indsigt.eval.stance import score_topics, sides

DATA = "src/indsigt/analyse/keypoints/data"
Vectors = dict[str, NDArray[np.floating]]
Rows = tuple[NDArray[np.float64], NDArray[np.int_], NDArray[np.str_], NDArray[np.bool_]]


def pairs(
    data: ArgKP, vectors: Vectors, *, in_set: bool
) -> tuple[NDArray[np.float64], NDArray[np.int_]]:
    rows, labels = [], []
    for group in data.groups:
        a, k = sides(data, group.arguments, group.key_points, vectors)
        features = pair_features(a.vectors, k.vectors, a.stems, k.stems, in_set=in_set)
        for i, arg in enumerate(group.arguments):
            for j, kp in enumerate(group.key_points):
                if (arg, kp) in data.labels:
                    rows.append(features[i, j])
                    labels.append(data.labels[(arg, kp)])
    return np.array(rows), np.array(labels)


def similarity_heads(
    train: ArgKP, dev: ArgKP, vectors: Vectors, options: argparse.Namespace
) -> dict[str, LinearHead]:
    """The ``pairs`` and ``set`` heads on the labelled pairs, thresholds and floors on dev."""
    from sklearn.linear_model import LogisticRegression

    heads = {}
    for head, names, in_set in (
        ("pairs", PAIR_FEATURES, False),
        ("set", PAIR_FEATURES + SET_FEATURES, True),
    ):
        x, y = pairs(train, vectors, in_set=in_set)
        mean, scale = x.mean(axis=0), x.std(axis=0) + 1e-9
        model = LogisticRegression(C=options.c, max_iter=5000).fit((x - mean) / scale, y)
        fitted = LinearHead(names, mean, scale, model.coef_[0], float(model.intercept_[0]), 0.5)
        dx, dy = pairs(dev, vectors, in_set=in_set)
        dev_scores = fitted(dx).tolist()
        threshold = precision_threshold(dy.tolist(), dev_scores, options.precision)
        floor = precision_threshold(dy.tolist(), dev_scores, options.floor_precision)
        heads[head] = LinearHead(
            names, mean, scale, fitted.coef, fitted.intercept, threshold, min(floor, threshold)
        )
    return heads


def stance_rows(data: ArgKP, vectors: Vectors, matcher: PairMatcher, band: float) -> Rows:
    """Each topic as one scope (:mod:`indsigt.eval.stance`): its true matches and the other
    stance's arguments that the ``pairs`` head scores at or above ``band`` (similar enough to
    be confused), as centred products; label 1 for a true match. Also the topic of each row
    and whether both heads count it."""
    x, y, topics, counted = [], [], [], []
    for topic in score_topics(matcher, data, vectors):
        a, p = sides(data, topic.arguments, topic.key_points, vectors)
        product = centred_product(a.vectors, p.vectors).reshape(len(a.texts), len(p.texts), -1)
        kinds = topic.kinds
        wanted = ((kinds == "true") | (kinds == "opposite")) & (topic.pairs >= band)
        x.append(product[wanted])
        y.append(kinds[wanted] == "true")
        topics += [topic.name] * int(wanted.sum())
        counted.append(topic.counted(matcher)[wanted])
    return (
        np.concatenate(x),
        np.concatenate(y).astype(int),
        np.array(topics),
        np.concatenate(counted),
    )


def stance_head(
    train: ArgKP,
    dev: ArgKP,
    vectors: Vectors,
    heads: dict[str, LinearHead],
    options: argparse.Namespace,
) -> tuple[LinearHead, dict[str, Any]]:
    """The stance gate: C by ROC AUC over four folds of the training topics (a gate is a
    ranking cut at a quantile, so the ranking is what counts); its threshold
    where the dev true matches that both heads count keep ``--stance-keep`` of them."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import roc_auc_score
    from sklearn.model_selection import GroupKFold

    similarity = PairMatcher(heads)
    x, y, topics, _ = stance_rows(train, vectors, similarity, options.stance_band)
    mean, scale = x.mean(axis=0), x.std(axis=0) + 1e-9
    z = (x - mean) / scale
    aucs = {}
    for c in (1e-5, 1e-4, 1e-3, 1e-2):
        fold = []
        for fit, held in GroupKFold(4).split(z, y, topics):
            model = LogisticRegression(C=c, max_iter=5000).fit(z[fit], y[fit])
            fold.append(roc_auc_score(y[held], model.decision_function(z[held])))
        aucs[c] = float(np.mean(fold))
    c = max(aucs, key=lambda k: aucs[k])
    model = LogisticRegression(C=c, max_iter=5000).fit(z, y)
    fitted = LinearHead(
        STANCE_FEATURES, mean, scale, model.coef_[0], float(model.intercept_[0]), 0.5
    )
    dx, dy, _, counted = stance_rows(dev, vectors, similarity, options.stance_band)
    dev_scores = fitted(dx)
    kept = np.sort(dev_scores[(dy == 1) & counted])
    threshold = float(kept[int((1 - options.stance_keep) * len(kept))])
    opposite = dev_scores[(dy == 0) & counted]
    summary = {
        "rows": len(y),
        "c": c,
        "inner_cv_auc": {str(k): round(v, 4) for k, v in aucs.items()},
        "dev_opposite_counted_removed": round(float(np.mean(opposite < threshold)), 4),
    }
    head = LinearHead(STANCE_FEATURES, mean, scale, fitted.coef, fitted.intercept, threshold)
    return head, summary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data/argkp-2021"))
    parser.add_argument("--output", type=Path, default=Path(f"{DATA}/kpmatch.v2.npz"))
    parser.add_argument("--c", type=float, default=1.0)
    parser.add_argument("--vectors", type=Path)
    parser.add_argument("--precision", type=float, default=0.75)
    parser.add_argument("--floor-precision", type=float, default=0.60)
    parser.add_argument("--stance-band", type=float, default=0.3)
    parser.add_argument("--stance-keep", type=float, default=0.95)
    options = parser.parse_args()

    train, dev = read_argkp(options.data, "train"), read_argkp(options.data, "dev")
    texts = [*train.arguments.values(), *train.key_points.values()]
    texts += [*dev.arguments.values(), *dev.key_points.values()]
    vectors = cached_vectors(texts, options.vectors)
    heads = similarity_heads(train, dev, vectors, options)
    heads["stance"], stance = stance_head(train, dev, vectors, heads, options)
    options.output.parent.mkdir(parents=True, exist_ok=True)
    write_heads(str(options.output), heads)
    matcher = PairMatcher.load(str(options.output))
    scored = {}
    for group in dev.groups:
        args, points = sides(dev, group.arguments, group.key_points, vectors)
        scored[group] = matcher.scores(args, points, head="set")
    report = {
        "train_pairs": len(train.labels),
        "dev": matching_map(dev, scored),
        "thresholds": {name: round(h.threshold, 4) for name, h in heads.items()},
        "floors": {name: round(h.floor, 4) for name, h in heads.items() if h.floor is not None},
        "coef": {
            name: dict(zip(h.features, np.round(h.coef, 3).tolist(), strict=True))
            for name, h in heads.items()
            if name != "stance"
        },
        "stance": stance,
    }
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
