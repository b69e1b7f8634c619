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
