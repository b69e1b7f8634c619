"""Full-text search over passages, and memos on passages.

SQLite: an external-content FTS5 table ``passage_fts`` (rowid = passage id) kept in sync with
``passage`` by triggers, filled from the passages already stored. PostgreSQL: GIN indexes on
``to_tsvector(config, text)`` for the configurations :mod:`indsigt.store.searchquery` uses
('danish', 'english', 'simple'). A later migration that rebuilds ``passage`` on SQLite (batch
mode copies the table) must create the triggers again.

``note`` gets ``passage_id``: a memo on one passage (its ``document_id`` is the passage's).

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

TS_CONFIGS = ("danish", "english", "simple")
SQLITE_TRIGGERS = (
    """CREATE TRIGGER passage_fts_insert AFTER INSERT ON passage BEGIN
      INSERT INTO passage_fts(rowid, text) VALUES (new.id, new.text);
    END""",
    """CREATE TRIGGER passage_fts_delete AFTER DELETE ON passage BEGIN
      INSERT INTO passage_fts(passage_fts, rowid, text) VALUES ('delete', old.id, old.text);
    END""",
    """CREATE TRIGGER passage_fts_update AFTER UPDATE OF text ON passage BEGIN
      INSERT INTO passage_fts(passage_fts, rowid, text) VALUES ('delete', old.id, old.text);
      INSERT INTO passage_fts(rowid, text) VALUES (new.id, new.text);
    END""",
)


def upgrade() -> None:
    with op.batch_alter_table("note") as batch:
        batch.add_column(sa.Column("passage_id", sa.Integer, nullable=True))
        batch.create_foreign_key(
            "fk_note_passage_id_passage", "passage", ["passage_id"], ["id"], ondelete="CASCADE"
        )
    op.create_index("ix_note_study_id", "note", ["study_id"])
    if op.get_bind().dialect.name == "sqlite":
        op.execute(
            "CREATE VIRTUAL TABLE passage_fts USING fts5(text, content='passage', "
            "content_rowid='id', tokenize='unicode61 remove_diacritics 0', prefix='3')"
        )
        for trigger in SQLITE_TRIGGERS:
            op.execute(trigger)
        op.execute("INSERT INTO passage_fts(passage_fts) VALUES ('rebuild')")
    else:
        for config in TS_CONFIGS:
            op.execute(
                f"CREATE INDEX ix_passage_text_{config} ON passage "
                f"USING gin (to_tsvector('{config}'::regconfig, text))"
            )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for name in ("insert", "delete", "update"):
            op.execute(f"DROP TRIGGER IF EXISTS passage_fts_{name}")
        op.execute("DROP TABLE IF EXISTS passage_fts")
    else:
        for config in TS_CONFIGS:
            op.execute(f"DROP INDEX IF EXISTS ix_passage_text_{config}")
    op.drop_index("ix_note_study_id", table_name="note")
    with op.batch_alter_table("note") as batch:
        batch.drop_constraint("fk_note_passage_id_passage", type_="foreignkey")
        batch.drop_column("passage_id")
