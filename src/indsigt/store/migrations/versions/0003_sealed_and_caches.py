"""Anonymisation state (sealed original text, pseudonym mapping, review decisions), the
embedding cache and notes (memos).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from indsigt.store.migrations.columns import at, id_column, key_ref, ref, span

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("document") as batch:
        batch.add_column(at("anonymised_at", nullable=True))
        batch.add_column(sa.Column("anonymiser", sa.String(200), nullable=True))
    op.create_table(
        "original_text",
        key_ref("document_id", "document.id"),
        sa.Column("text", sa.Text, nullable=False),
    )
    op.create_table(
        "pseudonym",
        id_column(),
        ref("study_id", "study.id"),
        sa.Column("label", sa.String(50), nullable=False),
        sa.Column("original", sa.String(500), nullable=False),
        sa.Column("pseudonym", sa.String(200), nullable=False),
        sa.UniqueConstraint(
            "study_id", "label", "original", name="uq_pseudonym_study_label_original"
        ),
    )
    op.create_table(
        "finding_decision",
        id_column(),
        ref("study_id", "study.id"),
        ref("document_id", "document.id", nullable=True),
        sa.Column("decision", sa.String(30), nullable=False),
        sa.Column("surface", sa.String(500), nullable=False),
        sa.Column("label", sa.String(50), nullable=False),
        *span(nullable=True),
        sa.Column("actor", sa.String(200), nullable=False),
        at("created_at"),
    )
    op.create_table(
        "embedding",
        sa.Column("model", sa.String(200), primary_key=True),
        sa.Column("sha256", sa.String(64), primary_key=True),
        sa.Column("dim", sa.Integer, nullable=False),
        sa.Column("vector", sa.LargeBinary, nullable=False),
    )
    op.create_table(
        "note",
        id_column(),
        ref("study_id", "study.id"),
        ref("document_id", "document.id", nullable=True),
        ref("code_id", "code.id", nullable=True),
        sa.Column("author", sa.String(200), nullable=False),
        sa.Column("title", sa.String(500), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        at("created_at"),
    )


def downgrade() -> None:
    for name in ("note", "embedding", "finding_decision", "pseudonym", "original_text"):
        op.drop_table(name)
    with op.batch_alter_table("document") as batch:
        batch.drop_column("anonymiser")
        batch.drop_column("anonymised_at")
