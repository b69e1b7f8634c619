"""Stored theme runs, their themes and members (``indsigt themes``, the web Themes page).

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "theme_run",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "study_id", sa.Integer, sa.ForeignKey("study.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
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
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "run_id", sa.Integer, sa.ForeignKey("theme_run.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column(
            "study_id", sa.Integer, sa.ForeignKey("study.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("number", sa.Integer, nullable=False),
        sa.Column("label", sa.String(500), nullable=False),
        sa.Column("name", sa.String(500), nullable=True),
        sa.Column("terms", sa.JSON, nullable=False),
        sa.Column("size", sa.Integer, nullable=False),
        sa.Column("respondents", sa.Integer, nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column(
            "merged_into",
            sa.Integer,
            sa.ForeignKey("theme.id", ondelete="SET NULL"),
            nullable=True,
        ),
        sa.Column(
            "code_id", sa.Integer, sa.ForeignKey("code.id", ondelete="SET NULL"), nullable=True
        ),
    )
    op.create_index("ix_theme_run_id", "theme", ["run_id"])
    op.create_table(
        "theme_member",
        sa.Column(
            "theme_id",
            sa.Integer,
            sa.ForeignKey("theme.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column(
            "passage_id",
            sa.Integer,
            sa.ForeignKey("passage.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("unit_id", sa.Integer, nullable=False),
        sa.Column("rank", sa.Integer, nullable=True),
    )


def downgrade() -> None:
    op.drop_table("theme_member")
    op.drop_index("ix_theme_run_id", table_name="theme")
    op.drop_table("theme")
    op.drop_index("ix_theme_run_study_id", table_name="theme_run")
    op.drop_table("theme_run")
