"""A study's documents, filtered by respondent attributes (``?level=kommune``)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from indsigt.web.data.documents import documents_overview
from indsigt.web.deps import CurrentUser, Id, study_for
from indsigt.web.render import page, web_state
from indsigt.web.views.common import study_header

router = APIRouter()


@router.get("/studies/{sid}/documents")
def documents(request: Request, sid: Id, user: CurrentUser) -> Response:
    study = study_for(request, sid)
    header = study_header(request, study, user)
    filters = dict(request.query_params)
    overview = documents_overview(
        web_state(request).store, study.id, filters, only_coder=header["only_coder"]
    )
    return page(request, "documents.html", {**header, **overview})
