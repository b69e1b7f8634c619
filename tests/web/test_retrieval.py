"""Retrieval of a code (issue 21): passages with context, filters, exports, sealing."""

from __future__ import annotations

import io
from pathlib import Path

from fastapi.testclient import TestClient
from openpyxl import load_workbook

from indsigt.store import Store, schema

from .helpers import MACHINE, ids, insert_coding, post

HOSTILE = '<script>alert("x")</script> =HYPERLINK("http://evil")'


def _code(path: Path, *, hostile: bool = False) -> dict:
    known = ids(path)
    a = known["passages"]["kommune_a"]
    b = known["passages"]["stat_b"]
    kompetencer = known["codes"]["udfordringer/kompetencer"]
    drivere = known["codes"]["drivere"]
    if hostile:
        store = Store.open(path)
        with store.begin() as connection:
            connection.execute(
                schema.passage.update().where(schema.passage.c.id == a[3]).values(text=HOSTILE)
            )
        store.close()
    insert_coding(path, a[3], kompetencer, coder="tester", status="accepted")
    insert_coding(path, a[3], drivere, coder="tester", status="accepted")
    insert_coding(path, b[1], drivere, coder="tester", status="accepted")
    insert_coding(path, b[5], kompetencer, coder=MACHINE, status="suggested")
    return known


def test_retrieval_lists_coded_passages_with_context(client: TestClient, study_file: Path) -> None:
    known = _code(study_file)
    s, a = known["study"], known["passages"]["kommune_a"]
    parent = known["codes"]["udfordringer"]
    data = client.get(f"/studies/{s}/codes/{parent}/passages.json").json()
    # The sub-code's accepted coding is found through its parent; the suggestion is not.
    assert [p["passage_id"] for p in data["passages"]] == [a[3]]
    item = data["passages"][0]
    assert item["text"] == known["texts"][a[3]]
    assert item["before"] == known["texts"][a[2]] and item["after"] == ""
    assert item["speaker"] == "Respondent 1" and item["role"] == "respondent"
    assert item["url"] == f"/studies/{s}/documents/{known['docs']['kommune_a']}#p{a[3]}"
    assert item["attributes"] == {"level": "kommune"}
    with_suggestions = client.get(f"/studies/{s}/codes/{parent}/passages.json?suggestions=1")
    assert len(with_suggestions.json()["passages"]) == 2
    alone = client.get(f"/studies/{s}/codes/{parent}/passages.json?subcodes=0").json()
    assert alone["passages"] == []
    html = client.get(f"/studies/{s}/codes/{parent}/passages")
    assert html.status_code == 200 and f'href="{item["url"]}"' in html.text


def test_retrieval_filters_by_attribute_and_pairs(client: TestClient, study_file: Path) -> None:
    known = _code(study_file)
    s = known["study"]
    drivere, kompetencer = known["codes"]["drivere"], known["codes"]["udfordringer/kompetencer"]
    url = f"/studies/{s}/codes/{drivere}/passages.json"
    assert len(client.get(url).json()["passages"]) == 2
    stat = client.get(f"{url}?level=stat").json()
    assert [p["document_id"] for p in stat["passages"]] == [known["docs"]["stat_b"]]
    pair = client.get(f"{url}?with={kompetencer}").json()
    assert [p["passage_id"] for p in pair["passages"]] == [known["passages"]["kommune_a"][3]]
    assert pair["with"]["path"] == "udfordringer/kompetencer"
    assert client.get(f"{url}?with=abc").status_code == 422
    assert client.get(f"/studies/{s}/codes/999/passages").status_code == 404


def test_retrieval_exports_csv_and_xlsx_as_text(client: TestClient, study_file: Path) -> None:
    known = _code(study_file, hostile=True)
    s, kompetencer = known["study"], known["codes"]["udfordringer/kompetencer"]
    csv = client.get(f"/studies/{s}/codes/{kompetencer}/passages.csv")
    assert csv.status_code == 200 and csv.headers["content-type"].startswith("text/csv")
    assert "attachment" in csv.headers["content-disposition"]
    body = csv.content.decode("utf-8-sig")
    assert body.splitlines()[0].startswith("passage_id,document,turn,speaker")
    assert "'" + '<script>alert(""x"")</script>' not in body  # not a formula: starts with <
    assert "http://localhost/studies/" in body
    xlsx = client.get(f"/studies/{s}/codes/{kompetencer}/passages.xlsx?suggestions=1")
    assert xlsx.status_code == 200
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("passage_id", "document", "turn") and len(rows) == 3
    texts = [row[8] for row in rows[1:]]
    assert HOSTILE in texts  # stored as text, not as a formula
    assert all(c.data_type == "s" for c in sheet["I"][1:])


