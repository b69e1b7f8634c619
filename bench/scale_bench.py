"""Scale: a consultation sheet of N passages through `indsigt batch` (import → anonymise →
keyword + supervised coding → segment tables), in this process and on a local Dask cluster.

    .venv/bin/python bench/scale_bench.py --passages 10000 --engines inprocess,local
    .venv/bin/python bench/scale_bench.py --passages 1000000 --engines local --json

The anonymiser uses the e5 tagger shipped with indsigt (on the workers) unless ``--tagger
none`` (rules, gazetteers and proper nouns only, as before issue 15) or ``--tagger DIR``. With
``--compare-reuse`` each engine runs twice, first with the tagger as before stop 25 (every
answer's candidate sentences encoded: ``E5Tagger(reuse=False)``), then as now (a part read
before takes its labels), so that the ratio is measured in the same run. With
``--compare-tagger DIR[,DIR]`` each engine runs first with ``--tagger`` (default: the shipped
head), then with the head in each DIR (e.g. a copy of the shipped head against candidates).

Setup (not timed): the sheet (``bench/corpus.py``: real sentences from ../shared/data, read at
run time), a fresh SQLite study with the default codebook, and a person's codings to train the
supervised coder on: a pilot sheet of 2,000 passages (another seed) run through the batch
with the keyword coder, whose suggestions in 400 documents are then accepted by "anna".

Timed, per engine: ``run_batch`` over the sheet, end to end — reading and checking the sheet,
training the supervised coder, the partitions, every write, the segment tables. Per-stage
rates are passages divided by the stage's seconds summed over partitions (CPU time of one
worker: a stage's share, not its wall time). Peak memory is sampled every 0.2 s as the sum of
the RSS of this process (the driver; with ``local`` also the Dask scheduler) and all its child
processes (Dask nannies and workers): the most the job held at once.
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import psutil
import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).resolve().parent))

import contextlib

import corpus

import indsigt
from indsigt.batch import InProcessEngine, open_engine
from indsigt.store import schema

TEXT_COLUMNS = list(corpus.QUESTIONS)


class PeakMemory:
    """The peak of the summed RSS of this process and its children, sampled."""

    def __init__(self, every: float = 0.2) -> None:
        self.every = every
        self.peak = 0
        self.peak_driver = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _sample(self) -> None:
        me = psutil.Process()
        total = driver = me.memory_info().rss
        for child in me.children(recursive=True):
            with contextlib.suppress(psutil.Error):
                total += child.memory_info().rss
        self.peak = max(self.peak, total)
        self.peak_driver = max(self.peak_driver, driver)

    def _run(self) -> None:
        while not self._stop.wait(self.every):
            self._sample()

    def __enter__(self) -> PeakMemory:
        self._sample()
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self._sample()


def prepare_study(path: Path, pilot: Path) -> None:
    """A study with the default codebook and a person's codings from a pilot sheet."""
    with indsigt.init_study(path, name="høring") as study:
        study.import_codebook(default=True)
        study.batch(
            pilot,
            text_columns=TEXT_COLUMNS,
            id_column="svar_id",
            engine=InProcessEngine(),
            model="none",  # setup only: the pilot's codings, not its anonymisation
        )
        documents = [doc.name for doc in study.documents()[:400]]
        ids = [row.id for name in documents for row in study.codings(document=name)]
        study.review_codings(accept=ids, user="anna")


