"""Background jobs of the web app (``web_job``): machine coders, anonymisation and reports
started from the browser, with their progress, so a page reload reads them back.

Revision ID: 0010
Revises: 0011
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from indsigt.store.migrations.columns import at, id_column, ref

revision = "0010"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "web_job",
        id_column(),
        ref("study_id", "study.id"),
        sa.Column("kind", sa.String(30), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("options", sa.JSON, nullable=False),
        sa.Column("done", sa.Integer, nullable=False),
        sa.Column("total", sa.Integer, nullable=False),
        sa.Column("message", sa.String(500), nullable=False),
        sa.Column("actor", sa.String(200), nullable=False),
        sa.Column("runner", sa.String(300), nullable=False),
        sa.Column("result", sa.JSON, nullable=False),
        sa.Column("error", sa.Text, nullable=True),
        at("created_at"),
        at("started_at", nullable=True),
        at("finished_at", nullable=True),
    )
    op.create_index("ix_web_job_study_id", "web_job", ["study_id"])


def downgrade() -> None:
    op.drop_index("ix_web_job_study_id", table_name="web_job")
    op.drop_table("web_job")
