"""Codings written straight into a study, as the web app and review store them."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

import sqlalchemy as sa

from indsigt.store import Store, schema


def add_codings(store: Store, rows: Iterable[tuple[int, int, str, str]]) -> None:
    """Codings as (passage id, code id, coder, status)."""
    now = datetime.datetime.now()
    with store.begin() as connection:
        connection.execute(
            sa.insert(schema.coding),
            [
                {
                    "passage_id": passage,
                    "code_id": code,
                    "coder": coder,
                    "status": status,
                    "evidence": {},
                    "created_at": now,
                }
                for passage, code, coder, status in rows
            ],
        )
