"""Anonymisation findings and review decisions (tables ``finding``, ``finding_decision``).

Findings show their surface text: personal data, so only admins reach these functions' pages.
Offsets point into the text the detector read: the sealed original when there is one.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from indsigt.store import Store, schema
from indsigt.store.store import now
from indsigt.web.data.tx import writing
from indsigt.web.i18n import N_
from indsigt.web.problems import BadInput, NotFound

DECISIONS = {"confirm": "confirmed", "false_positive": "false_positive"}
CONTEXT = 40


def list_findings(
    store: Store, study_id: int, *, status: str | None = None, limit: int = 500
) -> dict[str, Any]:
    f, d, o, fd = schema.finding, schema.document, schema.original_text, schema.finding_decision
    query = (
        sa.select(f, d.c.name.label("document"), sa.func.coalesce(o.c.text, d.c.text).label("text"))
        .join(d, f.c.document_id == d.c.id)
        .outerjoin(o, o.c.document_id == d.c.id)
        .where(d.c.study_id == study_id)
        .order_by(d.c.id, f.c.start)
    )
    if status:
        query = query.where(f.c.status == status)
    with store.connect() as connection:
        total = int(
            connection.scalar(
                sa.select(sa.func.count())
                .select_from(f.join(d, f.c.document_id == d.c.id))
                .where(d.c.study_id == study_id)
            )
            or 0
        )
        rows = connection.execute(query.limit(limit)).all()
        decisions = connection.execute(
            sa.select(fd).where(fd.c.study_id == study_id).order_by(fd.c.id.desc())
        ).all()
        statuses = sorted(
            connection.scalars(
                sa.select(f.c.status)
                .join(d, f.c.document_id == d.c.id)
                .where(d.c.study_id == study_id)
                .distinct()
            )
        )
    return {
        "status": status,
        "statuses": statuses,
        "total": total,
        "findings": [
            {
                "id": row.id,
                "document_id": row.document_id,
                "document": row.document,
                "start": row.start,
                "end": row.end,
                "label": row.label,
                "detector": row.detector,
                "score": row.score,
                "status": row.status,
                "surface": row.text[row.start : row.end],
                "before": row.text[max(0, row.start - CONTEXT) : row.start],
                "after": row.text[row.end : row.end + CONTEXT],
            }
            for row in rows
        ],
        "decisions": [
            {
                "id": row.id,
                "document_id": row.document_id,
                "decision": row.decision,
                "surface": row.surface,
                "label": row.label,
                "actor": row.actor,
                "created_at": row.created_at,
            }
            for row in decisions
        ],
    }


def decide(
    store: Store, study_id: int, finding_id: int, decision: str, *, actor: str
) -> dict[str, Any]:
    """Confirm a finding, or mark it a false positive (remembered for every re-run)."""
    if decision not in DECISIONS:
        raise BadInput(
            N_("decision %(decision)r: use %(choices)s"),
            decision=decision,
            choices=" or ".join(DECISIONS),
        )
    f, d, o = schema.finding, schema.document, schema.original_text
    with store.connect() as connection:
        row = connection.execute(
            sa.select(f, sa.func.coalesce(o.c.text, d.c.text).label("text"))
            .join(d, f.c.document_id == d.c.id)
            .outerjoin(o, o.c.document_id == d.c.id)
            .where(f.c.id == finding_id, d.c.study_id == study_id)
        ).first()
    if row is None:
        raise NotFound(N_("no finding %(finding_id)s in this study"), finding_id=finding_id)
    status = DECISIONS[decision]
    with writing(store) as connection:
        connection.execute(f.update().where(f.c.id == finding_id).values(status=status))
        if decision == "false_positive":
            connection.execute(
                schema.finding_decision.insert().values(
                    study_id=study_id,
                    document_id=row.document_id,
                    decision="false_positive",
                    surface=row.text[row.start : row.end][:500],
                    label=row.label,
                    start=row.start,
                    end=row.end,
                    actor=actor,
                    created_at=now(),
                )
            )
        store.log(
            connection,
            f"finding.{status}",
            entity="finding",
            entity_id=finding_id,
            actor=actor,
            payload={"study_id": study_id, "label": row.label, "old": row.status},
        )
    return {"id": finding_id, "status": status}


def add_missed(
    store: Store,
    study_id: int,
    *,
    surface: str,
    label: str,
    document_id: int | None,
    actor: str,
) -> int:
    """Record a span the detectors missed: ``surface`` is always treated as ``label``."""
    surface, label = surface.strip(), label.strip().upper()
    if not surface or not label:
        raise BadInput(N_("give the text that was missed and its label (e.g. PERSON)"))
    if len(surface) > 500 or len(label) > 50:
        raise BadInput(N_("the text is limited to 500 characters, the label to 50"))
    with writing(store) as connection:
        if document_id is not None:
            owner = connection.scalar(
                sa.select(schema.document.c.study_id).where(schema.document.c.id == document_id)
            )
            if owner != study_id:
                raise NotFound(
                    N_("no document %(document_id)s in this study"), document_id=document_id
                )
        decision_id = connection.execute(
            schema.finding_decision.insert()
            .values(
                study_id=study_id,
                document_id=document_id,
                decision="missed",
                surface=surface,
                label=label,
                actor=actor,
                created_at=now(),
            )
            .returning(schema.finding_decision.c.id)
        ).scalar_one()
        store.log(
            connection,
            "finding.missed",
            entity="finding_decision",
            entity_id=decision_id,
            actor=actor,
            payload={"study_id": study_id, "label": label, "document_id": document_id},
        )
    return int(decision_id)
