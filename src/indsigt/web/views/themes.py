"""Themes: listed when the store has a ``theme`` table; otherwise the page points to the
codebook (promoted themes become codes) and the segment tables. Kept minimal on purpose: the
theme stage is built separately."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from fastapi import APIRouter, Request
from fastapi.responses import Response

from indsigt.store import Store, schema
from indsigt.web.deps import CurrentUser, Id, study_for
from indsigt.web.render import page, web_state
from indsigt.web.views.common import study_header

router = APIRouter()
SHOWN = 200


def _themes(store: Store, study_id: int) -> list[dict[str, Any]] | None:
    table = schema.metadata.tables.get("theme")
    if table is None or "study_id" not in table.c:
        return None
    columns = [c for c in table.c if not isinstance(c.type, sa.LargeBinary)]
    with store.connect() as connection:
        rows = connection.execute(
            sa.select(*columns).where(table.c.study_id == study_id).limit(SHOWN)
        ).mappings()
        return [dict(row) for row in rows]


@router.get("/studies/{sid}/themes")
def themes(request: Request, sid: Id, user: CurrentUser) -> Response:
    study = study_for(request, sid)
    found = _themes(web_state(request).store, study.id)
    data = {
        **study_header(request, study, user),
        "available": found is not None,
        "themes": found or [],
        "columns": sorted({key for row in found or [] for key in row}),
    }
    return page(request, "themes.html", data)
