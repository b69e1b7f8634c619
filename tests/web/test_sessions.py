"""Sessions end when they should (issue 18, item 10): logout revokes the signed cookie, on
every device of that user; an admin can end a user's sessions; ``Secure`` cookies on request."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from indsigt.cli import main
from indsigt.store import Store
from indsigt.web import create_app

from .helpers import events, login, token


def test_logout_revokes_the_cookie(server) -> None:
    cai = server("cai")
    stolen = cai.cookies.get("indsigt_session")
    elsewhere = server("cai")  # the same user on another device
    assert elsewhere.get("/session.json").status_code == 200
    out = cai.post("/logout", headers={"X-CSRF-Token": token(cai), "Accept": "application/json"})
    assert out.status_code == 200
    replayed = server(None)
    replayed.cookies.set("indsigt_session", stolen)
    assert replayed.get("/session.json").status_code == 401
    assert elsewhere.get("/session.json").status_code == 401
    assert server("cora").get("/session.json").status_code == 200  # other users keep theirs
    again = server("cai")  # a new login works
    assert again.get("/session.json").json()["me"]["name"] == "cai"


def test_ending_a_users_sessions(server, server_file: Path) -> None:
    from indsigt.web.auth import end_user_sessions

    cai, cora = server("cai"), server("cora")
    store = Store.open(server_file)
    try:
        end_user_sessions(store, "cora", actor="cli")
    finally:
        store.close()
    assert cai.get("/session.json").status_code == 200
    assert cora.get("/session.json").status_code == 401
    assert [e.payload for e in events(server_file, "user.sessions_ended")] == [{"username": "cora"}]


def test_user_logout_command(server, server_file: Path) -> None:
    cai = server("cai")
    result = CliRunner().invoke(main, ["user", "logout", str(server_file), "cai"])
    assert result.exit_code == 0, result.output
    assert cai.get("/session.json").status_code == 401
    unknown = CliRunner().invoke(main, ["user", "logout", str(server_file), "nobody"])
    assert unknown.exit_code == 2 and "no user 'nobody'" in unknown.output


def test_secure_cookie_option(server_file: Path) -> None:
    app = create_app(server_file, server=True, secret_key="s", secure_cookies=True)
    with TestClient(app, base_url="https://indsigt.example.org") as client:
        login(client, "ada")
        cookie = client.cookies.jar
        assert [c.secure for c in cookie if c.name == "indsigt_session"] == [True]


def test_serve_passes_secure_cookies(server_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: dict[str, Any] = {}

    def fake_run(app: Any, **options: Any) -> None:
        seen["config"] = app.state.web.config
        seen.update(options)

    monkeypatch.setattr("indsigt.web.server.uvicorn.run", fake_run)
    result = CliRunner().invoke(
        main, ["serve", str(server_file), "--server", "--secure-cookies", "--port", "1"]
    )
    assert result.exit_code == 0, result.output
    assert seen["config"].secure_cookies is True and seen["config"].server is True
