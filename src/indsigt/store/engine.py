"""Opening a store: an SQLite file (WAL, foreign keys on) or a PostgreSQL URL."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from indsigt.errors import StoreError


def is_url(location: str | Path) -> bool:
    return "://" in str(location)


def sqlite_path(location: str | Path) -> Path | None:
    """The file behind an SQLite location, or None for a server URL."""
    text = str(location)
    if text.startswith("sqlite:///"):
        return Path(text.removeprefix("sqlite:///"))
    return None if is_url(text) else Path(text)


def _on_sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def create_engine(location: str | Path) -> Engine:
    """An engine for a study location: a file path, ``sqlite:///path`` or a PostgreSQL URL.

    Its errors never carry a statement's parameters (``hide_parameters``): they hold study
    text, original transcripts included."""
    path = sqlite_path(location)
    if path is None:
        url = str(location)
        if not url.startswith(("postgresql", "sqlite")):
            raise StoreError(
                f"{url}: unsupported store URL (use a file path or postgresql+psycopg://…)"
            )
        try:
            return sa.create_engine(url, pool_pre_ping=True, hide_parameters=True)
        except (ImportError, sa.exc.ArgumentError) as exc:
            raise StoreError(
                f"{url}: cannot open ({exc}); for PostgreSQL: pip install 'indsigt[postgres]'"
            ) from exc
    engine = sa.create_engine(f"sqlite:///{path.resolve()}", hide_parameters=True)
    sa.event.listen(engine, "connect", _on_sqlite_connect)
    return engine
