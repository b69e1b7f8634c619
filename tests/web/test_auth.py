"""Server mode: login, roles, sessions, password hashing, audit of logins."""

from __future__ import annotations

import re
from pathlib import Path

from fastapi.testclient import TestClient

from indsigt.store import Store, schema
from indsigt.web import create_app
from indsigt.web.auth import remove_user

from .helpers import PASSWORDS, events, ids, post, rows


def test_pages_need_a_login(server, server_file: Path) -> None:
    anonymous = server(None)
    s = ids(server_file)["study"]
    page = anonymous.get(f"/studies/{s}/documents?level=stat", follow_redirects=False)
    assert page.status_code == 303
    assert page.headers["location"] == f"/login?next=/studies/{s}/documents%3Flevel%3Dstat"
    assert anonymous.get(f"/studies/{s}/documents.json").status_code == 401
    assert "Log in" in anonymous.get("/").text


def test_login_and_logout(server, server_file: Path) -> None:
    client = server(None)
    form = client.get("/login?next=/studies/1/codebook").text
    token = re.search(r'name="csrf-token" content="([0-9a-f]+)"', form).group(1)
    wrong = client.post("/login", data={"username": "cai", "password": "nope", "csrf_token": token})
    assert wrong.status_code == 401 and "wrong user name or password" in wrong.text
    response = client.post(
        "/login",
        data={
            "username": "cai",
            "password": PASSWORDS["cai"],
            "csrf_token": token,
            "next": "/studies/1/codebook",
        },
        follow_redirects=False,
    )
    assert response.status_code == 303 and response.headers["location"] == "/studies/1/codebook"
    cookie = response.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=lax" in cookie and "max-age=" in cookie
    assert client.get("/session.json").json()["me"] == {"name": "cai", "role": "coder"}
    assert [e.actor for e in events(server_file, "user.login")] == ["cai"]
    assert [e.actor for e in events(server_file, "user.login_failed")] == ["cai"]
    new_token = client.get("/session.json").json()["csrf_token"]
    assert new_token != token  # a new session id at login
    out = client.post("/logout", headers={"X-CSRF-Token": new_token}, follow_redirects=False)
    assert out.status_code == 303 and out.headers["location"] == "/login"
    assert client.get("/session.json").status_code == 401
    assert [e.actor for e in events(server_file, "user.logout")] == ["cai"]


def test_login_refuses_offsite_next(server) -> None:
    client = server(None)
    token = re.search(r'content="([0-9a-f]{64})"', client.get("/login").text).group(1)
    response = client.post(
        "/login",
        data={
            "username": "ada",
            "password": PASSWORDS["ada"],
            "csrf_token": token,
            "next": "//evil.example/",
        },
        follow_redirects=False,
    )
    assert response.headers["location"] == "/"


def test_passwords_are_argon2_hashes(server_file: Path) -> None:
    stored = rows(server_file, schema.app_user)
    assert {r.username for r in stored} == set(PASSWORDS)
    for row in stored:
        assert row.password_hash.startswith("$argon2id$")
        assert PASSWORDS[row.username] not in row.password_hash


def test_tampered_or_foreign_cookie_is_not_a_login(server, server_file: Path) -> None:
    cai = server("cai")
    cookie = cai.cookies.get("indsigt_session")
    forged = TestClient(create_app(server_file, server=True, secret_key="another-secret"))
    forged.cookies.set("indsigt_session", cookie)
    assert forged.get("/session.json").status_code == 401
    tampered = server(None)
    tampered.cookies.set("indsigt_session", cookie[:-3] + "abc")
    assert tampered.get("/session.json").status_code == 401


def test_removed_user_loses_the_session(server, server_file: Path) -> None:
    cora = server("cora")
    assert cora.get("/session.json").status_code == 200
    store = Store.open(server_file)
    remove_user(store, "cora")
    store.close()
    assert cora.get("/session.json").status_code == 401


def test_viewer_reads_but_cannot_edit(server, server_file: Path) -> None:
    known = ids(server_file)
    s = known["study"]
    vic = server("vic")
    for page in ("documents", "queue", "codebook", "reliability", "segments", "upload"):
        assert vic.get(f"/studies/{s}/{page}").status_code == 200, page
    doc = vic.get(f"/studies/{s}/documents/{known['docs']['stat_b']}.json").json()
    assert doc["can_code"] is False
    response = post(
        vic,
        f"/studies/{s}/codings",
        {"passage_ids": known["passages"]["stat_b"][:1], "code_id": known["codes"]["drivere"]},
    )
    assert response.status_code == 403
    assert "needs the coder role" in response.json()["error"]
    html = vic.post(
        f"/studies/{s}/codebook",
        data={"path": "x", "csrf_token": vic.get("/session.json").json()["csrf_token"]},
    )
    assert html.status_code == 403 and "Not allowed" in html.text
    assert rows(server_file, schema.coding) == []


def test_admin_only_pages(server, server_file: Path) -> None:
    s = ids(server_file)["study"]
    cai, ada = server("cai"), server("ada")
    for url in (f"/studies/{s}/findings", f"/studies/{s}/settings", "/events"):
        assert cai.get(url).status_code == 403, url
        assert ada.get(url).status_code == 200, url
    assert "Findings" not in cai.get(f"/studies/{s}/documents").text
    assert "Findings" in ada.get(f"/studies/{s}/documents").text


def test_local_mode_has_no_login(client: TestClient) -> None:
    assert client.get("/session.json").json()["me"] == {"name": "tester", "role": "admin"}
    assert client.get("/login", follow_redirects=False).status_code == 303
