"""Segment tables ("n of N" respondents), the themes page without themes, reports placeholder."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from indsigt.store import Store, schema
from indsigt.store.store import insert_returning_id, now
from indsigt.web import create_app
from indsigt.web.views import reports as reports_view
from indsigt.web.views.reports import reports_dir

from .helpers import ENGLISH, LOCAL, MACHINE, ids, insert_coding, post


def test_segment_table_counts_respondents(client: TestClient, study_file: Path) -> None:
    known = ids(study_file)
    s = known["study"]
    kompetencer = known["codes"]["udfordringer/kompetencer"]
    # Mette (kommune) twice, Lars (stat) once; the interviewer's passage does not count
    picked = [known["passages"]["kommune_a"][i] for i in (3, 5)]
    picked += [known["passages"]["stat_b"][4], known["passages"]["stat_b"][0]]
    post(client, f"/studies/{s}/codings", {"passage_ids": picked, "code_id": kompetencer})
    insert_coding(study_file, known["passages"]["stat_b"][1], known["codes"]["drivere"])
    data = client.get(f"/studies/{s}/segments.json").json()
    table = data["table"]
    assert data["by"] == "level" and table["unit"] == "respondents"
    assert table["segments"] == [
        {"segment": "kommune", "size": 1},
        {"segment": "stat", "size": 1},
    ]
    rows = {row["path"]: row for row in table["rows"]}
    # the parent code counts its child; the unreviewed suggestion (drivere) is not counted
    assert set(rows) == {"udfordringer", "udfordringer/kompetencer"}
    cells = rows["udfordringer/kompetencer"]["cells"]
    assert [(c["n"], c["of"]) for c in cells] == [(1, 1), (1, 1)]
    assert rows["udfordringer/kompetencer"]["total"]["text"] == "2 of 2 *"
    assert "too few respondents" in rows["udfordringer/kompetencer"]["test"]["note"]
    with_suggestions = client.get(f"/studies/{s}/segments.json?suggestions=true").json()
    drivere = next(r for r in with_suggestions["table"]["rows"] if r["path"] == "drivere")
    assert [c["n"] for c in drivere["cells"]] == [0, 1]
    only_machine = client.get(f"/studies/{s}/segments.json?coder={MACHINE}").json()
    assert only_machine["table"]["rows"] == []
    passages = client.get(f"/studies/{s}/segments.json?unit=passages").json()["table"]
    assert passages["unit"] == "passages"
    html = client.get(f"/studies/{s}/segments").text
    assert "1 of 1" in html and 'style="width: 100.0%"' in html


def test_a_study_with_themes_and_no_codes_segments_its_themes(
    client: TestClient, study_file: Path
) -> None:
    """With no codebook the segment page was empty ("No codings to count"), though the study
    had themes: its rows are now the themes, counted as the report counts them (respondents
    whose statements fall in the theme), by the segment's respondents."""
    s = ids(study_file)["study"]
    run = post(client, f"/studies/{s}/themes/run", {"unit": "passage", "k": 3})
    assert run.status_code in (200, 201), run.text
    themes = {t["label"]: t for t in client.get(f"/studies/{s}/themes.json").json()["themes"]}
    coded = client.get(f"/studies/{s}/segments.json").json()
    assert coded["rows"] == "codes" and coded["has_themes"]  # the codebook's codes come first
    data = client.get(f"/studies/{s}/segments.json", params={"rows": "themes"}).json()
    table = data["table"]
    assert data["rows"] == "themes" and table["problem"] is None
    assert [c["segment"] for c in table["segments"]] == ["kommune", "stat"]
    assert table["rows"] and {row["label"] for row in table["rows"]} <= set(themes)
    for row in table["rows"]:
        assert 0 < row["total"]["n"] <= themes[row["label"]]["respondents"]
        assert row["total"]["n"] == sum(cell["n"] for cell in row["cells"])
    assert "statements fall in the theme" in table["notes"][0]
    for code in ids(study_file)["codes"].values():
        post(client, f"/studies/{s}/codebook/{code}/delete", {})
    html = client.get(f"/studies/{s}/segments").text  # no codes left: the themes by default
    assert "<th>Theme</th>" in html and 'option value="themes" selected' in html


def test_segments_without_attributes(tmp_path: Path) -> None:
    import indsigt

    path = tmp_path / "bare.db"
    (tmp_path / "x.txt").write_text("I: hej\nB: hej hej\n", encoding="utf-8")
    with indsigt.init_study(path, anonymisation_required=False) as study:
        study.import_files([tmp_path / "x.txt"])
    with TestClient(create_app(path, local_user="t"), base_url=LOCAL, headers=ENGLISH) as bare:
        data = bare.get("/studies/1/segments.json").json()
        assert data["attributes"] == [] and data["table"] is None
        assert "No respondent attributes" in bare.get("/studies/1/segments").text


