"""Search, retrieval, co-occurrence and memos on PostgreSQL (issue 21)."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

import indsigt
from indsigt.web import create_app
from indsigt.web.data.codes import add_code

from .helpers import CODES, INTERVIEW_A, LOCAL, insert_coding, post

pytestmark = pytest.mark.postgres


def test_pages_on_postgres(postgres_url: str, tmp_path: Path) -> None:
    source = tmp_path / "kommune_a.txt"
    source.write_text(INTERVIEW_A, encoding="utf-8")
    with indsigt.init_study(postgres_url, name="pg", anonymisation_required=False) as study:
        study.import_files([source])
        codes = [add_code(study.store, study.study.id, c, language="da", actor="t") for c in CODES]
        passages = [p.id for p in study.passages()]
        s = study.study.id
    insert_coding(postgres_url, passages[3], codes[1], coder="tester", status="accepted")
    insert_coding(postgres_url, passages[3], codes[2], coder="tester", status="accepted")
    with TestClient(create_app(postgres_url, local_user="tester"), base_url=LOCAL) as client:
        found = client.get(f"/studies/{s}/search.json?q=kompetence").json()
        assert found["total"] == 1  # Danish stemming: kompetencerne
        assert [p["text"] for h in found["hits"] for p in h["pieces"] if p["hit"]] == [
            "kompetencerne"
        ]
        assert client.get(f"/studies/{s}/search?q=%22open").status_code == 400
        coded = client.get(f"/studies/{s}/codes/{codes[0]}/passages.json").json()
        assert [p["passage_id"] for p in coded["passages"]] == [passages[3]]
        matrix = client.get(f"/studies/{s}/cooccurrence.json").json()
        assert [c["n"] for c in matrix["rows"][0]["cells"]] == [1, 1]
        memo = post(client, f"/studies/{s}/memos", {"text": "m", "passage_id": passages[3]})
        assert memo.status_code == 201
        assert client.get(f"/studies/{s}/codes/{codes[0]}/passages.xlsx").status_code == 200
