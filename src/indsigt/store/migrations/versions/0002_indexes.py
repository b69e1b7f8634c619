"""Indexes for the review queue (codings by status) and the audit log (events by time).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_coding_status", "coding", ["status"])
    op.create_index("ix_event_at", "event", ["at"])


def downgrade() -> None:
    op.drop_index("ix_event_at", table_name="event")
    op.drop_index("ix_coding_status", table_name="coding")
