"""A study's documents, filtered by respondent attributes (``?level=kommune``); a non-admin
sees neutral document names and publishable attributes only. Above them, the documents to code
next (the library's rule, ``coding.order``), among those the filter shows."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from indsigt.coding.order import coded_documents, documents_to_code
from indsigt.guard import NotAnonymised
from indsigt.store import Store
from indsigt.web.config import web_state
from indsigt.web.data.codes import list_codes
from indsigt.web.data.documents import documents_overview
from indsigt.web.data.sealed import public_overview, sealing
from indsigt.web.data.settings import labels_of
from indsigt.web.deps import CurrentUser, Id, study_for
from indsigt.web.render import page
from indsigt.web.views.common import study_header

router = APIRouter()
CODE_NEXT = 3  # documents proposed
CODE_NEXT_UP_TO = 300  # documents in a study above which no proposal is made (it is per view)


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
    shown = {doc["id"]: doc for doc in overview["documents"]}
    # A blinded coder codes on their own: no proposal drawn from the others' codings.
    proposals = (
        _to_code(store, study.id, shown, total=overview["total"])
        if header["only_coder"] is None
        else {"to_code": [], "coded": 0}
    )
    return page(
        request,
        "documents.html",
        {**header, **overview, "attribute_labels": labels, **proposals},
    )


def _to_code(
    store: Store, study_id: int, shown: dict[int, dict[str, Any]], *, total: int
) -> dict[str, Any]:
    """``to_code``: up to three of the shown documents to code next, with the names and
    passage counts the list shows, and ``coded``: how many documents a person has coded; no
    proposal where the study has no codes, is not anonymised yet, or has more than
    ``CODE_NEXT_UP_TO`` documents (``total``)."""
    none: dict[str, Any] = {"to_code": [], "coded": 0}
    if not shown or total > CODE_NEXT_UP_TO or not list_codes(store, study_id):
        return none
    coded = coded_documents(store, study_id)
    try:
        ranked = documents_to_code(store, study_id, limit=CODE_NEXT_UP_TO, coded=coded)
    except NotAnonymised:  # the list marks each document not anonymised yet
        return none
    to_code = [
        {
            "document_id": doc.document_id,
            "name": shown[doc.document_id]["name"],
            "passages": shown[doc.document_id]["passages"],
            "alike": doc.alike,
        }
        for doc in ranked
        if doc.document_id in shown
    ]
    return {"to_code": to_code[:CODE_NEXT], "coded": len(coded)}
