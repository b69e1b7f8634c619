"""Ray or Dask for `indsigt batch`? Both run the real job's work — a consultation sheet's
partitions through the same `prepare` + `finish` (import, segmentation, anonymisation,
keyword and supervised coding, segment counts) with the same backpressure — and the results
come back to this process, which drops them (the store writes do not depend on the engine).

    .venv/bin/pip install ray        # Ray is NOT a dependency of indsigt; only for this script
    .venv/bin/python bench/engine_compare.py --passages 100000 --engines inprocess,dask,ray

Measured per engine: start-up (cluster up and one task run), memory at idle (this process and
its children, RSS, minus this process before the start), wall time over the sheet, passages
per second, and peak memory (sampled every 0.2 s, as in scale_bench.py).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from collections import deque
from pathlib import Path
from typing import Any

import psutil

os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
sys.path.insert(0, str(Path(__file__).resolve().parent))

import contextlib

import corpus
from scale_bench import TEXT_COLUMNS, PeakMemory, prepare_study

import indsigt
from indsigt.batch import job
from indsigt.batch.ledger import JobOptions
from indsigt.batch.work import finish, prepare
from indsigt.codebook.repository import load_codebook
from indsigt.ingest.stream import file_sha256, open_sheet
from indsigt.segment import get_segmenter


def both(number: int, rows: list[Any], context: Any) -> int:
    """One partition, both steps (new names numbered locally); returns its passages."""
    prepared = prepare(number, rows, context)
    done = finish(prepared, [f"Person {i + 1}" for i in range(len(prepared.names))], context)
    return done.passage_count


def ping() -> int:
    return 1


def rss_mb() -> float:
    me = psutil.Process()
    total = me.memory_info().rss
    for child in me.children(recursive=True):
        with contextlib.suppress(psutil.Error):
            total += child.memory_info().rss
    return total / 2**20


def context_for(study_path: Path, sheet: Path) -> Any:
    """The job's WorkContext, built as `run_batch` builds it (internal helpers)."""
    options = JobOptions(
        text_columns=tuple(TEXT_COLUMNS),
        id_column="svar_id",
        sheet=None,
        language=None,
        unit="sentence",
        coders=("keyword.v1", "supervised.v1"),
        by=("level", "type"),
        partition_size=0,
        respondents=None,
    )
    with indsigt.open_study(study_path) as study:
        store, study_id = study.store, study.study.id
        context, _, _ = job._context(
            store, job._study(store, study_id), 0, sheet, file_sha256(sheet), options,
            get_segmenter("sentence"), {}, load_codebook(store, study_id), {"da", "en"}, [],
        )  # fmt: skip
    return context


def partitions(sheet: Path, size: int) -> Any:
    with open_sheet(sheet) as stream:
        block: list[Any] = []
        for row in stream:
            block.append(row)
            if len(block) == size:
                yield block
                block = []
        if block:
            yield block


def run_dask(context: Any, sheet: Path, workers: int, size: int) -> dict[str, Any]:
    import logging

    import distributed

    before = rss_mb()
    began = time.perf_counter()
    cluster = distributed.LocalCluster(
        n_workers=workers, threads_per_worker=1, dashboard_address=None,
        silence_logs=logging.ERROR,
        env={"OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"},
    )  # fmt: skip
    client = distributed.Client(cluster)
    client.submit(ping).result()
    start = time.perf_counter() - began
    time.sleep(2)
    idle = rss_mb() - before
    try:
        with PeakMemory() as memory:
            began = time.perf_counter()
            shared = client.scatter(context, broadcast=True, hash=False)
            pending: deque[Any] = deque()
            passages = 0
            for number, rows in enumerate(partitions(sheet, size)):
                pending.append(client.submit(both, number, rows, shared, pure=False))
                while len(pending) >= 2 * workers:
                    done, _ = distributed.wait(list(pending), return_when="FIRST_COMPLETED")
                    for future in done:
                        passages += future.result()
                        pending.remove(future)
            passages += sum(f.result() for f in pending)
            seconds = time.perf_counter() - began
    finally:
        client.close()
        cluster.close()
    return _row("dask", start, idle, seconds, passages, memory.peak)


def run_ray(context: Any, sheet: Path, workers: int, size: int) -> dict[str, Any]:
    import ray

    before = rss_mb()
    began = time.perf_counter()
    ray.init(
        num_cpus=workers, include_dashboard=False, log_to_driver=False,
        runtime_env={"env_vars": {"OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1"}},
    )  # fmt: skip
    remote = ray.remote(both)
    ray.get(ray.remote(ping).remote())
    start = time.perf_counter() - began
    time.sleep(2)
    idle = rss_mb() - before
    try:
        with PeakMemory() as memory:
            began = time.perf_counter()
            shared = ray.put(context)
            pending: list[Any] = []
            passages = 0
            for number, rows in enumerate(partitions(sheet, size)):
                pending.append(remote.remote(number, rows, shared))
                while len(pending) >= 2 * workers:
                    done, pending = ray.wait(pending, num_returns=1)
                    passages += sum(ray.get(done))
            passages += sum(ray.get(pending))
            seconds = time.perf_counter() - began
    finally:
        ray.shutdown()
    return _row("ray", start, idle, seconds, passages, memory.peak)


def run_inprocess(context: Any, sheet: Path, workers: int, size: int) -> dict[str, Any]:
    with PeakMemory() as memory:
        began = time.perf_counter()
        passages = sum(both(n, rows, context) for n, rows in enumerate(partitions(sheet, size)))
        seconds = time.perf_counter() - began
    return _row("inprocess", 0.0, 0.0, seconds, passages, memory.peak)


def _row(
    engine: str, start: float, idle: float, seconds: float, passages: int, peak: int
) -> dict[str, Any]:
    return {
        "engine": engine,
        "start_s": round(start, 2),
        "idle_mb": round(idle),
        "seconds": round(seconds, 1),
        "passages": passages,
        "passages_per_s": round(passages / seconds),
        "peak_rss_mb": round(peak / 2**20),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--passages", type=int, default=100_000)
    parser.add_argument("--engines", default="inprocess,dask,ray")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--partition-size", type=int, default=1000)
    parser.add_argument("--keep", type=Path)
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="indsigt-engines-"))
    folder.mkdir(parents=True, exist_ok=True)
    sheet = folder / f"answers-{args.passages}.csv"
    if not sheet.exists():
        corpus.write(sheet, args.passages)
    study_path = folder / "engines.db"
    if not study_path.exists():
        pilot = folder / "pilot.csv"
        corpus.write(pilot, 2000, seed=1001)
        prepare_study(study_path, pilot)
    context = context_for(study_path, sheet)
    runners = {"inprocess": run_inprocess, "dask": run_dask, "ray": run_ray}
    results = []
    for engine in args.engines.split(","):
        result = runners[engine](context, sheet, args.workers, args.partition_size)
        print(json.dumps(result), flush=True)
        results.append(result)
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
