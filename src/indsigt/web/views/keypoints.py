"""Key points of one scope on a page of their own: ``/studies/{sid}/keypoints?theme=N``
(a stored theme), ``?question=Q2.1`` (a guide question), ``?code=PATH`` or nothing (the
whole study). The code page shows the same for its code; a theme list links here."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import Response

from indsigt.web.deps import CurrentUser, Form, Id, Payload, study_for, study_to_change, whole_id
from indsigt.web.i18n import N_
from indsigt.web.problems import BadInput
from indsigt.web.render import done, interface_language, page
from indsigt.web.views.common import key_points_of, study_header
from indsigt.web.views.jobs import start_key_points

router = APIRouter()
SCOPES = ("code", "theme", "question")


def _scope(values: dict[str, str]) -> dict[str, Any]:
    given = {key: values[key].strip() for key in SCOPES if values.get(key, "").strip()}
    if len(given) > 1:
        raise BadInput(N_("give one scope, not %(scopes)s"), scopes=" and ".join(given))
    if "theme" in given:
        return {"theme": whole_id(given["theme"], "theme")}
    return given


@router.get("/studies/{sid}/keypoints")
def key_points(request: Request, sid: Id, user: CurrentUser) -> Response:
    study = study_for(request, sid)
    scope = _scope(dict(request.query_params))
    header = study_header(request, study, user)
    interface_language(request, header)  # "n of N" is said in the page's language
    query = urlencode(scope)
    data = {
        **header,
        "scope": scope,
        "key_points": key_points_of(request, study.id, scope, header),
        "key_points_action": f"/studies/{sid}/keypoints" + (f"?{query}" if query else ""),
    }
    return page(request, "keypoints.html", data)


@router.post("/studies/{sid}/keypoints")
def compute(request: Request, sid: Id, user: CurrentUser, form: Form) -> Response:
    """Start computing the scope's key points (embedding what is not cached yet); the scope
    comes in the query or the body."""
    study = study_to_change(request, sid, user, "coder", N_("computing key points"))
    scope = _scope({**dict(request.query_params), **_fields(form)})
    query = urlencode(scope)
    to = f"/studies/{sid}/keypoints" + (f"?{query}" if query else "")
    started = start_key_points(request, study, user, scope, page_href=to)
    return done(request, {"scope": scope, "started": started}, to=to)


def _fields(form: Payload) -> dict[str, str]:
    return {key: form.get(key) for key in SCOPES if form.get(key)}
