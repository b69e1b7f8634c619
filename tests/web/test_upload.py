"""Uploading transcripts through the web: same importers, size limit, hostile text inert."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from indsigt.store import schema
from indsigt.web import create_app

from .helpers import LOCAL, events, ids, make_study, rows, token

HOSTILE = """Interviewer: Hvad synes du? <script>alert(1)</script>
Hanne: <b>Fed</b> tekst og <img src=x onerror="alert(2)"> et billede. {{ 7*7 }} og {% raw %}.
"""


def _upload(client: TestClient, s: int, **kwargs) -> object:
    return client.post(
        f"/studies/{s}/upload",
        headers={"X-CSRF-Token": token(client), "Accept": "application/json"},
        **kwargs,
    )


def test_upload_a_file(client: TestClient, study_file: Path) -> None:
    s = ids(study_file)["study"]
    content = "Interviewer: Hvordan?\nPia: Sådan her. Og sådan.\n".encode()
    response = _upload(client, s, files={"files": ("ny_samtale.txt", content, "text/plain")})
    assert response.status_code == 201, response.text
    report = response.json()["import"]
    assert report["imported"] == ["ny_samtale.txt"] and report["passages"] == 3
    names = [d["name"] for d in client.get(f"/studies/{s}/documents.json").json()["documents"]]
    assert "ny_samtale.txt" in names
    logged = events(study_file, "document.uploaded")
    assert logged[0].actor == "tester" and logged[0].payload["files"] == ["ny_samtale.txt"]
    again = _upload(client, s, files={"files": ("igen.txt", content, "text/plain")})
    assert again.json()["import"]["skipped"] == ["igen.txt"]


def test_pasted_hostile_text_renders_inert(client: TestClient, study_file: Path) -> None:
    s = ids(study_file)["study"]
    response = _upload(client, s, data={"name": "<i>farlig</i>", "text": HOSTILE})
    assert response.status_code == 201, response.text
    [name] = response.json()["import"]["imported"]
    assert "<" not in name and name.endswith(".txt")
    doc = next(d for d in rows(study_file, schema.document) if d.name == name)
    assert "<script>alert(1)</script>" in doc.text  # stored as written …
    html = client.get(f"/studies/{s}/documents/{doc.id}").text
    assert "<script>alert(1)" not in html  # … and shown as text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<img src=x" not in html and "&lt;img src=x onerror=" in html
    assert "<b>Fed</b>" not in html and "{{ 7*7 }}" in html


def test_a_transcriber_s_json_and_web_page_upload_with_their_speakers_and_times(
    client: TestClient, study_file: Path
) -> None:
    """WhisperX's JSON and a web page (noScribe) through the upload form: speakers and times
    kept; markup in the page's text (written as entities) is stored as text and shown inert."""
    s = ids(study_file)["study"]
    whisperx = (
        '{"segments": [{"start": 1.5, "end": 3.0, "text": " Hvad fylder mest?", '
        '"speaker": "SPEAKER_00"}, {"start": 3.5, "end": 9.0, "text": " Økonomien. Og '
        'rekrutteringen.", "speaker": "SPEAKER_01"}], "language": "da"}'
    ).encode()
    page = (
        b"<html><head><script>alert(0)</script></head><body><p>S00: Hvad fylder mest?</p>"
        b"<p>S01: Det er &lt;script&gt;alert(1)&lt;/script&gt; og <b>budgettet</b>.</p>"
        b"<p>S00: Hvorfor?</p><p>S01: Fordi.</p></body></html>"
    )
    response = _upload(
        client,
        s,
        files=[
            ("files", ("optagelse.json", whisperx, "application/json")),
            ("files", ("noscribe.html", page, "text/html")),
        ],
    )
    assert response.status_code == 201, response.text
    assert response.json()["import"]["imported"] == ["optagelse.json", "noscribe.html"]
    documents = {d.name: d for d in rows(study_file, schema.document)}
    turns = [
        t for t in rows(study_file, schema.turn) if t.document_id == documents["optagelse.json"].id
    ]
    assert [(t.start_ms, t.end_ms) for t in turns] == [(1500, 3000), (3500, 9000)]
    shown = client.get(f"/studies/{s}/documents/{documents['optagelse.json'].id}").text
    assert "00:00:03" in shown and "Økonomien" in shown
    web = documents["noscribe.html"]
    assert "<script>alert(1)</script>" in web.text and "alert(0)" not in web.text
    html = client.get(f"/studies/{s}/documents/{web.id}").text
    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_upload_limits_and_errors(study_file: Path) -> None:
    with TestClient(
        create_app(study_file, local_user="t", max_upload_mb=0.01), base_url=LOCAL
    ) as small:
        s = ids(study_file)["study"]
        big = b"Interviewer: " + b"x" * 20_000
        too_big = _upload(small, s, files={"files": ("big.txt", big, "text/plain")})
        assert too_big.status_code == 413
        unsupported = _upload(small, s, files={"files": ("virus.exe", b"MZ", "application/x")})
        assert unsupported.status_code == 422 and "unsupported" in unsupported.json()["error"]
        empty = _upload(small, s, data={"text": "   "})
        assert empty.status_code == 422
        traversal = _upload(
            small, s, files={"files": ("../../etc/evil.txt", b"I: hej\nA: ja\n", "text/plain")}
        )
        assert traversal.json()["import"]["imported"] == ["evil.txt"]


