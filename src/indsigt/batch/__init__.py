"""Batch jobs for large studies (``indsigt batch``): a consultation sheet of 10k–1M answers
through import → anonymise → code → segment tables as partitioned, resumable jobs, in this
process or on a Dask cluster (``pip install 'indsigt[scale]'``)."""

from __future__ import annotations

from indsigt.batch.engine import DaskEngine, Engine, InProcessEngine, open_engine
from indsigt.batch.job import run_batch
from indsigt.batch.ledger import BatchReport

__all__ = ["BatchReport", "DaskEngine", "Engine", "InProcessEngine", "open_engine", "run_batch"]
