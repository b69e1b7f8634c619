"""Anonymisation findings review: admins only, decisions stored and audited."""

from __future__ import annotations

from pathlib import Path

from indsigt.store import Store, schema

from .helpers import ids, post, rows


def _finding(path: Path) -> int:
    known = ids(path)
    store = Store.open(path)
    try:
        with store.begin() as connection:
            text = connection.scalar(
                schema.document.select()
                .with_only_columns(schema.document.c.text)
                .where(schema.document.c.id == known["docs"]["kommune_a"])
            )
            start = text.index("Mette")
            return int(
                connection.execute(
                    schema.finding.insert()
                    .values(
                        document_id=known["docs"]["kommune_a"],
                        start=start,
                        end=start + 5,
                        label="PERSON",
                        detector="gazetteer.v1",
                        score=0.9,
                        status="detected",
                    )
                    .returning(schema.finding.c.id)
                ).scalar_one()
            )
    finally:
        store.close()


def test_admin_reviews_findings(server, server_file: Path) -> None:
    finding = _finding(server_file)
    s = ids(server_file)["study"]
    ada = server("ada")
    listing = ada.get(f"/studies/{s}/findings.json").json()
    assert listing["total"] == 1
    assert listing["findings"][0]["surface"] == "Mette"
    assert "<mark>Mette</mark>" in ada.get(f"/studies/{s}/findings").text

    decided = post(ada, f"/studies/{s}/findings/{finding}", {"decision": "false_positive"})
    assert decided.json() == {"id": finding, "status": "false_positive"}
    [decision] = rows(server_file, schema.finding_decision)
    assert (decision.decision, decision.surface, decision.label, decision.actor) == (
        "false_positive",
        "Mette",
        "PERSON",
        "ada",
    )
    post(ada, f"/studies/{s}/findings/{finding}", {"decision": "confirm"})
    assert rows(server_file, schema.finding)[0].status == "confirmed"
    missed = post(ada, f"/studies/{s}/findings/missed", {"surface": "Anne Bo", "label": "person"})
    assert missed.status_code == 201
    assert rows(server_file, schema.finding_decision)[-1].label == "PER"  # the library's label
    actions = [e.action for e in rows(server_file, schema.event) if e.entity.startswith("finding")]
    assert actions == ["finding.false_positive", "finding.confirmed", "finding.missed"]
    filtered = ada.get(f"/studies/{s}/findings.json?status=confirmed").json()
    assert len(filtered["findings"]) == 1 and filtered["statuses"] == ["confirmed"]
    assert post(ada, f"/studies/{s}/findings/{finding}", {"decision": "x"}).status_code == 422
    assert post(ada, f"/studies/{s}/findings/999", {"decision": "confirm"}).status_code == 404


def test_only_admins_see_findings(server, server_file: Path) -> None:
    finding = _finding(server_file)
    s = ids(server_file)["study"]
    for name in ("cai", "vic"):
        client = server(name)
        response = client.get(f"/studies/{s}/findings.json")
        assert response.status_code == 403 and "Mette" not in response.text
        decided = post(client, f"/studies/{s}/findings/{finding}", {"decision": "confirm"})
        assert decided.status_code == 403
    assert rows(server_file, schema.finding)[0].status == "detected"


def test_a_missed_span_needs_a_known_label_as_on_the_command_line(
    server, server_file: Path
) -> None:
    """The web records a missed span through the library (anonymise.review.add_decision),
    which refuses a label no detector knows; before, the web stored any label."""
    s = ids(server_file)["study"]
    ada = server("ada")
    refused = post(ada, f"/studies/{s}/findings/missed", {"surface": "Anne Bo", "label": "FOO"})
    assert refused.status_code == 422 and "unknown label 'FOO'" in refused.json()["error"]
    elsewhere = {"surface": "Anne Bo", "label": "PER", "document_id": "999"}
    assert post(ada, f"/studies/{s}/findings/missed", elsewhere).status_code == 404
    assert rows(server_file, schema.finding_decision) == []
    for label, stored in (("person", "PER"), ("ORGANISATION", "ORG"), ("CPR", "CPR")):
        answer = post(ada, f"/studies/{s}/findings/missed", {"surface": "Anne Bo", "label": label})
        assert answer.status_code == 201
        assert rows(server_file, schema.finding_decision)[-1].label == stored


def test_the_library_decides_as_the_page_does(study_file: Path) -> None:
    """``anonymise.review`` is the one place: a review by id, a missed span's label by alias,
    a document of another study refused; the command line (``Project.review_finding``) and
    the page call it."""
    import pytest

    from indsigt.anonymise.review import (
        BadDecision,
        NoSuchFinding,
        add_decision,
        canonical_label,
        review_finding,
    )

    finding = _finding(study_file)
    s = ids(study_file)["study"]
    assert canonical_label(" person ") == "PER" and canonical_label("Organization") == "ORG"
    store = Store.open(study_file)
    try:
        assert review_finding(store, s, finding, "confirm", actor="ada") == "confirmed"
        with pytest.raises(BadDecision):
            review_finding(store, s, finding, "maybe", actor="ada")
        with pytest.raises(NoSuchFinding):
            review_finding(store, s + 1, finding, "confirm", actor="ada")
        with pytest.raises(BadDecision, match="--label must be one of"):
            add_decision(store, s, decision="missed", surface="Anne Bo", label="FOO")
        with pytest.raises(NoSuchFinding):
            add_decision(
                store, s, decision="missed", surface="Anne Bo", label="PER", document_id=999
            )
        decision = add_decision(store, s, decision="missed", surface="Anne Bo", label="name")
    finally:
        store.close()
    (row,) = rows(study_file, schema.finding_decision)
    assert (row.id, row.label, row.surface) == (decision, "PER", "Anne Bo")
