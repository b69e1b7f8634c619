"""Speed of key points on a study, against the e5 pass they need.

    PYTHONPATH=src .venv/bin/python bench/keypoints_bench.py [--study PATH] [--workdir DIR]

Without ``--study`` it builds the sample study with ``indsigt demo`` (13 interviews, 15
leaders, anonymised and coded) in DIR. On a fresh copy of the study (no cached vectors):

1. key points of the whole study, embedding every statement and candidate (``first``);
2. the same again, every vector now cached in the study (``cached``);
3. key points of every top-level code, cached (what ``indsigt report`` runs: ``report_cached``).

The e5 pass is ``first - cached``; the ratio is ``cached / e5``. Prints one JSON object.
"""

from __future__ import annotations

import argparse
import json
import shutil
import tempfile
import time
from pathlib import Path

import sqlalchemy as sa

from indsigt.analyse.keypoints.study import study_key_points
from indsigt.project import open_study
from indsigt.store import schema


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--study", type=Path)
    parser.add_argument("--workdir", type=Path)
    options = parser.parse_args()
    work = options.workdir or Path(tempfile.mkdtemp(prefix="kp-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    source = options.study
    if source is None:
        from indsigt.demo import run_demo

        source = Path(run_demo(work / "demo")["study"])
    study = work / "bench.db"
    shutil.copyfile(source, study)
    with open_study(study) as project:
        store, sid = project.store, project.study.id
        with store.begin() as connection:
            connection.execute(sa.delete(schema.embedding))  # a fresh cache
        started = time.perf_counter()
        first = study_key_points(store, sid)
        first_s = time.perf_counter() - started
        started = time.perf_counter()
        cached = study_key_points(store, sid)
        cached_s = time.perf_counter() - started
        with store.connect() as connection:
            tops = sorted(
                {
                    path.split("/")[0]
                    for path in connection.scalars(
                        sa.select(schema.code.c.path).where(schema.code.c.study_id == sid)
                    )
                }
            )
            documents = connection.scalar(sa.select(sa.func.count()).select_from(schema.document))
        started = time.perf_counter()
        for top in tops:  # warm the cache for each scope, then time the cached run
            study_key_points(store, sid, code=top)
        warm_s = time.perf_counter() - started
        started = time.perf_counter()
        for top in tops:
            study_key_points(store, sid, code=top)
        report_s = time.perf_counter() - started
    e5 = first_s - cached_s
    print(
        json.dumps(
            {
                "documents": documents,
                "statements": cached.statements,
                "candidates": cached.candidates,
                "key_points": [p.text for p in first.key_points],
                "first_seconds": round(first_s, 2),
                "e5_seconds": round(e5, 2),
                "cached_seconds": round(cached_s, 2),
                "ratio_to_e5": round(cached_s / e5, 3) if e5 > 0 else None,
                "codes": tops,
                "codes_first_seconds": round(warm_s, 2),
                "report_cached_seconds": round(report_s, 2),
            },
            indent=2,
            ensure_ascii=False,
        )
    )


if __name__ == "__main__":
    main()
