"""Anonymisation findings review (admins only: the page shows personal data)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from indsigt.web.config import web_state
from indsigt.web.data.findings import add_missed, decide, list_findings
from indsigt.web.deps import CurrentUser, Form, Id, study_to_change
from indsigt.web.i18n import N_
from indsigt.web.render import done, page
from indsigt.web.views.common import study_header

router = APIRouter()


@router.get("/studies/{sid}/findings")
def findings(request: Request, sid: Id, user: CurrentUser, status: str = "") -> Response:
    study = study_to_change(request, sid, user, "admin", N_("reviewing anonymisation findings"))
    listing = list_findings(web_state(request).store, study.id, status=status or None)
    return page(request, "findings.html", {**study_header(request, study, user), **listing})


@router.post("/studies/{sid}/findings/missed")
def missed(
    request: Request,
    sid: Id,
    user: CurrentUser,
    form: Form,
) -> Response:
    """Body: ``surface``, ``label`` and optionally ``document_id``."""
    study = study_to_change(request, sid, user, "admin", N_("reviewing anonymisation findings"))
    document = form.get("document_id")
    decision_id = add_missed(
        web_state(request).store,
        study.id,
        surface=form.get("surface"),
        label=form.get("label"),
        document_id=form.integer("document_id") if document else None,
        actor=user.name,
    )
    return done(request, {"id": decision_id}, to=f"/studies/{sid}/findings", status=201)


@router.post("/studies/{sid}/findings/{finding_id}")
def review_finding(
    request: Request,
    sid: Id,
    finding_id: Id,
    user: CurrentUser,
    form: Form,
) -> Response:
    """Body: ``decision`` = ``confirm`` or ``false_positive``."""
    study = study_to_change(request, sid, user, "admin", N_("reviewing anonymisation findings"))
    result = decide(
        web_state(request).store, study.id, finding_id, form.get("decision"), actor=user.name
    )
    return done(request, result, to=f"/studies/{sid}/findings")
