"""The framework matrix download and the guide label in the document view."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
from fastapi.testclient import TestClient

import indsigt

from .helpers import ids, insert_coding, post

GUIDE = """## Udfordringer
[Q1] Hvad er den største udfordring?
## Drivkræfter
[Q2] Hvad driver forandringen hos jer?
"""
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _guide(path: Path) -> None:
    guide = path.parent / "guide.md"
    guide.write_text(GUIDE, encoding="utf-8")
    with indsigt.open_study(path) as study:
        study.import_guide(guide)
        study.align_guide(embedder="tfidf")


def _workbook(response) -> openpyxl.Workbook:  # type: ignore[no-untyped-def]
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == XLSX
    assert response.headers["content-disposition"].startswith("attachment;")
    return openpyxl.load_workbook(io.BytesIO(response.content))


def test_download_by_code_and_by_question(client: TestClient, study_file: Path) -> None:
    known = ids(study_file)
    s = known["study"]
    insert_coding(
        study_file, known["passages"]["kommune_a"][3], known["codes"]["udfordringer/kompetencer"]
    )
    _guide(study_file)
    book = _workbook(client.get(f"/studies/{s}/matrix.xlsx?rows=respondent&columns=code"))
    assert book.sheetnames == ["drivere", "udfordringer"]
    sheet = book["udfordringer"]
    assert sheet.freeze_panes == "B2"
    assert [c.value for c in sheet[1]] == ["Respondent", "Udfordringer", "Kompetencer"]
    assert "Men kompetencerne mangler stadig." in sheet["C2"].value
    book = _workbook(client.get(f"/studies/{s}/matrix.xlsx?rows=document&columns=question"))
    assert book.sheetnames == ["Udfordringer", "Drivkræfter"]
    assert book["Drivkræfter"]["A3"].value == "Interview 2"  # never the file name
    assert "(Interview 2 ¶" in book["Drivkræfter"]["B3"].value
    assert "Interview 1" not in book["Drivkræfter"]["B3"].value
    cells = [str(c.value) for sheet in book for row in sheet.iter_rows() for c in row]
    assert not any(".txt" in value or "kommune_a" in value for value in cells)


def test_reports_page_links_the_matrix(client: TestClient, study_file: Path) -> None:
    s = ids(study_file)["study"]
    page = client.get(f"/studies/{s}/reports").text
    assert f'href="/studies/{s}/matrix.xlsx?rows=respondent&amp;columns=code"' in page


def test_bad_parameters_and_missing_guide(client: TestClient, study_file: Path) -> None:
    s = ids(study_file)["study"]
    assert client.get(f"/studies/{s}/matrix.xlsx?columns=topic").status_code == 422
    no_themes = client.get(
        f"/studies/{s}/matrix.xlsx?columns=theme", headers={"Accept": "application/json"}
    )
    assert no_themes.status_code == 409 and "stores no themes" in no_themes.text
    assert client.get(f"/studies/{s}/matrix.xlsx?rows=code").status_code == 422
    missing = client.get(
        f"/studies/{s}/matrix.xlsx?columns=question", headers={"Accept": "application/json"}
    )
    assert missing.status_code == 409 and "no interview guide" in missing.text


def test_every_role_may_download_and_a_blinded_coder_sees_own_codings(
    server, server_file: Path
) -> None:
    known = ids(server_file)
    s = known["study"]
    code = known["codes"]["udfordringer/kompetencer"]
    insert_coding(server_file, known["passages"]["kommune_a"][3], code)  # the machine's
    anonymous = server(None).get(f"/studies/{s}/matrix.xlsx", follow_redirects=False)
    assert anonymous.status_code == 303 and anonymous.headers["location"].startswith("/login")
    for name in ("ada", "cai", "vic"):
        sheet = _workbook(server(name).get(f"/studies/{s}/matrix.xlsx"))["udfordringer"]
        assert "kompetencerne mangler" in (sheet["C2"].value or "")
    ada, cai = server("ada"), server("cai")
    assert post(ada, f"/studies/{s}/settings", {"blind_coding": "true"}).status_code == 200
    blinded = _workbook(cai.get(f"/studies/{s}/matrix.xlsx"))["udfordringer"]
    assert not (blinded["C2"].value or "")  # the machine's coding is not cai's
    assert (
        "kompetencerne mangler"
        in _workbook(ada.get(f"/studies/{s}/matrix.xlsx"))["udfordringer"]["C2"].value
    )


def test_unanonymised_study_is_refused(tmp_path: Path) -> None:
    from indsigt.web import create_app

    from .helpers import LOCAL, make_study

    path = make_study(tmp_path / "raw", anonymisation_required=True)
    with TestClient(create_app(path, local_user="tester"), base_url=LOCAL) as local:
        s = ids(path)["study"]
        response = local.get(f"/studies/{s}/matrix.xlsx", headers={"Accept": "application/json"})
    assert response.status_code == 409
    assert "needs anonymised text" in response.text and "Mette" not in response.text


def test_document_view_shows_the_guide_question(client: TestClient, study_file: Path) -> None:
    known = ids(study_file)
    s, doc = known["study"], known["docs"]["stat_b"]
    before = client.get(f"/studies/{s}/documents/{doc}.json").json()["turns"]
    assert all(t["guide_question"] is None for t in before)
    _guide(study_file)
    turns = client.get(f"/studies/{s}/documents/{doc}.json").json()["turns"]
    assert [t["guide_question"] for t in turns] == ["Q2", "Q2", "Q2", "Q2"]
    page = client.get(f"/studies/{s}/documents/{doc}").text
    assert '<span class="guide-question" title="guide question">Q2</span>' in page
