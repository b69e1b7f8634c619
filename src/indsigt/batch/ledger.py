"""A batch job in the store: its ``job`` row (options, source hash, status, result) and the
``job_partition`` rows of its finished partitions, added up when the job ends."""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from indsigt.batch import aggregate
from indsigt.batch.engine import Engine
from indsigt.errors import IndsigtError
from indsigt.store import Store, schema
from indsigt.store.store import insert_returning_id, now

KIND = "batch.v1"


@dataclass(frozen=True)
class BatchReport:
    job: int
    status: str
    engine: str
    workers: int
    rows: int
    partitions: int
    resumed: int  # partitions already stored when this run started
    documents: int
    skipped: int  # rows whose document the study already had
    passages: int
    codings: dict[str, int]
    findings: dict[str, int]
    seconds: float  # this run, wall clock
    stage_seconds: dict[str, float]  # summed over the job's partitions (CPU time per stage)
    tables: dict[str, Any] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


@dataclass
class JobOptions:
    text_columns: tuple[str, ...]
    id_column: str | None
    sheet: str | None
    language: str | None
    unit: str
    coders: tuple[str, ...]
    by: tuple[str, ...]
    partition_size: int
    respondents: str | None

    def as_json(self) -> dict[str, Any]:
        return {k: list(v) if isinstance(v, tuple) else v for k, v in self.__dict__.items()}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> JobOptions:
        values: dict[str, Any] = {
            k: tuple(v) if isinstance(v, list) else v for k, v in data.items()
        }
        return cls(**values)


def create_job(
    store: Store,
    study_id: int,
    path: Path,
    file_hash: str,
    options: JobOptions,
    partitions: int,
    actor: str,
) -> int:
    with store.begin() as connection:
        stamp = now()
        job_id = insert_returning_id(
            connection,
            schema.job.insert().values(
                study_id=study_id,
                kind=KIND,
                source=str(path),
                source_sha256=file_hash,
                options=options.as_json(),
                status="running",
                partitions=partitions,
                result={},
                created_at=stamp,
                updated_at=stamp,
            ),
        )
        store.log(
            connection,
            "batch.started",
            entity="job",
            entity_id=job_id,
            actor=actor,
            payload={"source": path.name, "partitions": partitions, **options.as_json()},
        )
    return job_id


def load_job(
    store: Store, study_id: int, job_id: int, path: Path
) -> tuple[int, JobOptions, dict[int, int]]:
    with store.connect() as connection:
        row = connection.execute(sa.select(schema.job).where(schema.job.c.id == job_id)).first()
        if row is None or row.study_id != study_id or row.kind != KIND:
            raise IndsigtError(f"no batch job {job_id} in this study")
        done = {
            number: int((summary or {}).get("rows", 0))
            for number, summary in connection.execute(
                sa.select(schema.job_partition.c.number, schema.job_partition.c.summary).where(
                    schema.job_partition.c.job_id == job_id
                )
            )
        }
    set_status(store, job_id, "running")
    return job_id, JobOptions.from_json(dict(row.options)), done


def source_hash(store: Store, job_id: int) -> str:
    with store.connect() as connection:
        return str(
            connection.scalar(
                sa.select(schema.job.c.source_sha256).where(schema.job.c.id == job_id)
            )
        )


def set_status(store: Store, job_id: int | None, status: str) -> None:
    if job_id is None:
        return
    try:
        with store.begin() as connection:
            connection.execute(
                schema.job.update()
                .where(schema.job.c.id == job_id)
                .values(status=status, updated_at=now())
            )
    except sa.exc.SQLAlchemyError:  # pragma: no cover - the store itself failed
        pass


def finish_job(
    store: Store,
    job_id: int,
    engine: Engine,
    rows: int,
    partitions: int,
    resumed: int,
    k: int,
    began: float,
) -> BatchReport:
    """Add up every stored partition of the job (this run's and earlier runs'), build the
    segment tables, mark the job done."""
    table = schema.job_partition
    with store.connect() as connection:
        stored = connection.execute(
            sa.select(table.c.documents, table.c.passages, table.c.codings, table.c.summary).where(
                table.c.job_id == job_id
            )
        ).all()
    codings: Counter[str] = Counter()
    findings: Counter[str] = Counter()
    seconds: Counter[str] = Counter()
    skipped = 0
    for row in stored:
        summary = row.summary or {}
        findings.update(summary.get("findings", {}))
        seconds.update(summary.get("seconds", {}))
        skipped += int(summary.get("skipped", 0))
        codings.update(summary.get("codings", {}))
    merged = aggregate.merge((row.summary or {}).get("counts", {}) for row in stored)
    tables = aggregate.tables_json(merged, k=k)
    status = "done" if len(stored) == partitions else "failed"
    report = BatchReport(
        job=job_id,
        status=status,
        engine=engine.name,
        workers=engine.workers,
        rows=rows,
        partitions=partitions,
        resumed=resumed,
        documents=sum(row.documents for row in stored),
        skipped=skipped,
        passages=sum(row.passages for row in stored),
        codings=dict(sorted(codings.items())),
        findings=dict(sorted(findings.items())),
        seconds=round(time.perf_counter() - began, 2),
        stage_seconds={name: round(s, 2) for name, s in sorted(seconds.items())},
        tables=tables,
    )
    result = {key: value for key, value in report.__dict__.items() if key != "notes"}
    with store.begin() as connection:
        connection.execute(
            schema.job.update()
            .where(schema.job.c.id == job_id)
            .values(status=status, result=result, updated_at=now())
        )
    return report
