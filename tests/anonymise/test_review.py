"""Findings in their context, their counts and the review decisions (anonymise/review.py): what
``indsigt findings`` and the web's findings page both read."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

import indsigt
from indsigt.anonymise.review import (
    add_decision,
    decisions,
    finding_counts,
    findings_in_context,
)
from indsigt.store import schema

TEXT = "Interviewer: Hvem?\nMette: Jeg hedder\n  Anne Bo og bor i\nAarhus.\n"


@pytest.fixture
def study(tmp_path: Path) -> Any:
    (tmp_path / "doc.txt").write_text(TEXT, encoding="utf-8")
    with indsigt.init_study(tmp_path / "s.db", anonymisation_required=False) as project:
        project.import_files([tmp_path / "doc.txt"])
        with project.store.begin() as connection:
            document_id, text = connection.execute(
                sa.select(schema.document.c.id, schema.document.c.text)
            ).one()
            for surface, label, status in (
                ("Anne Bo", "PER", "detected"),
                ("Aarhus", "LOC", "confirmed"),
                ("Mette", "PER", "detected"),
            ):
                start = text.index(surface)
                connection.execute(
                    schema.finding.insert().values(
                        document_id=document_id,
                        start=start,
                        end=start + len(surface),
                        label=label,
                        detector="test.v1",
                        score=1.0,
                        status=status,
                    )
                )
        yield project


def test_the_context_is_the_document_text_where_nothing_was_sealed(study: Any) -> None:
    store, sid = study.store, study.study.id
    found = findings_in_context(store, sid, width=13)
    assert [f.surface for f in found] == ["Mette", "Anne Bo", "Aarhus"]
    anne = found[1]
    assert anne.before == "Jeg hedder" and anne.after == "og bor i Aar"
    kept = findings_in_context(store, sid, width=13, flat=False)[1]
    assert kept.before == "Jeg hedder\n  " and kept.after == " og bor i\nAar"


def test_limit_and_status_and_the_counts_of_all(study: Any) -> None:
    store, sid = study.store, study.study.id
    assert [f.surface for f in findings_in_context(store, sid, limit=2)] == ["Mette", "Anne Bo"]
    assert [f.surface for f in findings_in_context(store, sid, status="confirmed")] == ["Aarhus"]
    assert finding_counts(store, sid) == {"detected": 2, "confirmed": 1}


def test_decisions_latest_first(study: Any) -> None:
    store, sid = study.store, study.study.id
    add_decision(store, sid, decision="false_positive", surface="Mette", actor="ada")
    add_decision(store, sid, decision="missed", surface="MitID", label="organisation")
    assert [(d.decision, d.surface, d.label, d.actor) for d in decisions(store, sid)] == [
        ("missed", "MitID", "ORG", "cli"),
        ("false_positive", "Mette", "", "ada"),
    ]
