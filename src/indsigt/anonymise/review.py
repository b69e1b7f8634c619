"""Review of anonymisation findings (admin view): findings in the context of the original text,
and decisions that every later run applies — a false positive (this surface is not personal
data) or a missed span (this surface must always be treated, with this label)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypedDict, Unpack

import sqlalchemy as sa

from indsigt.anonymise.base import LABELS, PER
from indsigt.errors import IndsigtError
from indsigt.records import Finding
from indsigt.stagecall import forwards
from indsigt.store import Store, schema
from indsigt.store.store import now

DECISIONS = ("false_positive", "missed")
REVIEWS = {"confirm": "confirmed", "false_positive": "false_positive"}
"""What a reviewer says of one finding, and the finding's status after it."""
MAX_SURFACE = 500
LABEL_ALIASES = {
    "PERSON": PER,
    "NAME": PER,
    "ORGANISATION": "ORG",
    "ORGANIZATION": "ORG",
    "LOCATION": "LOC",
    "PLACE": "LOC",
}
"""Words people write for a label (``person``), and the label they mean."""


class NoSuchFinding(IndsigtError):
    """The finding (or the document a decision names) is not in the study."""


class BadDecision(IndsigtError):
    """A decision the review does not know, or a missed span without text or a known label."""


def canonical_label(label: str) -> str:
    """``person`` → ``PER``: a label as a decision stores it (upper case, aliases resolved)."""
    upper = label.strip().upper()
    return LABEL_ALIASES.get(upper, upper)


@dataclass(frozen=True)
class FindingInContext:
    finding: Finding
    document: str
    surface: str
    before: str
    after: str

    def row(self) -> dict[str, Any]:
        """The fields the command line and the web app both list for a finding."""
        return {
            "id": self.finding.id,
            "document": self.document,
            "start": self.finding.start,
            "end": self.finding.end,
            "label": self.finding.label,
            "detector": self.finding.detector,
            "score": self.finding.score,
            "status": self.finding.status,
            "surface": self.surface,
        }


def findings(
    store: Store,
    study_id: int,
    *,
    document_id: int | None = None,
    label: str | None = None,
    status: str | None = None,
    limit: int | None = None,
) -> list[Finding]:
    """Findings (offsets into the document's original text), by document and place; the
    first ``limit`` of them (None: all)."""
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
    if limit is not None:
        query = query.limit(limit)
    with store.connect() as connection:
        rows = connection.execute(query).all()
    return [
        Finding(r.id, r.document_id, r.start, r.end, r.label, r.detector, r.score, r.status)
        for r in rows
    ]


class FindingFilter(TypedDict, total=False):
    """Which findings :func:`findings_in_context` reads, passed on to :func:`findings`
    (the defaults are there)."""

    document_id: int | None
    label: str | None
    status: str | None
    limit: int | None


def findings_in_context(
    store: Store,
    study_id: int,
    *,
    width: int = 40,
    flat: bool = True,
    **options: Unpack[FindingFilter],
) -> list[FindingInContext]:
    """Findings with ``width`` characters of the text the detector read around them: the
    sealed original, or the document's text where it has none (nothing was replaced). With
    ``flat`` the context's runs of white space are one space (a line); ``limit``: the first
    so many findings. Shows personal data: admin use only."""
    found = findings(store, study_id, **options)
    ids = sorted({f.document_id for f in found})
    d, o = schema.document, schema.original_text
    with store.connect() as connection:
        rows = connection.execute(
            sa.select(d.c.id, d.c.name, sa.func.coalesce(o.c.text, d.c.text))
            .outerjoin(o, o.c.document_id == d.c.id)
            .where(d.c.id.in_(ids))
        ).all()
    names = {row[0]: row[1] for row in rows}
    texts = {row[0]: row[2] for row in rows}
    context = _flat if flat else str
    out = []
    for finding in found:
        text = texts.get(finding.document_id) or ""
        out.append(
            FindingInContext(
                finding=finding,
                document=names.get(finding.document_id, str(finding.document_id)),
                surface=text[finding.start : finding.end],
                before=context(text[max(0, finding.start - width) : finding.start]),
                after=context(text[finding.end : finding.end + width]),
            )
        )
    return out


