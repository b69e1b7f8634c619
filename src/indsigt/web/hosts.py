"""Loopback names only, in local mode.

Local mode has no login: whoever reaches the port is the admin. A page on another site can
still reach it by DNS rebinding (its own name made to resolve to 127.0.0.1), and the browser
then sends that name as ``Host``. Local mode therefore answers only requests whose ``Host`` is a
loopback name — ``localhost``, ``127.0.0.1`` (any 127.x.x.x) or ``[::1]``, with any port — and
refuses anything else with 400 before a view runs.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Receive, Scope, Send

from indsigt.loopback import is_loopback
from indsigt.web.problems import send_json_error

__all__ = ["LoopbackHostMiddleware", "host_name", "is_loopback"]


def host_name(header: str) -> str:
    """The name in a ``Host`` header, without the port (``[::1]:8000`` → ``[::1]``)."""
    header = header.strip()
    if header.startswith("["):
        end = header.find("]")
        return header[: end + 1] if end > 0 else header
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


class LoopbackHostMiddleware:
    """400 for every HTTP request whose ``Host`` is not a loopback name."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            headers = dict(scope["headers"])
            host = headers.get(b"host", b"").decode("latin-1")
            if not is_loopback(host_name(host)):
                await _refuse(send)
                return
        await self.app(scope, receive, send)


async def _refuse(send: Send) -> None:
    await send_json_error(
        send,
        400,
        "local mode answers only http://127.0.0.1, http://localhost or "
        "http://[::1] (another host name was sent); use server mode to serve other names",
    )
