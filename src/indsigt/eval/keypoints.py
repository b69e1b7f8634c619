"""`indsigt eval keypoints`: key point matching and generation on ArgKP (shared task 2021).

Matching (track 1): given the experts' key points of each (topic, stance), every argument's
best key point and its score. Mean average precision with the task's definition: per (topic,
stance), the top 50 % of arguments by score, average precision of their labels (sklearn's
``average_precision_score``, as the task's script), then the mean over groups. ``strict``
counts unlabelled pairs as non-matching, ``relaxed`` as matching.

Generation: our key points of each (topic, stance) from its arguments alone (the arguments
are both the statements and, where the candidate rules accept them, the candidates; each
argument is its own respondent). Scored against the experts' key points by ROUGE-1/2/L (for
each expert key point its best-matching generated one, F-measure; mean over all expert key
points) and by ``coverage``: the share of expert key points that the matching model pairs with
a generated key point (``set`` head at its threshold).

Baselines in the same run, with the same keys: ``tfidf`` (word TF-IDF cosine, fitted on the
group's texts: the nearest key point) and ``e5_cosine`` (plain cosine of the e5 vectors). For
their generation, the same selection runs on their similarity with the threshold that gives the
best F1 on the evaluated split's labelled pairs — an advantage our model does not get; the
coverage judge is our model for all.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, ClassVar

import numpy as np
from numpy.typing import NDArray

from indsigt.analyse.keypoints.candidates import CandidateRules, clean
from indsigt.analyse.keypoints.generate import generate
from indsigt.analyse.keypoints.matcher import Head, Matcher, PairMatcher, Side, side
from indsigt.embed.base import Embedder
from indsigt.eval.argkp import ArgKP, Group, read_argkp
from indsigt.eval.rouge import rouge
from indsigt.progress import Progress, no_progress

Scorer = Callable[[Group, Side, Side], NDArray[np.float64]]
LANGUAGE = "en"


def average_precision(labels: Sequence[int], scores: Sequence[float]) -> float:
    """sklearn's average precision; 0.0 when no label is positive (the task's script gets 0
    from sklearn there too, with a warning)."""
    from sklearn.metrics import average_precision_score

    if not any(labels):
        return 0.0
    return float(average_precision_score(list(labels), list(scores)))


def matching_map(data: ArgKP, scored: dict[Group, NDArray[np.float64]]) -> dict[str, float]:
    """``map_strict`` and ``map_relaxed`` from each group's arguments × key points scores."""
    found: dict[str, list[float]] = {"strict": [], "relaxed": []}
    for group, matrix in scored.items():
        best, top = matrix.argmax(axis=1), matrix.max(axis=1)
        labels = [
            data.labels.get((arg, group.key_points[j]))
            for arg, j in zip(group.arguments, best, strict=True)
        ]
        order = np.argsort(-top, kind="stable")[: int(len(group.arguments) * 0.5)]
        for name, fill in (("strict", 0), ("relaxed", 1)):
            y = [fill if labels[i] is None else labels[i] for i in order]
            found[name].append(average_precision(y, [float(top[i]) for i in order]))
    return {f"map_{name}": round(float(np.mean(v)), 4) for name, v in found.items()}


def best_f1_threshold(labels: Sequence[int], scores: Sequence[float]) -> float:
    """The score threshold with the best F1 on labelled pairs."""
    from sklearn.metrics import precision_recall_curve

    precision, recall, thresholds = precision_recall_curve(list(labels), list(scores))
    f1 = 2 * precision * recall / np.maximum(precision + recall, 1e-12)
    return float(thresholds[int(np.argmax(f1[:-1]))])


def precision_threshold(labels: Sequence[int], scores: Sequence[float], target: float) -> float:
    """The lowest score threshold at which the labelled pairs' precision reaches ``target``
    (so that a key point's count rests on matches that are mostly right)."""
    from sklearn.metrics import precision_recall_curve

    precision, _, thresholds = precision_recall_curve(list(labels), list(scores))
    reached = np.flatnonzero(precision[:-1] >= target)
    return float(thresholds[reached[0]]) if len(reached) else float(thresholds[-1])


