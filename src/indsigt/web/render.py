"""One view builds one context; :func:`page` renders it as HTML or as JSON (STYLE rule 11).

JSON is chosen by a ``.json`` suffix on the path or an ``Accept: application/json`` header
without ``text/html``. The middlewares here are plain ASGI: the ``.json`` suffix, the request
body limit and the security headers.
"""

from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.encoders import jsonable_encoder
from fastapi.responses import JSONResponse, RedirectResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from indsigt.web import i18n
from indsigt.web.auth import optional_user
from indsigt.web.config import web_state
from indsigt.web.csrf import csrf_token
from indsigt.web.problems import send_json_error

JSON_FLAG = "indsigt.json"


def wants_json(request: Request) -> bool:
    if request.scope.get(JSON_FLAG):
        return True
    accept = request.headers.get("accept", "")
    return "application/json" in accept and "text/html" not in accept


def interface_language(request: Request, data: dict[str, Any] | None = None) -> str:
    """The request's interface language (see :func:`indsigt.web.i18n.negotiate`), made the one
    :func:`indsigt.web.i18n.gettext` uses. The study language of ``data["study"]`` is the last
    resort for a page; JSON follows only an explicit choice (cookie or Accept-Language), so an
    API client that states none gets English."""
    study = (data or {}).get("study")
    study_language = (
        study.get("language") if isinstance(study, dict) else getattr(study, "language", None)
    ) or (data or {}).get("study_language")
    language = i18n.negotiate(
        cookie=request.cookies.get(i18n.COOKIE),
        accept_language=request.headers.get("accept-language"),
        study_language=None if wants_json(request) else study_language,
    )
    i18n.use_language(language)
    return language


def page(request: Request, template: str, data: dict[str, Any], *, status: int = 200) -> Response:
    """Render ``data`` with ``template`` (HTML) or as JSON; the HTML context adds the user,
    the CSRF token, the mode and the interface language, never anything the JSON lacks about
    the study."""
    if wants_json(request):
        return JSONResponse(jsonable_encoder(data), status_code=status)
    state = web_state(request)
    language = interface_language(request, data)
    context = {
        "user": optional_user(request),
        "csrf_token": csrf_token(request),
        "server_mode": state.config.server,
        "ui_language": language,
        "ui_languages": i18n.NAMES,
        **data,
    }
    return state.templates.TemplateResponse(request, template, context, status_code=status)


def done(request: Request, data: dict[str, Any], *, to: str, status: int = 200) -> Response:
    """The answer to a state change: the data as JSON, or a redirect (303) for a form."""
    if wants_json(request):
        return JSONResponse(jsonable_encoder(data), status_code=status)
    return RedirectResponse(to, status_code=303)


class JsonSuffixMiddleware:
    """``/studies/1/documents.json`` → ``/studies/1/documents`` rendered as JSON."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            path: str = scope["path"]
            if path.endswith(".json") and not path.startswith("/static/"):
                scope = dict(scope)
                scope["path"] = path.removesuffix(".json") or "/"
                scope["raw_path"] = scope["path"].encode()
                scope[JSON_FLAG] = True
        await self.app(scope, receive, send)


class _BodyTooLarge(Exception):
    pass


class BodyLimitMiddleware:
    """Refuse request bodies over ``limit`` bytes with 413, by header or while streaming."""

    def __init__(self, app: ASGIApp, *, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope["headers"])
        length = headers.get(b"content-length")
        if length is not None and length.isdigit() and int(length) > self.limit:
            await self._refuse(scope, send)
            return
        received = 0
        started = False

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.limit:
                    raise _BodyTooLarge
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except _BodyTooLarge:
            if not started:
                await self._refuse(scope, send)

    async def _refuse(self, scope: Scope, send: Send) -> None:
        megabytes = self.limit / (1024 * 1024)
        error = f"the upload is larger than {megabytes:.0f} MB"
        await send_json_error(send, 413, error, close=True)


SECURITY_HEADERS = [
    (
        b"content-security-policy",
        b"default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
        b"img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; "
        b"frame-ancestors 'self'",
    ),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"SAMEORIGIN"),
]


class SecurityHeadersMiddleware:
    """A strict Content-Security-Policy (no inline script) and friends on every response,
    unless the response set its own policy (report previews are sandboxed)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {name.lower() for name, _ in headers}
                headers += [(k, v) for k, v in SECURITY_HEADERS if k not in present]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, with_headers)
