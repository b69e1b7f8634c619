"""Key points for a large consultation as a batch job on the Dask engine, against the e5 pass
it needs (issue 17, "Speed": 100k answers in under 10 minutes here).

    PYTHONPATH=src .venv/bin/python bench/keypoints_100k.py --answers 100000
    PYTHONPATH=src .venv/bin/python bench/keypoints_100k.py --answers 10000 --answers 20000

The answers are synthetic: ArgKP 2021 arguments (train and dev, ../shared/data/argkp-2021)
sampled with replacement and varied slightly so that no two are the same text (a lead-in such
as "In my view," or "Honestly,", a word dropped, a closing phrase, lower-cased start — seeded);
each answer is one respondent's answer to one consultation question (the ArgKP topic), and
each respondent has a region (one of five, random). They are English: the e5 pass costs what
it costs in any language.

The job runs on :class:`indsigt.batch.engine.DaskEngine` (a ``LocalCluster`` of one
single-threaded worker process per core, as ``indsigt batch --engine local``), in three stages,
each timed:

1. ``e5``: the answers in partitions of ``--partition`` answers; a task embeds its partition's
   distinct texts (each answer, and its cleaned form where cleaning changed it) with
   multilingual-e5-small — the pass key points need. Vectors come back to the driver.
2. ``draft`` (map): per partition and question, key points of that partition's answers alone
   (``generate`` with the shipped matcher; candidates are the cleaned answers that
   :class:`CandidateRules` accepts) — a candidate that is widespread in the whole question is
   a key point in some partition's sample.
3. ``merge`` (reduce): per question, every partition's drafts (distinct texts) are matched
   against all of the question's answers and key points are chosen again, with prevalence in
   respondents over the whole question.

``keypoints_seconds`` = draft + merge; ``ratio_to_e5`` = keypoints / e5. Prints one JSON line
per size.

With ``--sample N`` only a seeded random sample of at most N answers per question goes through
the three stages (:mod:`indsigt.analyse.keypoints.sample`), and each key point's prevalence is
an estimate over the whole question with a 95 % interval; the e5 pass then costs what the
sample costs, whatever the number of answers. ``--validate`` (for sizes where embedding every
answer is affordable) embeds all answers, runs the sampled job on the sample's vectors, and
matches each sampled key point against every answer of its question: how far the estimates
are from the full counts and how many full counts lie in their intervals.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

import numpy as np

DATA = (
    Path(
        os.environ.get("INDSIGT_SHARED_DATA")
        or Path(__file__).resolve().parents[2] / "shared" / "data"
    )
    / "argkp-2021"
)
LEADS = (
    "",
    "",
    "",
    "I think ",
    "In my view, ",
    "Honestly, ",
    "Personally I believe ",
    "To be frank, ",
    "My answer: ",
    "Well, ",
)
ENDS = ("", "", "", " That is my view.", " That is all.", " Simple as that.", " I am sure of it.")
REGIONS = ("north", "south", "east", "west", "capital")


def arguments(data: Path) -> list[tuple[str, str]]:
    """(text, topic) of every ArgKP argument of the train and dev splits."""
    found = []
    for split in ("train", "dev"):
        with (data / f"arguments_{split}.csv").open(encoding="utf-8") as handle:
            found += [(row["argument"], row["topic"]) for row in csv.DictReader(handle)]
    return found


def vary(text: str, rng: random.Random) -> str:
    words = text.split()
    if len(words) > 6 and rng.random() < 0.3:
        del words[rng.randrange(1, len(words) - 1)]
    varied = " ".join(words)
    lead = rng.choice(LEADS)
    if lead:
        varied = lead + varied[:1].lower() + varied[1:]
    if not varied.endswith((".", "!", "?")):
        varied += "."
    return varied + rng.choice(ENDS)


def answers(n: int, data: Path, seed: int = 0) -> list[dict[str, Any]]:
    """``n`` distinct synthetic answers (see the module docstring)."""
    rng = random.Random(seed)
    pool = arguments(data)
    seen: set[str] = set()
    found = []
    while len(found) < n:
        text, topic = pool[rng.randrange(len(pool))]
        varied = vary(text, rng)
        if varied in seen:
            continue
        seen.add(varied)
        found.append(
            {"id": len(found), "text": varied, "question": topic, "region": rng.choice(REGIONS)}
        )
    return found


_EMBEDDER: Any = None


def embed_partition(texts: list[str]) -> np.ndarray:
    """Stage 1 on a worker: e5 vectors of ``texts`` (the model loaded once per worker)."""
    global _EMBEDDER
    if _EMBEDDER is None:
        from indsigt.embed import get_embedder

        _EMBEDDER = get_embedder("e5")
    return np.asarray(_EMBEDDER.embed(texts), dtype=np.float32)


def candidates_of(texts: list[str]) -> list[int]:
    """Indices of the answers whose cleaned text is a key point candidate."""
    from indsigt.analyse.keypoints.candidates import CandidateRules, clean

    rules = CandidateRules()
    return [i for i, t in enumerate(texts) if rules.accepts(clean(t, "en"), "en")]


def key_points(
    texts: list[str],
    vectors: np.ndarray,
    respondents: list[int],
    candidates: list[str],
    candidate_vectors: np.ndarray,
    max_points: int,
) -> list[tuple[str, list[int]]]:
    """(key point, its respondents) of one scope: the package's ``generate``."""
    from indsigt.analyse.keypoints.generate import generate
    from indsigt.analyse.keypoints.matcher import PairMatcher, side

    drafted = generate(
        side(texts, vectors, "en"),
        respondents,
        side(candidates, candidate_vectors, "en"),
        matcher=PairMatcher.load(),
        max_points=max_points,
    )
    return [(d.text, sorted(d.respondents)) for d in drafted]


