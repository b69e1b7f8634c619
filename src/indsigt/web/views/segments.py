"""Segment tables with charts: codes (or, in a study with no codes yet, the emergent themes) ×
a respondent attribute, "n of N" (for non-admins only by publishable attributes)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from indsigt.settings import study_segment_by
from indsigt.themes.stored import latest_themes
from indsigt.web.config import web_state
from indsigt.web.data.codes import list_codes
from indsigt.web.data.codings import coders
from indsigt.web.data.sealed import sealing
from indsigt.web.data.segments import UNITS, attribute_keys, segment_table, theme_segment_table
from indsigt.web.data.settings import labels_of
from indsigt.web.deps import CurrentUser, Id, study_for
from indsigt.web.render import interface_language, page
from indsigt.web.views.common import study_header

router = APIRouter()
ROWS = ("codes", "themes")


@router.get("/studies/{sid}/segments")
def segments(
    request: Request,
    sid: Id,
    user: CurrentUser,
    by: str = "",
    unit: str = "respondents",
    suggestions: bool = False,
    coder: str = "",
    rows: str = "",
) -> Response:
    """``rows``: ``codes`` (the default where the codebook has any), or ``themes``: the
    latest emergent themes, for a study that has no codes yet."""
    store = web_state(request).store
    study = study_for(request, sid)
    header = study_header(request, study, user)
    keys = attribute_keys(store, study.id)
    if not user.can("admin"):  # an identifying attribute's values are not for non-admins
        keys = [key for key in keys if sealing(store, study.id)[1].publishable(key)]
    chosen_by_study = study_segment_by(store, study.id)  # the report compares by it too
    default = chosen_by_study if chosen_by_study in keys else (keys[0] if keys else "")
    interface_language(request, header)  # the table's notes are said in the page's language
    chosen = by if by in keys else default
    has_themes = bool(latest_themes(store, study.id))
    if rows not in ROWS:
        rows = "themes" if has_themes and not list_codes(store, study.id) else "codes"
    if not chosen:
        table = None
    elif rows == "themes":
        table = theme_segment_table(store, study.id, by=chosen)
    else:
        table = segment_table(
            store,
            study.id,
            study.language,
            by=chosen,
            unit=unit,
            suggestions=suggestions,
            coder=coder or None,
            only_coder=header["only_coder"],
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
        "rows": rows,
        "has_themes": has_themes,
    }
    return page(request, "segments.html", data)
