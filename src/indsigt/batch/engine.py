"""Where a batch job's partitions run: in this process (small studies, no engine), on a local
Dask cluster of worker processes, or on a running Dask cluster by its scheduler address.

The driver sees one small interface: ``share`` a value with every worker once, ``submit`` a
function, wait until some submitted tasks are ``done``, take a ``result``, ``release`` it.
Dask (``pip install 'indsigt[scale]'``) was measured against Ray on the real job; see
ARCHITECTURE.md and docs/benchmarks.md.
"""

from __future__ import annotations

import importlib
import logging
import os
import uuid
from collections.abc import Callable, Sequence
from typing import Any, Protocol

from indsigt.errors import IndsigtError

ENGINES = ("inprocess", "local")


class Engine(Protocol):
    name: str
    workers: int

    def share(self, value: Any) -> Any:
        """A handle for ``value`` that every task may take as an argument."""
        ...

    def submit(self, fn: Callable[..., Any], *args: Any, key: str) -> Any: ...

    def done(self, tasks: Sequence[Any], *, timeout: float) -> list[Any]:
        """The tasks among ``tasks`` that have finished (waiting until one has)."""
        ...

    def result(self, task: Any) -> Any: ...

    def release(self, task: Any) -> None: ...

    def close(self) -> None: ...


class _Done:
    __slots__ = ("value",)

    def __init__(self, value: Any) -> None:
        self.value = value


class InProcessEngine:
    """No engine: each task runs when it is submitted, in this process."""

    name = "inprocess"
    workers = 1

    def share(self, value: Any) -> Any:
        return value

    def submit(self, fn: Callable[..., Any], *args: Any, key: str) -> Any:
        return _Done(fn(*[a.value if isinstance(a, _Done) else a for a in args]))

    def done(self, tasks: Sequence[Any], *, timeout: float) -> list[Any]:
        return list(tasks)

    def result(self, task: Any) -> Any:
        return task.value

    def release(self, task: Any) -> None:
        pass

    def close(self) -> None:
        pass


def _worker_ready() -> int:
    """Runs on each worker: indsigt imports there (the tasks' code is indsigt's own)."""
    import indsigt.batch.work  # noqa: F401

    return os.getpid()


class DaskEngine:
    """Dask distributed: a ``LocalCluster`` of ``workers`` single-threaded worker processes,
    or the cluster whose scheduler listens at ``address`` (``tcp://host:8786``)."""

    name = "dask"

    def __init__(self, address: str | None = None, *, workers: int | None = None) -> None:
        try:
            distributed: Any = importlib.import_module("distributed")
        except ImportError as exc:
            raise IndsigtError(
                "the distributed engine needs Dask: pip install 'indsigt[scale]' "
                "(or run with --engine inprocess)"
            ) from exc
        self._distributed = distributed
        self.cluster: Any = None
        if address is None:
            count = workers or os.cpu_count() or 1
            # One thread per worker process, and one BLAS/OpenMP thread per worker: the
            # parallelism is the processes.
            self.cluster = distributed.LocalCluster(
                n_workers=count,
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
                silence_logs=logging.ERROR,
                env={"OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"},
            )
            self.client = distributed.Client(self.cluster)
            self.address = str(self.cluster.scheduler_address)
            self.name = "dask-local"
        else:
            try:
                self.client = distributed.Client(address, timeout="10s")
            except (OSError, TimeoutError) as exc:
                raise IndsigtError(
                    f"{address}: cannot reach a Dask scheduler there ({exc}); start one with "
                    "`dask scheduler` and workers with `dask worker ADDRESS`"
                ) from exc
            self.address = address
            self.name = "dask"
        try:
            pids = self.client.run(_worker_ready)
        except Exception as exc:
            self.close()
            raise IndsigtError(
                f"{self.address}: the Dask workers cannot run indsigt ({type(exc).__name__}: "
                f"{exc}); install indsigt where the workers run"
            ) from exc
        if not pids:
            self.close()
            raise IndsigtError(f"{self.address}: no Dask workers are connected to the scheduler")
        self.workers = len(pids)

    def worker_pids(self) -> dict[str, int]:
        return dict(self.client.run(os.getpid))

    def share(self, value: Any) -> Any:
        # A task that returns the value, not scattered data: a scattered value lost with the
        # last worker that held it cannot be made again (and Dask's memory manager keeps one
        # copy of broadcast data when no task waits for it), so a worker killed mid-run failed
        # the job; a task's result the scheduler computes again elsewhere.
        return self.client.submit(_shared, value, key=f"shared-{uuid.uuid4().hex}", pure=False)

    def submit(self, fn: Callable[..., Any], *args: Any, key: str) -> Any:
        return self.client.submit(fn, *args, key=key, pure=False)

    def done(self, tasks: Sequence[Any], *, timeout: float) -> list[Any]:
        if not tasks:
            return []
        try:
            finished, _ = self._distributed.wait(
                list(tasks), timeout=timeout, return_when="FIRST_COMPLETED"
            )
        except TimeoutError:
            return []
        return list(finished)

    def result(self, task: Any) -> Any:
        return task.result()

    def release(self, task: Any) -> None:
        task.release()

    def close(self) -> None:
        try:
            self.client.close()
        finally:
            if self.cluster is not None:
                self.cluster.close()


def _shared(value: Any) -> Any:
    return value


def open_engine(engine: str, *, workers: int | None = None) -> Engine:
    """``inprocess``, ``local`` (a local Dask cluster of ``workers`` processes) or a scheduler
    address ``tcp://host:port``."""
    if engine == "inprocess":
        return InProcessEngine()
    if engine == "local":
        return DaskEngine(workers=workers)
    if "://" in engine:
        return DaskEngine(engine)
    raise IndsigtError(
        f"unknown engine {engine!r}: use inprocess, local, or a Dask scheduler address "
        "such as tcp://127.0.0.1:8786"
    )
