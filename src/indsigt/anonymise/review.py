"""Review of anonymisation findings (admin view): findings in the context of the original text,
and decisions that every later run applies — a false positive (this surface is not personal
data) or a missed span (this surface must always be treated, with this label)."""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa

from indsigt.anonymise.base import LABELS
from indsigt.errors import IndsigtError
from indsigt.records import Finding
from indsigt.store import Store, schema
from indsigt.store.store import now

DECISIONS = ("false_positive", "missed")


@dataclass(frozen=True)
class FindingInContext:
    finding: Finding
    document: str
    surface: str
    before: str
    after: str


def findings(
    store: Store,
    study_id: int,
    *,
    document_id: int | None = None,
    label: str | None = None,
    status: str | None = None,
) -> list[Finding]:
    """Findings (offsets into the document's original text)."""
    table = schema.finding
    query = (
        sa.select(table)
        .join(schema.document, table.c.document_id == schema.document.c.id)
        .where(schema.document.c.study_id == study_id)
        .order_by(table.c.document_id, table.c.start)
    )
    if document_id is not None:
        query = query.where(table.c.document_id == document_id)
    if label:
        query = query.where(table.c.label == label)
    if status:
        query = query.where(table.c.status == status)
    with store.connect() as connection:
        rows = connection.execute(query).all()
    return [
        Finding(r.id, r.document_id, r.start, r.end, r.label, r.detector, r.score, r.status)
        for r in rows
    ]


def findings_in_context(
    store: Store,
    study_id: int,
    *,
    document_id: int | None = None,
    label: str | None = None,
    status: str | None = None,
    width: int = 40,
) -> list[FindingInContext]:
    """Findings with the original text around them. Shows personal data: admin use only."""
    found = findings(store, study_id, document_id=document_id, label=label, status=status)
    ids = sorted({f.document_id for f in found})
    with store.connect() as connection:
        texts = dict(
            connection.execute(
                sa.select(schema.original_text.c.document_id, schema.original_text.c.text).where(
                    schema.original_text.c.document_id.in_(ids)
                )
            ).all()
        )
        names = dict(
            connection.execute(
                sa.select(schema.document.c.id, schema.document.c.name).where(
                    schema.document.c.id.in_(ids)
                )
            ).all()
        )
    out = []
    for finding in found:
        text = texts.get(finding.document_id, "")
        out.append(
            FindingInContext(
                finding=finding,
                document=names.get(finding.document_id, str(finding.document_id)),
                surface=text[finding.start : finding.end],
                before=_flat(text[max(0, finding.start - width) : finding.start]),
                after=_flat(text[finding.end : finding.end + width]),
            )
        )
    return out


def _flat(text: str) -> str:
    return " ".join(text.split()) if text.strip() else ""


def add_decision(
    store: Store,
    study_id: int,
    *,
    decision: str,
    surface: str,
    label: str = "",
    document_id: int | None = None,
    actor: str = "cli",
) -> None:
    """Record a review decision; it applies to every later run of ``anonymise``."""
    if decision not in DECISIONS:
        raise IndsigtError(f"unknown decision {decision!r} ({', '.join(DECISIONS)})")
    surface = surface.strip()
    if not surface:
        raise IndsigtError("name the text (surface) the decision is about")
    if decision == "missed" and label not in LABELS:
        raise IndsigtError(f"--label must be one of {', '.join(sorted(LABELS))}")
    with store.begin() as connection:
        decision_id = connection.execute(
            schema.finding_decision.insert().values(
                study_id=study_id,
                document_id=document_id,
                decision=decision,
                surface=surface,
                label=label or "",
                actor=actor,
                created_at=now(),
            )
        ).inserted_primary_key
        store.log(
            connection,
            f"finding.{decision}",
            entity="finding_decision",
            entity_id=decision_id[0] if decision_id else "",
            actor=actor,
            payload={"label": label, "document_id": document_id},
        )
