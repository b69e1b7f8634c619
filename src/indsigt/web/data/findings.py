"""Anonymisation findings and review decisions (tables ``finding``, ``finding_decision``) as the
page shows them; reading and deciding are :mod:`indsigt.anonymise.review`'s.

Findings show their surface text: personal data, so only admins reach these functions' pages.
Offsets point into the text the detector read: the sealed original when there is one.
"""

from __future__ import annotations

from typing import Any

from indsigt.anonymise.base import LABELS
from indsigt.anonymise.review import (
    MAX_SURFACE,
    REVIEWS,
    BadDecision,
    NoSuchFinding,
    add_decision,
    canonical_label,
    decisions,
    finding_counts,
    findings_in_context,
    review_finding,
)
from indsigt.store import Store
from indsigt.web.i18n import N_
from indsigt.web.problems import BadInput, NotFound

CONTEXT = 40


def list_findings(
    store: Store, study_id: int, *, status: str | None = None, limit: int = 500
) -> dict[str, Any]:
    """The page's list: the first ``limit`` findings (with ``status``) in their context as
    typed (line breaks kept), the total and the statuses of all, and the decisions."""
    counts = finding_counts(store, study_id)
    found = findings_in_context(
        store, study_id, status=status or None, width=CONTEXT, flat=False, limit=limit
    )
    return {
        "status": status,
        "statuses": sorted(counts),
        "total": sum(counts.values()),
        "findings": [
            f.row() | {"document_id": f.finding.document_id, "before": f.before, "after": f.after}
            for f in found
        ],
        "decisions": [
            {
                "id": d.id,
                "document_id": d.document_id,
                "decision": d.decision,
                "surface": d.surface,
                "label": d.label,
                "actor": d.actor,
                "created_at": d.created_at,
            }
            for d in decisions(store, study_id)
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
