"""A study's documents, filtered by respondent attributes (``?level=kommune``); a non-admin
sees neutral document names and publishable attributes only."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from indsigt.web.config import web_state
from indsigt.web.data.documents import documents_overview
from indsigt.web.data.sealed import public_overview, sealing
from indsigt.web.data.settings import labels_of
from indsigt.web.deps import CurrentUser, Id, study_for
from indsigt.web.render import page
from indsigt.web.views.common import study_header

router = APIRouter()


@router.get("/studies/{sid}/documents")
def documents(request: Request, sid: Id, user: CurrentUser) -> Response:
    study = study_for(request, sid)
    header = study_header(request, study, user)
    filters = dict(request.query_params)
    store = web_state(request).store
    if not user.can("admin"):  # identifying attributes are not filters for non-admins
        filters = {k: v for k, v in filters.items() if sealing(store, study.id)[1].publishable(k)}
    overview = documents_overview(store, study.id, filters, only_coder=header["only_coder"])
    if not user.can("admin"):
        overview = public_overview(store, study.id, overview)
    labels = labels_of(store, study.id, overview.get("attributes", {}))
    return page(request, "documents.html", {**header, **overview, "attribute_labels": labels})
