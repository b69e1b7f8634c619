"""One document: turns, speakers and passages, coded passages highlighted by code; select
text to code it (the page's script maps the selection to passage ids). A document that still
needs anonymisation shows its text to admins only (``text_withheld`` for everyone else)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from indsigt.ingest.remove import remove_documents
from indsigt.web.config import web_state
from indsigt.web.data.documents import document_view, find_document
from indsigt.web.data.navigation import document_navigation
from indsigt.web.data.sealed import public_document
from indsigt.web.data.studies import codable_document
from indsigt.web.deps import CurrentUser, Id, study_for, study_to_change
from indsigt.web.i18n import N_
from indsigt.web.render import done, page
from indsigt.web.views.common import study_header
from indsigt.web.views.memos import memos_for

router = APIRouter()


@router.get("/studies/{sid}/documents/{doc_id}")
def document(request: Request, sid: Id, doc_id: Id, user: CurrentUser) -> Response:
    store = web_state(request).store
    study = study_for(request, sid)
    header = study_header(request, study, user)
    view = document_view(
        store, study, doc_id, only_coder=header["only_coder"], admin=user.can("admin")
    )
    if not user.can("admin"):
        view = public_document(store, study.id, view)
    with store.connect() as connection:
        refusal = codable_document(connection, study, doc_id)
    data = {
        **header,
        **view,
        "can_code": user.can("coder") and refusal is None,
        "coding_refused": refusal,
        "navigation": document_navigation(store, study.id, doc_id, admin=user.can("admin")),
        "memos": memos_for(request, study, user, document_id=doc_id),
        "memo_target": {"document_id": doc_id},
        "can_memo": user.can("coder"),
    }
    return page(request, "document.html", data)


@router.post("/studies/{sid}/documents/{doc_id}/delete")
def delete(request: Request, sid: Id, doc_id: Id, user: CurrentUser) -> Response:
    """Remove the document with all that is recorded on it (``indsigt remove``); admins only."""
    study = study_to_change(
        request, sid, user, "admin", N_("removing a document (and all that is coded in it)")
    )
    store = web_state(request).store
    name = find_document(store, study.id, doc_id).name
    removed = remove_documents(store, study.id, [name], actor=user.name)
    payload = {
        "id": doc_id,
        "name": name,
        "turns": removed.turns,
        "passages": removed.passages,
        "codings": removed.codings,
        "notes": removed.notes,
        "respondents": removed.respondents,
    }
    return done(request, payload, to=f"/studies/{sid}/documents")