forwards(findings_in_context, findings, FindingFilter)


def finding_counts(store: Store, study_id: int) -> dict[str, int]:
    """The study's findings per status (all of them: their sum is the total)."""
    f, d = schema.finding, schema.document
    with store.connect() as connection:
        rows = connection.execute(
            sa.select(f.c.status, sa.func.count())
            .join(d, f.c.document_id == d.c.id)
            .where(d.c.study_id == study_id)
            .group_by(f.c.status)
        ).all()
    return {str(status): int(count) for status, count in rows}


@dataclass(frozen=True)
class Decision:
    """A review decision (table ``finding_decision``); ``document_id`` None: every document."""

    id: int
    document_id: int | None
    decision: str
    surface: str
    label: str
    actor: str
    created_at: datetime


def decisions(store: Store, study_id: int) -> list[Decision]:
    """The study's review decisions, the latest first. Shows personal data: admin use only."""
    fd = schema.finding_decision
    with store.connect() as connection:
        rows = connection.execute(
            sa.select(fd).where(fd.c.study_id == study_id).order_by(fd.c.id.desc())
        ).all()
    return [
        Decision(
            id=row.id,
            document_id=row.document_id,
            decision=row.decision,
            surface=row.surface,
            label=row.label,
            actor=row.actor,
            created_at=row.created_at,
        )
        for row in rows
    ]


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
) -> int:
    """Record a review decision; it applies to every later run of ``anonymise``. A missed
    span needs a known label (``person`` is ``PER``); returns the decision's id."""
    if decision not in DECISIONS:
        raise BadDecision(f"unknown decision {decision!r} ({', '.join(DECISIONS)})")
    surface = surface.strip()
    if not surface:
        raise BadDecision("name the text (surface) the decision is about")
    if len(surface) > MAX_SURFACE:
        raise BadDecision(f"the text is limited to {MAX_SURFACE} characters")
    label = canonical_label(label) if label.strip() else ""
    if decision == "missed" and label not in LABELS:
        raise BadDecision(f"--label must be one of {', '.join(sorted(LABELS))}")
    with store.begin() as connection:
        if document_id is not None:
            owner = connection.scalar(
                sa.select(schema.document.c.study_id).where(schema.document.c.id == document_id)
            )
            if owner != study_id:
                raise NoSuchFinding(f"no document {document_id} in this study")
        decision_id = int(
            connection.execute(
                schema.finding_decision.insert()
                .values(
                    study_id=study_id,
                    document_id=document_id,
                    decision=decision,
                    surface=surface,
                    label=label,
                    actor=actor,
                    created_at=now(),
                )
                .returning(schema.finding_decision.c.id)
            ).scalar_one()
        )
        store.log(
            connection,
            f"finding.{decision}",
            entity="finding_decision",
            entity_id=decision_id,
            actor=actor,
            payload={"study_id": study_id, "label": label, "document_id": document_id},
        )
    return decision_id


def review_finding(
    store: Store, study_id: int, finding_id: int, review: str, *, actor: str = "cli"
) -> str:
    """Confirm a finding (``confirm``) or mark it a false positive (``false_positive``: a
    decision with its surface, label and offsets that every later run applies); returns the
    finding's new status."""
    if review not in REVIEWS:
        raise BadDecision(f"unknown review {review!r} ({' or '.join(REVIEWS)})")
    f, d, o = schema.finding, schema.document, schema.original_text
    status = REVIEWS[review]
    with store.begin() as connection:
        row = connection.execute(
            sa.select(f, sa.func.coalesce(o.c.text, d.c.text).label("text"))
            .join(d, f.c.document_id == d.c.id)
            .outerjoin(o, o.c.document_id == d.c.id)
            .where(f.c.id == finding_id, d.c.study_id == study_id)
        ).first()
        if row is None:
            raise NoSuchFinding(f"no finding {finding_id} in this study")
        connection.execute(f.update().where(f.c.id == finding_id).values(status=status))
        if review == "false_positive":
            connection.execute(
                schema.finding_decision.insert().values(
                    study_id=study_id,
                    document_id=row.document_id,
                    decision="false_positive",
                    surface=row.text[row.start : row.end][:MAX_SURFACE],
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
    return status
