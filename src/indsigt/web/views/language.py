"""The interface language switch in the menu: the choice is kept in a cookie for a year.

The menu's switch is a plain link (``GET /language?language=da&next=…``: it changes only this
browser's preference, nothing in the study, so it needs no CSRF token and adds no form to every
page); scripts may POST the same fields."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from indsigt.web import i18n
from indsigt.web.config import web_state
from indsigt.web.deps import Form
from indsigt.web.problems import BadInput
from indsigt.web.render import done
from indsigt.web.views.login import _safe_next

router = APIRouter()
YEAR = 365 * 24 * 3600


@router.get("/language")
def switch_language(request: Request, language: str = "", next: str = "/") -> Response:
    """``language`` (``da``, ``en``, ``no``, ``sv``, or ``auto`` to follow the browser again)
    and ``next`` (the page to return to, on this site)."""
    return _choose(request, language, next)


@router.post("/language")
def choose_language(request: Request, form: Form) -> Response:
    """Body: ``language`` and ``next`` as for the link."""
    return _choose(request, form.get("language"), form.get("next", "/"))


def _choose(request: Request, language: str, target: str) -> Response:
    language = language.strip().lower()
    if language not in (*i18n.LANGUAGES, "auto"):
        raise BadInput(
            i18n.N_("language: use %(choices)s"), choices=", ".join((*i18n.LANGUAGES, "auto"))
        )
    response = done(request, {"language": language}, to=_safe_next(target or "/"))
    if language == "auto":
        response.delete_cookie(i18n.COOKIE)
    else:
        response.set_cookie(
            i18n.COOKIE,
            language,
            max_age=YEAR,
            samesite="lax",
            secure=web_state(request).config.secure_cookies,
        )
    return response
