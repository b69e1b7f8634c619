"""The code × code co-occurrence matrix: passages (or respondents) coded with both codes;
each cell links to the retrieval of the pair. Accepted codings by default,
``?suggestions=1`` adds machine suggestions; ``?unit=respondents`` counts respondents."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from indsigt.analyse.compare import UNITS
from indsigt.analyse.cooccur import cooccurrence_matrix
from indsigt.web.config import web_state
from indsigt.web.deps import CurrentUser, Id, study_for
from indsigt.web.i18n import N_
from indsigt.web.problems import BadInput
from indsigt.web.render import page
from indsigt.web.views.common import study_header

router = APIRouter()


@router.get("/studies/{sid}/cooccurrence")
def cooccurrence(request: Request, sid: Id, user: CurrentUser) -> Response:
    study = study_for(request, sid)
    header = study_header(request, study, user)
    unit = request.query_params.get("unit", "passages").strip() or "passages"
    if unit not in UNITS:
        raise BadInput(N_("unit: choose one of %(choices)s"), choices=", ".join(UNITS))
    suggestions = request.query_params.get("suggestions", "") not in ("", "0", "false")
    only = header["only_coder"]
    matrix = cooccurrence_matrix(
        web_state(request).store,
        study.id,
        unit=unit,
        statuses=("accepted", "suggested") if suggestions else ("accepted",),
        coders=(only,) if only else (),
    )
    extra = "&suggestions=1" if suggestions else ""
    rows: list[dict[str, Any]] = []
    most = 0
    for code_id, path in matrix.codes:
        cells = []
        for other_id, other in matrix.codes:
            n = matrix.count(path, other)
            # The counts are per code, sub-codes apart: so is the retrieval they link to.
            url = f"/studies/{study.id}/codes/{code_id}/passages?subcodes=0{extra}"
            if other_id != code_id:
                url += f"&with={other_id}"
            if other_id != code_id:
                most = max(most, n)
            cells.append({"code_id": other_id, "path": other, "n": n, "url": url if n else None})
        rows.append(
            {"code_id": code_id, "path": path, "total": matrix.totals[path], "cells": cells}
        )
    data = {
        **header,
        "unit": unit,
        "units": list(UNITS),
        "suggestions": suggestions,
        "codes": [{"id": i, "path": p} for i, p in matrix.codes],
        "rows": rows,
        "max": most,
    }
    return page(request, "cooccurrence.html", data)
