"""CSRF protection for every state-changing request, in local mode too (any web page could
otherwise post to 127.0.0.1).

The token is an HMAC of the session id under the app's secret: forms send it as the field
``csrf_token``, ``fetch`` as the header ``X-CSRF-Token`` (the page carries it in
``<meta name="csrf-token">``). A request from another origin is refused before the token is read.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from urllib.parse import urlsplit

from fastapi import Request

from indsigt.web.config import web_state
from indsigt.web.i18n import N_
from indsigt.web.problems import Forbidden

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
HEADER = "x-csrf-token"
FIELD = "csrf_token"
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def session_id(request: Request) -> str:
    """The session's id, created on first use (the session cookie then carries it)."""
    sid = request.session.get("sid")
    if not isinstance(sid, str):
        sid = secrets.token_urlsafe(24)
        request.session["sid"] = sid
    return sid


def csrf_token(request: Request) -> str:
    secret = web_state(request).config.secret_key.encode()
    return hmac.new(secret, b"csrf:" + session_id(request).encode(), hashlib.sha256).hexdigest()


def _same_origin(request: Request) -> bool:
    origin = request.headers.get("origin")
    if origin is None or origin == "null":
        return origin is None
    host = request.headers.get("host", "")
    return urlsplit(origin).netloc == host


async def csrf_protect(request: Request) -> None:
    """App-wide dependency: unsafe methods need a matching token from the same origin."""
    if request.method in SAFE_METHODS:
        return
    if not _same_origin(request):
        raise Forbidden(N_("cross-origin request refused"))
    supplied = request.headers.get(HEADER)
    content_type = request.headers.get("content-type", "")
    if supplied is None and content_type.startswith(FORM_TYPES):
        limit = web_state(request).config.max_upload_bytes
        form = await request.form(max_part_size=limit)
        value = form.get(FIELD)
        supplied = value if isinstance(value, str) else None
    if not supplied or not hmac.compare_digest(supplied, csrf_token(request)):
        raise Forbidden(N_("missing or wrong CSRF token; reload the page and try again"))
