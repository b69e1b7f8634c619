"""The codebook editor: add, edit, delete, with validation and audit events."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from indsigt.store import schema

from .helpers import events, ids, insert_coding, post, rows, token


def test_add_edit_delete(client: TestClient, study_file: Path) -> None:
    s = ids(study_file)["study"]
    added = post(
        client,
        f"/studies/{s}/codebook",
        {
            "path": "drivere/borgere",
            "label": "Borgernes forventninger",
            "keywords": "borgere, forventer",
            "examples": "Borgerne forventer\nBorgerne vil have",
            "color": "#123ABC",
        },
    )
    assert added.status_code == 201, added.text
    code_id = added.json()["id"]
    code = client.get(f"/studies/{s}/codebook/{code_id}.json").json()["code"]
    assert code["label"] == "Borgernes forventninger"
    assert code["keywords"] == ["borgere", "forventer"]
    assert code["examples"] == ["Borgerne forventer", "Borgerne vil have"]
    assert code["color"] == "#123abc"
    assert code["parent_id"] == ids(study_file)["codes"]["drivere"]

    edited = post(
        client,
        f"/studies/{s}/codebook/{code_id}",
        {"path": "drivere/borgere", "label": "Borgere", "definition": "Forventninger"},
    )
    assert edited.status_code == 200
    code = client.get(f"/studies/{s}/codebook/{code_id}.json").json()["code"]
    assert code["label"] == "Borgere" and code["definition"] == "Forventninger"
    assert events(study_file, "code.updated")[0].payload["changed"] == [
        "color",
        "definition",
        "examples",
        "keywords",
        "labels",
    ]

    insert_coding(study_file, ids(study_file)["passages"]["stat_b"][1], code_id)
    deleted = post(client, f"/studies/{s}/codebook/{code_id}/delete", {})
    assert deleted.json() == {"id": code_id, "codings_removed": 1}
    assert rows(study_file, schema.code, schema.code.c.id == code_id) == []
    assert rows(study_file, schema.coding) == []  # the code's codings went with it
    assert [e.actor for e in events(study_file, "code.added")] == ["test"] * 3 + ["tester"]
    assert events(study_file, "code.deleted")[0].payload["codings_removed"] == 1


def test_codebook_validation(client: TestClient, study_file: Path) -> None:
    s = ids(study_file)["study"]
    url = f"/studies/{s}/codebook"
    assert post(client, url, {"path": ""}).status_code == 422
    assert post(client, url, {"path": "a//b"}).status_code == 422
    bad_colour = post(client, url, {"path": "x", "color": "red;background:url(x)"})
    assert bad_colour.status_code == 422 and "#rrggbb" in bad_colour.json()["error"]
    assert post(client, url, {"path": "drivere"}).status_code == 409
    assert len(rows(study_file, schema.code)) == 3


def test_codebook_form_redirects(client: TestClient, study_file: Path) -> None:
    s = ids(study_file)["study"]
    response = client.post(
        f"/studies/{s}/codebook",
        data={"path": "ny", "label": "Ny", "csrf_token": token(client)},
        follow_redirects=False,
    )
    assert response.status_code == 303
    assert response.headers["location"] == f"/studies/{s}/codebook"
    assert "ny" in client.get(f"/studies/{s}/codebook").text


def test_roles_on_the_codebook(server, server_file: Path) -> None:
    known = ids(server_file)
    s, code = known["study"], known["codes"]["drivere"]
    vic, cai = server("vic"), server("cai")
    assert post(vic, f"/studies/{s}/codebook", {"path": "v"}).status_code == 403
    assert post(cai, f"/studies/{s}/codebook", {"path": "c"}).status_code == 201
    assert post(cai, f"/studies/{s}/codebook/{code}/delete", {}).status_code == 403
    assert vic.get(f"/studies/{s}/codebook.json").json()["can_edit"] is False
    assert "Add a code" not in vic.get(f"/studies/{s}/codebook").text


def test_deleting_a_code_counts_the_codings_of_its_sub_codes(
    client: TestClient, study_file: Path
) -> None:
    """The sub-codes' codings go with them (by cascade): the count says so (it said 1 here)."""
    known = ids(study_file)
    s, codes = known["study"], known["codes"]
    passage = known["passages"]["stat_b"][1]
    insert_coding(study_file, passage, codes["udfordringer"])
    insert_coding(study_file, passage, codes["udfordringer/kompetencer"])
    deleted = post(client, f"/studies/{s}/codebook/{codes['udfordringer']}/delete", {})
    assert deleted.json() == {"id": codes["udfordringer"], "codings_removed": 2}
    assert rows(study_file, schema.code, schema.code.c.path == "udfordringer/kompetencer") == []
    assert rows(study_file, schema.coding) == []
    (event,) = events(study_file, "code.deleted")
    assert event.payload["codings_removed"] == 2 and event.payload["sub_codes_removed"] == 1


def test_what_was_typed_is_checked_before_the_code_is_looked_up(
    client: TestClient, study_file: Path
) -> None:
    s = ids(study_file)["study"]
    assert post(client, f"/studies/{s}/codebook/9999", {"path": "a//b"}).status_code == 422
    assert (
        post(client, f"/studies/{s}/codebook/9999", {"path": "a", "color": "red"}).status_code
        == 422
    )
    assert post(client, f"/studies/{s}/codebook/9999", {"path": "a"}).status_code == 404
