"""Background jobs from the browser (:mod:`indsigt.web.jobs`): the runner's states, a restart
that finds a job "running", one job at a time per study, and each start endpoint with its role
checks (machine coders, anonymisation, report)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient

from indsigt.errors import IndsigtError
from indsigt.store import Store, schema
from indsigt.store.store import now
from indsigt.web import create_app
from indsigt.web.jobs import STOPPED, JobBusy, JobRunner, runner_gone

from .helpers import ENGLISH, LOCAL, events, ids, make_study, post, rows, token

# -- the runner ------------------------------------------------------------------------------


@pytest.fixture
def store(study_file: Path) -> Any:
    opened = Store.open(study_file)
    yield opened
    opened.close()


def _study(store: Store) -> int:
    with store.connect() as connection:
        return int(connection.scalar(sa.select(schema.study.c.id)))


def test_a_job_goes_from_queued_to_running_to_done_with_its_progress(store: Store) -> None:
    runner = JobRunner(store)
    sid = _study(store)
    release = threading.Event()
    seen: list[str] = []
    started: list[int] = []

    def work(progress: Any) -> dict[str, Any]:
        release.wait(10)
        progress(1, 4, "first")
        found = runner.get(sid, started[0])
        seen.append(found.status if found else "?")
        progress(4, 4, "last")
        return {"answer": 42}

    job, new = runner.start(sid, "code", work, options={"coders": ["keyword"]}, actor="ann")
    started.append(job.id)
    assert new and job.status in ("queued", "running")
    assert job.options == {"coders": ["keyword"]}
    release.set()
    runner.wait(10)
    finished = runner.get(sid, job.id)
    assert finished is not None
    assert finished.status == "done"
    assert (finished.done, finished.total, finished.message) == (4, 4, "last")
    assert finished.result == {"answer": 42}
    assert finished.error is None and finished.finished_at is not None
    assert finished.seconds is not None
    assert seen == ["running"]
    path = Path(str(store.location))
    assert [e.payload["job"] for e in events(path, "job.started")] == [job.id]
    assert [e.payload["job"] for e in events(path, "job.done")] == [job.id]


def test_progress_reaches_the_row_while_the_job_runs(store: Store) -> None:
    runner = JobRunner(store)
    sid = _study(store)
    release = threading.Event()

    def work(progress: Any) -> dict[str, Any]:
        progress(3, 10, "embedding")
        release.wait(10)
        return {}

    job, _ = runner.start(sid, "code", work, options={}, actor="ann")
    try:
        for _ in range(50):  # the writer copies progress about once a second
            row = rows(Path(str(store.location)), schema.web_job, schema.web_job.c.id == job.id)[0]
            if row.done == 3:
                break
            threading.Event().wait(0.1)
        assert (row.status, row.done, row.total, row.message) == ("running", 3, 10, "embedding")
    finally:
        release.set()
        runner.wait(10)


def test_a_failing_job_keeps_the_library_message_and_hides_other_errors(store: Store) -> None:
    runner = JobRunner(store)
    sid = _study(store)

    def refused(progress: Any) -> dict[str, Any]:
        raise IndsigtError("the study has no codebook")

    def broken(progress: Any) -> dict[str, Any]:
        raise ValueError("Mette Holm said something secret")

    first, _ = runner.start(sid, "code", refused, options={}, actor="ann")
    runner.wait(10)
    second, _ = runner.start(sid, "code", broken, options={}, actor="ann")
    runner.wait(10)
    one, two = runner.get(sid, first.id), runner.get(sid, second.id)
    assert one is not None and two is not None
    assert (one.status, one.error) == ("failed", "the study has no codebook")
    assert two.status == "failed" and two.error is not None
    assert "ValueError" in two.error and "Mette" not in two.error


def test_one_job_at_a_time_per_study(store: Store) -> None:
    runner = JobRunner(store)
    sid = _study(store)
    release = threading.Event()

    def work(progress: Any) -> dict[str, Any]:
        release.wait(10)
        return {}

    job, new = runner.start(sid, "code", work, options={}, actor="ann")
    try:
        joined, again = runner.start(sid, "code", work, options={}, actor="bo")
        assert (joined.id, again) == (job.id, False)  # the same kind joins the running job
        with pytest.raises(JobBusy):
            runner.start(sid, "report", work, options={}, actor="bo")
    finally:
        release.set()
        runner.wait(10)
    later, new = runner.start(sid, "report", lambda progress: {}, options={}, actor="bo")
    runner.wait(10)
    assert new and later.id != job.id
    assert [j.id for j in runner.recent(sid)] == [later.id, job.id]


def _running_row(path: Path, runner: str) -> int:
    store = Store.open(path)
    try:
        with store.begin() as connection:
            sid = connection.scalar(sa.select(schema.study.c.id))
            return int(
                connection.execute(
                    schema.web_job.insert()
                    .values(
                        study_id=sid,
                        kind="anonymise",
                        status="running",
                        options={},
                        done=2,
                        total=5,
                        message="e5 states",
                        actor="ada",
                        runner=runner,
                        result={},
                        created_at=now(),
                        started_at=now(),
                    )
                    .returning(schema.web_job.c.id)
                ).scalar_one()
            )
    finally:
        store.close()


def test_a_restart_marks_a_job_still_running_as_failed(study_file: Path) -> None:
    import socket

    gone = f"{socket.gethostname()}:{2**22 + 12345}:dead"  # no such process
    elsewhere = "another-machine.example:1:beef"
    stale = _running_row(study_file, gone)
    remote = _running_row(study_file, elsewhere)
    assert runner_gone(gone) and not runner_gone(elsewhere)
    create_app(study_file)
    stopped = rows(study_file, schema.web_job, schema.web_job.c.id == stale)[0]
    assert (stopped.status, stopped.error) == ("failed", STOPPED)
    assert stopped.finished_at is not None
    # another server's job is that server's business
    assert rows(study_file, schema.web_job, schema.web_job.c.id == remote)[0].status == "running"


def test_a_closed_runner_in_this_process_counts_as_stopped(store: Store) -> None:
    old = JobRunner(store)
    old.close()
    job = _running_row(Path(str(store.location)), old.runner)
    assert JobRunner(store).recover() == 1
    assert rows(Path(str(store.location)), schema.web_job, schema.web_job.c.id == job)[
        0
    ].status == ("failed")


# -- the start endpoints -----------------------------------------------------------------------


def _wait(client: TestClient) -> None:
    client.app.state.web.jobs.wait(120)  # type: ignore[attr-defined]


def test_machine_coders_from_the_browser_fill_the_queue(
    client: TestClient, study_file: Path
) -> None:
    sid = ids(study_file)["study"]
    response = post(
        client, f"/studies/{sid}/jobs/code", {"coder": ["keyword"], "embedder": "tfidf"}
    )
    assert response.status_code == 202, response.text
    job = response.json()["job"]
    assert job["kind"] == "code" and job["options"] == {"coders": ["keyword"], "embedder": "tfidf"}
    _wait(client)
    polled = client.get(f"/studies/{sid}/jobs/{job['id']}.json").json()
    assert polled["status"] == "done", polled
    assert polled["total"] > 0 and polled["done"] == polled["total"]
    assert polled["result"]["coders"]["keyword.v1"]["suggested"] >= 1
    assert polled["result"]["href"] == f"/studies/{sid}/queue"
    suggested = rows(study_file, schema.coding, schema.coding.c.coder == "keyword.v1")
    assert suggested and {c.status for c in suggested} == {"suggested"}
    page = client.get(f"/studies/{sid}/jobs")
    assert page.status_code == 200
    assert f'href="/studies/{sid}/jobs/{job["id"]}"' in page.text
    assert "<progress" in page.text


def test_a_form_start_redirects_to_the_job_page(client: TestClient, study_file: Path) -> None:
    sid = ids(study_file)["study"]
    response = client.post(
        f"/studies/{sid}/jobs/code",
        data={"coder": "keyword", "embedder": "tfidf", "csrf_token": token(client)},
        follow_redirects=False,
    )
    assert response.status_code == 303
    assert response.headers["location"].startswith(f"/studies/{sid}/jobs/")
    _wait(client)
    page = client.get(response.headers["location"])
    assert page.status_code == 200 and "Review the suggestions" in page.text


def test_a_start_without_the_csrf_token_is_refused(client: TestClient, study_file: Path) -> None:
    sid = ids(study_file)["study"]
    response = client.post(f"/studies/{sid}/jobs/code", data={"coder": "keyword"})
    assert response.status_code == 403
    assert rows(study_file, schema.web_job) == []


def test_bad_options_are_refused_with_their_name(client: TestClient, study_file: Path) -> None:
    sid = ids(study_file)["study"]
    bad = post(client, f"/studies/{sid}/jobs/code", {"coder": ["oracle"]})
    assert bad.status_code == 422 and "coder 'oracle'" in bad.json()["error"]
    bad = post(client, f"/studies/{sid}/jobs/report", {"lang": "fr"})
    assert bad.status_code == 422 and "lang 'fr'" in bad.json()["error"]
    assert rows(study_file, schema.web_job) == []


def test_report_in_english_lands_on_the_reports_page(client: TestClient, study_file: Path) -> None:
    sid = ids(study_file)["study"]
    response = post(client, f"/studies/{sid}/jobs/report", {"lang": "en", "format": ["html", "md"]})
    assert response.status_code == 202, response.text
    _wait(client)
    job = client.get(f"/studies/{sid}/jobs/{response.json()['job']['id']}.json").json()
    assert job["status"] == "done", job
    assert job["result"]["files"] == {"html": "report-en.html", "md": "report-en.md"}
    folder = study_file.parent / "reports" / f"study-{sid}"
    assert sorted(p.name for p in folder.iterdir()) == ["report-en.html", "report-en.md"]
    listed = client.get(f"/studies/{sid}/reports.json").json()
    assert [f["name"] for f in listed["files"]] == ["report-en.html", "report-en.md"]
    preview = client.get(f"/studies/{sid}/reports/report-en.html")
    assert preview.status_code == 200 and 'lang="en"' in preview.text


def test_the_study_exported_for_nvivo_lands_on_the_reports_page(
    client: TestClient, study_file: Path
) -> None:
    """The REFI-QDA export from the Reports page: a job writes the .qdpx beside the reports;
    its page says what went in; the file opens as a REFI-QDA project with the study's codes."""
    import io
    import zipfile
    from xml.etree import ElementTree

    sid = ids(study_file)["study"]
    page = client.get(f"/studies/{sid}/reports").text
    assert 'id="start-export"' in page
    response = post(client, f"/studies/{sid}/jobs/export", {})
    assert response.status_code == 202, response.text
    _wait(client)
    job = client.get(f"/studies/{sid}/jobs/{response.json()['job']['id']}.json").json()
    assert job["status"] == "done", job
    name = f"refi-qda-study-{sid}.qdpx"
    assert job["result"]["file"] == name and job["result"]["sources"] == 2
    assert job["result"]["codes"] == 3
    shown = client.get(f"/studies/{sid}/jobs/{job['id']}").text
    assert "2 document(s), 3 code(s)" in shown and f"{name}?download=true" in shown
    listed = client.get(f"/studies/{sid}/reports.json").json()
    assert [f["name"] for f in listed["files"]] == [name]
    download = client.get(f"/studies/{sid}/reports/{name}?download=true")
    assert download.status_code == 200
    with zipfile.ZipFile(io.BytesIO(download.content)) as archive:
        project = ElementTree.fromstring(archive.read("project.qde"))
    codes = project.iter("{urn:QDA-XML:project:1.0}Code")
    assert len(list(codes)) == 3
    folder = study_file.parent / "reports" / f"study-{sid}"
    assert sorted(p.name for p in folder.iterdir()) == [name]  # no half-written file left