def run(
    sheet: Path,
    study_path: Path,
    engine_name: str,
    *,
    workers: int | None,
    partition_size: int,
    max_in_flight: int | None,
    model: str | None = None,
) -> dict[str, Any]:
    with PeakMemory() as memory:
        started = time.perf_counter()
        engine = open_engine(engine_name, workers=workers)
        engine_start = time.perf_counter() - started
        try:
            with indsigt.open_study(study_path) as study:
                report = study.batch(
                    sheet,
                    text_columns=TEXT_COLUMNS,
                    id_column="svar_id",
                    coders=("keyword", "supervised"),
                    by=("level", "type"),
                    engine=engine,
                    partition_size=partition_size,
                    max_in_flight=max_in_flight,
                    model=model,
                )
        finally:
            engine.close()
        seconds = time.perf_counter() - started
    with indsigt.open_study(study_path) as study, study.store.connect() as connection:
        stored = connection.scalar(
            sa.select(sa.func.count()).select_from(schema.passage)
        )  # includes the pilot's
    stages = {
        name: {
            "seconds": s,
            "passages_per_s": round(report.passages / s) if s else None,
        }
        for name, s in report.stage_seconds.items()
    }
    return {
        "engine": report.engine,
        "workers": report.workers,
        "rows": report.rows,
        "passages": report.passages,
        "partitions": report.partitions,
        "codings": report.codings,
        "findings": sum(report.findings.values()),
        "engine_start_s": round(engine_start, 2),
        "seconds": round(seconds, 1),
        "passages_per_s": round(report.passages / seconds),
        "stages": stages,
        "peak_rss_mb": round(memory.peak / 2**20),
        "peak_driver_rss_mb": round(memory.peak_driver / 2**20),
        "driver_maxrss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "stored_passages": stored,
        "notes": report.notes,
    }


def _tagger_reuse(reuse: bool) -> None:
    """Taggers built from now on (on the driver; the workers get them pickled) reuse or not."""
    from indsigt.anonymise.e5tagger import E5Tagger

    E5Tagger.__init__.__kwdefaults__["reuse"] = reuse  # type: ignore[index]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--passages", type=int, default=10_000)
    parser.add_argument("--engines", default="inprocess,local")
    parser.add_argument("--workers", type=int)
    parser.add_argument("--partition-size", type=int, default=2000)
    parser.add_argument("--max-in-flight", type=int)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--data", type=Path, default=corpus.DEFAULT_DATA)
    parser.add_argument("--keep", type=Path, help="Work in this folder and leave it.")
    parser.add_argument(
        "--tagger",
        help="the anonymisation tagger: a model directory, or none (default: the shipped one)",
    )
    parser.add_argument(
        "--compare-reuse", action="store_true", help="each engine also with reuse=False, first"
    )
    parser.add_argument(
        "--compare-tagger",
        metavar="DIR[,DIR]",
        help="each engine first with --tagger (default: the shipped one), then with each of these",
    )
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="indsigt-scale-"))
    folder.mkdir(parents=True, exist_ok=True)
    sheet = folder / f"answers-{args.passages}.csv"
    began = time.perf_counter()
    if not sheet.exists():
        corpus.write(sheet, args.passages, seed=args.seed, data=args.data)
    generate = time.perf_counter() - began
    pilot = folder / "pilot.csv"
    if not pilot.exists():
        corpus.write(pilot, 2000, seed=args.seed + 1000, data=args.data)
    results: dict[str, Any] = {
        "passages_requested": args.passages,
        "sheet_mb": round(sheet.stat().st_size / 2**20, 1),
        "generate_s": round(generate, 1),
        "machine": f"{psutil.cpu_count()} cores, {psutil.virtual_memory().total / 2**30:.0f} GiB, "
        f"Python {platform.python_version()}",
        "runs": [],
    }
    taggers = [args.tagger, *(args.compare_tagger.split(",") if args.compare_tagger else [])]
    runs = [
        (engine, reuse, tagger)
        for engine in args.engines.split(",")
        for tagger in taggers
        for reuse in ((False, True) if args.compare_reuse else (True,))
    ]
    for engine, reuse, tagger in runs:
        _tagger_reuse(reuse)
        study_path = folder / f"study-{engine.replace('://', '-').replace(':', '-')}.db"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{study_path}{suffix}").unlink(missing_ok=True)
        prepare_study(study_path, pilot)
        result = run(
            sheet,
            study_path,
            engine,
            workers=args.workers,
            partition_size=args.partition_size,
            max_in_flight=args.max_in_flight,
            model=tagger,
        )
        result["tagger_reuse"] = reuse
        result["tagger"] = tagger or "shipped"
        results["runs"].append(result)
        if not args.json:
            print(json.dumps(result), flush=True)
    base = next(
        (
            r
            for r in results["runs"]
            if r["engine"] == "inprocess" and r["tagger_reuse"] and r["tagger"] == taggers[0]
        ),
        None,
    )
    if base:
        for r in results["runs"]:
            r["speedup_vs_inprocess"] = round(base["seconds"] / r["seconds"], 2)
    print(json.dumps(results, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
