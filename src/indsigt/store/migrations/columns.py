"""Column definitions the migrations share — frozen history, like the migrations themselves.

A migration must create the same tables however the schema moves on, so the migrations never
import :mod:`indsigt.store.schema`. These few definitions are the ones they wrote alike; a
helper here is never changed once a migration uses it (a migration that needs another column
writes it out itself, or adds a new helper).
"""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa


def id_column() -> sa.Column[int]:
    """``id``: the integer primary key."""
    return sa.Column("id", sa.Integer, primary_key=True)


def ref(
    name: str, target: str, *, nullable: bool = False, ondelete: str = "CASCADE"
) -> sa.Column[int]:
    """An integer foreign key to ``target`` (``"table.id"``)."""
    return sa.Column(name, sa.Integer, sa.ForeignKey(target, ondelete=ondelete), nullable=nullable)


def key_ref(name: str, target: str) -> sa.Column[int]:
    """An integer foreign key to ``target`` that is (part of) the primary key, cascading."""
    return sa.Column(name, sa.Integer, sa.ForeignKey(target, ondelete="CASCADE"), primary_key=True)


def at(name: str, *, nullable: bool = False) -> sa.Column[datetime]:
    """A timestamp with its time zone."""
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def span(*, nullable: bool = False) -> tuple[sa.Column[int], sa.Column[int]]:
    """``start`` and ``end``: offsets into a document's text."""
    return (
        sa.Column("start", sa.Integer, nullable=nullable),
        sa.Column("end", sa.Integer, nullable=nullable),
    )
