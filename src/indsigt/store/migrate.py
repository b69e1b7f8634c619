"""Schema revisions with Alembic: automatic (with a .bak copy) for SQLite, explicit for servers."""

from __future__ import annotations

import functools
import sqlite3
from collections.abc import Callable
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Engine

MIGRATIONS = Path(__file__).parent / "migrations"
# Tables and indexes the schema module does not describe: SQLite's full-text search table (and
# its FTS5 shadow tables) and PostgreSQL's to_tsvector indexes (migration 0009).
UNMODELLED_PREFIXES = ("passage_fts", "ix_passage_text_")


def include_name(name: str | None, type_: str, parent_names: object) -> bool:
    """For Alembic's schema comparison: leave out what :data:`UNMODELLED_PREFIXES` names."""
    return not (name or "").startswith(UNMODELLED_PREFIXES)


def _config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


@functools.cache
def head_revision() -> str:
    """The newest revision (read once: the migrations do not change while indsigt runs)."""
    head = ScriptDirectory.from_config(_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def has_tables(engine: Engine) -> bool:
    with engine.connect() as connection:
        return bool(engine.dialect.get_table_names(connection))


def upgrade(engine: Engine) -> None:
    """Bring the schema to the newest revision, in one transaction."""
    _run(engine, command.upgrade, "head")


def downgrade(engine: Engine, revision: str) -> None:
    """Go back to an older revision (for tests and for undoing a failed upgrade)."""
    _run(engine, command.downgrade, revision)


def _run(engine: Engine, step: Callable[[Config, str], None], revision: str) -> None:
    # SQLite alters tables by copy-drop-rename. With foreign keys on, dropping a parent table
    # would cascade-delete its children, so they are off during the migration and checked after.
    config = _config()
    with engine.connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        if sqlite:
            connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
            connection.commit()  # end SQLAlchemy's autobegun transaction; the pragma stays
        try:
            with connection.begin():
                config.attributes["connection"] = connection
                step(config, revision)
                if sqlite:
                    problems = connection.exec_driver_sql("PRAGMA foreign_key_check").all()
                    if problems:
                        raise RuntimeError(
                            f"foreign key check failed after migration: {problems[:5]}"
                        )
        finally:
            if sqlite:
                connection.exec_driver_sql("PRAGMA foreign_keys=ON")
                connection.commit()


def backup_sqlite(path: Path) -> Path:
    """Copy an SQLite study (and its WAL) to ``<file>.bak`` before an automatic upgrade."""
    backup = path.with_name(path.name + ".bak")
    source = sqlite3.connect(path)
    target = sqlite3.connect(backup)
    try:
        source.backup(target)  # a consistent copy, WAL content included
    finally:
        target.close()
        source.close()
    return backup