def test_upload_failures_name_the_file_not_the_temp_folder(
    client: TestClient, study_file: Path
) -> None:
    s = ids(study_file)["study"]
    response = _upload(client, s, files={"files": ("tom.pdf", b"not a pdf", "application/pdf")})
    assert response.status_code == 422
    message = response.json()["error"]
    assert message.startswith("tom.pdf") and "indsigt-upload-" not in message


def test_viewer_cannot_upload(server, server_file: Path) -> None:
    s = ids(server_file)["study"]
    vic = server("vic")
    response = _upload(vic, s, data={"name": "x", "text": "I: a\nB: b\n"})
    assert response.status_code == 403
    assert "needs the coder role" in vic.get(f"/studies/{s}/upload").text


def test_upload_into_a_study_that_needs_anonymisation(tmp_path: Path) -> None:
    path = make_study(tmp_path / "raw", anonymisation_required=True)
    with TestClient(create_app(path, local_user="t"), base_url=LOCAL) as raw:
        s = ids(path)["study"]
        response = _upload(raw, s, data={"name": "ny", "text": "I: a\nB: b\n"})
        assert response.status_code == 201


def test_a_form_upload_says_which_files_were_not_imported(study_file: Path) -> None:
    """Found by the browser flows: a form upload of content the study already has went to the
    Documents page without a word, and the file was simply not there."""
    s = ids(study_file)["study"]
    content = "Interviewer: Hvordan?\nPia: Sådan her. Og sådan.\n".encode()
    other = "Interviewer: Og så?\nPia: Noget andet.\n".encode()
    app = create_app(study_file, local_user="tester")
    with TestClient(app, base_url=LOCAL, headers={"Accept-Language": "da"}) as client:
        first = client.post(
            f"/studies/{s}/upload",
            data={"csrf_token": token(client)},
            files={"files": ("ny.txt", content, "text/plain")},
            follow_redirects=False,
        )
        assert first.status_code == 303 and first.headers["location"].endswith("/documents")
        again = client.post(
            f"/studies/{s}/upload",
            data={"csrf_token": token(client)},
            files=[
                ("files", ("igen.txt", content, "text/plain")),
                ("files", ("anden.txt", other, "text/plain")),
            ],
            follow_redirects=False,
        )
    assert again.status_code == 200, again.text
    assert "Importeret: anden.txt." in again.text
    assert "samme indhold: igen.txt." in again.text
    names = {d.name for d in rows(study_file, schema.document)}
    assert "anden.txt" in names and "igen.txt" not in names


