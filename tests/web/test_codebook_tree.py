"""The codebook tree: moving codes (a drop, a keyboard step) and merging one into another,
with CSRF and roles, refusals worded on the page and in JSON."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from indsigt.store import schema

from .helpers import events, ids, insert_coding, post, rows, token


def tree(client: TestClient, s: int) -> list[tuple[str, int]]:
    book = client.get(f"/studies/{s}/codebook.json").json()
    return [(code["path"], code["depth"]) for code in book["codes"]]


def test_the_page_is_a_tree_with_step_buttons(client: TestClient, study_file: Path) -> None:
    known = ids(study_file)
    s = known["study"]
    page = client.get(f"/studies/{s}/codebook").text
    assert '<ul class="code-tree" id="code-tree"' in page
    assert '<ul class="code-children">' in page
    assert 'aria-label="Move drivere up"' in page
    assert 'aria-label="Put drivere under the code above it"' in page
    assert "/static/codebook.js" in page
    assert tree(client, s) == [("udfordringer", 0), ("udfordringer/kompetencer", 1), ("drivere", 0)]


def test_drop_and_steps_move_codes(client: TestClient, study_file: Path) -> None:
    known = ids(study_file)
    s, codes = known["study"], known["codes"]
    kompetencer = codes["udfordringer/kompetencer"]
    insert_coding(study_file, known["passages"]["kommune_a"][3], kompetencer)
    # a drop: under "drivere", first
    moved = post(
        client,
        f"/studies/{s}/codebook/{kompetencer}/move",
        {"parent_id": codes["drivere"], "position": 0},
    )
    assert moved.status_code == 200, moved.text
    assert moved.json() == {"id": kompetencer, "path": "drivere/kompetencer"}
    assert tree(client, s) == [("udfordringer", 0), ("drivere", 0), ("drivere/kompetencer", 1)]
    assert [row.code_id for row in rows(study_file, schema.coding)] == [kompetencer]
    # a drop at the top (parent empty), before everything
    post(
        client, f"/studies/{s}/codebook/{codes['drivere']}/move", {"parent_id": None, "position": 0}
    )
    assert tree(client, s)[0] == ("drivere", 0)
    # keyboard steps as the page's forms send them: redirect back to the code
    response = client.post(
        f"/studies/{s}/codebook/{kompetencer}/move",
        data={"direction": "outdent", "csrf_token": token(client)},
        follow_redirects=False,
    )
    assert response.status_code == 303
    assert response.headers["location"] == f"/studies/{s}/codebook#code-{kompetencer}"
    assert tree(client, s) == [("drivere", 0), ("kompetencer", 0), ("udfordringer", 0)]
    post(client, f"/studies/{s}/codebook/{kompetencer}/move", {"direction": "indent"})
    assert tree(client, s)[1] == ("drivere/kompetencer", 1)
    assert [e.payload["to"] for e in events(study_file, "code.moved")] == [
        "drivere/kompetencer",
        "drivere",
        "kompetencer",
        "drivere/kompetencer",
    ]


def test_move_refusals(client: TestClient, study_file: Path) -> None:
    known = ids(study_file)
    s, codes = known["study"], known["codes"]
    parent, child = codes["udfordringer"], codes["udfordringer/kompetencer"]
    url = f"/studies/{s}/codebook/{parent}/move"
    into_child = post(client, url, {"parent_id": child})
    assert into_child.status_code == 422
    assert into_child.json()["error"] == (
        "udfordringer cannot go into its own sub-code udfordringer/kompetencer"
    )
    assert post(client, url, {"parent_id": parent}).status_code == 422
    assert post(client, url, {"direction": "up"}).json()["error"] == (
        "udfordringer is the first code here already"
    )
    assert post(client, url, {"direction": "sideways"}).status_code == 422
    assert post(client, url, {"parent_id": 9999}).status_code == 404
    assert post(client, url, {"parent_id": "x"}).status_code == 422
    assert post(client, url, {"position": "-1"}).status_code == 422
    assert post(client, f"/studies/{s}/codebook/9999/move", {"parent_id": ""}).status_code == 404
    post(client, f"/studies/{s}/codebook", {"path": "drivere/kompetencer"})
    taken = post(client, f"/studies/{s}/codebook/{child}/move", {"parent_id": codes["drivere"]})
    assert taken.status_code == 409 and "'drivere/kompetencer' already" in taken.json()["error"]
    danish = client.post(
        url,
        json={"direction": "up"},
        headers={
            "X-CSRF-Token": token(client),
            "Accept": "application/json",
            "Accept-Language": "da",
        },
    )
    assert "første" in danish.json()["error"]
    assert events(study_file, "code.moved") == []


def test_merge_preview_and_merge(client: TestClient, study_file: Path) -> None:
    known = ids(study_file)
    s, codes = known["study"], known["codes"]
    a = known["passages"]["kommune_a"]
    source, target = codes["udfordringer"], codes["drivere"]
    insert_coding(study_file, a[1], source, coder="cai", status="accepted")
    insert_coding(study_file, a[3], source, coder="cai", status="accepted")
    insert_coding(study_file, a[3], target, coder="cai", status="suggested")  # collapses
    preview = client.get(f"/studies/{s}/codebook/{source}/merge?into={target}")
    assert preview.status_code == 200
    assert "2 codings move to drivere." in preview.text
    assert "1 of them joins a coding of the same passage by the same coder." in preview.text
    assert "1 sub-code moves with it." in preview.text
    plan = client.get(f"/studies/{s}/codebook/{source}/merge.json?into={target}").json()["plan"]
    assert (plan["codings"], plan["moved"], plan["collapsed"], plan["children"]) == (2, 1, 1, 1)
    assert rows(study_file, schema.code, schema.code.c.id == source)  # a preview changes nothing
    response = client.post(
        f"/studies/{s}/codebook/{source}/merge",
        data={"into": str(target), "csrf_token": token(client)},
        follow_redirects=False,
    )
    assert response.status_code == 303
    assert response.headers["location"] == f"/studies/{s}/codebook#code-{target}"
    assert tree(client, s) == [("drivere", 0), ("drivere/kompetencer", 1)]
    left = {(row.passage_id, row.code_id, row.status) for row in rows(study_file, schema.coding)}
    assert left == {(a[1], target, "accepted"), (a[3], target, "accepted")}
    (event,) = events(study_file, "code.merged")
    assert event.actor == "tester" and event.payload["source"] == "udfordringer"


def test_merge_refusals_are_shown_on_the_page(client: TestClient, study_file: Path) -> None:
    known = ids(study_file)
    s, codes = known["study"], known["codes"]
    parent, child = codes["udfordringer"], codes["udfordringer/kompetencer"]
    page = client.get(f"/studies/{s}/codebook/{parent}/merge?into={child}")
    assert page.status_code == 422
    assert 'id="merge-problem"' in page.text and "its own sub-code" in page.text
    assert 'id="merge-confirm"' not in page.text
    # the picker offers neither the code itself nor its sub-codes
    picker = client.get(f"/studies/{s}/codebook/{parent}/merge.json").json()
    assert [code["path"] for code in picker["targets"]] == ["drivere"]
    url = f"/studies/{s}/codebook/{parent}/merge"
    assert post(client, url, {"into": parent}).status_code == 422
    assert post(client, url, {"into": 9999}).status_code == 404
    assert post(client, url, {}).status_code == 422
    assert client.get(f"/studies/{s}/codebook/9999/merge").status_code == 404
    assert events(study_file, "code.merged") == []


def test_csrf_and_roles(server, server_file: Path) -> None:
    known = ids(server_file)
    s, codes = known["study"], known["codes"]
    code, target = codes["udfordringer"], codes["drivere"]
    vic, cai, ada = server("vic"), server("cai"), server("ada")
    move_url = f"/studies/{s}/codebook/{code}/move"
    merge_url = f"/studies/{s}/codebook/{code}/merge"
    # no CSRF token: refused before anything happens
    bare = cai.post(move_url, json={"direction": "down"}, headers={"Accept": "application/json"})
    assert bare.status_code == 403
    assert post(vic, move_url, {"direction": "down"}).status_code == 403
    assert post(cai, move_url, {"direction": "down"}).status_code == 200
    assert "Move drivere up" not in vic.get(f"/studies/{s}/codebook").text
    # merging moves everyone's codings: admins only
    assert cai.get(f"{merge_url}?into={target}").status_code == 403
    assert post(cai, merge_url, {"into": target}).status_code == 403
    assert "merge…" not in cai.get(f"/studies/{s}/codebook").text
    assert (
        ada.post(
            merge_url, json={"into": target}, headers={"Accept": "application/json"}
        ).status_code
        == 403
    )
    assert post(ada, merge_url, {"into": target}).status_code == 200
    assert rows(server_file, schema.code, schema.code.c.id == code) == []


def test_editing_a_path_moves_the_sub_codes_along(client: TestClient, study_file: Path) -> None:
    """Regression: renaming a parent's path in the edit form left its sub-codes' paths behind
    (``udfordringer/kompetencer`` under a code named ``udfordringer-ny``)."""
    known = ids(study_file)
    s, codes = known["study"], known["codes"]
    parent = codes["udfordringer"]
    edited = post(client, f"/studies/{s}/codebook/{parent}", {"path": "udfordringer-ny"})
    assert edited.status_code == 200, edited.text
    assert tree(client, s) == [
        ("udfordringer-ny", 0),
        ("udfordringer-ny/kompetencer", 1),
        ("drivere", 0),
    ]
    # a new parent by path: the code goes last under it, its place among siblings follows
    post(client, f"/studies/{s}/codebook/{parent}", {"path": "drivere/udfordringer"})
    assert tree(client, s) == [
        ("drivere", 0),
        ("drivere/udfordringer", 1),
        ("drivere/udfordringer/kompetencer", 2),
    ]


def test_editing_a_path_into_its_own_sub_code_is_refused(
    client: TestClient, study_file: Path
) -> None:
    """Regression: a path under the code's own sub-code made the code its own ancestor."""
    known = ids(study_file)
    s, codes = known["study"], known["codes"]
    parent = codes["udfordringer"]
    refused = post(
        client, f"/studies/{s}/codebook/{parent}", {"path": "udfordringer/kompetencer/x"}
    )
    assert refused.status_code == 422
    assert "its own sub-code" in refused.json()["error"]
    assert tree(client, s) == [("udfordringer", 0), ("udfordringer/kompetencer", 1), ("drivere", 0)]


def test_a_refused_edit_comes_back_to_the_form(client: TestClient, study_file: Path) -> None:
    known = ids(study_file)
    s, code = known["study"], known["codes"]["drivere"]
    response = client.post(
        f"/studies/{s}/codebook/{code}",
        data={"path": "udfordringer", "definition": "typed text", "csrf_token": token(client)},
        follow_redirects=False,
    )
    assert response.status_code == 409
    assert 'id="code-problem"' in response.text
    assert "the codebook has a code &#39;udfordringer&#39; already" in response.text
    assert "typed text" in response.text
