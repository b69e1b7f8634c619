"""Train the key point matching model (``kpmatch.v1``) on ArgKP 2021 and write it as package data.

    PYTHONPATH=src .venv/bin/python scripts/train_keypoint_matcher.py \
        --data ../shared/data/argkp-2021 \
        --output src/indsigt/analyse/keypoints/data/kpmatch.v1.npz

Fits both heads (see :mod:`indsigt.analyse.keypoints.matcher`) on the labelled pairs of the
``train`` topics only: standardised features, logistic regression (C given by ``--c``).
Each head's threshold is the lowest at which the labelled pairs of the ``dev`` topics reach
``--precision`` (0.75): a key point's count should rest on matches that are mostly right. Its
floor, the lowest threshold a scope with too few key points may fall back to, is where they
still reach ``--floor-precision`` (0.60: most matches still right). The dev topics choose
nothing else. Prints the dev matching mAP. ``--vectors FILE.npz`` keeps
the e5 vectors between runs (texts → vectors; not part of the repository).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np

from indsigt.analyse.keypoints.features import PAIR_FEATURES, SET_FEATURES, pair_features
from indsigt.analyse.keypoints.matcher import LinearHead, PairMatcher, side, write_heads
from indsigt.eval.argkp import ArgKP, read_argkp
from indsigt.eval.keypoints import matching_map, precision_threshold


def vectors_for(texts: list[str], cache: Path | None) -> dict[str, np.ndarray]:
    found: dict[str, np.ndarray] = {}
    if cache is not None and cache.exists():
        with np.load(cache) as data:
            found = dict(zip(data["texts"].tolist(), data["vectors"], strict=True))
    missing = [t for t in dict.fromkeys(texts) if t not in found]
    if missing:
        from indsigt.embed import get_embedder

        embedder = get_embedder("e5")
        for start in range(0, len(missing), 64):
            batch = missing[start : start + 64]
            found.update(zip(batch, embedder.embed(batch), strict=True))
        if cache is not None:
            keys = list(found)
            np.savez(cache, texts=np.array(keys), vectors=np.array([found[k] for k in keys]))
    return found


def pairs(data: ArgKP, vectors: dict[str, np.ndarray], *, in_set: bool):
    rows, labels = [], []
    for group in data.groups:
        args = [data.arguments[a] for a in group.arguments]
        points = [data.key_points[k] for k in group.key_points]
        a = side(args, np.array([vectors[t] for t in args]), "en")
        k = side(points, np.array([vectors[t] for t in points]), "en")
        features = pair_features(a.vectors, k.vectors, a.stems, k.stems, in_set=in_set)
        for i, arg in enumerate(group.arguments):
            for j, kp in enumerate(group.key_points):
                if (arg, kp) in data.labels:
                    rows.append(features[i, j])
                    labels.append(data.labels[(arg, kp)])
    return np.array(rows), np.array(labels)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data/argkp-2021"))
    parser.add_argument(
        "--output", type=Path, default=Path("src/indsigt/analyse/keypoints/data/kpmatch.v1.npz")
    )
    parser.add_argument("--c", type=float, default=1.0)
    parser.add_argument("--vectors", type=Path)
    parser.add_argument("--precision", type=float, default=0.75)
    parser.add_argument("--floor-precision", type=float, default=0.60)
    options = parser.parse_args()

    from sklearn.linear_model import LogisticRegression

    train, dev = read_argkp(options.data, "train"), read_argkp(options.data, "dev")
    texts = [*train.arguments.values(), *train.key_points.values()]
    texts += [*dev.arguments.values(), *dev.key_points.values()]
    vectors = vectors_for(texts, options.vectors)
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
    options.output.parent.mkdir(parents=True, exist_ok=True)
    write_heads(str(options.output), heads)
    matcher = PairMatcher.load(str(options.output))
    scored = {}
    for group in dev.groups:
        args = [dev.arguments[a] for a in group.arguments]
        points = [dev.key_points[k] for k in group.key_points]
        scored[group] = matcher.scores(
            side(args, np.array([vectors[t] for t in args]), "en"),
            side(points, np.array([vectors[t] for t in points]), "en"),
            head="set",
        )
    report = {
        "train_pairs": len(train.labels),
        "dev": matching_map(dev, scored),
        "thresholds": {name: round(h.threshold, 4) for name, h in heads.items()},
        "floors": {name: round(h.floor or h.threshold, 4) for name, h in heads.items()},
        "coef": {
            name: dict(zip(h.features, np.round(h.coef, 3).tolist(), strict=True))
            for name, h in heads.items()
        },
    }
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
