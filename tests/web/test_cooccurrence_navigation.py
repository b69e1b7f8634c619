"""The co-occurrence matrix and document navigation (issue 21)."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from .helpers import MACHINE, ids, insert_coding

STATUSES = ("accepted", "suggested")


def test_cooccurrence_matrix_links_to_the_pair(client: TestClient, study_file: Path) -> None:
    known = ids(study_file)
    s, a, b = known["study"], known["passages"]["kommune_a"], known["passages"]["stat_b"]
    kompetencer, drivere = known["codes"]["udfordringer/kompetencer"], known["codes"]["drivere"]
    insert_coding(study_file, a[3], kompetencer, coder="tester", status="accepted")
    insert_coding(study_file, a[3], drivere, coder="tester", status="accepted")
    insert_coding(study_file, b[1], drivere, coder="tester", status="accepted")
    insert_coding(study_file, b[1], kompetencer, coder=MACHINE, status="suggested")
    data = client.get(f"/studies/{s}/cooccurrence.json").json()
    assert [c["path"] for c in data["codes"]] == ["drivere", "udfordringer/kompetencer"]
    first = data["rows"][0]
    assert [c["n"] for c in first["cells"]] == [2, 1]
    pair = first["cells"][1]["url"]
    assert pair == f"/studies/{s}/codes/{drivere}/passages?subcodes=0&with={kompetencer}"
    linked = client.get(pair.replace("/passages?", "/passages.json?")).json()
    assert len(linked["passages"]) == first["cells"][1]["n"]
    both = client.get(f"/studies/{s}/cooccurrence.json?suggestions=1").json()
    assert [c["n"] for c in both["rows"][0]["cells"]] == [2, 2]
    people = client.get(f"/studies/{s}/cooccurrence.json?unit=respondents").json()
    assert [c["n"] for c in people["rows"][0]["cells"]] == [2, 1]
    assert client.get(f"/studies/{s}/cooccurrence?unit=nonsense").status_code == 422
    # The same pairs as analyse.compare.cooccurrence counts.
    from indsigt.analyse.compare import cooccurrence
    from indsigt.store import Store

    store = Store.open(study_file)
    try:
        for unit, statuses in (("passages", ("accepted",)), ("respondents", STATUSES)):
            expected = cooccurrence(store, s, unit=unit, statuses=statuses)
            suffix = "&suggestions=1" if len(statuses) == 2 else ""
            matrix = client.get(f"/studies/{s}/cooccurrence.json?unit={unit}{suffix}").json()
            found = {
                (row["path"], cell["path"]): cell["n"]
                for row in matrix["rows"]
                for cell in row["cells"]
                if row["path"] < cell["path"] and cell["n"]
            }
            assert found == {(a, b): n for a, b, n in expected}, unit
    finally:
        store.close()
    html = client.get(f"/studies/{s}/cooccurrence").text
    assert f'href="{pair.replace("&", "&amp;")}"' in html


def test_document_navigation(client: TestClient, study_file: Path) -> None:
    known = ids(study_file)
    s, first, second = known["study"], known["docs"]["kommune_a"], known["docs"]["stat_b"]
    one = client.get(f"/studies/{s}/documents/{first}.json").json()["navigation"]
    assert one["previous"] is None and one["next"]["id"] == second
    assert [d["current"] for d in one["documents"]] == [True, False]
    two = client.get(f"/studies/{s}/documents/{second}").text
    assert f'rel="prev" href="/studies/{s}/documents/{first}"' in two
    assert 'rel="next"' not in two


def test_viewer_navigation_uses_neutral_names(server, server_file: Path) -> None:
    known = ids(server_file)
    s, first = known["study"], known["docs"]["kommune_a"]
    nav = server("vic").get(f"/studies/{s}/documents/{first}.json").json()["navigation"]
    assert [d["name"] for d in nav["documents"]] == ["Interview 1", "Interview 2"]
    assert nav["next"]["name"] == "Interview 2"
