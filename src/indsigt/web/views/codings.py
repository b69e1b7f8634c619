"""Add and remove codings (coders and admins)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from indsigt.web.config import web_state
from indsigt.web.data.codings import add_codings, add_span_coding, delete_coding
from indsigt.web.deps import CurrentUser, Form, Id, Payload, study_to_change
from indsigt.web.i18n import N_
from indsigt.web.problems import BadInput
from indsigt.web.render import done

router = APIRouter()


@router.post("/studies/{sid}/codings")
def add(
    request: Request,
    sid: Id,
    user: CurrentUser,
    form: Form,
) -> Response:
    """Body: ``code_id`` and either a selection — ``document_id``, ``start``, ``end``
    (offsets into the document's text): one coding of exactly that span, answered as
    ``{"coding": …}`` — or ``passage_ids`` (one or more whole passages): one coding each,
    answered as ``{"codings": [...]}`` (``created: false`` when the coding existed). 201."""
    study = study_to_change(request, sid, user, "coder", N_("coding"))
    store = web_state(request).store
    back = form.get("back") or f"/studies/{sid}/documents"
    code_id = form.integer("code_id")
    if form.get("document_id") or form.get("start") or form.get("end"):
        if form.getlist("passage_ids"):
            raise BadInput(N_("send either a selection (start and end) or passage ids, not both"))
        coding = add_span_coding(
            store,
            study,
            form.integer("document_id"),
            _offset(form, "start"),
            _offset(form, "end"),
            code_id,
            user=user,
        )
        return done(request, {"coding": coding}, to=_local(back), status=201)
    rows = add_codings(store, study, form.integers("passage_ids"), code_id, user=user)
    return done(request, {"codings": rows}, to=_local(back), status=201)


MAX_OFFSET = 2**31 - 1


def _offset(form: Payload, key: str) -> int:
    """An offset into a document's text: a whole number from 0."""
    value = form.get(key).strip()
    if not value.isascii() or not value.isdigit():
        raise BadInput(N_("%(key)s: expected an offset (a whole number from 0)"), key=key)
    number = int(value)
    if number > MAX_OFFSET:
        raise BadInput(N_("%(key)s: expected an offset (a whole number from 0)"), key=key)
    return number


@router.post("/studies/{sid}/codings/{coding_id}/delete")
def delete(
    request: Request,
    sid: Id,
    coding_id: Id,
    user: CurrentUser,
    form: Form,
) -> Response:
    study = study_to_change(request, sid, user, "coder", N_("removing a coding"))
    delete_coding(web_state(request).store, study, coding_id, user=user)
    back = form.get("back") or f"/studies/{sid}/documents"
    return done(request, {"deleted": coding_id}, to=_local(back))


def _local(path: str) -> str:
    return path if path.startswith("/") and not path.startswith("//") else "/"
