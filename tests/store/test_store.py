"""The SQLite store: pragmas, refusal of non-studies, automatic upgrade with a .bak copy,
and schema/migration agreement."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

import indsigt
from indsigt.store import migrate, schema, upgrade_store

# These tests create their stores by running the migrations (conftest.py's template is not used).
pytestmark = pytest.mark.migrations


def test_sqlite_has_wal_and_foreign_keys(study: indsigt.Project) -> None:
    with study.store.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_foreign_keys_are_enforced(study: indsigt.Project) -> None:
    with pytest.raises(sa.exc.IntegrityError), study.store.begin() as connection:
        connection.execute(
            schema.speaker.insert().values(document_id=999, label="x", role="respondent")
        )


def test_migrations_match_schema(study: indsigt.Project) -> None:
    with study.store.connect() as connection:
        # The search table of migration 0009 is not in the schema module (FTS5 virtual table).
        context = MigrationContext.configure(
            connection, opts={"include_name": migrate.include_name}
        )
        assert compare_metadata(context, schema.metadata) == []


def test_open_missing_file_names_it(tmp_path: Path) -> None:
    with pytest.raises(indsigt.StoreError, match="no study here"):
        indsigt.open_study(tmp_path / "nope.db")


def test_open_a_non_study_file(tmp_path: Path) -> None:
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(indsigt.StoreError, match="not an indsigt study"):
        indsigt.open_study(junk)


def test_create_refuses_existing_file(study_path: Path, study: indsigt.Project) -> None:
    with pytest.raises(indsigt.StoreError, match="already exists"):
        indsigt.init_study(study_path)


def test_old_sqlite_study_is_backed_up_then_upgraded(study_path: Path) -> None:
    with indsigt.init_study(study_path) as project:
        project.import_files([_write(study_path.parent / "a.txt", "I: Hej?\nR: Hej med dig.\n")])
        migrate.downgrade(project.store.engine, "0001")
    backup = study_path.with_name("study.db.bak")
    assert not backup.exists()
    with indsigt.open_study(study_path) as project:
        assert migrate.current_revision(project.store.engine) == migrate.head_revision()
        assert len(project.passages()) == 2
    assert backup.exists()
    engine = sa.create_engine(f"sqlite:///{backup}")
    assert migrate.current_revision(engine) == "0001"
    with engine.connect() as connection:
        assert (
            connection.execute(sa.select(sa.func.count()).select_from(schema.passage)).scalar() == 2
        )
    engine.dispose()


def test_upgrade_store_at_head_is_a_noop(study_path: Path) -> None:
    indsigt.init_study(study_path).close()
    assert upgrade_store(study_path) == (migrate.head_revision(), migrate.head_revision())


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path
