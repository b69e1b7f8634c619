"""Key points on the code page: shown with prevalence and evidence links once the embeddings
are cached, otherwise an explanation and a button that computes them in the background."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient

from indsigt.store import Store, schema
from indsigt.web import create_app
from indsigt.web.data import keypoints
from report.helpers import small_study

from .helpers import ENGLISH, LOCAL, post

DEMOGRAPHY = "Demografien betyder, at vi kommer til at mangle folk i ældreplejen om få år."


@pytest.fixture
def small(tmp_path: Path) -> Path:
    with small_study(tmp_path):
        pass
    return tmp_path / "small.db"


@pytest.fixture
def client(small: Path) -> Iterator[TestClient]:
    keypoints.forget()
    with TestClient(
        create_app(small, local_user="tester"), base_url=LOCAL, headers=ENGLISH
    ) as test_client:
        yield test_client
        _wait(test_client)
    keypoints.forget()


def _wait(client: TestClient) -> None:
    """Wait for the app's background jobs (key points run as a job of its runner)."""
    client.app.state.web.jobs.wait()  # type: ignore[attr-defined]


def _code_id(path: Path, code: str) -> tuple[int, int]:
    store = Store.open(path)
    try:
        with store.connect() as connection:
            row = connection.execute(
                sa.select(schema.code.c.study_id, schema.code.c.id).where(
                    schema.code.c.path == code
                )
            ).one()
    finally:
        store.close()
    return row.study_id, row.id


def test_code_page_key_points_after_computing(client: TestClient, small: Path) -> None:
    sid, cid = _code_id(small, "Drivkræfter")
    url = f"/studies/{sid}/codebook/{cid}"
    first = client.get(url + ".json").json()["key_points"]
    assert first["status"] in ("needs_units", "needs_embeddings")  # nothing computed on load
    html = client.get(url).text
    assert "Compute key points" in html and "indsigt keypoints STUDY" in html

    started = post(client, url + "/keypoints", {})
    assert started.status_code == 200 and started.json()["started"] is True
    _wait(client)
    shown = client.get(url + ".json").json()["key_points"]
    assert shown["status"] == "ready"
    texts = {point["text"]: point for point in shown["points"]}
    point = texts[DEMOGRAPHY]
    assert point["prevalence"] == "6 of 14 ledere"
    assert point["evidence"] and all(
        e["href"].startswith(f"/studies/{sid}/documents/") and "#p" in e["href"]
        for e in point["evidence"]
    )
    page = client.get(url).text
    assert "6 of 14 ledere" in page and DEMOGRAPHY in page
    assert f'href="{point["evidence"][0]["href"]}"' in page

    # computed on request, without the button, now that the embeddings are cached
    keypoints.forget()
    again = client.get(url + ".json").json()["key_points"]
    assert again["status"] == "ready" and DEMOGRAPHY in {p["text"] for p in again["points"]}


def test_computing_needs_a_coder(tmp_path: Path, small: Path) -> None:
    from .helpers import add_users, login

    add_users(small)
    sid, cid = _code_id(small, "Drivkræfter")
    app = create_app(small, server=True, secret_key="test-secret")
    with TestClient(app, base_url="http://testserver") as viewer:
        login(viewer, "vic")
        refused = post(viewer, f"/studies/{sid}/codebook/{cid}/keypoints", {})
        assert refused.status_code == 403
        assert viewer.get(f"/studies/{sid}/codebook/{cid}.json").json()["key_points"]["status"] in (
            "needs_units",
            "needs_embeddings",
        )


