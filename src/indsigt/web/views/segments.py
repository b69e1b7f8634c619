"""Segment tables with charts: codes × a respondent attribute, "n of N" (for non-admins only
by publishable attributes)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from indsigt.web.config import web_state
from indsigt.web.data.codings import coders
from indsigt.web.data.sealed import sealing
from indsigt.web.data.segments import UNITS, attribute_keys, segment_table
from indsigt.web.data.settings import labels_of
from indsigt.web.deps import CurrentUser, Id, study_for
from indsigt.web.render import interface_language, page
from indsigt.web.views.common import study_header

router = APIRouter()


@router.get("/studies/{sid}/segments")
def segments(
    request: Request,
    sid: Id,
    user: CurrentUser,
    by: str = "",
    unit: str = "respondents",
    suggestions: bool = False,
    coder: str = "",
) -> Response:
    store = web_state(request).store
    study = study_for(request, sid)
    header = study_header(request, study, user)
    keys = attribute_keys(store, study.id)
    if not user.can("admin"):  # an identifying attribute's values are not for non-admins
        keys = [key for key in keys if sealing(store, study.id)[1].publishable(key)]
    default = next((a for a in study.segment_attributes if a in keys), keys[0] if keys else "")
    interface_language(request, header)  # the table's notes are said in the page's language
    chosen = by if by in keys else default
    table = (
        segment_table(
            store,
            study.id,
            study.language,
            by=chosen,
            unit=unit,
            suggestions=suggestions,
            coder=coder or None,
            only_coder=header["only_coder"],
        )
        if chosen
        else None
    )
    data = {
        **header,
        "attributes": keys,
        "attribute_labels": labels_of(store, study.id, keys),
        "by": chosen,
        "unit": unit if unit in UNITS else "respondents",
        "units": UNITS,
        "suggestions": suggestions,
        "coder": coder,
        "coders": [c["name"] for c in coders(store, study.id, only_coder=header["only_coder"])],
        "table": table,
    }
    return page(request, "segments.html", data)
