"""Log in and out (server mode). Local mode has no login."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from indsigt.web.auth import (
    authenticate,
    end_session,
    start_session,
)
from indsigt.web.config import web_state
from indsigt.web.csrf import csrf_token
from indsigt.web.deps import CurrentUser, Form
from indsigt.web.i18n import N_, translate
from indsigt.web.render import done, interface_language, page
from indsigt.web.views.common import user_data

router = APIRouter()


def _safe_next(target: str) -> str:
    """Only a path on this site (no scheme, no //host)."""
    if target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return "/"


@router.get("/login")
def login_form(request: Request, next: str = "/") -> Response:
    if not web_state(request).config.server:
        return RedirectResponse("/", status_code=303)
    return page(request, "login.html", {"next": _safe_next(next), "error": None})


@router.post("/login")
def login(request: Request, form: Form) -> Response:
    """Body: ``username``, ``password`` (and ``next``). Failed logins are throttled per account
    and per client address (:mod:`indsigt.web.throttle`): 429 with ``Retry-After``."""
    state = web_state(request)
    target = _safe_next(form.get("next", "/"))
    if not state.config.server:
        return done(request, {"me": {"name": state.config.local_user, "role": "admin"}}, to=target)
    username = form.get("username").strip()
    address = request.client.host if request.client else ""
    wait = state.throttle.attempt(username, address)
    if wait:
        interface_language(request)
        error = translate(N_("too many failed logins; try again in %(wait)s s"), {"wait": wait})
        data = {"next": target, "error": error}
        response = page(request, "login.html", data, status=429)
        response.headers["Retry-After"] = str(wait)
        return response
    found = authenticate(state.store, username, form.get("password"))
    with state.store.begin() as connection:
        state.store.log(
            connection,
            "user.login" if found else "user.login_failed",
            entity="app_user",
            entity_id=username,
            actor=username or "(empty)",
            payload={"client": address},
        )
    state.throttle.settle(username, address, ok=found is not None)
    if found is None:
        interface_language(request)
        data = {"next": target, "error": translate(N_("wrong user name or password"))}
        return page(request, "login.html", data, status=401)
    user, fingerprint = found
    start_session(request, user, fingerprint)
    answer = {"me": user_data(user), "csrf_token": csrf_token(request)}
    return done(request, answer, to=target)


@router.get("/session")
def session(request: Request, user: CurrentUser) -> Response:
    """Who is logged in, and the CSRF token a script sends as ``X-CSRF-Token``."""
    state = web_state(request)
    data = {
        "me": user_data(user),
        "mode": "server" if state.config.server else "local",
        "csrf_token": csrf_token(request),
    }
    return page(request, "session.html", data)


@router.post("/logout")
def logout(request: Request) -> Response:
    """End the session — in server mode every session of this user (see :func:`end_session`)."""
    state = web_state(request)
    end_session(request)
    return done(request, {"logged_out": True}, to="/login" if state.config.server else "/")
