"""The same study in PostgreSQL: created, imported, listed; upgraded only explicitly."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

import indsigt
from indsigt.sample import interview_files, respondents_sheet
from indsigt.store import Store, migrate, upgrade_store

pytestmark = pytest.mark.postgres


def test_sample_study_in_postgres_matches_sqlite(postgres_url: str, tmp_path) -> None:
    with indsigt.init_study(postgres_url, name="pg") as pg:
        pg_report = pg.import_files(interview_files(), respondents=respondents_sheet())
        pg_stats = pg.statistics()
    with indsigt.init_study(tmp_path / "s.db", name="pg") as lite:
        lite_report = lite.import_files(interview_files(), respondents=respondents_sheet())
        lite_stats = lite.statistics()
    assert pg_report.passages == lite_report.passages > 1000
    assert pg_stats.segments == lite_stats.segments
    with indsigt.open_study(postgres_url) as again:
        assert len(again.documents()) == 13
        assert {r.key for r in again.respondents()} == {r.key for r in lite.respondents()}


def test_reimport_is_noop_in_postgres(postgres_url: str) -> None:
    with indsigt.init_study(postgres_url) as study:
        study.import_files(interview_files()[:2])
        report = study.import_files(interview_files()[:2])
        assert report.imported == () and len(report.skipped) == 2


def test_postgres_is_not_upgraded_implicitly(postgres_url: str) -> None:
    indsigt.init_study(postgres_url).close()
    engine = sa.create_engine(postgres_url)
    migrate.downgrade(engine, "0001")
    with pytest.raises(indsigt.StoreError, match="indsigt db upgrade"):
        Store.open(postgres_url)
    before, after = upgrade_store(postgres_url)
    assert before == "0001" and after == migrate.head_revision()
    Store.open(postgres_url).close()
    engine.dispose()
