"""HTTP problems a view raises; the app renders each as an HTML page or as JSON."""

from __future__ import annotations

import json
from typing import Any

from starlette.types import Send


class HttpProblem(Exception):
    """An error with an HTTP status and a message meant for the user.

    ``message`` is a message id marked with :func:`indsigt.web.i18n.N_` (``%(name)s`` fields
    filled from ``params``); :attr:`message` is the English text, :meth:`translated` the text
    in the request's interface language. A message that is not in the catalogues (a library
    error passed on) stays as it is."""

    status: int = 400

    def __init__(self, message: str, *, status: int | None = None, **params: Any) -> None:
        self.msgid = message
        self.params = params
        self.message = message % params if params else message
        super().__init__(self.message)
        if status is not None:
            self.status = status

    def translated(self) -> str:
        from indsigt.web.i18n import gettext, translate

        # A parameter that is itself a message (a role, "editing the codebook") is translated.
        params = {k: gettext(v) if isinstance(v, str) else v for k, v in self.params.items()}
        return translate(self.msgid, params)


class BadInput(HttpProblem):
    status = 422


class LoginRequired(HttpProblem):
    status = 401


class Forbidden(HttpProblem):
    status = 403


class NotFound(HttpProblem):
    status = 404


class Conflict(HttpProblem):
    status = 409


class TooLarge(HttpProblem):
    status = 413


async def send_json_error(send: Send, status: int, error: str, *, close: bool = False) -> None:
    """Answer ``{"error": error}`` with ``status`` from an ASGI middleware (before any view
    runs; ``close``: the connection ends after it)."""
    body = json.dumps({"error": error}).encode()
    headers = [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(body)).encode()),
    ]
    if close:
        headers.append((b"connection", b"close"))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