def test_anonymise_from_the_browser_then_the_findings_page(tmp_path: Path) -> None:
    path = make_study(tmp_path / "anon", anonymisation_required=True)
    with TestClient(create_app(path, local_user="ada"), base_url=LOCAL, headers=ENGLISH) as client:
        sid = ids(path)["study"]
        refused = post(client, f"/studies/{sid}/jobs/code", {"coder": ["keyword"]})
        assert refused.status_code == 409
        assert "not anonymised yet" in refused.json()["error"]
        assert "indsigt anonymise" not in refused.json()["error"]
        assert post(client, f"/studies/{sid}/jobs/export", {}).status_code == 409
        response = post(client, f"/studies/{sid}/jobs/anonymise", {"tagger": "none"})
        assert response.status_code == 202, response.text
        client.app.state.web.jobs.wait(120)  # type: ignore[attr-defined]
        job = client.get(f"/studies/{sid}/jobs/{response.json()['job']['id']}.json").json()
        assert job["status"] == "done", job
        assert job["result"]["documents"] == 2 and job["result"]["href"].endswith("/findings")
        assert "Mette" not in job["message"] and "kommune_a" not in job["message"]
        documents = rows(path, schema.document)
        assert all(d.anonymised_at is not None for d in documents)
        assert post(client, f"/studies/{sid}/jobs/code", {"coder": ["keyword"]}).status_code == 202
        client.app.state.web.jobs.wait(120)  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("who", "kind", "status"),
    [
        ("vic", "code", 403),
        ("vic", "report", 403),
        ("vic", "export", 403),
        ("vic", "anonymise", 403),
        ("cai", "anonymise", 403),
    ],
)
def test_roles(
    server: Callable[[str | None], TestClient], who: str, kind: str, status: int
) -> None:
    client = server(who)
    response = post(client, f"/studies/1/jobs/{kind}", {"tagger": "none", "embedder": "tfidf"})
    assert response.status_code == status, response.text


