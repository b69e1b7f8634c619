"""Full-text search across a study's passages (``?q=…``): hits best first with the words
found marked, the passages around each, document, speaker and a link to the passage. The
query language is :mod:`indsigt.store.searchquery`; a query it cannot read gives a message
(status 400), never an error page. A non-admin searches only text they may read."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from indsigt.analyse.retrieval import search_study
from indsigt.store.searchquery import QuerySyntaxError
from indsigt.web.config import web_state
from indsigt.web.data.passages import passage_viewer, readable_documents
from indsigt.web.data.settings import labels_of
from indsigt.web.deps import CurrentUser, Id, PageNumber, study_for
from indsigt.web.render import page
from indsigt.web.views.common import study_header

router = APIRouter()
PAGE_SIZE = 50


@router.get("/studies/{sid}/search")
def search(request: Request, sid: Id, user: CurrentUser, number: PageNumber = 1) -> Response:
    store = web_state(request).store
    study = study_for(request, sid)
    header = study_header(request, study, user)
    text = request.query_params.get("q", "")
    data = {**header, "q": text, "error": None, "total": 0, "hits": [], "page": 1, "pages": 1}
    if not text.strip():
        return page(request, "search.html", data)
    admin = user.can("admin")
    try:
        found = search_study(
            store,
            study,
            text,
            limit=PAGE_SIZE,
            offset=(number - 1) * PAGE_SIZE,
            document_ids=readable_documents(store, study, admin=admin),
        )
    except QuerySyntaxError as exc:
        return page(request, "search.html", {**data, "error": str(exc)}, status=400)
    viewer = passage_viewer(store, study, admin=admin)
    hits = []
    for passage in found.hits:
        item = viewer.item(passage)
        item["pieces"] = [{"text": piece, "hit": hit} for piece, hit in found.marked(item["text"])]
        hits.append(item)
    data.update(
        total=found.total,
        hits=hits,
        page=number,
        pages=max(1, -(-found.total // PAGE_SIZE)),
        attribute_labels=labels_of(store, study.id, {k for h in hits for k in h["attributes"]}),
    )
    return page(request, "search.html", data)