def draft_partition(
    items: list[tuple[str, str, int]],
    vectors: np.ndarray,
    cleaned: list[str],
    cleaned_vectors: np.ndarray,
    max_points: int,
) -> dict[str, list[str]]:
    """Stage 2 on a worker: per question, the key points of this partition's answers."""
    by_question: dict[str, list[int]] = defaultdict(list)
    for i, (_, question, _) in enumerate(items):
        by_question[question].append(i)
    found: dict[str, list[str]] = {}
    for question, rows in by_question.items():
        texts = [items[i][0] for i in rows]
        keep = [rows[i] for i in candidates_of(texts)]
        points = key_points(
            texts,
            vectors[rows],
            [items[i][2] for i in rows],
            [cleaned[i] for i in keep],
            cleaned_vectors[keep],
            max_points,
        )
        found[question] = [text for text, _ in points]
    return found


def merge_question(
    texts: list[str],
    vectors: np.ndarray,
    respondents: list[int],
    drafts: list[str],
    draft_vectors: np.ndarray,
    max_points: int,
) -> list[tuple[str, list[int]]]:
    """Stage 3 on a worker: one question's key points from every partition's drafts."""
    return key_points(texts, vectors, respondents, drafts, draft_vectors, max_points)


def sampled_rows(rows: list[dict[str, Any]], size: int | None) -> list[dict[str, Any]]:
    """The answers that go through the job: all, or a sample of each question's."""
    from indsigt.analyse.keypoints.sample import draw_per_scope

    if size is None:
        return rows
    by_question: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        by_question[r["question"]].append(r)
    drawn = draw_per_scope(dict(sorted(by_question.items())), size)
    return sorted((r for found in drawn.values() for r in found), key=lambda r: r["id"])


