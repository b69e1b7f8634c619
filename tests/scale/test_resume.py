"""Jobs survive interruptions with nothing lost and nothing written twice: the driver stopped
after some partitions and run again with ``resume``, and a Dask worker process killed while
partitions are in flight (a real LocalCluster with two worker processes). Against SQLite and
PostgreSQL."""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

import indsigt
from indsigt.batch import DaskEngine, InProcessEngine
from indsigt.errors import IndsigtError
from indsigt.store import schema

from .helpers import QUESTIONS

pytest.importorskip("distributed")


class Stop(Exception):
    pass


def contents(project: indsigt.Project) -> dict[str, Any]:
    """What must be there exactly once: documents, passages and codings by content."""
    s = schema
    with project.store.connect() as c:
        documents = c.execute(sa.select(s.document.c.sha256)).scalars().all()
        passages = c.execute(
            sa.select(s.document.c.name, s.passage.c.seq, s.passage.c.text).join(
                s.document, s.passage.c.document_id == s.document.c.id
            )
        ).all()
        codings = c.execute(
            sa.select(s.document.c.name, s.passage.c.seq, s.coding.c.code_id, s.coding.c.coder)
            .join(s.passage, s.coding.c.passage_id == s.passage.c.id)
            .join(s.document, s.passage.c.document_id == s.document.c.id)
        ).all()
        respondents = c.execute(sa.select(s.respondent.c.key)).scalars().all()
        names = dict(c.execute(sa.select(s.document.c.id, s.document.c.name)).all())
        pseudonyms = [
            (f"speaker:{names[int(label[8:])]}" if label.startswith("speaker:") else label, name)
            for label, name in c.execute(sa.select(s.pseudonym.c.label, s.pseudonym.c.original))
        ]
        parts = c.execute(sa.select(s.job_partition.c.number)).scalars().all()
    return {
        "documents": documents,
        "passages": [tuple(p) for p in passages],
        "codings": [tuple(c) for c in codings],
        "respondents": respondents,
        "pseudonyms": [tuple(p) for p in pseudonyms],
        "partitions": parts,
    }


def assert_once(found: dict[str, Any], expected: dict[str, Any]) -> None:
    for part, rows in found.items():
        assert len(rows) == len(set(rows)), f"{part}: duplicates"
        assert sorted(rows) == sorted(expected[part]), part


@pytest.fixture(scope="module")
def expected(tmp_path_factory: pytest.TempPathFactory, sheet: Path) -> dict[str, Any]:
    """The same job, uninterrupted, in this process."""
    path = tmp_path_factory.mktemp("expected") / "study.db"
    with indsigt.init_study(path, name="høring") as project:
        project.import_codebook(default=True)
        report = project.batch(
            sheet,
            text_columns=QUESTIONS,
            id_column="svar_id",
            engine=InProcessEngine(),
            partition_size=30,
        )
        assert report.status == "done"
        return contents(project)


def test_driver_stopped_then_resumed(
    coded_study: indsigt.Project, sheet: Path, expected: dict[str, Any]
) -> None:
    calls: list[int] = []

    def stop_after_three(done: int, total: int, what: str) -> None:
        if what.startswith("batch:"):
            calls.append(done)
            if len(calls) == 3:
                raise Stop

    # The error's class and place, never its message (it may hold answer text).
    with pytest.raises(
        IndsigtError, match=r"job 1 stopped \(\S*Stop at indsigt/\S+\).* --resume 1"
    ):
        coded_study.batch(
            sheet,
            text_columns=QUESTIONS,
            id_column="svar_id",
            engine=InProcessEngine(),
            partition_size=30,
            progress=stop_after_three,
        )
    partial = contents(coded_study)
    assert sorted(partial["partitions"]) == [0, 1, 2]
    with coded_study.store.connect() as c:
        job = c.execute(sa.select(schema.job)).one()
    assert job.status == "failed"
    report = coded_study.batch(sheet, engine=InProcessEngine(), resume=job.id)
    assert (report.status, report.resumed, report.partitions) == ("done", 3, 8)
    assert_once(contents(coded_study), expected)
    # A finished job run again has nothing left to do.
    again = coded_study.batch(sheet, engine=InProcessEngine(), resume=job.id)
    assert again.resumed == 8 and again.passages == report.passages
    assert_once(contents(coded_study), expected)


