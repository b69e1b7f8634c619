"""Conversational marks on passages and statements (``indsigt units``).

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from indsigt.store.migrations.columns import id_column, key_ref, ref, span

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "passage_mark",
        key_ref("passage_id", "passage.id"),
        sa.Column("kind", sa.String(30), nullable=False),
        sa.Column("detector", sa.String(100), nullable=False),
    )
    op.create_table(
        "statement",
        id_column(),
        ref("document_id", "document.id"),
        ref("turn_id", "turn.id"),
        sa.Column("seq", sa.Integer, nullable=False),
        ref("first_passage_id", "passage.id"),
        ref("last_passage_id", "passage.id"),
        *span(),
        ref("question_turn_id", "turn.id", nullable=True, ondelete="SET NULL"),
        sa.Column("substantive", sa.Boolean, nullable=False),
        sa.Column("words", sa.Integer, nullable=False),
        sa.Column("segmenter", sa.String(100), nullable=False),
    )
    op.create_index("ix_statement_document_id", "statement", ["document_id"])
    op.create_index("ix_statement_turn_id", "statement", ["turn_id"])


def downgrade() -> None:
    op.drop_index("ix_statement_turn_id", table_name="statement")
    op.drop_index("ix_statement_document_id", table_name="statement")
    op.drop_table("statement")
    op.drop_table("passage_mark")