def run(
    n: int,
    *,
    data: Path,
    partition: int,
    workers: int | None,
    max_points: int,
    sample: int | None = None,
    validate: bool = False,
) -> dict:
    from indsigt.analyse.keypoints.candidates import clean
    from indsigt.analyse.keypoints.sample import Share
    from indsigt.batch.engine import DaskEngine

    population = answers(n, data)
    rows = sampled_rows(population, sample)
    embedded = population if validate else rows
    # an answer's cleaned form is embedded only where it is a key point candidate
    originals = [r["text"] for r in embedded]
    wanted = [originals[i] for i in candidates_of(originals)]
    distinct = sorted(set(originals) | {clean(t, "en") for t in wanted})
    index = {t: i for i, t in enumerate(distinct)}
    started_engine = time.perf_counter()
    engine = DaskEngine(workers=workers)
    engine_s = time.perf_counter() - started_engine
    try:
        # 1. the e5 pass
        started = time.perf_counter()
        chunks = [distinct[i : i + partition] for i in range(0, len(distinct), partition)]
        tasks = [
            engine.submit(embed_partition, chunk, key=f"e5-{n}-{k}")
            for k, chunk in enumerate(chunks)
        ]
        vectors = np.vstack([engine.result(task) for task in tasks])
        e5_s = time.perf_counter() - started

        def vec(texts_: list[str]) -> np.ndarray:
            return vectors[[index[t] for t in texts_]]

        texts = [r["text"] for r in rows]
        cleaned = [clean(t, "en") for t in texts]
        answer_vectors = vec(texts)
        # only candidates read their cleaned vector; the others' stays the answer's own
        cleaned_vectors = vectors[
            [index.get(c, index[t]) for c, t in zip(cleaned, texts, strict=True)]
        ]
        # 2. drafts per partition and question
        started = time.perf_counter()
        tasks = []
        for k, start in enumerate(range(0, len(rows), partition)):
            part = slice(start, start + partition)
            items = [(r["text"], r["question"], r["id"]) for r in rows[part]]
            tasks.append(
                engine.submit(
                    draft_partition,
                    items,
                    answer_vectors[part],
                    cleaned[part],
                    cleaned_vectors[part],
                    max_points,
                    key=f"draft-{n}-{k}",
                )
            )
        drafts: dict[str, set[str]] = defaultdict(set)
        for task in tasks:
            for question, found in engine.result(task).items():
                drafts[question].update(found)
        draft_s = time.perf_counter() - started
        # 3. per question, all (sampled) answers against every partition's drafts
        started = time.perf_counter()
        by_question: dict[str, list[int]] = defaultdict(list)  # positions in rows
        for position, r in enumerate(rows):
            by_question[r["question"]].append(position)
        tasks, order = [], []
        for question, positions in sorted(by_question.items()):
            texts_q = sorted(drafts.get(question, ()))
            if not texts_q:
                continue
            order.append(question)
            tasks.append(
                engine.submit(
                    merge_question,
                    [texts[i] for i in positions],
                    answer_vectors[positions],
                    [rows[i]["id"] for i in positions],
                    texts_q,
                    vec(texts_q),
                    max_points,
                    key=f"merge-{n}-{len(order)}",
                )
            )
        results = {q: engine.result(task) for q, task in zip(order, tasks, strict=True)}
        merge_s = time.perf_counter() - started
    finally:
        engine.close()
    asked = defaultdict(int)
    for r in population:
        asked[r["question"]] += 1
    shares = {
        (q, text): Share(len(who), len(by_question[q]), asked[q])
        for q, found in results.items()
        for text, who in found
    }
    keypoints_s = draft_s + merge_s
    result = {
        "answers": n,
        "questions": len(asked),
        "sample_per_question": sample,
        "answers_through_the_job": len(rows),
        "distinct_texts_embedded": len(distinct),
        "partition": partition,
        "workers": engine.workers,
        "engine_start_seconds": round(engine_s, 2),
        "e5_seconds": round(e5_s, 1),
        "draft_seconds": round(draft_s, 1),
        "merge_seconds": round(merge_s, 1),
        "keypoints_seconds": round(keypoints_s, 1),
        "wall_seconds": round(e5_s + keypoints_s, 1),
        "ratio_to_e5": round(keypoints_s / e5_s, 3),
        "drafts": sum(len(v) for v in drafts.values()),
        "key_points": len(shares),
        "examples": [
            f"{q}: {share.count()[0]} of {share.population} "
            f"({share.count()[1]}–{share.count()[2]}): {text}"
            for (q, text), share in sorted(shares.items(), key=lambda kv: -kv[1].share)[:3]
        ],
    }
    if validate:
        result["validation"] = check_estimates(population, shares, vec)
    return result


def check_estimates(
    population: list[dict[str, Any]],
    shares: dict[tuple[str, str], Any],
    vec: Any,
) -> dict[str, Any]:
    """Every sampled key point matched against all answers of its question (one assignment,
    as in ``generate``): the full count against the estimate and its interval."""
    from indsigt.analyse.keypoints.generate import generate
    from indsigt.analyse.keypoints.matcher import PairMatcher, side

    by_question: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in population:
        by_question[r["question"]].append(r)
    rows = []
    for question in sorted({q for q, _ in shares}):
        points = sorted(text for q, text in shares if q == question)
        everyone = by_question[question]
        texts = [r["text"] for r in everyone]
        full = {
            d.text: d.respondents
            for d in generate(
                side(texts, vec(texts), "en"),
                [r["id"] for r in everyone],
                side(points, vec(points), "en"),
                matcher=PairMatcher.load(),
                max_points=len(points),
                min_respondents=1,
                overlap=1.0,
            )
        }
        for text in points:
            share = shares[(question, text)]
            truth = len(full.get(text, ()))
            estimate, low, high = share.count()
            rows.append((question, truth, estimate, low, high, share.population))
    inside = sum(low <= truth <= high for _, truth, _, low, high, _ in rows)
    errors = [abs(truth - estimate) / size for _, truth, estimate, _, _, size in rows]
    return {
        "key_points": len(rows),
        "full_count_inside_interval": inside,
        "mean_abs_error_points": round(100 * sum(errors) / len(errors), 2) if rows else None,
        "max_abs_error_points": round(100 * max(errors), 2) if rows else None,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--answers", type=int, action="append", help="repeatable; default 100000")
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--partition", type=int, default=2000)
    parser.add_argument("--workers", type=int)
    parser.add_argument("--max-points", type=int, default=6)
    from indsigt.analyse.keypoints.sample import SAMPLE

    parser.add_argument(
        "--sample",
        type=int,
        help=f"answers per question through the job (the package's rule is {SAMPLE}: "
        "`indsigt keypoints` samples a scope of more respondents; default: every answer)",
    )
    parser.add_argument("--validate", action="store_true", help="also match every answer")
    options = parser.parse_args()
    for n in options.answers or [100_000]:
        result = run(
            n,
            data=options.data,
            partition=options.partition,
            workers=options.workers,
            max_points=options.max_points,
            sample=options.sample,
            validate=options.validate,
        )
        print(json.dumps(result, ensure_ascii=False), flush=True)
        sys.stdout.flush()


if __name__ == "__main__":
    main()
