"""Add and remove codings (coders and admins)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from indsigt.web.auth import require
from indsigt.web.data.codings import add_codings, delete_coding
from indsigt.web.deps import CurrentUser, Form, Id, study_for
from indsigt.web.render import done, web_state

router = APIRouter()


@router.post("/studies/{sid}/codings")
def add(
    request: Request,
    sid: Id,
    user: CurrentUser,
    form: Form,
) -> Response:
    """Body: ``passage_ids`` (one or more) and ``code_id``; answers 201 with one row per
    passage (``created: false`` when the coding existed)."""
    require(user, "coder", "coding")
    study = study_for(request, sid)
    passage_ids = form.integers("passage_ids")
    rows = add_codings(
        web_state(request).store, study, passage_ids, form.integer("code_id"), user=user
    )
    back = form.get("back") or f"/studies/{sid}/documents"
    return done(request, {"codings": rows}, to=_local(back), status=201)


@router.post("/studies/{sid}/codings/{coding_id}/delete")
def delete(
    request: Request,
    sid: Id,
    coding_id: Id,
    user: CurrentUser,
    form: Form,
) -> Response:
    require(user, "coder", "removing a coding")
    study = study_for(request, sid)
    delete_coding(web_state(request).store, study, coding_id, user=user)
    back = form.get("back") or f"/studies/{sid}/documents"
    return done(request, {"deleted": coding_id}, to=_local(back))


def _local(path: str) -> str:
    return path if path.startswith("/") and not path.startswith("//") else "/"
