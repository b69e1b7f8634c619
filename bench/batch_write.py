"""The batch driver's writer alone: replay captured partitions through ``write_partition``.

``scale_bench.py`` times the write stage inside a whole job, where the anonymiser and the
coders share the machine with it; on a loaded machine its write figure varies several-fold
between runs. This script captures the partitions a job writes once, then replays only the
writes into copies of the same empty study, so two versions of the writer can be compared
on identical input (run ``replay`` with each version's ``src`` first on ``PYTHONPATH``,
alternating):

    PYTHONPATH=src .venv/bin/python bench/batch_write.py capture --sheet SHEET --folder /tmp/bw
    PYTHONPATH=src .venv/bin/python bench/batch_write.py replay --folder /tmp/bw --label new

The sheet comes from ``bench/corpus.py`` (``scale_bench.py --keep DIR`` leaves one in DIR).
Capture: a new study with the default codebook, the sheet through ``indsigt batch`` in this
process without the tagger, keyword coder. Replay prints the summed wall and CPU seconds of
the ``write_partition`` calls and what the study then holds (passages, codings, FTS rows).
"""

from __future__ import annotations

import argparse
import copy
import json
import pickle
import shutil
import sys
import time
from pathlib import Path
from typing import Any

import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus

import indsigt
import indsigt.batch.job as job
from indsigt.batch import InProcessEngine
from indsigt.batch.writer import write_partition
from indsigt.store import Store, schema
from indsigt.store.store import now

SUFFIXES = ("", "-wal", "-shm")


def _copy(source: Path, target: Path) -> None:
    for suffix in SUFFIXES:
        Path(f"{target}{suffix}").unlink(missing_ok=True)
        if Path(f"{source}{suffix}").exists():
            shutil.copy(f"{source}{suffix}", f"{target}{suffix}")


def capture(sheet: Path, folder: Path, partition_size: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    study_path = folder / "study.db"
    for suffix in SUFFIXES:
        Path(f"{study_path}{suffix}").unlink(missing_ok=True)
    with indsigt.init_study(study_path, name="høring") as study:
        study.import_codebook(default=True)
    _copy(study_path, folder / "template.db")
    captured: list[tuple[Any, ...]] = []
    original = job.write_partition

    def recording(store: Any, state: Any, finished: Any, pseudonyms: Any, **kw: Any) -> Any:
        captured.append((copy.deepcopy(state), finished, list(pseudonyms), kw["summary"]))
        return original(store, state, finished, pseudonyms, **kw)

    job.write_partition = recording  # type: ignore[assignment]
    with indsigt.open_study(study_path) as study:
        study.batch(
            sheet,
            text_columns=list(corpus.QUESTIONS),
            id_column="svar_id",
            coders=("keyword",),
            engine=InProcessEngine(),
            model="none",
            partition_size=partition_size,
        )
    with (folder / "partitions.pkl").open("wb") as handle:
        pickle.dump(captured, handle)
    print(json.dumps({"partitions": len(captured)}))


def replay(folder: Path, label: str) -> None:
    with (folder / "partitions.pkl").open("rb") as handle:
        captured = pickle.load(handle)  # our own file, written by capture
    target = folder / f"replay-{label}.db"
    _copy(folder / "template.db", target)
    store = Store.open(target)
    state = copy.deepcopy(captured[0][0])
    with store.begin() as connection:
        stamp = now()
        connection.execute(
            schema.job.insert().values(
                id=state.job_id, study_id=state.study_id, kind="batch", source="replay",
                source_sha256="0" * 64, options={}, status="running",
                partitions=len(captured), result={}, created_at=stamp, updated_at=stamp,
            )
        )  # fmt: skip
    wall = cpu = 0.0
    for _, finished, pseudonyms, summary in captured:
        began, began_cpu = time.perf_counter(), time.process_time()
        write_partition(store, state, finished, pseudonyms, summary=summary)
        wall += time.perf_counter() - began
        cpu += time.process_time() - began_cpu
    with store.connect() as connection:
        passages = connection.scalar(sa.select(sa.func.count()).select_from(schema.passage))
        codings = connection.scalar(sa.select(sa.func.count()).select_from(schema.coding))
        fts = connection.scalar(sa.text("SELECT count(*) FROM passage_fts"))
    store.engine.dispose()
    print(
        json.dumps(
            {
                "label": label,
                "partitions": len(captured),
                "passages": passages,
                "codings": codings,
                "fts_rows": fts,
                "wall_s": round(wall, 3),
                "cpu_s": round(cpu, 3),
            }
        )
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("step", choices=("capture", "replay"))
    parser.add_argument("--folder", type=Path, required=True)
    parser.add_argument("--sheet", type=Path)
    parser.add_argument("--partition-size", type=int, default=2000)
    parser.add_argument("--label", default="current")
    args = parser.parse_args()
    if args.step == "capture":
        if args.sheet is None:
            parser.error("capture needs --sheet")
        capture(args.sheet, args.folder, args.partition_size)
    else:
        replay(args.folder, args.label)


if __name__ == "__main__":
    main()
