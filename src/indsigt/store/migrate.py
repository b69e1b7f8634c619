"""Schema revisions with Alembic: automatic (with a .bak copy) for SQLite, explicit for servers."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Engine

MIGRATIONS = Path(__file__).parent / "migrations"


def _config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def head_revision() -> str:
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
    config = _config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


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
