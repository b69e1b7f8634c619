"""Cross-stance evaluation of key point matching on ArgKP: is a key point matched to arguments
that argue the opposite?

    PYTHONPATH=src .venv/bin/python bench/keypoints_stance.py \
        --data ../shared/data/argkp-2021 --split dev --vectors /tmp/argkp_vectors.npz \
        [--model PATH ...]

Each topic is one scope, as a study's theme is (:mod:`indsigt.eval.stance`): every argument of
both stances meets every key point of the topic; a pair is ``true`` (labelled as matching),
``false`` (labelled as not matching) or ``opposite`` (the other stance's argument). For the
shipped model (``shipped``) and each ``--model`` file, one JSON object:

- ``kept``: the share of each kind of pair at or above the thresholds, by head: ``pairs`` (the
  head that chooses key points; a stance gate acts here), ``set`` (statements against the key
  points of one stance: the study chose none of the other side), and ``both`` (what a study
  counts: both heads);
- ``map_pool``: per key point, the average precision of its true matches among every argument
  of the topic (negatives: ``false`` and ``opposite``; unlabelled same-stance arguments left
  out), mean over key points with a true match, by head;
- ``map_within``: the same without the opposite-stance arguments (what the other side costs);
- ``matching``: the shared task's mAP with the key points of both stances in the set (an
  argument whose best key point is of the other side counts as wrong).

``--vectors FILE.npz`` keeps the e5 vectors between runs (the training script's format).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

import numpy as np

from indsigt.analyse.keypoints.matcher import Matcher, PairMatcher
from indsigt.eval.argkp import ArgKP, Group, cached_vectors, read_argkp
from indsigt.eval.keypoints import average_precision, matching_map
from indsigt.eval.stance import KINDS, Topic, score_topics


def kept(matcher: Matcher, topics: list[Topic]) -> dict[str, Any]:
    """The share of each kind of pair at or above the heads' thresholds."""
    result: dict[str, Any] = {}
    for name in ("pairs", "set", "both"):
        counts = {kind: [0, 0] for kind in KINDS}
        for topic in topics:
            above = {
                "pairs": topic.pairs >= matcher.threshold("pairs"),
                "set": topic.own_set >= matcher.threshold("set"),
                "both": topic.counted(matcher),
            }[name]
            for kind in KINDS:
                mask = topic.kinds == kind
                counts[kind][0] += int(above[mask].sum())
                counts[kind][1] += int(mask.sum())
        result[name] = {k: round(n / max(1, total), 4) for k, (n, total) in counts.items()}
        result[f"{name}_n"] = {k: n for k, (n, _) in counts.items()}
    result["pairs_total"] = {k: total for k, (_, total) in counts.items()}
    return result


def pooled_map(topics: list[Topic], *, opposite: bool) -> dict[str, float]:
    """Mean average precision of each key point's true matches among the topic's arguments."""
    result = {}
    for head in ("pairs", "set"):
        found = []
        for topic in topics:
            matrix = topic.pairs if head == "pairs" else topic.own_set
            for j in range(len(topic.key_points)):
                kind = topic.kinds[:, j]
                wanted = (kind == "true") | (kind == "false")
                if opposite:
                    wanted |= kind == "opposite"
                labels = (kind[wanted] == "true").astype(int)
                if labels.any():
                    found.append(average_precision(labels.tolist(), matrix[wanted, j].tolist()))
        result[head] = round(float(np.mean(found)), 4)
    return result


def cross_matching(data: ArgKP, topics: list[Topic]) -> dict[str, float]:
    """The shared task's mAP with both stances' key points in the set: an argument's best key
    point of the other side is a wrong match (label 0)."""
    labels = dict(data.labels)
    scored = {}
    for topic in topics:
        for stance in np.unique(topic.argument_stances):
            rows = np.flatnonzero(topic.argument_stances == stance)
            args = tuple(topic.arguments[i] for i in rows)
            scored[Group(topic.name, int(stance), args, topic.key_points)] = topic.full_set[rows]
            for j in np.flatnonzero(topic.key_point_stances != stance):
                labels.update({(arg, topic.key_points[j]): 0 for arg in args})
    wide = ArgKP(data.split, data.arguments, data.key_points, data.topics, labels, tuple(scored))
    return matching_map(wide, scored)


def evaluate(matcher: Matcher, data: ArgKP, vectors: dict[str, Any]) -> dict[str, Any]:
    topics = score_topics(matcher, data, vectors)
    return {
        "name": getattr(matcher, "name", type(matcher).__name__),
        "thresholds": {h: round(matcher.threshold(h), 4) for h in ("pairs", "set")},
        "kept": kept(matcher, topics),
        "map_pool": pooled_map(topics, opposite=True),
        "map_within": pooled_map(topics, opposite=False),
        "matching": cross_matching(data, topics),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data/argkp-2021"))
    parser.add_argument("--split", default="dev")
    parser.add_argument("--vectors", type=Path)
    parser.add_argument("--model", type=Path, action="append", default=[])
    options = parser.parse_args()
    data = read_argkp(options.data, options.split)
    texts = [*data.arguments.values(), *data.key_points.values()]
    vectors = cached_vectors(texts, options.vectors)
    models: dict[str, Matcher] = {"shipped": PairMatcher.load()}
    models.update({str(path): PairMatcher.load(str(path)) for path in options.model})
    report: dict[str, Any] = {"split": options.split, "topics": len({*data.topics.values()})}
    report.update({name: evaluate(model, data, vectors) for name, model in models.items()})
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
