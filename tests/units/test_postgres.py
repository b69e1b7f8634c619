"""Marks and statements in PostgreSQL: the same as in SQLite."""

from __future__ import annotations

from pathlib import Path

import pytest

import indsigt
from indsigt.testing import FakeEmbedder
from indsigt.units import analysis_units, build_units, marks, statements

from .test_study import TRANSCRIPT

pytestmark = pytest.mark.postgres


def test_units_in_postgres_match_sqlite(postgres_url: str, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(TRANSCRIPT, encoding="utf-8")
    found = []
    for location in (postgres_url, tmp_path / "s.db"):
        with indsigt.init_study(location, anonymisation_required=False) as project:
            project.import_files([tmp_path / "a.txt"])
            sid = project.study.id
            build_units(project.store, sid, embedder=FakeEmbedder())
            build_units(project.store, sid, embedder=FakeEmbedder())  # a rebuild replaces
            found.append(
                (
                    sorted((m.text, m.mark.kind) for m in marks(project.store, sid)),
                    [
                        (s.text, s.substantive)
                        for s in statements(project.store, sid, substantive=None)
                    ],
                    [u.text for u in analysis_units(project.store, sid, unit="statement")],
                )
            )
    assert found[0] == found[1]
    assert len(found[0][2]) == 2