def test_an_admin_removes_a_document_to_upload_it_again(
    client: TestClient, study_file: Path
) -> None:
    """The document page's "Remove document" (admins): the document and its codings go, the
    other document stays, an event names it, and the file can be uploaded again."""
    known = ids(study_file)
    s, doc = known["study"], known["docs"]["kommune_a"]
    assert "Remove document" in client.get(f"/studies/{s}/documents/{doc}").text
    before = len(rows(study_file, schema.passage))
    removed = client.post(
        f"/studies/{s}/documents/{doc}/delete",
        headers={"X-CSRF-Token": token(client), "Accept": "application/json"},
    )
    assert removed.status_code == 200, removed.text
    assert removed.json()["name"] == "kommune_a.txt" and removed.json()["turns"] == 4
    names = [d["name"] for d in client.get(f"/studies/{s}/documents.json").json()["documents"]]
    assert names == ["stat_b.txt"]
    assert len(rows(study_file, schema.passage)) == before - removed.json()["passages"]
    assert events(study_file, "document.removed")[0].actor == "tester"
    assert client.get(f"/studies/{s}/documents/{doc}").status_code == 404
    gone = client.post(
        f"/studies/{s}/documents/{doc}/delete",
        headers={"X-CSRF-Token": token(client), "Accept": "application/json"},
    )
    assert gone.status_code == 404


def test_only_an_admin_removes_a_document(server, server_file: Path) -> None:
    known = ids(server_file)
    s, doc = known["study"], known["docs"]["kommune_a"]
    cai = server("cai")
    response = cai.post(
        f"/studies/{s}/documents/{doc}/delete",
        headers={"X-CSRF-Token": token(cai), "Accept": "application/json"},
    )
    assert response.status_code == 403
    assert "Remove document" not in cai.get(f"/studies/{s}/documents/{doc}").text
    assert doc in ids(server_file)["docs"].values()


TWO_LEADERS = {
    "borgmester.txt": "Interviewer: Hvad fylder?\nLone: Økonomien fylder mest hos os.\n",
    "direktoer.txt": "Interviewer: Og hos jer?\nKarsten: Data og rekruttering.\n",
}
SHEET = (
    "Interview;Taler;Navn;Niveau\n"
    "borgmester;Lone;Lone Holm;kommune\n"
    "direktoer;Karsten;Karsten Bak;region\n"
    "borgmester;Interviewer;;interviewer\n"
)


def _post_form(client: TestClient, s: int, files: list[tuple[str, Any]]) -> Any:
    return client.post(
        f"/studies/{s}/upload",
        data={"csrf_token": token(client)},
        files=files,
        follow_redirects=False,
    )


def test_transcripts_and_a_danish_respondents_sheet_in_one_upload(study_file: Path) -> None:
    """An analyst with only the browser gives who each speaker is and their level: before,
    the upload form took no sheet, so a study imported in the browser had no segments and its
    quotes no "— Leder i kommune". The sheet's Danish headers are read like the CLI's, and the
    page says what it read."""
    s = ids(study_file)["study"]
    app = create_app(study_file, local_user="tester")
    with TestClient(app, base_url=LOCAL, headers={"Accept-Language": "da"}) as client:
        response = _post_form(
            client,
            s,
            [
                *[
                    ("files", (name, text.encode(), "text/plain"))
                    for name, text in TWO_LEADERS.items()
                ],
                ("respondents", ("ledere.csv", SHEET.encode(), "text/csv")),
            ],
        )
    assert response.status_code == 200, response.text
    assert "fandt 3 talere" in response.text
    assert "kommune 2, region 1" in response.text  # with the study's own two interviews
    by_name = {d.name: d.id for d in rows(study_file, schema.document)}
    speakers = {
        (row.document_id, row.label): row
        for row in rows(study_file, schema.speaker)
        if row.document_id in {by_name["borgmester.txt"], by_name["direktoer.txt"]}
    }
    lone = speakers[(by_name["borgmester.txt"], "Lone")]
    assert lone.role == "respondent" and lone.respondent_id is not None
    respondent = next(r for r in rows(study_file, schema.respondent) if r.id == lone.respondent_id)
    assert respondent.attributes == {"level": "kommune"}
    assert speakers[(by_name["borgmester.txt"], "Interviewer")].role == "interviewer"
    identities = " ".join(str(r) for r in rows(study_file, schema.identity))
    assert "Lone Holm" in identities  # the name goes where names are kept, for the anonymiser
    [logged] = events(study_file, "document.uploaded")
    assert logged.payload["sheet"] == "ledere.csv" and logged.payload["speakers_linked"] == 3


