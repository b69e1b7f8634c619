"""Study settings (admins): blind coding on or off."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from indsigt.web.auth import require
from indsigt.web.data.settings import BLIND_CODING, blind_coding, set_setting
from indsigt.web.deps import CurrentUser, Form, Id, study_for
from indsigt.web.problems import BadInput
from indsigt.web.render import done, page, web_state
from indsigt.web.views.common import study_header

router = APIRouter()
TRUE = {"1", "true", "on", "yes"}
FALSE = {"0", "false", "off", "no"}


@router.get("/studies/{sid}/settings")
def settings(request: Request, sid: Id, user: CurrentUser) -> Response:
    require(user, "admin", "changing settings")
    study = study_for(request, sid)
    data = {
        **study_header(request, study, user),
        "settings": {BLIND_CODING: blind_coding(web_state(request).store, study.id)},
    }
    return page(request, "settings.html", data)


@router.post("/studies/{sid}/settings")
def change(
    request: Request,
    sid: Id,
    user: CurrentUser,
    form: Form,
) -> Response:
    """Body: ``blind_coding`` = true/false (on/off, 1/0)."""
    require(user, "admin", "changing settings")
    study = study_for(request, sid)
    value = form.get(BLIND_CODING).lower()
    if value not in TRUE | FALSE:
        raise BadInput(f"{BLIND_CODING}: use true or false")
    set_setting(web_state(request).store, study.id, BLIND_CODING, value in TRUE, actor=user.name)
    return done(request, {BLIND_CODING: value in TRUE}, to=f"/studies/{sid}/settings")
