"""Batch jobs and their finished partitions (``indsigt batch``: resumable, idempotent).

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from indsigt.store.migrations.columns import at, id_column, key_ref, ref

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "job",
        id_column(),
        ref("study_id", "study.id"),
        sa.Column("kind", sa.String(50), nullable=False),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("source_sha256", sa.String(64), nullable=False),
        sa.Column("options", sa.JSON, nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("partitions", sa.Integer, nullable=True),
        sa.Column("result", sa.JSON, nullable=False),
        at("created_at"),
        at("updated_at"),
    )
    op.create_index("ix_job_study_id", "job", ["study_id"])
    op.create_table(
        "job_partition",
        key_ref("job_id", "job.id"),
        sa.Column("number", sa.Integer, primary_key=True),
        sa.Column("first_row", sa.Integer, nullable=False),
        sa.Column("last_row", sa.Integer, nullable=False),
        sa.Column("documents", sa.Integer, nullable=False),
        sa.Column("passages", sa.Integer, nullable=False),
        sa.Column("codings", sa.Integer, nullable=False),
        sa.Column("summary", sa.JSON, nullable=False),
        at("finished_at"),
    )


def downgrade() -> None:
    op.drop_table("job_partition")
    op.drop_index("ix_job_study_id", table_name="job")
    op.drop_table("job")
