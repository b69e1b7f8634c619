"""``indsigt serve``: run the app with uvicorn on 127.0.0.1 (local mode) or, in server mode,
wherever asked, with login required."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path

import uvicorn

from indsigt.errors import IndsigtError
from indsigt.store import Store
from indsigt.store.store import redacted
from indsigt.web.app import create_app
from indsigt.web.auth import count_users
from indsigt.web.hosts import is_loopback

SECRET_ENV = "INDSIGT_SECRET_KEY"


def serve(
    location: str | Path,
    *,
    host: str = "127.0.0.1",
    port: int = 8000,
    server: bool = False,
    user: str | None = None,
    max_upload_mb: float = 20,
    templates: Sequence[str | Path] = (),
    reports: str | Path | None = None,
    secure_cookies: bool = False,
    announce: Callable[[str], None] = print,
) -> None:
    """Serve a study store until interrupted. Binding anywhere but loopback implies server
    mode (login required), which needs at least one admin user. ``secure_cookies``: the
    session cookie is sent over HTTPS only (run behind an HTTPS reverse proxy)."""
    server = server or not is_loopback(host)
    store = Store.open(location)
    try:
        if server and count_users(store, role="admin") == 0:
            raise IndsigtError(
                f"server mode needs an admin user: indsigt user add {location} NAME --role admin"
            )
        app = create_app(
            store,
            server=server,
            secret_key=os.environ.get(SECRET_ENV) or None,
            local_user=user,
            max_upload_mb=max_upload_mb,
            templates=templates,
            reports_dir=reports,
            secure_cookies=secure_cookies,
        )
        shown = f"[{host}]" if ":" in host else host
        mode = "server mode: login required" if server else "local mode: no login, full rights"
        announce(f"indsigt serving {redacted(location)} at http://{shown}:{port}/ ({mode})")
        uvicorn.run(
            app,
            host=host,
            port=port,
            log_level="warning",
            proxy_headers=server,
            limit_concurrency=None,
        )
    finally:
        store.close()
