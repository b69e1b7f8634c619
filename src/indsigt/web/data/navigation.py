"""Moving between documents: the previous and next document (in import order) and the
compact list of all of them, by neutral name for non-admins."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from indsigt.store import Store, schema
from indsigt.web.data.sealed import sealing


def document_navigation(
    store: Store, study_id: int, document_id: int, *, admin: bool
) -> dict[str, Any]:
    """``previous``/``next`` (id and name, or None) and ``documents`` (id, name, current)."""
    d = schema.document
    with store.connect() as connection:
        rows = connection.execute(
            sa.select(d.c.id, d.c.name).where(d.c.study_id == study_id).order_by(d.c.id)
        ).all()
    names = {int(i): str(n) for i, n in rows}
    if not admin:
        neutral, _ = sealing(store, study_id)
        names = {i: neutral.get(i, "Interview") for i in names}
    ids = list(names)
    documents = [{"id": i, "name": names[i], "current": i == document_id} for i in ids]
    at = ids.index(document_id) if document_id in names else -1
    previous = documents[at - 1] if at > 0 else None
    following = documents[at + 1] if 0 <= at < len(ids) - 1 else None
    return {
        "previous": previous,
        "next": following,
        "position": at + 1,
        "count": len(ids),
        "documents": documents,
    }
