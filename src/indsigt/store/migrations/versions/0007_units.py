"""Conversational marks on passages and statements (``indsigt units``).

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "passage_mark",
        sa.Column(
            "passage_id",
            sa.Integer,
            sa.ForeignKey("passage.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("kind", sa.String(30), nullable=False),
        sa.Column("detector", sa.String(100), nullable=False),
    )
    op.create_table(
        "statement",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "document_id",
            sa.Integer,
            sa.ForeignKey("document.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column(
            "turn_id", sa.Integer, sa.ForeignKey("turn.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column(
            "first_passage_id",
            sa.Integer,
            sa.ForeignKey("passage.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column(
            "last_passage_id",
            sa.Integer,
            sa.ForeignKey("passage.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column(
            "question_turn_id",
            sa.Integer,
            sa.ForeignKey("turn.id", ondelete="SET NULL"),
            nullable=True,
        ),
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
