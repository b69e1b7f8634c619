"""The app's configuration and the state one running app shares between requests."""

from __future__ import annotations

import getpass
import secrets
from dataclasses import dataclass, field
from pathlib import Path

from fastapi import Request
from fastapi.templating import Jinja2Templates

from indsigt.store import Store
from indsigt.web.jobs import JobRunner
from indsigt.web.throttle import LoginThrottle

MEGABYTE = 1024 * 1024


def default_local_user() -> str:
    """The coder name in local mode: the operating-system login name."""
    try:
        return getpass.getuser() or "local"
    except (KeyError, OSError):  # pragma: no cover - no login name (containers)
        return "local"


@dataclass(frozen=True)
class WebConfig:
    """How the app runs. ``server`` = login required and roles; otherwise one local user with
        full rights. ``secret_key`` signs session cookies and CSRF tokens (random per process when
        not given, so sessions end when the server restarts). ``secure_cookies``: the session cookie
    carries ``Secure`` (sent over HTTPS only; for a server behind an HTTPS reverse proxy)."""

    server: bool = False
    secret_key: str = field(default_factory=lambda: secrets.token_urlsafe(32))
    local_user: str = field(default_factory=default_local_user)
    max_upload_bytes: int = 20 * MEGABYTE
    template_dirs: tuple[Path, ...] = ()
    reports_dir: Path | None = None
    session_max_age: int = 12 * 3600
    secure_cookies: bool = False
    login_failures_per_account: int = 5
    login_failures_per_address: int = 20
    login_window_seconds: int = 300


@dataclass
class WebState:
    """What every request can reach: ``request.app.state.web``."""

    store: Store
    config: WebConfig
    templates: Jinja2Templates
    owns_store: bool = True
    throttle: LoginThrottle = field(default_factory=LoginThrottle)
    jobs: JobRunner | None = None  # the background jobs (machine coders, anonymisation, reports)


def web_state(request: Request) -> WebState:
    """The running app's state (what :func:`indsigt.web.app.create_app` put there)."""
    state: WebState = request.app.state.web
    return state
