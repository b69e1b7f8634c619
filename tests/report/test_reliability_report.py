"""The report's reliability: pairs with a person in them. The demo study's method said
"Agreement between coders was measured for 1 pair of coders … keyword.v1 and similarity.v1:
Cohen's κ = 0.24" — two machine coders agreeing with each other, read as the study's
reliability."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa

import indsigt
from indsigt.report.i18n import Words
from indsigt.report.reliability import reliability
from indsigt.store import schema

from .helpers import small_study


def _copy_codings(
    project: indsigt.Project, source: str, coder: str, *, documents: int | None = None
) -> None:
    """``coder`` codes as ``source`` did (in the first ``documents`` documents, or all)."""
    c, p = schema.coding, schema.passage
    with project.store.begin() as connection:
        rows = connection.execute(
            sa.select(c.c.passage_id, c.c.code_id, c.c.created_at, p.c.document_id)
            .join(p, c.c.passage_id == p.c.id)
            .where(c.c.coder == source)
        ).all()
        first = sorted({row.document_id for row in rows})[: documents or None]
        connection.execute(
            sa.insert(c),
            [
                {
                    "passage_id": row.passage_id,
                    "code_id": row.code_id,
                    "coder": coder,
                    "score": None,
                    "status": "suggested" if coder.endswith(".v1") else "accepted",
                    "evidence": {},
                    "created_at": row.created_at,
                }
                for row in rows
                if row.document_id in first
            ],
        )


def test_two_machine_coders_are_no_reliability(tmp_path: Path) -> None:
    with small_study(tmp_path) as project:  # keyword.v1 suggestions everywhere
        _copy_codings(project, "keyword.v1", "similarity.v1")
        words = Words("da")
        found, raw = reliability(project.store, project.study.id, words, {})
        assert not found.measured and raw == []
        assert found.statement == words("reliability_machines_only")
        assert "maskinelle kodere" in found.statement
        # a person codes two interviews: her pairs with each machine are reported, not theirs
        _copy_codings(project, "keyword.v1", "analyst1", documents=2)
        found, raw = reliability(project.store, project.study.id, words, {})
        assert found.measured
        assert sorted((row.a, row.b) for row in found.pairs) == [
            ("analyst1", "keyword.v1"),
            ("analyst1", "similarity.v1"),
        ]
        assert all(row.documents == 2 for row in found.pairs)
