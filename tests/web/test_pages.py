"""Every page answers as HTML and as JSON (a `.json` suffix or `Accept: application/json`)."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from .helpers import ids, insert_coding

# (path template, a text the HTML shows, a key the JSON has)
PAGES = [
    ("/", "Webstudie", "studies"),
    ("/studies/{s}/documents", "kommune_a", "documents"),
    ("/studies/{s}/documents?level=stat", "stat_b", "filters"),
    ("/studies/{s}/documents/{d}", "Kompetencer", "turns"),
    ("/studies/{s}/queue", "Suggestions", "suggestions"),
    ("/studies/{s}/codebook", "udfordringer/kompetencer", "codes"),
    ("/studies/{s}/codebook/{c}", "Kompetencer", "code"),
    ("/studies/{s}/findings", "Anonymisation findings", "findings"),
    ("/studies/{s}/reliability", "Unit: passage", "unit_note"),
    ("/studies/{s}/segments", "n of N", "table"),
    ("/studies/{s}/themes", "Themes", "available"),
    ("/studies/{s}/reports", "Reports", "files"),
    ("/studies/{s}/upload", "Upload transcripts", "suffixes"),
    ("/studies/{s}/settings", "Blind coding", "settings"),
    ("/events", "Audit log", "events"),
    ("/session", "Signed in as", "csrf_token"),
]


def _url(template: str, study_file: Path) -> str:
    known = ids(study_file)
    return template.format(
        s=known["study"],
        d=known["docs"]["kommune_a"],
        c=known["codes"]["udfordringer/kompetencer"],
    )


@pytest.fixture
def coded(client: TestClient, study_file: Path) -> Path:
    known = ids(study_file)
    passage = known["passages"]["kommune_a"][3]
    insert_coding(study_file, passage, known["codes"]["udfordringer/kompetencer"])
    insert_coding(
        study_file,
        passage,
        known["codes"]["udfordringer/kompetencer"],
        coder="tester",
        status="accepted",
    )
    return study_file


@pytest.mark.parametrize(("template", "text", "key"), PAGES, ids=[p[0] for p in PAGES])
def test_page_as_html_and_json(
    client: TestClient, coded: Path, template: str, text: str, key: str
) -> None:
    url = _url(template, coded)
    html = client.get(url)
    assert html.status_code == 200, html.text
    assert html.headers["content-type"].startswith("text/html")
    assert text in html.text
    assert 'name="csrf-token"' in html.text
    path, _, query = url.partition("?")
    suffixed = client.get(f"{path}.json" + (f"?{query}" if query else ""))
    accepted = client.get(url, headers={"Accept": "application/json"})
    for response in (suffixed, accepted):
        assert response.status_code == 200, response.text
        assert response.headers["content-type"] == "application/json"
        assert key in response.json()
    assert "csrf_token" not in accepted.json() or key == "csrf_token"


# Pages headed by their title (templates/page.html): (path, title and heading, nav item).
HEADED = [
    ("/studies/{s}/codebook", "Codebook", "codebook"),
    ("/studies/{s}/findings", "Anonymisation findings", "findings"),
    ("/studies/{s}/settings", "Settings", "settings"),
    ("/events", "Audit log", "events"),
]


@pytest.mark.parametrize(("template", "title", "active"), HEADED, ids=[p[0] for p in HEADED])
def test_page_heading_is_its_title(
    client: TestClient, study_file: Path, template: str, title: str, active: str
) -> None:
    html = client.get(_url(template, study_file)).text
    assert f"<title>{title} · " in html or f"<title>{title}</title>" in html
    assert html.count(f"<h1>{title}</h1>") == 1
    assert f'/{active}" class="active"' in html


def test_document_json_lays_out_turns_and_codings(client: TestClient, coded: Path) -> None:
    known = ids(coded)
    data = client.get(f"/studies/{known['study']}/documents/{known['docs']['kommune_a']}.json")
    turns = data.json()["turns"]
    assert [t["role"] for t in turns] == ["interviewer", "respondent"] * 2
    assert turns[1]["speaker"] != "Mette"  # a respondent shows as their pseudonym
    pieces = [p for t in turns for p in t["pieces"] if p["passage"]]
    assert [p["passage"] for p in pieces] == known["passages"]["kommune_a"]
    coded_piece = next(p for p in pieces if p["codings"])
    assert {c["coder"] for c in coded_piece["codings"]} == {"keyword.v1", "tester"}
    assert {c["status"] for c in coded_piece["codings"]} == {"suggested", "accepted"}
    assert coded_piece["text"] == known["texts"][coded_piece["passage"]]


def test_documents_filter_by_attribute(client: TestClient, study_file: Path) -> None:
    s = ids(study_file)["study"]
    every = client.get(f"/studies/{s}/documents.json").json()
    assert every["attributes"]["level"] == ["kommune", "stat"]
    assert len(every["documents"]) == 2
    kommune = client.get(f"/studies/{s}/documents.json?level=kommune").json()
    assert [d["name"] for d in kommune["documents"]] == ["kommune_a.txt"]
    assert kommune["filters"] == {"level": "kommune"}
    unknown = client.get(f"/studies/{s}/documents.json?colour=red").json()
    assert unknown["filters"] == {} and len(unknown["documents"]) == 2


def test_documents_page_proposes_what_to_code_next(client: TestClient, study_file: Path) -> None:
    """Before anyone codes, the documents in the study's order; once a person has coded one,
    the others (least alike first), among those the filter shows; a machine's suggestion
    is no person's coding."""
    known = ids(study_file)
    s, docs = known["study"], known["docs"]
    before = client.get(f"/studies/{s}/documents.json").json()
    assert before["coded"] == 0
    assert [d["document_id"] for d in before["to_code"]] == [docs["kommune_a"], docs["stat_b"]]
    assert {d["alike"] for d in before["to_code"]} == {0.0}
    html = client.get(f"/studies/{s}/documents").text
    assert 'id="code-next"' in html and "No one has coded a document yet" in html
    passage, code = known["passages"]["kommune_a"][3], known["codes"]["udfordringer/kompetencer"]
    insert_coding(study_file, passage, code)  # the keyword coder's suggestion
    assert client.get(f"/studies/{s}/documents.json").json()["coded"] == 0
    insert_coding(study_file, passage, code, coder="tester", status="accepted")
    after = client.get(f"/studies/{s}/documents.json").json()
    assert after["coded"] == 1
    assert [(d["name"], d["passages"]) for d in after["to_code"]] == [
        ("stat_b.txt", len(known["passages"]["stat_b"]))
    ]
    assert 0.0 <= after["to_code"][0]["alike"] <= 1.0
    html = client.get(f"/studies/{s}/documents").text
    assert "The machine coder learns most" in html and "alike" in html
    kommune = client.get(f"/studies/{s}/documents.json?level=kommune").json()
    assert kommune["to_code"] == []  # the one document shown is coded
    assert 'id="code-next"' not in client.get(f"/studies/{s}/documents?level=kommune").text


def test_unknown_pages_answer_404(client: TestClient, study_file: Path) -> None:
    assert client.get("/studies/999/documents").status_code == 404
    s = ids(study_file)["study"]
    response = client.get(f"/studies/{s}/documents/999.json")
    assert response.status_code == 404 and "no document" in response.json()["error"]
    assert client.get("/nowhere").status_code == 404


def test_security_headers(client: TestClient) -> None:
    response = client.get("/")
    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy.split("style-src")[0]
    assert response.headers["x-content-type-options"] == "nosniff"
    cookie = response.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=lax" in cookie