def evaluate_keypoints(
    folder: str | Path,
    *,
    split: str = "dev",
    topics: Sequence[str] = (),
    embedder: Embedder | None = None,
    matcher: Matcher | None = None,
    max_points: int = 8,
    progress: Progress = no_progress,
) -> dict[str, Any]:
    """Matching mAP and generation scores of our model and the baselines (module docstring)."""
    started = time.perf_counter()
    data = read_argkp(folder, split, topics=topics)
    model = matcher or PairMatcher.load()
    if embedder is None:
        from indsigt.embed import get_embedder

        embedder = get_embedder("e5")
    texts = list(dict.fromkeys([*data.arguments.values(), *data.key_points.values()]))
    vectors: dict[str, NDArray[np.float32]] = {}
    for start in range(0, len(texts), 64):
        progress(start, len(texts), "embedding")
        batch = texts[start : start + 64]
        vectors.update(zip(batch, embedder.embed(batch), strict=True))
    sides = {g: _sides(data, g, vectors) for g in data.groups}
    scorers: dict[str, Scorer] = {
        "indsigt": lambda g, a, k: model.scores(a, k, head="set"),
        "tfidf": lambda g, a, k: _tfidf(a.texts, k.texts),
        "e5_cosine": lambda g, a, k: (a.vectors @ k.vectors.T).astype(np.float64),
    }
    result: dict[str, Any] = {}
    for name, scorer in scorers.items():
        scored = {g: scorer(g, *sides[g]) for g in data.groups}
        scores = matching_map(data, scored)
        threshold = None if name == "indsigt" else _threshold(data, scored)
        scores.update(_generation(data, sides, vectors, model, name, scorer, threshold, max_points))
        result[name] = scores
    ours = result.pop("indsigt")
    return {
        "split": split,
        "groups": len(data.groups),
        "arguments": len(data.arguments),
        "key_points": len(data.key_points),
        "model": getattr(model, "name", type(model).__name__),
        "embedder": embedder.model_id,
        **ours,
        "baselines": result,
        "seconds": round(time.perf_counter() - started, 1),
    }


def _sides(data: ArgKP, group: Group, vectors: dict[str, NDArray[np.float32]]) -> tuple[Side, Side]:
    args = [data.arguments[a] for a in group.arguments]
    points = [data.key_points[k] for k in group.key_points]
    return (
        side(args, np.array([vectors[t] for t in args]), LANGUAGE),
        side(points, np.array([vectors[t] for t in points]), LANGUAGE),
    )


def _tfidf(a: Sequence[str], b: Sequence[str]) -> NDArray[np.float64]:
    from sklearn.feature_extraction.text import TfidfVectorizer

    matrix = TfidfVectorizer(sublinear_tf=True).fit_transform([*a, *b])
    similarity: NDArray[np.float64] = (matrix[: len(a)] @ matrix[len(a) :].T).toarray()
    return similarity


def _threshold(data: ArgKP, scored: dict[Group, NDArray[np.float64]]) -> float:
    labels, scores = [], []
    for group, matrix in scored.items():
        for i, arg in enumerate(group.arguments):
            for j, kp in enumerate(group.key_points):
                if (arg, kp) in data.labels:
                    labels.append(data.labels[(arg, kp)])
                    scores.append(float(matrix[i, j]))
    return best_f1_threshold(labels, scores)


class _Fixed:
    """A baseline similarity as a matcher: the same score for both heads."""

    name: ClassVar[str] = "baseline"

    def __init__(self, scorer: Scorer, group: Group, threshold: float) -> None:
        self.scorer, self.group, self.value = scorer, group, threshold

    def threshold(self, head: Head) -> float:
        return self.value

    def scores(self, statements: Side, points: Side, *, head: Head) -> NDArray[np.float64]:
        return self.scorer(self.group, statements, points)


def _generation(
    data: ArgKP,
    sides: dict[Group, tuple[Side, Side]],
    vectors: dict[str, NDArray[np.float32]],
    model: Matcher,
    name: str,
    scorer: Scorer,
    threshold: float | None,
    max_points: int,
) -> dict[str, float]:
    rules = CandidateRules()
    best: dict[str, list[float]] = {"rouge1": [], "rouge2": [], "rougeL": []}
    covered, generated = [], 0
    for group in data.groups:
        arguments, experts = sides[group]
        cleaned = [clean(t, LANGUAGE) for t in arguments.texts]
        keep = [i for i, t in enumerate(cleaned) if rules.accepts(t, LANGUAGE)]
        candidates = side(
            [cleaned[i] for i in keep],
            arguments.vectors[keep],
            LANGUAGE,
        )
        matcher: Matcher = model if threshold is None else _Fixed(scorer, group, threshold)
        drafted = generate(
            arguments,
            list(range(len(arguments.texts))),
            candidates,
            matcher=matcher,
            max_points=max_points,
        )
        generated += len(drafted)
        texts = [d.text for d in drafted]
        for expert in experts.texts:
            scores = [rouge(expert, text) for text in texts]
            for key in best:
                best[key].append(max((s[key] for s in scores), default=0.0))
        if drafted:
            ours = Side(
                tuple(texts),
                candidates.vectors[[d.candidate for d in drafted]],
                tuple(candidates.stems[d.candidate] for d in drafted),
            )
            judged = model.scores(experts, ours, head="set")
            covered += list(judged.max(axis=1) >= model.threshold("set"))
        else:
            covered += [False] * len(experts.texts)
    return {
        **{key: round(float(np.mean(v)), 4) for key, v in best.items()},
        "coverage": round(float(np.mean(covered)), 4) if covered else 0.0,
        "generated": generated,
    }
