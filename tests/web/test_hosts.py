"""Local mode answers only requests addressed to a loopback host name, so a page on another
site cannot reach it through DNS rebinding (issue 18, item 9)."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from indsigt.store import schema
from indsigt.web import create_app

from .helpers import LOCAL, ids, rows


@pytest.mark.parametrize(
    "host", ["attacker.example:8765", "attacker.example", "127.0.0.1.nip.io", "10.0.0.5:8000", ""]
)
def test_local_mode_refuses_other_host_names(study_file: Path, host: str) -> None:
    known = ids(study_file)
    s = known["study"]
    with TestClient(create_app(study_file, local_user="tester"), base_url=LOCAL) as c:
        page = c.get(f"/studies/{s}/documents.json", headers={"Host": host})
        assert page.status_code == 400, page.text
        assert "Mette" not in page.text and "host" in page.text.lower()
        # with an Origin that matches the forged Host, a POST is refused as well
        posted = c.post(
            f"/studies/{s}/codings",
            json={"passage_ids": [known["passages"]["kommune_a"][1]], "code_id": 1},
            headers={"Host": host, "Origin": f"http://{host}"},
        )
        assert posted.status_code == 400
    assert rows(study_file, schema.coding) == []


@pytest.mark.parametrize(
    "host", ["127.0.0.1:8765", "localhost:8000", "localhost", "[::1]:8000", "[::1]", "127.0.0.2"]
)
def test_local_mode_accepts_loopback_host_names(study_file: Path, host: str) -> None:
    s = ids(study_file)["study"]
    with TestClient(create_app(study_file, local_user="tester"), base_url=LOCAL) as c:
        page = c.get(f"/studies/{s}/documents.json", headers={"Host": host})
    assert page.status_code == 200, page.text


def test_server_mode_answers_any_host(server_file: Path) -> None:
    app = create_app(server_file, server=True, secret_key="s")
    with TestClient(app, base_url="http://indsigt.example.org") as c:
        assert c.get("/login").status_code == 200
