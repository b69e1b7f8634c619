"""Store: an engine plus the rules for opening, creating and upgrading a study database."""

from __future__ import annotations

from collections.abc import Collection, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from indsigt.errors import StoreError
from indsigt.store import migrate, schema
from indsigt.store.engine import create_engine, sqlite_path


def now() -> datetime:
    return datetime.now(UTC)


def insert_returning_id(connection: Connection, statement: sa.Insert) -> int:
    """Run an INSERT of one row and return the new row's id."""
    key = connection.execute(statement).inserted_primary_key
    assert key is not None
    return int(key[0])


def values_by_id(
    connection: Connection, column: sa.Column[Any], ids: Collection[int]
) -> dict[int, Any]:
    """Row id → ``column`` of its table, for the rows ``ids`` (e.g. document texts)."""
    if not ids:
        return {}
    table = column.table
    query = sa.select(table.c.id, column).where(table.c.id.in_(list(ids)))
    return {int(key): value for key, value in connection.execute(query).all()}


class Store:
    """A study database. Use :meth:`open` (existing) or :meth:`create` (new)."""

    def __init__(self, engine: Engine, location: str) -> None:
        self.engine = engine
        self.location = location

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @classmethod
    def create(cls, location: str | Path) -> Store:
        """Create the schema in a new SQLite file or an empty PostgreSQL database."""
        path = sqlite_path(location)
        if path is not None:
            if path.is_dir():
                raise StoreError(f"{path}: is a directory; give a file name such as study.db")
            if path.exists() and path.stat().st_size > 0:
                raise StoreError(f"{path}: already exists; open it instead of creating it")
            path.parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(location)
        try:
            if migrate.current_revision(engine) is not None or (
                path is None and migrate.has_tables(engine)
            ):
                raise StoreError(f"{redacted(location)}: the database is not empty")
            migrate.upgrade(engine)
        except sa.exc.OperationalError as exc:
            engine.dispose()
            raise StoreError(f"{redacted(location)}: cannot create the store ({exc.orig})") from exc
        return cls(engine, str(location))

    @classmethod
    def open(cls, location: str | Path) -> Store:
        """Open an existing store. SQLite stores are upgraded automatically after a ``.bak``
        copy; PostgreSQL stores are only upgraded by ``indsigt db upgrade``."""
        path = sqlite_path(location)
        if path is not None:
            if not path.exists():
                raise StoreError(f"{path}: no study here; create one with `indsigt init {path}`")
            if path.is_dir():
                raise StoreError(f"{path}: is a directory, not a study file")
        engine = create_engine(location)
        try:
            current = migrate.current_revision(engine)
        except sa.exc.DatabaseError as exc:
            engine.dispose()
            raise StoreError(f"{redacted(location)}: not an indsigt study ({exc.orig})") from exc
        head = migrate.head_revision()
        if current is None:
            engine.dispose()
            raise StoreError(f"{redacted(location)}: not an indsigt study (no schema revision)")
        if current != head:
            if path is None:
                engine.dispose()
                raise StoreError(
                    f"{redacted(location)}: schema revision {current}, this indsigt needs {head}; "
                    f"run `indsigt db upgrade {redacted(location)}`"
                )
            migrate.backup_sqlite(path)
            migrate.upgrade(engine)
        return cls(engine, str(location))

    @contextmanager
    def begin(self) -> Iterator[Connection]:
        """One transaction: everything inside commits together or not at all."""
        with self.engine.begin() as connection:
            yield connection

    @contextmanager
    def connect(self) -> Iterator[Connection]:
        with self.engine.connect() as connection:
            yield connection

    def log(
        self,
        connection: Connection,
        action: str,
        *,
        entity: str,
        entity_id: str | int = "",
        actor: str = "cli",
        payload: dict[str, Any] | None = None,
    ) -> None:
        """Append an audit event (inside the caller's transaction)."""
        connection.execute(
            schema.event.insert().values(
                at=now(),
                actor=actor,
                action=action,
                entity=entity,
                entity_id=str(entity_id),
                payload=payload or {},
            )
        )

    def close(self) -> None:
        self.engine.dispose()


def upgrade_store(location: str | Path) -> tuple[str | None, str]:
    """Explicit upgrade (the only way for PostgreSQL; SQLite gets a ``.bak`` copy first).
    Returns the revisions (before, after)."""
    path = sqlite_path(location)
    if path is not None and not path.exists():
        raise StoreError(f"{path}: no study here")
    engine = create_engine(location)
    try:
        before = migrate.current_revision(engine)
        if before is None and migrate.has_tables(engine):
            raise StoreError(f"{redacted(location)}: not an indsigt study (no schema revision)")
        if before != migrate.head_revision():
            if path is not None:
                migrate.backup_sqlite(path)
            migrate.upgrade(engine)
    finally:
        engine.dispose()
    return before, migrate.head_revision()


def redacted(location: str | Path) -> str:
    """A location for messages, with any password in a URL hidden (the store's errors, the
    web server's banner)."""
    text = str(location)
    if "://" in text and "@" in text:
        return sa.engine.make_url(text).render_as_string(hide_password=True)
    return text
