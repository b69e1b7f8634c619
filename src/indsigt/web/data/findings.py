"""Anonymisation findings and review decisions (tables ``finding``, ``finding_decision``): the
list as the page shows it; the decisions are :mod:`indsigt.anonymise.review`'s.

Findings show their surface text: personal data, so only admins reach these functions' pages.
Offsets point into the text the detector read: the sealed original when there is one.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from indsigt.anonymise.base import LABELS
from indsigt.anonymise.review import (
    MAX_SURFACE,
    REVIEWS,
    BadDecision,
    NoSuchFinding,
    add_decision,
    canonical_label,
    review_finding,
)
from indsigt.store import Store, schema
from indsigt.web.i18n import N_
from indsigt.web.problems import BadInput, NotFound

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
    """Confirm a finding, or mark it a false positive (remembered for every re-run):
    :func:`indsigt.anonymise.review.review_finding`."""
    try:
        status = review_finding(store, study_id, finding_id, decision, actor=actor)
    except BadDecision:
        raise BadInput(
            N_("decision %(decision)r: use %(choices)s"),
            decision=decision,
            choices=" or ".join(REVIEWS),
        ) from None
    except NoSuchFinding:
        raise NotFound(
            N_("no finding %(finding_id)s in this study"), finding_id=finding_id
        ) from None
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
    """Record a span the detectors missed: ``surface`` is always treated as ``label`` (a
    known label; ``person`` is ``PER``): :func:`indsigt.anonymise.review.add_decision`."""
    if not surface.strip() or not label.strip():
        raise BadInput(N_("give the text that was missed and its label (e.g. PERSON)"))
    if len(surface.strip()) > MAX_SURFACE or len(label) > 50:
        raise BadInput(N_("the text is limited to 500 characters, the label to 50"))
    if canonical_label(label) not in LABELS:
        raise BadInput(
            N_("unknown label %(label)r: use one of %(labels)s"),
            label=label,
            labels=", ".join(sorted(LABELS)),
        )
    try:
        return add_decision(
            store,
            study_id,
            decision="missed",
            surface=surface,
            label=label,
            document_id=document_id,
            actor=actor,
        )
    except NoSuchFinding:
        raise NotFound(
            N_("no document %(document_id)s in this study"), document_id=document_id
        ) from None
