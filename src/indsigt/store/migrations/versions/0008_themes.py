"""Stored theme runs, their themes and members (``indsigt themes``, the web Themes page).

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from indsigt.store.migrations.columns import at, id_column, key_ref, ref

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "theme_run",
        id_column(),
        ref("study_id", "study.id"),
        at("created_at"),
        sa.Column("unit", sa.String(20), nullable=False),
        sa.Column("embedder", sa.String(200), nullable=False),
        sa.Column("k", sa.Integer, nullable=True),
        sa.Column("seed", sa.Integer, nullable=False),
        sa.Column("scope", sa.String(500), nullable=True),
        sa.Column("components", sa.JSON, nullable=False),
        sa.Column("unassigned_share", sa.Float, nullable=False),
    )
    op.create_index("ix_theme_run_study_id", "theme_run", ["study_id"])
    op.create_table(
        "theme",
        id_column(),
        ref("run_id", "theme_run.id"),
        ref("study_id", "study.id"),
        sa.Column("number", sa.Integer, nullable=False),
        sa.Column("label", sa.String(500), nullable=False),
        sa.Column("name", sa.String(500), nullable=True),
        sa.Column("terms", sa.JSON, nullable=False),
        sa.Column("size", sa.Integer, nullable=False),
        sa.Column("respondents", sa.Integer, nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        ref("merged_into", "theme.id", nullable=True, ondelete="SET NULL"),
        ref("code_id", "code.id", nullable=True, ondelete="SET NULL"),
    )
    op.create_index("ix_theme_run_id", "theme", ["run_id"])
    op.create_table(
        "theme_member",
        key_ref("theme_id", "theme.id"),
        key_ref("passage_id", "passage.id"),
        sa.Column("unit_id", sa.Integer, nullable=False),
        sa.Column("rank", sa.Integer, nullable=True),
    )


def downgrade() -> None:
    op.drop_table("theme_member")
    op.drop_index("ix_theme_run_id", table_name="theme")
    op.drop_table("theme")
    op.drop_index("ix_theme_run_study_id", table_name="theme_run")
    op.drop_table("theme_run")