def test_a_sheet_alone_links_the_speakers_imported_before(
    client: TestClient, study_file: Path
) -> None:
    s = ids(study_file)["study"]
    files = [("files", (n, t.encode(), "text/plain")) for n, t in TWO_LEADERS.items()]
    assert _upload(client, s, files=files).status_code == 201
    response = _upload(
        client, s, files={"respondents": ("ledere.xlsx", _xlsx(SHEET), "application/octet-stream")}
    )
    assert response.status_code == 201, response.text
    report = response.json()["import"]
    assert report["imported"] == [] and report["speakers_linked"] == 3
    levels = sorted(str(r.attributes.get("level")) for r in rows(study_file, schema.respondent))
    assert levels.count("region") == 1 and levels.count("kommune") == 2


def test_a_sheet_that_names_a_speaker_no_transcript_has_imports_nothing(
    client: TestClient, study_file: Path
) -> None:
    """The error names the sheet, the row and the speakers there are, not the temporary folder;
    the transcripts of that upload are not half imported."""
    s = ids(study_file)["study"]
    before = len(rows(study_file, schema.document))
    wrong = SHEET.replace("direktoer;Karsten;", "direktoer;Kasper;")
    response = _upload(
        client,
        s,
        files=[
            *[("files", (n, t.encode(), "text/plain")) for n, t in TWO_LEADERS.items()],
            ("respondents", ("ledere.csv", wrong.encode(), "text/csv")),
        ],
    )
    assert response.status_code == 422
    message = response.json()["error"]
    assert message.startswith("ledere.csv") and "row 3" in message and "Kasper" in message
    assert "Karsten" in message and "indsigt-upload-" not in message
    assert len(rows(study_file, schema.document)) == before
    not_a_sheet = _upload(
        client, s, files={"respondents": ("ledere.docx", b"PK", "application/octet-stream")}
    )
    assert not_a_sheet.status_code == 422
    assert "ledere.docx: a respondents sheet must be .csv" in not_a_sheet.json()["error"]
    two = _upload(
        client,
        s,
        files=[
            ("respondents", ("a.csv", SHEET.encode(), "text/csv")),
            ("respondents", ("b.csv", SHEET.encode(), "text/csv")),
        ],
    )
    assert two.status_code == 422 and "one respondents sheet" in two.json()["error"]


def _xlsx(csv_text: str) -> bytes:
    """The sheet as Excel writes it (openpyxl), for the importer's xlsx path."""
    import io

    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for line in csv_text.strip().splitlines():
        sheet.append(line.split(";"))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_an_admin_downloads_the_speakers_as_a_sheet_and_uploads_it_filled_in(
    client: TestClient, study_file: Path
) -> None:
    """The labels a transcript tool gave ("SPEAKER_01", "Participant") are what a sheet must
    name: the download lists them with a column to fill in; filled in and uploaded, it links."""
    from openpyxl import load_workbook

    s = ids(study_file)["study"]
    assert 'id="speakers-sheet"' in client.get(f"/studies/{s}/upload").text
    files = [("files", (n, t.encode(), "text/plain")) for n, t in TWO_LEADERS.items()]
    assert _upload(client, s, files=files).status_code == 201
    download = client.get(f"/studies/{s}/respondents.xlsx")
    assert download.status_code == 200
    assert download.headers["content-disposition"].endswith(f'respondents-study-{s}.xlsx"')
    book = load_workbook(io.BytesIO(download.content))
    sheet = book.active
    assert sheet is not None
    header = [cell.value for cell in sheet[1]]
    assert header[:4] == ["document", "speaker", "kind", "respondent"] and "level" in header
    level = header.index("level") + 1
    for row in sheet.iter_rows(min_row=2):
        if row[1].value == "Karsten":
            sheet.cell(row=row[0].row, column=level, value="region")
    out = io.BytesIO()
    book.save(out)
    back = _upload(client, s, files={"respondents": ("filled.xlsx", out.getvalue(), "x")})
    assert back.status_code == 201, back.text
    levels = sorted(str(r.attributes.get("level")) for r in rows(study_file, schema.respondent))
    assert "region" in levels


def test_only_an_admin_downloads_the_speakers(server: Any, server_file: Path) -> None:
    s = ids(server_file)["study"]
    cai = server("cai")
    assert cai.get(f"/studies/{s}/respondents.xlsx").status_code == 403
    assert 'id="speakers-sheet"' not in cai.get(f"/studies/{s}/upload").text