def test_a_coder_starts_coders_and_reports_and_sees_no_admin_form(
    server: Callable[[str | None], TestClient], server_file: Path
) -> None:
    client = server("cai")
    page = client.get("/studies/1/jobs")
    assert 'id="start-code"' in page.text and 'id="start-report"' in page.text
    assert 'id="start-anonymise"' not in page.text
    response = post(client, "/studies/1/jobs/code", {"coder": ["keyword"], "embedder": "tfidf"})
    assert response.status_code == 202
    client.app.state.web.jobs.wait(60)  # type: ignore[attr-defined]
    viewer = server("vic")
    listed = viewer.get("/studies/1/jobs.json").json()
    assert listed["jobs"][0]["actor"] == "cai"
    assert not (listed["can_code"] or listed["can_report"] or listed["can_anonymise"])
    admin = server("ada").get("/studies/1/jobs")
    assert 'id="start-anonymise"' in admin.text


def test_an_error_is_shown_to_its_starter_and_admins_only(
    server: Callable[[str | None], TestClient], server_file: Path
) -> None:
    job = _running_row(server_file, "nowhere:1:x")
    store = Store.open(server_file)
    try:
        with store.begin() as connection:
            connection.execute(
                schema.web_job.update()
                .where(schema.web_job.c.id == job)
                .values(status="failed", actor="cai", error="stat_b.txt could not be read")
            )
    finally:
        store.close()
    url = f"/studies/1/jobs/{job}.json"
    assert server("cai").get(url).json()["error"] == "stat_b.txt could not be read"
    assert server("ada").get(url).json()["error"] == "stat_b.txt could not be read"
    assert server("cora").get(url).json()["error"] == "the job failed"


