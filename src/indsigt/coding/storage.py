"""Writing a coder's suggestions: a re-run replaces that coder's open suggestions and keeps
every coding a person has accepted or rejected."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from indsigt.records import Coding
from indsigt.store import Store, schema
from indsigt.store.store import now

CHUNK = 20_000


def insert_ignore(connection: Connection, table: sa.Table) -> Any:
    """An INSERT that skips rows violating a unique constraint (SQLite and PostgreSQL)."""
    if connection.dialect.name == "postgresql":
        from sqlalchemy.dialects import postgresql

        return postgresql.insert(table).on_conflict_do_nothing()
    from sqlalchemy.dialects import sqlite

    return sqlite.insert(table).on_conflict_do_nothing()


def replace_suggestions(
    store: Store, study_id: int, coder: str, codings: Sequence[Coding], *, actor: str = "cli"
) -> dict[str, int]:
    """In one transaction: drop ``coder``'s suggestions in the study, write ``codings``
    (skipping a passage and code a person already decided for this coder), log an event."""
    c, p, d = schema.coding, schema.passage, schema.document
    in_study = sa.select(p.c.id).join(d, p.c.document_id == d.c.id).where(d.c.study_id == study_id)
    stamp = now()
    rows = [
        {
            "passage_id": coding.passage_id,
            "code_id": coding.code_id,
            "coder": coder,
            "score": coding.score,
            "status": "suggested",
            "evidence": coding.evidence,
            "created_at": stamp,
        }
        for coding in codings
    ]
    with store.begin() as connection:
        removed = connection.execute(
            c.delete().where(
                c.c.coder == coder, c.c.status == "suggested", c.c.passage_id.in_(in_study)
            )
        ).rowcount
        before = connection.scalar(
            sa.select(sa.func.count()).select_from(c).where(c.c.coder == coder)
        )
        statement = insert_ignore(connection, c)
        for start in range(0, len(rows), CHUNK):
            connection.execute(statement, rows[start : start + CHUNK])
        after = connection.scalar(
            sa.select(sa.func.count()).select_from(c).where(c.c.coder == coder)
        )
        written = int(after or 0) - int(before or 0)
        store.log(
            connection,
            "coding.run",
            entity="study",
            entity_id=study_id,
            actor=actor,
            payload={"coder": coder, "suggested": written, "replaced": removed},
        )
    return {"suggested": written, "replaced": int(removed or 0), "kept": len(rows) - written}