def test_themes_page_without_themes(client: TestClient, study_file: Path) -> None:
    s = ids(study_file)["study"]
    data = client.get(f"/studies/{s}/themes.json").json()
    assert data["available"] is False and data["themes"] == []
    assert "No themes in this study yet" in client.get(f"/studies/{s}/themes").text


def test_reports_placeholder_without_a_report_module(
    client: TestClient, study_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(reports_view, "reports_available", lambda: False)
    s = ids(study_file)["study"]
    data = client.get(f"/studies/{s}/reports.json").json()
    assert data == {**data, "available": False, "files": []}
    assert "not part of this version" in client.get(f"/studies/{s}/reports").text


def test_reports_are_listed_and_served(
    client: TestClient, study_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(reports_view, "reports_available", lambda: True)
    folder = study_file.parent / "reports"
    folder.mkdir()
    (folder / "rapport.html").write_text("<h1>Rapport</h1>", encoding="utf-8")
    (folder / "rapport.docx").write_bytes(b"PK fake")
    (folder / "notes.txt").write_text("not a report", encoding="utf-8")
    s = ids(study_file)["study"]
    data = client.get(f"/studies/{s}/reports.json").json()
    assert [(f["name"], f["preview"]) for f in data["files"]] == [
        ("rapport.docx", False),
        ("rapport.html", True),
    ]
    preview = client.get(f"/studies/{s}/reports/rapport.html")
    policy = preview.headers["content-security-policy"]
    assert preview.status_code == 200 and policy.startswith("sandbox;")
    # the report's inline styles and data: charts render; nothing else loads, no script runs
    assert "style-src 'unsafe-inline'" in policy and "img-src data:" in policy
    assert "script-src" not in policy and "default-src 'none'" in policy
    assert preview.headers["content-disposition"].startswith("inline")
    download = client.get(f"/studies/{s}/reports/rapport.html?download=true")
    assert download.headers["content-disposition"].startswith("attachment")
    assert client.get(f"/studies/{s}/reports/notes.txt").status_code == 404
    assert client.get(f"/studies/{s}/reports/..%2Fstudy.db").status_code == 404


def test_reports_belong_to_their_study(
    client: TestClient, study_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 18, item 12: study 2 never lists or serves study 1's report."""
    monkeypatch.setattr(reports_view, "reports_available", lambda: True)
    first = ids(study_file)["study"]
    second = _add_study(study_file, "Anden")
    root = study_file.parent / "reports"
    own = reports_dir(root, first)
    own.mkdir(parents=True)
    (own / "report.html").write_text("<h1>Study one</h1>", encoding="utf-8")
    (root / "old.html").write_text("<h1>Shared root</h1>", encoding="utf-8")
    assert client.get(f"/studies/{second}/reports.json").json()["files"] == []
    assert client.get(f"/studies/{second}/reports/report.html").status_code == 404
    assert client.get(f"/studies/{second}/reports/old.html").status_code == 404
    # two studies: the files in the shared root belong to neither
    assert [f["name"] for f in client.get(f"/studies/{first}/reports.json").json()["files"]] == [
        "report.html"
    ]
    assert "Study one" in client.get(f"/studies/{first}/reports/report.html").text
    theirs = reports_dir(root, second)
    theirs.mkdir()
    (theirs / "report.html").write_text("<h1>Study two</h1>", encoding="utf-8")
    assert "Study two" in client.get(f"/studies/{second}/reports/report.html").text
    assert "Study one" in client.get(f"/studies/{first}/reports/report.html").text


def test_demo_reports_are_listed_for_its_study(tmp_path: Path) -> None:
    from indsigt.folders import reports_root, study_reports

    study = tmp_path / "demo" / "study.db"
    root = reports_root(study)
    assert root == (tmp_path / "demo" / "reports").resolve()
    assert study_reports(root, 1) == root / "study-1"


def _add_study(path: Path, name: str) -> int:
    store = Store.open(path)
    try:
        with store.begin() as connection:
            return insert_returning_id(
                connection,
                schema.study.insert().values(
                    name=name,
                    language="da",
                    description="",
                    segment_attributes=["level"],
                    anonymisation_required=False,
                    created_at=now(),
                ),
            )
    finally:
        store.close()