def test_formula_cells_are_neutralised_in_csv(client: TestClient, study_file: Path) -> None:
    known = _code(study_file)
    a = known["passages"]["kommune_a"]
    store = Store.open(study_file)
    with store.begin() as connection:
        connection.execute(
            schema.passage.update().where(schema.passage.c.id == a[3]).values(text="=1+2")
        )
    store.close()
    code = known["codes"]["drivere"]
    body = client.get(f"/studies/{known['study']}/codes/{code}/passages.csv").text
    assert ",'=1+2," in body


def test_hostile_passage_text_is_escaped(client: TestClient, study_file: Path) -> None:
    known = _code(study_file, hostile=True)
    code = known["codes"]["drivere"]
    html = client.get(f"/studies/{known['study']}/codes/{code}/passages").text
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in html


def test_viewer_sees_neutral_names_and_no_sealed_attributes(server, server_file: Path) -> None:
    store = Store.open(server_file)
    with store.begin() as connection:
        connection.execute(
            schema.respondent.update()
            .where(schema.respondent.c.key == "K1")
            .values(attributes={"level": "kommune", "organisation": "Viborg Kommune"})
        )
    store.close()
    known = _code(server_file)
    s, code = known["study"], known["codes"]["drivere"]
    for name in ("vic", "cai"):
        client = server(name)
        data = client.get(f"/studies/{s}/codes/{code}/passages.json").json()
        text = str(data)
        assert "kommune_a" not in text and "stat_b" not in text and "Viborg" not in text
        assert {p["document"] for p in data["passages"]} == {"Interview 1", "Interview 2"}
        assert set(data["attributes"]) == {"level"}
        # An identifying attribute is no filter for them (it would reveal its value).
        sealed = client.get(f"/studies/{s}/codes/{code}/passages.json?organisation=Viborg")
        assert len(sealed.json()["passages"]) == 2
        csv = client.get(f"/studies/{s}/codes/{code}/passages.csv").text
        assert "kommune_a" not in csv and "Viborg" not in csv and "Interview 1" in csv
    admin = server("ada").get(f"/studies/{s}/codes/{code}/passages.json").json()
    assert "kommune_a.txt" in str(admin) and "Viborg Kommune" in str(admin)


def test_code_page_links_to_its_passages(client: TestClient, study_file: Path) -> None:
    known = ids(study_file)
    code = known["codes"]["drivere"]
    html = client.get(f"/studies/{known['study']}/codebook/{code}").text
    assert f'href="/studies/{known["study"]}/codes/{code}/passages"' in html


def test_blind_coders_retrieve_only_their_own_codings(server, server_file: Path) -> None:
    known = ids(server_file)
    s, a = known["study"], known["passages"]["kommune_a"]
    drivere, kompetencer = known["codes"]["drivere"], known["codes"]["udfordringer/kompetencer"]
    insert_coding(server_file, a[1], drivere, coder="cai", status="accepted")
    insert_coding(server_file, a[3], drivere, coder="cora", status="accepted")
    insert_coding(server_file, a[3], kompetencer, coder="cora", status="accepted")
    ada = server("ada")
    assert post(ada, f"/studies/{s}/settings", {"blind_coding": "true"}).status_code == 200
    cai = server("cai")
    mine = cai.get(f"/studies/{s}/codes/{drivere}/passages.json").json()
    assert [p["passage_id"] for p in mine["passages"]] == [a[1]] and mine["only_coder"] == "cai"
    matrix = cai.get(f"/studies/{s}/cooccurrence.json").json()
    assert [c["path"] for c in matrix["codes"]] == ["drivere"]
    everyone = ada.get(f"/studies/{s}/codes/{drivere}/passages.json").json()
    assert len(everyone["passages"]) == 2


def test_unanonymised_text_is_withheld_from_non_admins(tmp_path: Path) -> None:
    from indsigt.web import create_app

    from .helpers import add_users, login, make_study

    path = make_study(tmp_path / "s", anonymisation_required=True)
    add_users(path)
    known = ids(path)
    code = known["codes"]["drivere"]
    insert_coding(path, known["passages"]["kommune_a"][3], code, coder="ada", status="accepted")
    app = create_app(path, server=True, secret_key="k")
    with TestClient(app, base_url="http://testserver") as viewer:
        login(viewer, "vic")
        (item,) = viewer.get(f"/studies/1/codes/{code}/passages.json").json()["passages"]
        assert item["text"] == item["before"] == "" and "not anonymised" in item["text_withheld"]
        csv = viewer.get(f"/studies/1/codes/{code}/passages.csv").text
        assert "kompetencerne" not in csv and "not anonymised" in csv
    with TestClient(app, base_url="http://testserver") as admin:
        login(admin, "ada")
        (item,) = admin.get(f"/studies/1/codes/{code}/passages.json").json()["passages"]
        assert item["text"] == known["texts"][known["passages"]["kommune_a"][3]]
