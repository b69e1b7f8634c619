"""The suggestion queue: accept (a) or reject (r) machine codings, j/k to move."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from indsigt.web.auth import require
from indsigt.web.data.codes import color_of, label_of, list_codes
from indsigt.web.data.codings import review, suggestions
from indsigt.web.data.sealed import public_items
from indsigt.web.deps import CurrentUser, Form, Id, PageNumber, study_for
from indsigt.web.render import done, page, web_state
from indsigt.web.views.common import study_header

router = APIRouter()
PAGE_SIZE = 50


@router.get("/studies/{sid}/queue")
def queue(
    request: Request,
    sid: Id,
    user: CurrentUser,
    page_number: PageNumber = 1,
) -> Response:
    store = web_state(request).store
    study = study_for(request, sid)
    header = study_header(request, study, user)
    items, total = suggestions(
        store,
        study,
        only_coder=header["only_coder"],
        admin=user.can("admin"),
        limit=PAGE_SIZE,
        offset=(page_number - 1) * PAGE_SIZE,
    )
    if not user.can("admin"):
        public_items(store, study.id, items)
    codes = {code.id: code for code in list_codes(store, study.id)}
    for item in items:
        code = codes.get(item["code_id"])
        item["code"] = label_of(code, study.language) if code else item["code_path"]
        item["color"] = color_of(code) if code else "#cccccc"
    data = {
        **header,
        "suggestions": items,
        "total": total,
        "page": page_number,
        "pages": max(1, -(-total // PAGE_SIZE)),
        "can_review": user.can("coder"),
    }
    return page(request, "queue.html", data)


@router.post("/studies/{sid}/queue/{coding_id}")
def decide(
    request: Request,
    sid: Id,
    coding_id: Id,
    user: CurrentUser,
    form: Form,
) -> Response:
    """Body: ``decision`` = ``accept`` or ``reject``."""
    require(user, "coder", "reviewing suggestions")
    study = study_for(request, sid)
    header = study_header(request, study, user)
    result = review(
        web_state(request).store,
        study,
        coding_id,
        form.get("decision"),
        user=user,
        only_coder=header["only_coder"],
    )
    return done(request, result, to=f"/studies/{sid}/queue")
