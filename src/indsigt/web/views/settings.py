"""Study settings (admins): blind coding on or off; the respondent noun; the attribute the
study is compared by (``segment-by``)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from indsigt.errors import IndsigtError
from indsigt.sealed import PUBLISHABLE_KIND
from indsigt.settings import SEGMENT_BY, change_setting, read_setting, show_settings, study_settings
from indsigt.web.config import web_state
from indsigt.web.data.settings import BLIND_CODING, blind_coding, set_setting
from indsigt.web.deps import CurrentUser, Form, Id, study_to_change
from indsigt.web.i18n import N_
from indsigt.web.problems import BadInput
from indsigt.web.render import done, page
from indsigt.web.views.common import study_header

router = APIRouter()
TRUE = {"1", "true", "on", "yes"}
FALSE = {"0", "false", "off", "no"}
RESPONDENT_NOUN = "respondent_noun"


@router.get("/studies/{sid}/settings")
def settings(request: Request, sid: Id, user: CurrentUser) -> Response:
    study = study_to_change(request, sid, user, "admin", N_("changing settings"))
    store = web_state(request).store
    shown = study_settings(store, study.id)
    publishable = [name for name, kind in shown.attributes.items() if kind == PUBLISHABLE_KIND]
    with store.connect() as connection:
        chosen = read_setting(connection, study.id, SEGMENT_BY)
    data = {
        **study_header(request, study, user),
        "settings": {
            BLIND_CODING: blind_coding(store, study.id),
            RESPONDENT_NOUN: shown.respondent_noun,
            SEGMENT_BY: chosen or "",
        },
        "compare_by": shown.segment_by,
        "publishable": publishable,
        "attribute_labels": shown.attribute_labels,
    }
    return page(request, "settings.html", data)


@router.post("/studies/{sid}/settings")
def change(
    request: Request,
    sid: Id,
    user: CurrentUser,
    form: Form,
) -> Response:
    """Body: ``blind_coding`` = true/false (on/off, 1/0), ``respondent_noun`` = a word
    ("Leder", "Borger/borgere", "default"), or ``segment_by`` = a publishable attribute or
    ``default``."""
    study = study_to_change(request, sid, user, "admin", N_("changing settings"))
    if form.get(SEGMENT_BY):
        store = web_state(request).store
        try:
            by = change_setting(
                store, study.id, "segment-by", form.get(SEGMENT_BY), actor=user.name
            )
        except IndsigtError as exc:
            raise BadInput(str(exc)) from None
        return done(request, {SEGMENT_BY: by}, to=f"/studies/{sid}/settings")
    noun = form.get(RESPONDENT_NOUN).strip()
    if noun:
        store = web_state(request).store
        try:
            change_setting(store, study.id, "respondent-noun", noun, actor=user.name)
        except IndsigtError as exc:
            raise BadInput(str(exc)) from None
        shown = show_settings(store, study.id)["respondent-noun"]
        return done(request, {RESPONDENT_NOUN: shown}, to=f"/studies/{sid}/settings")
    value = form.get(BLIND_CODING).lower()
    if value not in TRUE | FALSE:
        raise BadInput(N_("%(key)s: use true or false"), key=BLIND_CODING)
    set_setting(web_state(request).store, study.id, BLIND_CODING, value in TRUE, actor=user.name)
    return done(request, {BLIND_CODING: value in TRUE}, to=f"/studies/{sid}/settings")
