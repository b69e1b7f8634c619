"""Background jobs of the web app: machine coders, anonymisation, reports and key points
started from the browser run in a thread of the server while the page shows their progress.

A job is a row in ``web_job`` (study, kind, status ``queued`` → ``running`` → ``done`` or
``failed``, progress ``done``/``total`` with a message, actor, a result summary, the error).
The work is a library function called with a :class:`indsigt.progress.Progress` callback; the
callback only updates memory, and a small writer thread copies the progress into the row about
once a second (so the work's own write transactions never wait for it), which is what a page
reload reads back. One job runs at a time per study: starting the kind that is running joins
it, another kind is refused.

A job belongs to the server process that runs it (``runner`` = host, process id and this
runner's token). When the server starts, every job of this host still ``queued`` or
``running`` whose process is gone is marked failed ("the server stopped while the job ran"):
its thread cannot come back. The error kept is the library's message (an
:class:`~indsigt.errors.IndsigtError`, which never quotes original text) or, for anything
else, only the kind of error — the traceback goes to the server log.
"""

from __future__ import annotations

import logging
import os
import secrets
import socket
import threading
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa

from indsigt.errors import IndsigtError
from indsigt.progress import Progress
from indsigt.store import Store, schema
from indsigt.store.store import insert_returning_id, now

log = logging.getLogger("indsigt.web.jobs")

ACTIVE = ("queued", "running")
RECENT = 20
FLUSH_SECONDS = 1.0
STOPPED = "the server stopped while this job ran; start it again"

Work = Callable[[Progress], dict[str, Any]]
"""What a job runs: given a progress callback, it does the work and returns the result
summary (JSON-able; counts, file names and links, never document text)."""

Describe = Callable[[str], str]
"""Turns a progress message of the library into the one stored (e.g. without a file name)."""

_alive: set[str] = set()  # the runner ids of this process that have not been closed


@dataclass(frozen=True)
class Job:
    id: int
    study_id: int
    kind: str
    status: str
    options: dict[str, Any]
    done: int
    total: int
    message: str
    actor: str
    result: dict[str, Any]
    error: str | None
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None

    @property
    def active(self) -> bool:
        return self.status in ACTIVE

    @property
    def seconds(self) -> float | None:
        """How long it ran (so far, while it runs)."""
        if self.started_at is None:
            return None
        end = self.finished_at or now()
        return round(max(0.0, (_aware(end) - _aware(self.started_at)).total_seconds()), 1)


class JobBusy(IndsigtError):
    """Another kind of job is running in the study."""

    def __init__(self, job: Job) -> None:
        self.job = job
        super().__init__(f"a {job.kind} job (#{job.id}) is running in this study")


@dataclass
class _Live:
    done: int = 0
    total: int = 0
    message: str = ""
    changed: bool = True
    finished: threading.Event = field(default_factory=threading.Event)


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _host() -> str:
    return socket.gethostname()[:200]


def _pid_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    if os.name == "nt":  # pragma: no cover - os.kill(pid, 0) is no probe on Windows
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # pragma: no cover - another user's process
        return True
    except OSError:  # pragma: no cover
        return False
    return True


def runner_gone(runner: str) -> bool:
    """Whether the server process that ran a job (``host:pid:token``) is gone: on this host,
    its process has ended, or it is this process and that runner was closed."""
    parts = runner.rsplit(":", 2)
    if len(parts) != 3 or not parts[1].isdigit():
        return True
    host, pid, _token = parts[0], int(parts[1]), parts[2]
    if host != _host():
        return False  # another machine's server: it says itself when it restarts
    if pid == os.getpid():
        return runner not in _alive
    return not _pid_alive(pid)


def _job(row: Any) -> Job:
    return Job(
        id=row.id,
        study_id=row.study_id,
        kind=row.kind,
        status=row.status,
        options=dict(row.options or {}),
        done=row.done,
        total=row.total,
        message=row.message,
        actor=row.actor,
        result=dict(row.result or {}),
        error=row.error,
        created_at=row.created_at,
        started_at=row.started_at,
        finished_at=row.finished_at,
    )


