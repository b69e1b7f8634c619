"""The suggestion queue: accepting marks the machine's coding accepted and adds the reviewer's
own; rejecting marks it rejected; both are audited; reliability follows."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from indsigt.store import schema

from .helpers import MACHINE, events, ids, insert_coding, post, rows


def _suggest(path: Path) -> tuple[dict, list[int]]:
    known = ids(path)
    code = known["codes"]["udfordringer/kompetencer"]
    made = [
        insert_coding(path, known["passages"]["kommune_a"][3], code),
        insert_coding(path, known["passages"]["stat_b"][4], code),
        insert_coding(path, known["passages"]["stat_b"][1], known["codes"]["drivere"]),
    ]
    return known, made


def test_queue_lists_suggestions_with_context(client: TestClient, study_file: Path) -> None:
    known, made = _suggest(study_file)
    data = client.get(f"/studies/{known['study']}/queue.json").json()
    assert data["total"] == 3
    first = data["suggestions"][0]
    assert first["id"] == made[0] and first["coder"] == MACHINE
    assert first["text"] == known["texts"][known["passages"]["kommune_a"][3]]
    assert first["before"] == known["texts"][known["passages"]["kommune_a"][2]]
    html = client.get(f"/studies/{known['study']}/queue").text
    assert "<kbd>a</kbd> accept" in html and html.count('class="suggestion"') == 3


def test_accept_and_reject(client: TestClient, study_file: Path) -> None:
    known, made = _suggest(study_file)
    s = known["study"]
    accepted = post(client, f"/studies/{s}/queue/{made[0]}", {"decision": "accept"})
    assert accepted.status_code == 200, accepted.text
    own = accepted.json()["own_coding_id"]
    rejected = post(client, f"/studies/{s}/queue/{made[2]}", {"decision": "reject"})
    assert rejected.json()["status"] == "rejected"
    by_id = {r.id: r for r in rows(study_file, schema.coding)}
    assert by_id[made[0]].status == "accepted"
    assert by_id[made[0]].evidence["reviewed_by"] == "tester"
    assert by_id[made[0]].evidence["keywords"] == ["kompetencer"]
    assert by_id[own].coder == "tester" and by_id[own].status == "accepted"
    assert by_id[own].passage_id == by_id[made[0]].passage_id
    assert by_id[made[2]].status == "rejected"
    assert [e.entity_id for e in events(study_file, "coding.accepted")] == [str(made[0])]
    assert [e.entity_id for e in events(study_file, "coding.rejected")] == [str(made[2])]
    again = post(client, f"/studies/{s}/queue/{made[0]}", {"decision": "reject"})
    assert again.status_code == 409
    assert post(client, f"/studies/{s}/queue/{made[1]}", {"decision": "maybe"}).status_code == 422
    assert client.get(f"/studies/{s}/queue.json").json()["total"] == 1


def test_accepting_changes_reliability(client: TestClient, study_file: Path) -> None:
    known, made = _suggest(study_file)
    s = known["study"]
    # tester codes one passage the machine did not: both have coded both documents
    post(
        client,
        f"/studies/{s}/codings",
        {"passage_ids": [known["passages"]["stat_b"][0]], "code_id": known["codes"]["drivere"]},
    )
    post(
        client,
        f"/studies/{s}/codings",
        {"passage_ids": [known["passages"]["kommune_a"][0]], "code_id": known["codes"]["drivere"]},
    )
    url = f"/studies/{s}/reliability.json?a={MACHINE}&b=tester"
    before = client.get(url).json()["result"]["overall"]
    post(client, f"/studies/{s}/queue/{made[0]}", {"decision": "accept"})
    after = client.get(url).json()["result"]["overall"]
    assert after["both"] == before["both"] + 1
    assert after["percent_agreement"] > before["percent_agreement"]
    assert after["cohen_kappa"] > before["cohen_kappa"]


def test_viewer_cannot_review(server, server_file: Path) -> None:
    known, made = _suggest(server_file)
    vic = server("vic")
    response = post(vic, f"/studies/{known['study']}/queue/{made[0]}", {"decision": "accept"})
    assert response.status_code == 403
    assert rows(server_file, schema.coding, schema.coding.c.id == made[0])[0].status == "suggested"
    assert vic.get(f"/studies/{known['study']}/queue.json").json()["can_review"] is False


def _twins(path: Path) -> tuple[dict, int, int, int]:
    """A keyword and a similarity suggestion for one passage and code, and one more."""
    known = ids(path)
    passage, code = known["passages"]["stat_b"][1], known["codes"]["drivere"]
    keyword = insert_coding(path, passage, code)
    similar = insert_coding(path, passage, code, coder="similarity.v1")
    other = insert_coding(
        path, known["passages"]["kommune_a"][3], known["codes"]["udfordringer/kompetencer"]
    )
    return known, keyword, similar, other


def test_twins_are_one_card_and_one_decision(client: TestClient, study_file: Path) -> None:
    known, keyword, similar, _other = _twins(study_file)
    s = known["study"]
    data = client.get(f"/studies/{s}/queue.json").json()
    assert data["total"] == 2
    card = next(item for item in data["suggestions"] if item["id"] == keyword)
    assert card["coders"] == [MACHINE, "similarity.v1"]
    assert [p["evidence"] for p in card["proposals"]] == ["keywords: kompetencer"] * 2
    passage = known["passages"]["stat_b"][1]
    assert card["passage_url"] == f"/studies/{s}/documents/{known['docs']['stat_b']}#p{passage}"
    html = client.get(f"/studies/{s}/queue").text
    assert html.count('class="suggestion"') == 2
    assert f"proposed by {MACHINE}, similarity.v1" in html
    assert f'href="{card["passage_url"]}"' in html
    assert "{'keywords'" not in html and "evidence: keywords" not in html
    document = client.get(f"/studies/{s}/documents/{known['docs']['stat_b']}").text
    assert f'id="p{passage}"' in document
    accepted = post(client, f"/studies/{s}/queue/{keyword}", {"decision": "accept"})
    assert sorted(accepted.json()["codings"]) == [keyword, similar]
    statuses = {r.id: r.status for r in rows(study_file, schema.coding)}
    assert statuses[keyword] == statuses[similar] == "accepted"
    assert client.get(f"/studies/{s}/queue.json").json()["total"] == 1


def test_filters_from_the_query_string(client: TestClient, study_file: Path) -> None:
    known, keyword, _similar, other = _twins(study_file)
    s = known["study"]
    asked = insert_coding(study_file, known["passages"]["stat_b"][0], known["codes"]["drivere"])

    def listed(query: str) -> list[int]:
        response = client.get(f"/studies/{s}/queue.json?{query}")
        assert response.status_code == 200, response.text
        return [item["id"] for item in response.json()["suggestions"]]

    assert asked not in listed("")  # the interviewer's question is never listed
    assert listed("code=udfordringer") == [other]
    assert listed(f"document={known['docs']['stat_b']}") == [keyword]
    assert listed("coder=similarity.v1") == [keyword]
    assert listed("attribute=level%3Dkommune") == [other]
    assert listed("min_score=0.5&max_score=0.9&sort=score") == [other, keyword]
    assert listed("min_score=&max_score=&code=&sort=document") == [other, keyword]
    assert listed("sample=1&seed=3") == listed("sample=1&seed=3")
    assert len(listed("sample=1&seed=3")) == 1
    page = client.get(f"/studies/{s}/queue.json?sample=1&seed=3").json()
    assert page["sample"] == {"size": 1, "seed": 3} and page["total"] == 1
    html = client.get(f"/studies/{s}/queue?sample=1&seed=3&code=drivere").text
    assert "A random sample of 1 suggestion of <code>drivere</code> (seed 3)." in html
    for bad in ("sort=random", "min_score=high", "attribute=level", "sample=-1"):
        assert client.get(f"/studies/{s}/queue.json?{bad}").status_code == 422, bad


def test_undo_the_last_decisions(server, server_file: Path) -> None:
    known, keyword, similar, other = _twins(server_file)
    s = known["study"]
    cai, cora, ada = server("cai"), server("cora"), server("ada")
    assert post(cai, f"/studies/{s}/queue/{keyword}", {"decision": "accept"}).status_code == 200
    assert post(cai, f"/studies/{s}/queue/{other}", {"decision": "reject"}).status_code == 200
    data = cai.get(f"/studies/{s}/queue.json").json()
    assert data["total"] == 0
    assert [(r["id"], r["status"]) for r in data["recent"]] == [
        (other, "rejected"),
        (keyword, "accepted"),
    ]
    html = cai.get(f"/studies/{s}/queue").text
    assert "✓</span> Accepted by cai" in html and "✗</span> Rejected by cai" in html
    assert "Undo (u)" in html
    refused = post(cora, f"/studies/{s}/queue/{similar}/undo", {})
    assert refused.status_code == 403 and "only cai or an admin" in refused.json()["error"]
    assert post(server("vic"), f"/studies/{s}/queue/{keyword}/undo", {}).status_code == 403
    undone = post(cai, f"/studies/{s}/queue/{similar}/undo", {})
    assert undone.status_code == 200 and sorted(undone.json()["codings"]) == [keyword, similar]
    assert post(ada, f"/studies/{s}/queue/{other}/undo", {}).status_code == 200
    assert post(ada, f"/studies/{s}/queue/{other}/undo", {}).status_code == 409
    assert cai.get(f"/studies/{s}/queue.json").json()["total"] == 2
    assert {r.coder for r in rows(server_file, schema.coding)} == {MACHINE, "similarity.v1"}
    assert len(events(server_file, "coding.undone")) == 3