def test_theme_key_points_page(client: TestClient, small: Path) -> None:
    import indsigt
    from indsigt.themes import save_themes, study_themes
    from indsigt.themes.stored import latest_themes

    sid, _ = _code_id(small, "Drivkræfter")
    missing = client.get(f"/studies/{sid}/keypoints.json?theme=1").json()["key_points"]
    assert missing["status"] == "error" and "indsigt themes STUDY" in missing["error"]
    assert client.get(f"/studies/{sid}/keypoints.json?theme=1&code=X").status_code == 422

    with indsigt.open_study(small) as project:
        store = project.store
        result = study_themes(store, sid, k=3, seed=1, embedder="tfidf")
        save_themes(store, sid, result, unit="statement", embedder="tfidf", k=3, seed=1, code=None)
        theme = max(latest_themes(store, sid), key=lambda t: t.respondents)
    url = f"/studies/{sid}/keypoints?theme={theme.number}"
    listed = client.get(f"/studies/{sid}/themes.json").json()["themes"]
    assert {t["key_points"]["status"] for t in listed} == {"not_computed"}  # never on this page
    assert f'href="{url}"' in client.get(f"/studies/{sid}/themes").text
    assert "Compute key points" in client.get(url).text
    started = post(client, url, {})
    assert started.json() == {"scope": {"theme": theme.number}, "started": True}
    _wait(client)
    shown = client.get(f"/studies/{sid}/keypoints.json?theme={theme.number}").json()
    points = shown["key_points"]
    assert points["status"] == "ready" and points["scope"].startswith(f"theme {theme.number}: ")
    assert points["points"] and all(p["n"] >= 2 for p in points["points"])
    assert "of 14 ledere" in client.get(url).text
    listed = client.get(f"/studies/{sid}/themes.json").json()["themes"]
    mine = next(t for t in listed if t["number"] == theme.number)
    assert mine["key_points"] == points  # the themes page shows what was computed
    assert points["points"][0]["prevalence"] in client.get(f"/studies/{sid}/themes").text


def test_key_points_run_as_a_job_one_per_study(
    client: TestClient, small: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The button starts a job of the app's runner (a ``web_job`` row of kind ``keypoints``):
    the same scope again joins it, another scope waits (409), the page says "computing"
    while it runs, and a failure is the job's error and the page's."""
    import threading

    from indsigt.errors import IndsigtError

    gate = threading.Event()

    def held(*args: object, **kwargs: object) -> None:
        gate.wait(60)
        raise IndsigtError("stopped by the test")

    monkeypatch.setattr(keypoints, "study_key_points", held)
    sid, cid = _code_id(small, "Drivkræfter")
    _, other = _code_id(small, "Drivkræfter/Demografi")
    url = f"/studies/{sid}/codebook/{cid}"
    try:
        assert post(client, url + "/keypoints", {}).json()["started"] is True
        assert client.get(url + ".json").json()["key_points"] == {"status": "computing"}
        assert post(client, url + "/keypoints", {}).json()["started"] is False  # joined
        busy = post(client, f"/studies/{sid}/codebook/{other}/keypoints", {})
        assert busy.status_code == 409 and "Key points" in busy.json()["error"]
        (job,) = client.get(f"/studies/{sid}/jobs.json").json()["jobs"]
        assert job["kind"] == "keypoints" and job["active"]
        assert job["options"] == {"scope": {"code": "Drivkræfter"}, "unit": "statement"}
    finally:
        gate.set()
        _wait(client)
    ended = client.get(f"/studies/{sid}/jobs/{job['id']}.json").json()
    assert ended["status"] == "failed" and ended["error"] == "stopped by the test"
    shown = client.get(url + ".json").json()["key_points"]
    assert shown == {"status": "error", "error": "stopped by the test"}


def test_a_finished_key_points_job_names_counts_and_its_page(
    client: TestClient, small: Path
) -> None:
    sid, cid = _code_id(small, "Drivkræfter")
    url = f"/studies/{sid}/codebook/{cid}"
    post(client, url + "/keypoints", {})
    _wait(client)
    (job,) = client.get(f"/studies/{sid}/jobs.json").json()["jobs"]
    assert job["kind"] == "keypoints" and job["status"] == "done"
    result = job["result"]
    assert result["href"] == url and result["key_points"] >= 1
    assert DEMOGRAPHY not in str(job)  # counts, never a respondent's sentence
