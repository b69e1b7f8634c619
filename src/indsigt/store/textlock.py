"""One writer of a study's text and offsets at a time, and never on a stale read.

``indsigt anonymise`` (first runs and re-runs after review decisions) and ``indsigt batch``
read the study, plan for a while (detectors, a tagger), and then write text and offsets
computed from what they read. Two of them overlapping would write offsets planned on text the
other one has already changed: passages shift, turns leave their documents, and nothing
notices. So every writer that moves a study's text or offsets

1. reads the study's **text generation** (a counter in the ``setting`` table, key
   ``text.generation``) with :func:`read_generation` *before* the records it plans on, and
2. writes inside :func:`text_write`: one transaction that first takes the study's write
   lock (SQLite: ``BEGIN IMMEDIATE``; PostgreSQL: the study row ``FOR NO KEY UPDATE``), then
   checks that the generation is still the one it read, and bumps it.

A writer whose read is stale gets :class:`StaleStudyError` and writes nothing; run it again.
Readers and other writers (codings, notes, imports of new documents) are not held up.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from indsigt.errors import StoreError
from indsigt.store import schema
from indsigt.store.store import Store

KEY = "text.generation"


class StaleStudyError(StoreError):
    """Another writer changed the study's text or offsets after this one read them."""


class StudyBusyError(StoreError):
    """The study's write lock was not free within the store's busy timeout."""


def read_generation(connection: Connection, study_id: int) -> int:
    """The study's text generation (0 before the first text write)."""
    value = connection.scalar(
        sa.select(schema.setting.c.value).where(
            schema.setting.c.study_id == study_id, schema.setting.c.key == KEY
        )
    )
    return int(value) if isinstance(value, int | float | str) else 0


@contextmanager
def text_write(store: Store, study_id: int, *, expected: int, what: str) -> Iterator[Connection]:
    """One transaction holding the study's write lock, refused (nothing written) if the
    study's text generation is no longer ``expected``. On commit the generation is
    ``expected + 1``. ``what`` names the writer in messages (e.g. "indsigt anonymise")."""
    with store.begin() as connection:
        _lock(connection, study_id, what)
        current = read_generation(connection, study_id)
        if current != expected:
            raise StaleStudyError(
                f"{what}: another run changed this study's text while this one was working "
                f"(text generation {expected} → {current}); nothing was written. "
                "Run it again once the other run has finished."
            )
        _set_generation(connection, study_id, current, current + 1)
        yield connection


def _lock(connection: Connection, study_id: int, what: str) -> None:
    try:
        if connection.dialect.name == "sqlite":
            # Nothing has run in this transaction yet: take the write lock before any read,
            # so that the check below and the writes see the same, newest state.
            connection.exec_driver_sql("BEGIN IMMEDIATE")
            return
        # FOR NO KEY UPDATE: serialises text writers, yet does not block inserts of rows
        # that refer to the study (they take FOR KEY SHARE).
        connection.execute(
            sa.select(schema.study.c.id)
            .where(schema.study.c.id == study_id)
            .with_for_update(key_share=True)
        )
    except sa.exc.OperationalError as exc:
        if "locked" in str(exc.orig) or "busy" in str(exc.orig):
            raise StudyBusyError(
                f"{what}: the study is busy (another process is writing it); "
                "nothing was written. Try again in a moment."
            ) from None
        raise


def _set_generation(connection: Connection, study_id: int, old: int, new: int) -> None:
    table = schema.setting
    where: Any = sa.and_(table.c.study_id == study_id, table.c.key == KEY)
    count = sa.select(sa.func.count()).select_from(table).where(where)
    if old == 0 and connection.scalar(count) == 0:
        connection.execute(table.insert().values(study_id=study_id, key=KEY, value=new))
    else:
        connection.execute(table.update().where(where).values(value=new))