@pytest.fixture(scope="module")
def cluster() -> Iterator[DaskEngine]:
    engine = DaskEngine(workers=2)
    try:
        yield engine
    finally:
        engine.close()


def test_worker_killed_mid_run(
    coded_study: indsigt.Project,
    sheet: Path,
    expected: dict[str, Any],
    cluster: DaskEngine,
) -> None:
    cluster.client.wait_for_workers(2, timeout=60)  # the nanny restarts a killed worker
    pids = cluster.worker_pids()
    assert len(pids) == 2
    killed: list[int] = []

    def kill_one(done: int, total: int, what: str) -> None:
        if what.startswith("batch:") and not killed:
            victim = sorted(pids.values())[0]
            os.kill(victim, signal.SIGKILL)
            killed.append(victim)

    report = coded_study.batch(
        sheet,
        text_columns=QUESTIONS,
        id_column="svar_id",
        engine=cluster,
        partition_size=30,
        max_in_flight=6,
        progress=kill_one,
    )
    assert killed and report.status == "done" and report.resumed == 0
    assert killed[0] not in cluster.worker_pids().values()
    assert_once(contents(coded_study), expected)


def _entry(shared: dict[str, int]) -> int:
    return shared["a"]


def test_a_shared_value_outlives_every_worker_that_held_it(cluster: DaskEngine) -> None:
    """The job's context reaches the tasks through ``share``; killed with every worker that
    holds it, it is made again (scattered data was lost for good, and the job with it)."""
    cluster.client.wait_for_workers(2, timeout=60)
    handle = cluster.share({"a": 7})
    assert cluster.result(cluster.submit(_entry, handle, key="entry-before")) == 7
    holders = cluster.client.who_has([handle])[handle.key]
    pids = cluster.worker_pids()
    assert holders and set(holders) <= set(pids)
    for address in holders:
        os.kill(pids[address], signal.SIGKILL)
    cluster.client.wait_for_workers(2, timeout=60)  # the nanny restarts them
    assert cluster.result(cluster.submit(_entry, handle, key="entry-after")) == 7
    cluster.release(handle)


def test_cluster_by_address(
    tmp_path: Path, sheet: Path, expected: dict[str, Any], cluster: DaskEngine
) -> None:
    """--engine tcp://HOST:PORT: a running cluster, reached by its scheduler's address."""
    cluster.client.wait_for_workers(2, timeout=60)
    with indsigt.init_study(tmp_path / "study.db", name="høring") as study:
        study.import_codebook(default=True)
        report = study.batch(
            sheet,
            text_columns=QUESTIONS,
            id_column="svar_id",
            engine=cluster.address,
            partition_size=30,
        )
        assert (report.engine, report.workers, report.status) == ("dask", 2, "done")
        assert_once(contents(study), expected)
    assert len(cluster.worker_pids()) == 2  # the job closed its client, not the cluster


class Counting:
    """The real Dask engine, counting the partitions between reading and writing."""

    def __init__(self, engine: DaskEngine) -> None:
        self.engine = engine
        self.name, self.workers = engine.name, engine.workers
        self.open: set[str] = set()
        self.most = 0

    def share(self, value: Any) -> Any:
        return self.engine.share(value)

    def submit(self, fn: Any, *args: Any, key: str) -> Any:
        task = self.engine.submit(fn, *args, key=key)
        if key.startswith("prepare-"):
            self.open.add(task.key)
            self.most = max(self.most, len(self.open))
        return task

    def done(self, tasks: Any, *, timeout: float) -> list[Any]:
        return self.engine.done(tasks, timeout=timeout)

    def result(self, task: Any) -> Any:
        return self.engine.result(task)

    def release(self, task: Any) -> None:
        self.open.discard(task.key)
        self.engine.release(task)

    def close(self) -> None:
        pass


def test_backpressure(tmp_path: Path, sheet: Path, cluster: DaskEngine) -> None:
    cluster.client.wait_for_workers(2, timeout=60)
    counting = Counting(cluster)
    with indsigt.init_study(tmp_path / "study.db", name="høring") as study:
        study.import_codebook(default=True)
        report = study.batch(
            sheet,
            text_columns=QUESTIONS,
            engine=counting,  # type: ignore[arg-type]
            partition_size=10,
            max_in_flight=3,
        )
    assert report.partitions == 24 and report.status == "done"
    assert counting.most == 3 and not counting.open
