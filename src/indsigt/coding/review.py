"""Listing codings and reviewing suggestions (accept / reject), each decision an audit event.

Accepting a machine suggestion marks it ``accepted`` (with who reviewed it) and adds the
reviewer's own coding of the same passage and code; rejecting marks it ``rejected``. The
machine's row stays, so reliability can compare the machine with any person (the web app's
review queue does the same).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa

from indsigt import queries
from indsigt.coding.storage import insert_ignore
from indsigt.errors import IndsigtError
from indsigt.store import Store, schema
from indsigt.store.store import now

STATUSES = ("suggested", "accepted", "rejected")


def list_codings(
    store: Store,
    study_id: int,
    *,
    coder: str | None = None,
    code: str | None = None,
    status: str | None = None,
    document: str | None = None,
    min_score: float | None = None,
    limit: int = 0,
) -> list[dict[str, Any]]:
    """Codings in document order. ``code`` matches the path and every code beneath it;
    ``document`` is a document's id, name or unique name prefix."""
    c, p, d, k = schema.coding, schema.passage, schema.document, schema.code
    query = (
        sa.select(
            c.c.id,
            d.c.name.label("document"),
            c.c.passage_id,
            k.c.path.label("code"),
            c.c.coder,
            c.c.score,
            c.c.status,
            p.c.text,
            c.c.evidence,
        )
        .join(p, c.c.passage_id == p.c.id)
        .join(d, p.c.document_id == d.c.id)
        .join(k, c.c.code_id == k.c.id)
        .where(d.c.study_id == study_id)
        .order_by(d.c.id, p.c.seq, k.c.path, c.c.coder)
    )
    if coder:
        query = query.where(c.c.coder == coder)
    if code:
        query = query.where(sa.or_(k.c.path == code, k.c.path.startswith(f"{code}/")))
    if status:
        if status not in STATUSES:
            raise IndsigtError(f"status {status!r}: use {', '.join(STATUSES)}")
        query = query.where(c.c.status == status)
    if document:
        query = query.where(d.c.id == queries.document(store, study_id, document).id)
    if min_score is not None:
        query = query.where(c.c.score >= min_score)
    if limit:
        query = query.limit(limit)
    with store.connect() as connection:
        return [dict(row._mapping) for row in connection.execute(query)]


def review_codings(
    store: Store,
    study_id: int,
    *,
    accept: Sequence[int] = (),
    reject: Sequence[int] = (),
    user: str,
) -> list[dict[str, Any]]:
    """Accept and reject suggestions by coding id, all in one transaction."""
    both = set(accept) & set(reject)
    if both:
        raise IndsigtError(f"coding {min(both)} cannot be both accepted and rejected")
    c, p, d = schema.coding, schema.passage, schema.document
    decisions = [(int(i), "accepted") for i in accept] + [(int(i), "rejected") for i in reject]
    results = []
    stamp = now()
    with store.begin() as connection:
        for coding_id, status in decisions:
            row = connection.execute(
                sa.select(c)
                .join(p, c.c.passage_id == p.c.id)
                .join(d, p.c.document_id == d.c.id)
                .where(c.c.id == coding_id, d.c.study_id == study_id)
            ).first()
            if row is None:
                raise IndsigtError(f"no coding {coding_id} in this study")
            if row.status != "suggested":
                raise IndsigtError(f"coding {coding_id} is not a suggestion (it is {row.status})")
            reviewed = {"reviewed_by": user, "reviewed_at": stamp.isoformat()}
            connection.execute(
                c.update()
                .where(c.c.id == coding_id)
                .values(status=status, evidence={**row.evidence, **reviewed})
            )
            own_id = None
            if status == "accepted" and row.coder != user:
                connection.execute(
                    insert_ignore(connection, c),
                    [
                        {
                            "passage_id": row.passage_id,
                            "code_id": row.code_id,
                            "coder": user,
                            "score": None,
                            "status": "accepted",
                            "evidence": {"via": "cli", "accepted_suggestion": coding_id},
                            "created_at": stamp,
                        }
                    ],
                )
                own_id = connection.scalar(
                    sa.select(c.c.id).where(
                        c.c.passage_id == row.passage_id,
                        c.c.code_id == row.code_id,
                        c.c.coder == user,
                    )
                )
            store.log(
                connection,
                f"coding.{status}",
                entity="coding",
                entity_id=coding_id,
                actor=user,
                payload={
                    "passage_id": row.passage_id,
                    "code_id": row.code_id,
                    "suggested_by": row.coder,
                    "own_coding_id": own_id,
                },
            )
            results.append({"id": coding_id, "status": status, "own_coding_id": own_id})
    return results
