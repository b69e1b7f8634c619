"""The studies in this store."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from indsigt.web.config import web_state
from indsigt.web.data.codings import visible_coder
from indsigt.web.data.studies import list_studies
from indsigt.web.deps import CurrentUser
from indsigt.web.render import page
from indsigt.web.views.common import user_data

router = APIRouter()


@router.get("/")
def studies(request: Request, user: CurrentUser) -> Response:
    state = web_state(request)
    data = {
        "mode": "server" if state.config.server else "local",
        "me": user_data(user),
        "studies": list_studies(
            state.store, only_coder=lambda study_id: visible_coder(state.store, study_id, user)
        ),
    }
    return page(request, "studies.html", data)
