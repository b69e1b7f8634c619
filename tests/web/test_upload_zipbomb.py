"""A coder's upload goes through the importers' zip limits (issue 18, item 5): a .docx bomb
under the upload limit is refused with the member named, and nothing is imported."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
from fastapi.testclient import TestClient

from .helpers import ids, token

MiB = 1024 * 1024


def _bomb() -> bytes:
    document = docx.Document()
    document.add_paragraph("Interviewer: Hvordan?")
    real = io.BytesIO()
    document.save(real)
    out = io.BytesIO()
    with zipfile.ZipFile(real) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as bomb:
        for info in source.infolist():
            with bomb.open(info.filename, "w") as handle:
                handle.write(source.read(info))
                if info.filename == "word/document.xml":
                    for _ in range(65):
                        handle.write(b" " * MiB)
    return out.getvalue()


def test_upload_of_a_docx_bomb_is_refused(client: TestClient, study_file: Path) -> None:
    s = ids(study_file)["study"]
    before = client.get(f"/studies/{s}/documents.json").json()["documents"]
    data = _bomb()
    assert len(data) < 1 * MiB
    response = client.post(
        f"/studies/{s}/upload",
        headers={"X-CSRF-Token": token(client), "Accept": "application/json"},
        files={"files": ("bombe.docx", data, "application/octet-stream")},
    )
    assert response.status_code == 422
    message = response.json()["error"]
    assert message.startswith("bombe.docx: word/document.xml inflates to 65 MB")
    assert client.get(f"/studies/{s}/documents.json").json()["documents"] == before
