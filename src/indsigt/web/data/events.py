"""The audit log (table ``event``), newest first."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from indsigt.store import Store, schema


def recent_events(
    store: Store, *, action: str = "", actor: str = "", limit: int = 200
) -> list[dict[str, Any]]:
    e = schema.event
    query = sa.select(e).order_by(e.c.id.desc()).limit(limit)
    if action:
        query = query.where(e.c.action.startswith(action))
    if actor:
        query = query.where(e.c.actor == actor)
    with store.connect() as connection:
        return [
            {
                "id": row.id,
                "at": row.at,
                "actor": row.actor,
                "action": row.action,
                "entity": row.entity,
                "entity_id": row.entity_id,
                "payload": row.payload,
            }
            for row in connection.execute(query)
        ]
