"""The codebook as a file in the browser: import a team's codebook (YAML, CSV, a REFI-QDA
.qdc from another tool) or the bundled one, and download the study's in each format; refusals
name the file and the problem, and change nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import sqlalchemy as sa
from fastapi.testclient import TestClient

from indsigt.codebook import default_codebook
from indsigt.store import schema
from indsigt.web import create_app

from .helpers import LOCAL, events, ids, rows, token

NVIVO = (
    '<?xml version="1.0" encoding="utf-8"?>\n'
    '<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="NVivo">\n<Codes>\n'
    '<Code guid="4a7e5f2c-0d3b-4f59-9a41-1b2c3d4e5f60" name="Barrierer" isCodable="false">\n'
    "<Description>Det der bremser.</Description>\n"
    '<Code guid="5a7e5f2c-0d3b-4f59-9a41-1b2c3d4e5f60" name="Jura/regler" isCodable="true"'
    ' color="#aabbcc"/>\n</Code>\n</Codes>\n</CodeBook>\n'
)


def _import(client: TestClient, s: int, **kwargs: Any) -> Any:
    return client.post(
        f"/studies/{s}/codebook/import",
        headers={"X-CSRF-Token": token(client), "Accept": "application/json"},
        **kwargs,
    )


def _paths(study_file: Path) -> list[str]:
    return sorted(row.path for row in rows(study_file, schema.code))


def test_a_codebook_from_nvivo_is_merged_into_the_study(
    client: TestClient, study_file: Path
) -> None:
    s = ids(study_file)["study"]
    before = _paths(study_file)
    response = _import(client, s, files={"codebook": ("team.qdc", NVIVO.encode(), "text/xml")})
    assert response.status_code == 201, response.text
    result = response.json()["codebook"]
    assert result["source"] == "team.qdc"
    assert result["added"] == ["Barrierer", "Barrierer/Jura-regler"] and result["updated"] == []
    assert _paths(study_file) == sorted([*before, "Barrierer", "Barrierer/Jura-regler"])
    [logged] = events(study_file, "codebook.imported")
    assert logged.actor == "tester" and logged.payload["added"] == 2
    again = _import(client, s, files={"codebook": ("team.qdc", NVIVO.encode(), "text/xml")})
    assert again.json()["codebook"]["unchanged"] == 2  # merged by path: nothing twice


def test_the_bundled_codebook_from_the_form_says_what_it_did(study_file: Path) -> None:
    s = ids(study_file)["study"]
    app = create_app(study_file, local_user="tester")
    with TestClient(app, base_url=LOCAL, headers={"Accept-Language": "da"}) as client:
        page = client.get(f"/studies/{s}/codebook").text
        assert 'id="codebook-import"' in page and "Importér den medfølgende kodebog" in page
        response = client.post(
            f"/studies/{s}/codebook/import",
            data={"csrf_token": token(client), "default": "1"},
            follow_redirects=False,
        )
    assert response.status_code == 200, response.text
    assert "Den medfølgende kodebog: " in response.text and "kode(r) tilføjet" in response.text
    assert {c.path for c in default_codebook()} <= set(_paths(study_file))


def test_the_study_s_codebook_downloads_in_each_format_and_reads_back(
    client: TestClient, study_file: Path, tmp_path: Path
) -> None:
    s = ids(study_file)["study"]
    paths = _paths(study_file)
    qdc = client.get(f"/studies/{s}/codebook/export?format=qdc")
    assert qdc.status_code == 200
    assert qdc.headers["content-disposition"] == f'attachment; filename="codebook-study-{s}.qdc"'
    names = [
        element.get("name")
        for element in ElementTree.fromstring(qdc.content).iter("{urn:QDA-XML:codebook:1.0}Code")
    ]
    assert len(names) == len(paths)
    for fmt in ("yaml", "csv"):
        exported = client.get(f"/studies/{s}/codebook/export", params={"format": fmt})
        assert exported.status_code == 200, exported.text
        back = _import(
            client, s, files={"codebook": (f"back.{fmt}", exported.content, "text/plain")}
        )
        assert back.status_code == 201, back.text
        assert back.json()["codebook"]["unchanged"] == len(paths), fmt  # the same codebook
    assert client.get(f"/studies/{s}/codebook/export?format=docx").status_code == 422


def test_bad_codebooks_are_refused_naming_the_file(client: TestClient, study_file: Path) -> None:
    s = ids(study_file)["study"]
    before = _paths(study_file)
    broken = _import(client, s, files={"codebook": ("team.yaml", b"codes: [unclosed", "text/yaml")})
    assert broken.status_code == 422
    message = broken.json()["error"]
    assert message.startswith("team.yaml") and "indsigt-codebook-" not in message
    wrong = _import(client, s, files={"codebook": ("team.docx", b"PK", "application/x")})
    assert wrong.status_code == 422 and "team.docx: a codebook must be" in wrong.json()["error"]
    both = _import(
        client,
        s,
        data={"default": "1"},
        files={"codebook": ("team.qdc", NVIVO.encode(), "text/xml")},
    )
    assert both.status_code == 422
    assert _import(client, s).status_code == 422
    assert _paths(study_file) == before


def test_a_viewer_downloads_but_does_not_import(server: Any, server_file: Path) -> None:
    s = ids(server_file)["study"]
    vic = server("vic")
    assert 'id="codebook-import"' not in vic.get(f"/studies/{s}/codebook").text
    refused = _import(vic, s, files={"codebook": ("team.qdc", NVIVO.encode(), "text/xml")})
    assert refused.status_code == 403
    assert vic.get(f"/studies/{s}/codebook/export?format=yaml").status_code == 200
    store_paths = [r.path for r in rows(server_file, schema.code, sa.true())]
    assert "Barrierer" not in store_paths
