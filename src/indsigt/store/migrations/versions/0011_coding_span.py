"""A coding's own span: ``coding.start`` / ``coding.end``.

Offsets into ``Document.text`` (code points, half open, as everywhere): a selection that codes
part of a sentence keeps its exact span, and a selection over several passages is one coding
anchored at the passage it starts in (``passage_id``). NULL in both: the whole passage, which
every coding stored before this migration is.

Revision ID: 0011
Revises: 0012 (the lead re-chains it after 0010 when the branches merge)
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("coding", sa.Column("start", sa.Integer, nullable=True))
    op.add_column("coding", sa.Column("end", sa.Integer, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("coding") as batch:
        batch.drop_column("end")
        batch.drop_column("start")