class JobRunner:
    """Starts, runs and reads the background jobs of one store (one per app)."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.runner = f"{_host()}:{os.getpid()}:{secrets.token_hex(4)}"
        self._lock = threading.Lock()
        self._live: dict[int, _Live] = {}
        self._threads: dict[int, threading.Thread] = {}
        _alive.add(self.runner)

    # -- reading ------------------------------------------------------------------------------
    def get(self, study_id: int, job_id: int) -> Job | None:
        """The job (with the latest progress of a job running here), or None."""
        t = schema.web_job
        with self.store.connect() as connection:
            row = connection.execute(
                sa.select(t).where(t.c.id == job_id, t.c.study_id == study_id)
            ).first()
        return None if row is None else self._with_live(_job(row))

    def recent(self, study_id: int, *, limit: int = RECENT) -> list[Job]:
        """The study's last ``limit`` jobs, newest first."""
        t = schema.web_job
        with self.store.connect() as connection:
            found = connection.execute(
                sa.select(t).where(t.c.study_id == study_id).order_by(t.c.id.desc()).limit(limit)
            ).all()
        return [self._with_live(_job(row)) for row in found]

    def active(self, study_id: int) -> Job | None:
        """The study's queued or running job, if any."""
        found = self._active(study_id)
        return None if found is None else self._with_live(found)

    def _active(self, study_id: int) -> Job | None:
        t = schema.web_job
        with self.store.connect() as connection:
            row = connection.execute(
                sa.select(t)
                .where(t.c.study_id == study_id, t.c.status.in_(ACTIVE))
                .order_by(t.c.id.desc())
                .limit(1)
            ).first()
        return None if row is None else _job(row)

    def _with_live(self, job: Job) -> Job:
        with self._lock:
            live = self._live.get(job.id)
            if live is None or not job.active:
                return job
            done, total, message = live.done, live.total, live.message
        return replace(job, done=done, total=total, message=message)

    # -- starting -----------------------------------------------------------------------------
    def start(
        self,
        study_id: int,
        kind: str,
        work: Work,
        *,
        options: dict[str, Any],
        actor: str,
        describe: Describe | None = None,
        same_options: bool = False,
    ) -> tuple[Job, bool]:
        """Start ``work`` in a background thread; returns the job and whether it is new. The
        kind already running in the study is joined (``False``) — with ``same_options`` only
        if it runs with these ``options`` (key points of the same scope); another kind, or
        other options, raises :class:`JobBusy`."""
        t = schema.web_job
        with self._lock:
            running = self._active(study_id)
            if running is not None and not self._stale(running):
                if running.kind == kind and (not same_options or running.options == options):
                    return running, False
                raise JobBusy(running)
            with self.store.begin() as connection:
                job_id = insert_returning_id(
                    connection,
                    t.insert().values(
                        study_id=study_id,
                        kind=kind,
                        status="queued",
                        options=options,
                        done=0,
                        total=0,
                        message="",
                        actor=actor,
                        runner=self.runner,
                        result={},
                        error=None,
                        created_at=now(),
                    ),
                )
                self.store.log(
                    connection,
                    "job.started",
                    entity="study",
                    entity_id=study_id,
                    actor=actor,
                    payload={"job": job_id, "kind": kind, "options": options},
                )
            live = _Live()
            self._live[job_id] = live
            thread = threading.Thread(
                target=self._run,
                args=(job_id, study_id, kind, work, actor, live, describe),
                name=f"indsigt-job-{job_id}",
                daemon=True,
            )
            self._threads[job_id] = thread
        thread.start()
        found = self.get(study_id, job_id)
        assert found is not None
        return found, True

    def _stale(self, job: Job) -> bool:
        """Whether an active job cannot be running any more: its server is gone, or it is
        this runner's and its thread has ended without writing its end (then it is failed)."""
        runner = self._runner_of(job.id)
        ours_but_ended = runner == self.runner and job.id not in self._threads
        if runner is not None and (ours_but_ended or runner_gone(runner)):
            _fail(self.store, job.id)
            return True
        return False

    def _runner_of(self, job_id: int) -> str | None:
        t = schema.web_job
        with self.store.connect() as connection:
            found = connection.scalar(sa.select(t.c.runner).where(t.c.id == job_id))
        return None if found is None else str(found)

    # -- running ------------------------------------------------------------------------------
    def _run(
        self,
        job_id: int,
        study_id: int,
        kind: str,
        work: Work,
        actor: str,
        live: _Live,
        describe: Describe | None,
    ) -> None:
        t = schema.web_job
        self._update(job_id, status="running", started_at=now())
        writer = threading.Thread(
            target=self._flush_loop, args=(job_id, live), name=f"indsigt-job-{job_id}-progress"
        )
        writer.daemon = True
        writer.start()

        def progress(done: int, total: int, what: str) -> None:
            with self._lock:
                live.done, live.total = max(0, int(done)), max(0, int(total))
                live.message = (describe(what) if describe else what)[:500]
                live.changed = True

        status, result, error = "done", {}, None
        try:
            result = work(progress)
        except IndsigtError as exc:
            status, error = "failed", str(exc)
        except Exception as exc:  # a job must end with a row that says so
            log.exception("job %s (%s) failed", job_id, kind)
            status = "failed"
            error = f"{type(exc).__name__}: the job stopped unexpectedly (the server log has more)"
        live.finished.set()
        writer.join()
        with self._lock:
            final_done = live.total if status == "done" else live.done
            values = {
                "status": status,
                "done": final_done,
                "total": live.total,
                "message": live.message,
                "result": result,
                "error": error,
                "finished_at": now(),
            }
        with self.store.begin() as connection:
            connection.execute(t.update().where(t.c.id == job_id).values(**values))
            self.store.log(
                connection,
                f"job.{status}",
                entity="study",
                entity_id=study_id,
                actor=actor,
                payload={"job": job_id, "kind": kind},
            )
        with self._lock:
            self._live.pop(job_id, None)
            self._threads.pop(job_id, None)

    def _flush_loop(self, job_id: int, live: _Live) -> None:
        while not live.finished.wait(FLUSH_SECONDS):
            with self._lock:
                if not live.changed:
                    continue
                live.changed = False
                values = {"done": live.done, "total": live.total, "message": live.message}
            try:
                self._update(job_id, **values)
            except sa.exc.SQLAlchemyError:  # pragma: no cover - busy store: the next tick
                log.warning("job %s: progress not written this time", job_id)

    def _update(self, job_id: int, **values: Any) -> None:
        t = schema.web_job
        with self.store.begin() as connection:
            connection.execute(t.update().where(t.c.id == job_id).values(**values))

    # -- the server's life --------------------------------------------------------------------
    def recover(self) -> int:
        """Mark the jobs whose server process is gone as failed; returns how many."""
        t = schema.web_job
        with self.store.connect() as connection:
            found = connection.execute(
                sa.select(t.c.id, t.c.study_id, t.c.kind, t.c.runner).where(t.c.status.in_(ACTIVE))
            ).all()
        stopped = [row for row in found if runner_gone(row.runner)]
        if not stopped:
            return 0
        with self.store.begin() as connection:
            for row in stopped:
                connection.execute(
                    t.update()
                    .where(t.c.id == row.id, t.c.status.in_(ACTIVE))
                    .values(status="failed", error=STOPPED, finished_at=now())
                )
                self.store.log(
                    connection,
                    "job.failed",
                    entity="study",
                    entity_id=row.study_id,
                    actor="server",
                    payload={"job": row.id, "kind": row.kind, "reason": "server stopped"},
                )
        return len(stopped)

    def wait(self, timeout: float | None = None) -> None:
        """Wait for the jobs running here to end (tests, shutdown)."""
        with self._lock:
            threads = list(self._threads.values())
        for thread in threads:
            thread.join(timeout)

    def close(self) -> None:
        """This runner is done: its jobs count as stopped for the next one to start."""
        _alive.discard(self.runner)


def _fail(store: Store, job_id: int) -> None:
    t = schema.web_job
    with store.begin() as connection:
        connection.execute(
            t.update()
            .where(t.c.id == job_id, t.c.status.in_(ACTIVE))
            .values(status="failed", error=STOPPED, finished_at=now())
        )
