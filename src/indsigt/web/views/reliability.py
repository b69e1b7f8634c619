"""Reliability between any two coders, the machine included (``?a=NAME&b=NAME``)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from indsigt.analyse.reliability import UNIT_NOTE, compare
from indsigt.web.config import web_state
from indsigt.web.data.codings import coders
from indsigt.web.deps import CurrentUser, Id, study_for
from indsigt.web.i18n import N_
from indsigt.web.render import page
from indsigt.web.views.common import study_header

router = APIRouter()


def default_pair(everyone: list[dict[str, Any]]) -> tuple[str, str]:
    """The pair the page opens on: two people if there are two, else a person and a
    machine coder, else two machine coders; within each kind, the busiest first.

    ``everyone`` holds at least two coders as :func:`coders` lists them."""
    by_size = sorted(everyone, key=lambda c: (-c["codings"], c["name"]))
    people = [c["name"] for c in by_size if not c["machine"]]
    machines = [c["name"] for c in by_size if c["machine"]]
    first, second = (people + machines)[:2]
    return first, second


@router.get("/studies/{sid}/reliability")
def reliability(request: Request, sid: Id, user: CurrentUser, a: str = "", b: str = "") -> Response:
    store = web_state(request).store
    study = study_for(request, sid)
    header = study_header(request, study, user)
    everyone = coders(store, study.id, only_coder=header["only_coder"])
    names = [coder["name"] for coder in everyone]
    if not a and not b and len(names) >= 2:
        a, b = default_pair(everyone)
    result: dict[str, Any] | None = None
    problem = None
    if a and b and a != b and a in names and b in names:
        result = compare(store, study.id, study.language, a, b)
    elif len(names) < 2:
        problem = N_("reliability needs codings by two coders")
        if header["only_coder"] is not None:
            problem = N_(
                "blind coding is on: you see only your own codings until an admin unblinds"
            )
    else:
        problem = N_("choose two different coders who have coded in this study")
    data = {
        **header,
        "coders": everyone,
        "a": a,
        "b": b,
        "unit": "passage",
        "unit_note": UNIT_NOTE,
        "result": result,
        "problem": problem,
    }
    return page(request, "reliability.html", data)
