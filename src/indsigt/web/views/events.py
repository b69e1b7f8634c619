"""The audit log (admins)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from indsigt.web.auth import require
from indsigt.web.config import web_state
from indsigt.web.data.events import recent_events
from indsigt.web.deps import CurrentUser
from indsigt.web.render import page

router = APIRouter()


@router.get("/events")
def events(request: Request, user: CurrentUser, action: str = "", actor: str = "") -> Response:
    require(user, "admin", "reading the audit log")
    found = recent_events(web_state(request).store, action=action, actor=actor)
    return page(request, "events.html", {"action": action, "actor": actor, "events": found})
