"""Memos on documents, codes and passages (issue 21): CSRF, roles, escaping, events."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from indsigt.store import schema

from .helpers import events, ids, post, rows, token

HOSTILE = '<script>alert("memo")</script>'


def test_memos_on_document_code_and_passage(client: TestClient, study_file: Path) -> None:
    known = ids(study_file)
    s, doc = known["study"], known["docs"]["kommune_a"]
    code, passage = known["codes"]["drivere"], known["passages"]["kommune_a"][3]
    on_doc = post(client, f"/studies/{s}/memos", {"text": "Om dokumentet", "document_id": doc})
    assert on_doc.status_code == 201, on_doc.text
    on_code = post(client, f"/studies/{s}/memos", {"text": "Om koden", "code_id": code})
    on_passage = post(client, f"/studies/{s}/memos", {"text": HOSTILE, "passage_id": passage})
    assert on_passage.json()["document_id"] == doc and on_passage.json()["target"] == "passage"
    page = client.get(f"/studies/{s}/documents/{doc}").text
    assert "Om dokumentet" in page and "Om koden" not in page
    assert "<script>alert" not in page and "&lt;script&gt;alert(&#34;memo&#34;)" in page
    assert f'href="/studies/{s}/documents/{doc}#p{passage}"' in page
    code_page = client.get(f"/studies/{s}/codebook/{code}").text
    assert "Om koden" in code_page and "Om dokumentet" not in code_page
    listing = client.get(f"/studies/{s}/memos.json").json()["memos"]
    assert [m["target"] for m in listing] == ["document", "code", "passage"]
    memo_id = on_code.json()["id"]
    edited = post(client, f"/studies/{s}/memos/{memo_id}", {"text": "Ny tekst"})
    assert edited.status_code == 200 and edited.json()["text"] == "Ny tekst"
    deleted = post(client, f"/studies/{s}/memos/{memo_id}/delete", {})
    assert deleted.status_code == 200
    assert len(rows(study_file, schema.note)) == 2
    assert [len(events(study_file, f"memo.{a}")) for a in ("added", "updated", "deleted")] == [
        3,
        1,
        1,
    ]
    assert HOSTILE not in str([e.payload for e in events(study_file, "memo.added")])


def test_memo_form_redirects_back(client: TestClient, study_file: Path) -> None:
    known = ids(study_file)
    s, doc = known["study"], known["docs"]["stat_b"]
    form = {"csrf_token": token(client), "text": "x", "document_id": str(doc)}
    back = client.post(
        f"/studies/{s}/memos",
        data={**form, "next": f"/studies/{s}/documents/{doc}"},
        follow_redirects=False,
    )
    assert back.status_code == 303 and back.headers["location"] == f"/studies/{s}/documents/{doc}"
    away = client.post(
        f"/studies/{s}/memos",
        data={**form, "next": "https://evil.example/"},
        follow_redirects=False,
    )
    assert away.headers["location"] == f"/studies/{s}/documents/{doc}"


def test_memo_needs_csrf_text_and_a_target_in_the_study(
    client: TestClient, study_file: Path
) -> None:
    s = ids(study_file)["study"]
    no_token = client.post(
        f"/studies/{s}/memos", json={"text": "x"}, headers={"Accept": "application/json"}
    )
    assert no_token.status_code == 403
    assert post(client, f"/studies/{s}/memos", {"text": "  "}).status_code == 422
    assert (
        post(client, f"/studies/{s}/memos", {"text": "x", "passage_id": 99999}).status_code == 422
    )
    assert post(client, f"/studies/{s}/memos", {"text": "x", "code_id": "abc"}).status_code == 422
    both = post(client, f"/studies/{s}/memos", {"text": "x", "code_id": 1, "document_id": 1})
    assert both.status_code == 422
    assert post(client, f"/studies/{s}/memos/999", {"text": "x"}).status_code == 404


def test_roles_for_memos(server, server_file: Path) -> None:
    s = ids(server_file)["study"]
    viewer = post(server("vic"), f"/studies/{s}/memos", {"text": "x", "document_id": 1})
    assert viewer.status_code == 403
    cai = server("cai")
    mine = post(cai, f"/studies/{s}/memos", {"text": "cai's", "document_id": 1}).json()["id"]
    cora = server("cora")
    assert post(cora, f"/studies/{s}/memos/{mine}", {"text": "no"}).status_code == 403
    assert post(cora, f"/studies/{s}/memos/{mine}/delete", {}).status_code == 403
    assert post(server("ada"), f"/studies/{s}/memos/{mine}", {"text": "ok"}).status_code == 200
    assert post(cai, f"/studies/{s}/memos/{mine}/delete", {}).status_code == 200
    # A viewer sees memos, by neutral document names.
    post(cai, f"/studies/{s}/memos", {"text": "seen", "document_id": 1})
    listing = server("vic").get(f"/studies/{s}/memos.json").json()["memos"]
    assert [(m["text"], m["document"]) for m in listing] == [("seen", "Interview 1")]
