"""The web app on PostgreSQL: coding (insert … on conflict), review and the pages."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

import indsigt
from indsigt.web import create_app
from indsigt.web.data.codes import add_code

from .helpers import CODES, INTERVIEW_A, LOCAL, MACHINE, insert_coding, post

pytestmark = pytest.mark.postgres


def test_coding_and_review_on_postgres(postgres_url: str, tmp_path: Path) -> None:
    source = tmp_path / "kommune_a.txt"
    source.write_text(INTERVIEW_A, encoding="utf-8")
    with indsigt.init_study(postgres_url, name="pg", anonymisation_required=False) as study:
        study.import_files([source])
        codes = [add_code(study.store, study.study.id, c, language="da", actor="t") for c in CODES]
        passages = [p.id for p in study.passages()]
        s = study.study.id
    with TestClient(create_app(postgres_url, local_user="tester"), base_url=LOCAL) as client:
        url = f"/studies/{s}/codings"
        first = post(client, url, {"passage_ids": passages[:2], "code_id": codes[1]})
        assert first.status_code == 201
        again = post(client, url, {"passage_ids": passages[:3], "code_id": codes[1]})
        assert [c["created"] for c in again.json()["codings"]] == [False, False, True]
        suggestion = insert_coding(postgres_url, passages[4], codes[2])
        accepted = post(client, f"/studies/{s}/queue/{suggestion}", {"decision": "accept"})
        assert accepted.status_code == 200 and accepted.json()["own_coding_id"]
        reliability = client.get(f"/studies/{s}/reliability.json?a={MACHINE}&b=tester").json()
        assert reliability["result"]["overall"]["both"] == 1
        for page in ("documents", "queue", "codebook", "segments", "settings"):
            assert client.get(f"/studies/{s}/{page}").status_code == 200, page


def test_span_coding_on_postgres(postgres_url: str, tmp_path: Path) -> None:
    source = tmp_path / "kommune_a.txt"
    source.write_text(INTERVIEW_A, encoding="utf-8")
    with indsigt.init_study(postgres_url, name="pg spans", anonymisation_required=False) as study:
        study.import_files([source])
        code = add_code(study.store, study.study.id, CODES[2], language="da", actor="t")
        doc = study.documents()[0]
        s = study.study.id
    start = doc.text.index("mange projekter")
    end = doc.text.index("mangler stadig")
    with TestClient(create_app(postgres_url, local_user="tester"), base_url=LOCAL) as client:
        body = {"document_id": doc.id, "start": start, "end": end, "code_id": code}
        created = post(client, f"/studies/{s}/codings", body)
        assert created.status_code == 201, created.text
        coding = created.json()["coding"]
        assert (coding["start"], coding["end"], len(coding["passage_ids"])) == (start, end, 2)
        wider = post(client, f"/studies/{s}/codings", {**body, "end": end + len("mangler")})
        assert wider.json()["coding"]["widened"] is True
        html = client.get(f"/studies/{s}/documents/{doc.id}").text
        assert html.count(f'data-codings="{coding["id"]}"') == 3
        found = client.get(f"/studies/{s}/codes/{code}/passages.json").json()["passages"]
        [mark] = found[0]["codings"]
        assert mark["span_text"] == doc.text[start : end + len("mangler")]