def test_hostile_text_in_a_job_is_escaped(client: TestClient, study_file: Path) -> None:
    job = _running_row(study_file, "nowhere:1:x")
    store = Store.open(study_file)
    try:
        with store.begin() as connection:
            connection.execute(
                schema.web_job.update()
                .where(schema.web_job.c.id == job)
                .values(message="<script>alert(1)</script>", actor="<b>x</b>")
            )
    finally:
        store.close()
    for url in ("/studies/1/jobs", f"/studies/1/jobs/{job}"):
        text = client.get(url).text
        assert "<script>alert(1)</script>" not in text and "<b>x</b>" not in text
        assert "&lt;script&gt;" in text


def test_another_study_s_job_is_not_found(client: TestClient, study_file: Path) -> None:
    job = _running_row(study_file, "nowhere:1:x")
    assert client.get(f"/studies/2/jobs/{job}").status_code == 404
    assert client.get("/studies/1/jobs/999").status_code == 404


def test_an_uploaded_document_points_to_the_jobs_page_not_the_command_line(
    tmp_path: Path,
) -> None:
    """Issue 21: coding a new, un-anonymised document answered with `indsigt anonymise STUDY`;
    now the page says an admin anonymises it on the Jobs page, and links there."""
    path = make_study(tmp_path / "anon", anonymisation_required=True)
    with TestClient(create_app(path, local_user="ada"), base_url=LOCAL, headers=ENGLISH) as client:
        known = ids(path)
        s, doc = known["study"], known["docs"]["kommune_a"]
        page = client.get(f"/studies/{s}/documents/{doc}")
        assert "not anonymised yet" in page.text
        assert "indsigt anonymise" not in page.text
        assert f'href="/studies/{s}/jobs"' in page.text
        coded = post(
            client,
            f"/studies/{s}/codings",
            {"passage_ids": [known["passages"]["kommune_a"][1]], "code_id": 1},
        )
        assert coded.status_code in (403, 409, 422), coded.text
        assert "Jobs page" in coded.json()["error"]
        assert "indsigt anonymise" not in coded.json()["error"]


