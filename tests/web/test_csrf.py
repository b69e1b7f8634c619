"""Every state-changing request needs the session's CSRF token, from the same origin."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from indsigt.store import schema

from .helpers import LOCAL, ids, rows, token


def _body(study_file: Path) -> tuple[str, dict]:
    known = ids(study_file)
    url = f"/studies/{known['study']}/codings"
    return url, {
        "passage_ids": known["passages"]["stat_b"][:1],
        "code_id": known["codes"]["drivere"],
    }


def test_missing_or_wrong_token_is_refused(client: TestClient, study_file: Path) -> None:
    url, body = _body(study_file)
    accept = {"Accept": "application/json"}
    missing = client.post(url, json=body, headers=accept)
    assert missing.status_code == 403 and "CSRF" in missing.json()["error"]
    wrong = client.post(url, json=body, headers={**accept, "X-CSRF-Token": "0" * 64})
    assert wrong.status_code == 403
    form = client.post(url, data={"code_id": "1", "csrf_token": "nope"})
    assert form.status_code == 403 and "CSRF" in form.text
    assert rows(study_file, schema.coding) == []


def test_token_of_another_session_is_refused(client: TestClient, study_file: Path) -> None:
    url, body = _body(study_file)
    theirs = token(client)
    client.cookies.clear()  # a new session: the old token no longer matches
    response = client.post(url, json=body, headers={"X-CSRF-Token": theirs})
    assert response.status_code == 403


def test_cross_origin_post_is_refused(client: TestClient, study_file: Path) -> None:
    url, body = _body(study_file)
    headers = {
        "X-CSRF-Token": token(client),
        "Origin": "http://evil.example",
        "Accept": "application/json",
    }
    assert client.post(url, json=body, headers=headers).status_code == 403
    headers["Origin"] = LOCAL
    assert client.post(url, json=body, headers=headers).status_code == 201


def test_login_itself_needs_the_token(server) -> None:
    client = server(None)
    client.get("/login")
    response = client.post("/login", data={"username": "ada", "password": "ada-admin-pw"})
    assert response.status_code == 403
    assert client.get("/session.json").status_code == 401


def test_logout_needs_the_token(server) -> None:
    ada = server("ada")
    assert ada.post("/logout").status_code == 403
    assert ada.get("/session.json").status_code == 200
