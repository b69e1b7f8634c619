"""Integer ids in paths, queries and bodies: too large, negative or not numbers → 404/422,
never a 500 or a dropped connection (issue 18, item 7)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

from indsigt.web import create_app, views

from .helpers import LOCAL, ids, post, token

HUGE = str(2**64)
BAD_IDS = (HUGE, str(2**63), "-1", "0", "9" * 40)


@pytest.fixture
def lenient(study_file: Path) -> TestClient:
    """Local mode, server errors answered as 500 instead of raised."""
    return TestClient(
        create_app(study_file, local_user="tester"),
        base_url=LOCAL,
        raise_server_exceptions=False,
    )


def _routes() -> list[tuple[str, str]]:
    found = []
    for route in (r for router in views.routers() for r in router.routes):
        if isinstance(route, APIRoute) and re.search(r"\{\w*id\}", route.path):
            found += [(method, route.path) for method in sorted(route.methods)]
    return found


def test_every_id_path_refuses_bad_ids(lenient: TestClient, study_file: Path) -> None:
    s = str(ids(study_file)["study"])
    csrf = token(lenient)
    routes = _routes()
    assert len(routes) >= 15
    for method, template in routes:
        for bad in BAD_IDS:
            for name in re.findall(r"\{(\w+)\}", template):
                url = template
                for other in re.findall(r"\{(\w+)\}", template):
                    value = bad if other == name else (s if other == "sid" else "1")
                    url = url.replace("{" + other + "}", value)
                headers = {"X-CSRF-Token": csrf, "Accept": "application/json"}
                response = lenient.request(method, url, headers=headers, json={})
                assert response.status_code in (404, 422), (method, url, response.text)


def test_bad_ids_in_queries_and_bodies(lenient: TestClient, study_file: Path) -> None:
    known = ids(study_file)
    s = known["study"]
    code = known["codes"]["drivere"]
    for page in (HUGE, "-5", "9" * 40):
        response = lenient.get(f"/studies/{s}/queue.json?page={page}")
        assert response.status_code in (200, 422), response.text
    for body in (
        {"passage_ids": [HUGE], "code_id": code},
        {"passage_ids": [int(HUGE)], "code_id": code},
        {"passage_ids": [known["passages"]["kommune_a"][1]], "code_id": int(HUGE)},
        {"passage_ids": [-3], "code_id": code},
    ):
        response = post(lenient, f"/studies/{s}/codings", body)
        assert response.status_code in (404, 422), (body, response.text)
    missed = post(
        lenient,
        f"/studies/{s}/findings/missed",
        {"surface": "Mette", "label": "PERSON", "document_id": HUGE},
    )
    assert missed.status_code in (404, 422), missed.text


def test_bad_id_answers_with_the_error_page(lenient: TestClient) -> None:
    page = lenient.get(f"/studies/{HUGE}/documents")
    assert page.status_code == 422 and "<html" in page.text and "sid" in page.text
    data = lenient.get(f"/studies/{HUGE}/documents.json").json()
    assert "sid" in data["error"]
