"""Write transactions that take SQLite's write lock up front.

A deferred SQLite transaction that reads and then writes can fail at once with "database is
locked" when another writer committed in between (the busy timeout does not apply). ``BEGIN
IMMEDIATE`` makes it wait its turn instead. PostgreSQL needs nothing special.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.engine import Connection

from indsigt.store.store import Store


@contextmanager
def writing(store: Store) -> Iterator[Connection]:
    """A write transaction that takes SQLite's write lock up front (``BEGIN IMMEDIATE``), so a
    read-then-write waits its turn instead of failing with "database is locked"."""
    with store.begin() as connection:
        if connection.dialect.name == "sqlite":
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        yield connection
