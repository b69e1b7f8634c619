"""Adding and removing codings: coder = the user, status accepted, one audit event each."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from indsigt.store import schema

from .helpers import LOCAL, events, ids, insert_coding, make_study, post, rows


def test_add_coding_to_selected_passages(client: TestClient, study_file: Path) -> None:
    known = ids(study_file)
    s, code = known["study"], known["codes"]["drivere"]
    picked = known["passages"]["stat_b"][1:3]
    response = post(client, f"/studies/{s}/codings", {"passage_ids": picked, "code_id": code})
    assert response.status_code == 201, response.text
    created = response.json()["codings"]
    assert [c["passage_id"] for c in created] == picked
    assert all(c["created"] and c["coder"] == "tester" for c in created)
    stored = rows(study_file, schema.coding, schema.coding.c.code_id == code)
    assert {(r.passage_id, r.coder, r.status) for r in stored} == {
        (p, "tester", "accepted") for p in picked
    }
    logged = events(study_file, "coding.added")
    assert {e.entity_id for e in logged} == {str(c["id"]) for c in created}
    assert {e.actor for e in logged} == {"tester"}

    again = post(client, f"/studies/{s}/codings", {"passage_ids": picked, "code_id": code})
    assert again.status_code == 201
    assert [c["created"] for c in again.json()["codings"]] == [False, False]
    assert [c["id"] for c in again.json()["codings"]] == [c["id"] for c in created]
    assert len(rows(study_file, schema.coding, schema.coding.c.code_id == code)) == 2
    assert len(events(study_file, "coding.added")) == 2


def test_document_page_highlights_the_coding(client: TestClient, study_file: Path) -> None:
    known = ids(study_file)
    s, doc = known["study"], known["docs"]["stat_b"]
    passage = known["passages"]["stat_b"][1]
    code = known["codes"]["udfordringer"]
    post(client, f"/studies/{s}/codings", {"passage_ids": [passage], "code_id": code})
    html = client.get(f"/studies/{s}/documents/{doc}").text
    assert f'class="piece passage" data-passage="{passage}"' in html
    coding = rows(study_file, schema.coding)[0]
    assert f'<mark class="seg" style="--c: #e76f51" data-codings="{coding.id}">' in html
    assert 'class="chip" style="--c: #e76f51; --ink: #1f2933"' in html
    assert '<span class="coder">tester</span>' in html  # the chip names its coder
    assert 'class="remove"' in html  # the coder may remove their own coding


def test_form_post_redirects_back(client: TestClient, study_file: Path) -> None:
    from .helpers import token

    known = ids(study_file)
    s, doc = known["study"], known["docs"]["stat_b"]
    response = client.post(
        f"/studies/{s}/codings",
        data={
            "passage_ids": [str(p) for p in known["passages"]["stat_b"][:2]],
            "code_id": str(known["codes"]["drivere"]),
            "csrf_token": token(client),
            "back": f"/studies/{s}/documents/{doc}",
        },
        follow_redirects=False,
    )
    assert response.status_code == 303
    assert response.headers["location"] == f"/studies/{s}/documents/{doc}"


def test_remove_own_coding(client: TestClient, study_file: Path) -> None:
    known = ids(study_file)
    s = known["study"]
    added = post(
        client,
        f"/studies/{s}/codings",
        {"passage_ids": [known["passages"]["kommune_a"][0]], "code_id": known["codes"]["drivere"]},
    ).json()["codings"][0]
    response = post(client, f"/studies/{s}/codings/{added['id']}/delete", {})
    assert response.status_code == 200
    assert rows(study_file, schema.coding) == []
    assert [e.entity_id for e in events(study_file, "coding.deleted")] == [str(added["id"])]
    assert post(client, f"/studies/{s}/codings/{added['id']}/delete", {}).status_code == 404


def test_bad_codings_are_refused(client: TestClient, study_file: Path, tmp_path: Path) -> None:
    known = ids(study_file)
    s, code = known["study"], known["codes"]["drivere"]
    url = f"/studies/{s}/codings"
    assert post(client, url, {"passage_ids": [], "code_id": code}).status_code == 422
    assert post(client, url, {"passage_ids": ["x"], "code_id": code}).status_code == 422
    assert post(client, url, {"passage_ids": [99999], "code_id": code}).status_code == 404
    first = known["passages"]["kommune_a"][0]
    assert post(client, url, {"passage_ids": [first], "code_id": 99999}).status_code == 404
    assert post(client, url, {"passage_ids": [first]}).status_code == 422
    assert rows(study_file, schema.coding) == []


def test_coding_needs_anonymised_text(tmp_path: Path) -> None:
    from indsigt.web import create_app

    path = make_study(tmp_path / "raw", anonymisation_required=True)
    known = ids(path)
    with TestClient(create_app(path, local_user="tester"), base_url=LOCAL) as raw:
        s, doc = known["study"], known["docs"]["kommune_a"]
        page = raw.get(f"/studies/{s}/documents/{doc}.json").json()
        assert page["can_code"] is False and "not anonymised" in page["coding_refused"]
        response = post(
            raw,
            f"/studies/{s}/codings",
            {
                "passage_ids": known["passages"]["kommune_a"][:1],
                "code_id": known["codes"]["drivere"],
            },
        )
        assert response.status_code == 409
        assert "anonymise" in response.json()["error"]


def test_removing_someone_elses_coding_needs_admin(server, server_file: Path) -> None:
    known = ids(server_file)
    s = known["study"]
    theirs = insert_coding(
        server_file,
        known["passages"]["kommune_a"][1],
        known["codes"]["drivere"],
        coder="cora",
        status="accepted",
    )
    cai = server("cai")
    assert post(cai, f"/studies/{s}/codings/{theirs}/delete", {}).status_code == 403
    ada = server("ada")
    assert post(ada, f"/studies/{s}/codings/{theirs}/delete", {}).status_code == 200
    assert [e.actor for e in events(server_file, "coding.deleted")] == ["ada"]


def test_concurrent_coders_on_sqlite(study_file: Path) -> None:
    """Writers in parallel threads (as the server's thread pool runs them) all succeed, and
    repeated codings stay single."""
    import threading

    from indsigt.store import Store
    from indsigt.web.auth import User
    from indsigt.web.data.codings import add_codings
    from indsigt.web.data.studies import get_study

    known = ids(study_file)
    passages = known["passages"]["kommune_a"] + known["passages"]["stat_b"]
    codes = list(known["codes"].values())
    store = Store.open(study_file)
    study = get_study(store, known["study"])
    assert study is not None
    failures: list[BaseException] = []

    def work(number: int) -> None:
        user = User(f"coder{number}", "coder")
        try:
            for _ in range(2):  # the second round repeats the first
                for index, passage in enumerate(passages):
                    add_codings(store, study, [passage], codes[index % 3], user=user)
        except BaseException as exc:  # pragma: no cover - reported below
            failures.append(exc)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    store.close()
    assert failures == []
    stored = rows(study_file, schema.coding)
    assert len(stored) == 8 * len(passages)
    assert len(events(study_file, "coding.added")) == len(stored)