def test_a_job_s_status_is_in_the_reader_s_language(client: TestClient, study_file: Path) -> None:
    """The poll answers in the language the page asked for (a Danish page once read "done")."""
    job = _running_row(study_file, "nowhere:1:x")
    url = f"/studies/1/jobs/{job}.json"
    assert client.get(url, headers={"Accept-Language": "da"}).json()["status_name"] == "kører"
    assert client.get(url, headers={"Accept-Language": "en"}).json()["status_name"] == "running"
    page = client.get(f"/studies/1/jobs/{job}", headers={"Accept-Language": "da"})
    assert ">kører</span>" in page.text


def test_a_blinded_coder_makes_no_report(
    server: Callable[[str | None], TestClient], server_file: Path
) -> None:
    ada, cai = server("ada"), server("cai")
    assert post(ada, "/studies/1/settings", {"blind_coding": "true"}).status_code == 200
    assert 'id="start-report"' not in cai.get("/studies/1/jobs").text
    refused = post(cai, "/studies/1/jobs/report", {"lang": "en"})
    assert refused.status_code == 403
    assert post(cai, "/studies/1/jobs/export", {}).status_code == 403
    assert rows(server_file, schema.web_job) == []


def test_a_job_whose_thread_ended_without_a_word_does_not_block_the_study(store: Store) -> None:
    runner = JobRunner(store)
    path = Path(str(store.location))
    orphan = _running_row(path, runner.runner)  # this runner's, but no thread runs it
    job, new = runner.start(_study(store), "anonymise", lambda progress: {}, options={}, actor="a")
    runner.wait(10)
    assert new and job.id != orphan
    old = rows(path, schema.web_job, schema.web_job.c.id == orphan)[0]
    assert (old.status, old.error) == ("failed", STOPPED)


def test_the_jobs_page_counts_what_the_supervised_coder_learns_from(
    server: Callable[[str | None], TestClient], server_file: Path
) -> None:
    """People's accepted codings, by the coding library's count (``training_set``'s)."""
    from indsigt.coding.training import human_codings, training_set

    known = ids(server_file)
    picked = known["passages"]["kommune_a"][:2]
    code = known["codes"]["udfordringer/kompetencer"]
    coded = post(server("cai"), "/studies/1/codings", {"passage_ids": picked, "code_id": code})
    assert coded.status_code in (200, 201)
    store = Store.open(server_file)
    try:
        expected = training_set(store, 1).human_codings
        assert human_codings(store, 1) == expected > 0
    finally:
        store.close()
    assert server("cai").get("/studies/1/jobs.json").json()["human_codings"] == expected
    assert server("vic").get("/studies/1/jobs.json").json()["human_codings"] == 0  # no coder
