"""Reading codings with who said them: one row per (coding, respondent attributes)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import sqlalchemy as sa

from indsigt.store import Store, schema
from indsigt.store.speech import speech


@dataclass(frozen=True)
class CodedPassage:
    passage_id: int
    document_id: int
    document: str
    respondent_id: int | None
    attributes: dict[str, str]
    code: str
    coder: str
    status: str


def coded_passages(
    store: Store,
    study_id: int,
    *,
    statuses: Sequence[str] = ("accepted", "suggested"),
    coders: Sequence[str] = (),
) -> list[CodedPassage]:
    """Every coding with the given statuses (and coders, if named), with its speaker's
    respondent and attributes. Interviewer speech has ``respondent_id`` None."""
    c, p, s, d, r, k = (
        schema.coding,
        schema.passage,
        schema.speaker,
        schema.document,
        schema.respondent,
        schema.code,
    )
    query = (
        speech(
            study_id,
            p.c.id,
            d.c.id.label("doc_id"),
            d.c.name,
            s.c.respondent_id,
            r.c.attributes,
            k.c.path,
            c.c.coder,
            c.c.status,
            speakers="everyone",
        )
        .join(c, c.c.passage_id == p.c.id)
        .join(k, c.c.code_id == k.c.id)
        .where(c.c.status.in_(list(statuses)))
        .order_by(d.c.id, p.c.seq)
    )
    if coders:
        query = query.where(c.c.coder.in_(list(coders)))
    with store.connect() as connection:
        rows = connection.execute(query).all()
    return [
        CodedPassage(row[0], row[1], row[2], row[3], dict(row[4] or {}), row[5], row[6], row[7])
        for row in rows
    ]


def respondent_segments(store: Store, study_id: int, by: str) -> dict[int, str]:
    """Respondent id → its value of attribute ``by`` (respondents who speak in a document)."""
    r, s, d = schema.respondent, schema.speaker, schema.document
    query = (
        sa.select(r.c.id, r.c.attributes)
        .where(r.c.study_id == study_id)
        .where(
            r.c.id.in_(
                sa.select(s.c.respondent_id)
                .join(d, s.c.document_id == d.c.id)
                .where(d.c.study_id == study_id)
            )
        )
    )
    with store.connect() as connection:
        return {
            rid: str((attrs or {}).get(by) or MISSING) for rid, attrs in connection.execute(query)
        }


def passage_segments(store: Store, study_id: int, by: str) -> dict[str, int]:
    """Segment value → number of respondent passages (the denominator in passage mode)."""
    p, r = schema.passage, schema.respondent
    query = speech(study_id, r.c.attributes, sa.func.count(p.c.id), speakers="attributed").group_by(
        r.c.id, r.c.attributes
    )
    totals: dict[str, int] = {}
    with store.connect() as connection:
        for attrs, count in connection.execute(query):
            value = str((attrs or {}).get(by) or MISSING)
            totals[value] = totals.get(value, 0) + int(count)
    return totals


MISSING = "(none)"
