"""The order of codes among their siblings: ``code.position``.

A code's place in the codebook tree is its parent (``parent_id``, mirrored by its ``path``) and
its ``position`` among the codes beside it (0, 1, …; ties sort by path). Codes already stored
are numbered in path order, so the tree looks as it did.

Revision ID: 0012
Revises: 0009
Create Date: 2026-12-06
"""

from __future__ import annotations

from collections import defaultdict

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("code") as batch:
        batch.add_column(sa.Column("position", sa.Integer, nullable=False, server_default="0"))
    code = sa.table(
        "code",
        sa.column("id", sa.Integer),
        sa.column("study_id", sa.Integer),
        sa.column("parent_id", sa.Integer),
        sa.column("path", sa.String),
        sa.column("position", sa.Integer),
    )
    bind = op.get_bind()
    rows = bind.execute(
        sa.select(code.c.id, code.c.study_id, code.c.parent_id).order_by(code.c.path)
    ).all()
    taken: dict[tuple[int, int | None], int] = defaultdict(int)
    for row in rows:
        group = (row.study_id, row.parent_id)
        if taken[group]:
            bind.execute(code.update().where(code.c.id == row.id).values(position=taken[group]))
        taken[group] += 1


def downgrade() -> None:
    with op.batch_alter_table("code") as batch:
        batch.drop_column("position")
