"""Codings (table ``coding``): read what a user may see, add and delete a person's codings.

A person's coding has ``coder`` = their user name and status ``accepted``. Reviewing machine
suggestions (the queue: accept, reject, undo, twins merged) is the library's
:mod:`indsigt.coding.queue` and :mod:`indsigt.coding.review`; the queue view only presents it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from indsigt.coding.spans import Bounds, SpanError, place_span, span_of, widen
from indsigt.coding.storage import insert_ignore
from indsigt.records import Study, is_machine_coder
from indsigt.store import Store, schema
from indsigt.store.speech import study_codings
from indsigt.store.store import now
from indsigt.store.tx import writing
from indsigt.web.auth import User
from indsigt.web.data.settings import blind_coding
from indsigt.web.data.studies import codable_document
from indsigt.web.i18n import N_
from indsigt.web.problems import BadInput, Conflict, Forbidden, NotFound

MAX_PASSAGES = 500


def visible_coder(store: Store, study_id: int, user: User) -> str | None:
    """None when ``user`` may see every coder's codings; their own name under blind coding
    (coders only: admins unblind, viewers cannot code)."""
    if user.role == "coder" and blind_coding(store, study_id):
        return user.name
    return None


def _coding_row(row: Any) -> dict[str, Any]:
    return {
        "id": row.id,
        "passage_id": row.passage_id,
        "code_id": row.code_id,
        "coder": row.coder,
        "machine": is_machine_coder(row.coder),
        "score": row.score,
        "status": row.status,
        "evidence": row.evidence,
        "created_at": row.created_at,
        "start": row.start,
        "end": row.end,
    }


def document_codings(
    store: Store, document_id: int, *, only_coder: str | None
) -> list[dict[str, Any]]:
    """The document's codings that are not rejected, as the user may see them."""
    c, p = schema.coding, schema.passage
    query = (
        sa.select(c)
        .join(p, c.c.passage_id == p.c.id)
        .where(p.c.document_id == document_id, c.c.status != "rejected")
        .order_by(p.c.seq, c.c.code_id, c.c.coder)
    )
    if only_coder is not None:
        query = query.where(c.c.coder == only_coder)
    with store.connect() as connection:
        return [_coding_row(row) for row in connection.execute(query)]


def coders(store: Store, study_id: int, *, only_coder: str | None) -> list[dict[str, Any]]:
    """Everyone who has coded in the study (people and components), with their counts."""
    c = schema.coding
    query = study_codings(study_id, c.c.coder, sa.func.count()).group_by(c.c.coder)
    query = query.order_by(c.c.coder)
    if only_coder is not None:
        query = query.where(c.c.coder == only_coder)
    with store.connect() as connection:
        rows = connection.execute(query).all()
    return [
        {"name": name, "codings": count, "machine": is_machine_coder(name)} for name, count in rows
    ]


def _insert_new(connection: Connection, rows: list[dict[str, Any]]) -> dict[int, int]:
    """Insert codings, skipping those that exist (same passage, code, coder); returns
    passage id → coding id for the rows this call created."""
    if not rows:
        return {}
    c = schema.coding
    insert = insert_ignore(connection, c).returning(c.c.passage_id, c.c.id)
    created = connection.execute(insert, rows).all()
    return dict(created)


def add_codings(
    store: Store,
    study: Study,
    passage_ids: Sequence[int],
    code_id: int,
    *,
    user: User,
    evidence: dict[str, Any] | None = None,
) -> list[dict[str, Any]]:
    """Code each passage with ``code_id`` as ``user`` (status accepted). Adding a coding that
    exists is a no-op reported with ``created: false``. Returns one row per passage."""
    wanted = sorted(set(passage_ids))
    if not wanted:
        raise BadInput(N_("select at least one passage"))
    if len(wanted) > MAX_PASSAGES:
        raise BadInput(N_("at most %(limit)s passages at a time"), limit=MAX_PASSAGES)
    p, d, c = schema.passage, schema.document, schema.coding
    with store.connect() as connection:
        _check_code(connection, study, code_id)
        found = connection.execute(
            sa.select(p.c.id, p.c.document_id)
            .join(d, p.c.document_id == d.c.id)
            .where(p.c.id.in_(wanted), d.c.study_id == study.id)
        ).all()
        if len(found) != len(wanted):
            missing = sorted(set(wanted) - {row.id for row in found})
            raise NotFound(N_("no passage %(missing)s in this study"), missing=missing[0])
        for document_id in sorted({row.document_id for row in found}):
            refusal = codable_document(connection, study, document_id)
            if refusal:
                raise Conflict(refusal)
    stamp = now()
    rows = [
        {
            "passage_id": passage_id,
            "code_id": code_id,
            "coder": user.name,
            "score": None,
            "status": "accepted",
            "evidence": evidence or {"via": "web"},
            "created_at": stamp,
        }
        for passage_id in wanted
    ]
    with writing(store) as connection:
        created = _insert_new(connection, rows)
        ids = dict(
            connection.execute(
                sa.select(c.c.passage_id, c.c.id).where(
                    c.c.passage_id.in_(wanted), c.c.code_id == code_id, c.c.coder == user.name
                )
            ).all()
        )
        for passage_id, coding_id in sorted(created.items()):
            store.log(
                connection,
                "coding.added",
                entity="coding",
                entity_id=coding_id,
                actor=user.name,
                payload={"passage_id": passage_id, "code_id": code_id, "study_id": study.id},
            )
    return [
        {
            "id": ids[passage_id],
            "passage_id": passage_id,
            "code_id": code_id,
            "coder": user.name,
            "created": passage_id in created,
        }
        for passage_id in wanted
    ]


# Why a selection cannot be coded (see indsigt.coding.spans.place_span).
SPAN_REFUSALS = {
    "outside": N_("the selection %(start)s–%(end)s lies outside the document's text"),
    "empty": N_("the selection %(start)s–%(end)s is empty: its end must come after its start"),
    "blank": N_("the selection holds only white space"),
    "no_passage": N_("the selection touches no passage of the document"),
}


def add_span_coding(
    store: Store,
    study: Study,
    document_id: int,
    start: int,
    end: int,
    code_id: int,
    *,
    user: User,
) -> dict[str, Any]:
    """Code the span ``[start, end)`` of a document (offsets into its text) with ``code_id`` as
    ``user``: one coding on the passage the span starts in, however many passages it covers
    (:mod:`indsigt.coding.spans`). A span that is exactly one passage is a whole-passage
    coding. If the user already coded that passage with that code, their coding widens to
    cover both spans (``created: false``, ``widened: true``)."""
    c = schema.coding
    with store.connect() as connection:
        text = _span_document(connection, study, document_id, code_id)
        bounds = _passages_over(connection, document_id, start, end)
    try:
        placed = place_span(text, bounds, start, end)
    except SpanError as error:
        raise BadInput(SPAN_REFUSALS[error.reason], start=start, end=end) from None
    anchor = next(b for b in bounds if b.id == placed.passage_id)
    with writing(store) as connection:
        existing = connection.execute(
            sa.select(c.c.id, c.c.start, c.c.end).where(
                c.c.passage_id == anchor.id, c.c.code_id == code_id, c.c.coder == user.name
            )
        ).first()
        if existing is None:
            coding_id = _insert_span(connection, anchor.id, code_id, user.name, placed)
            span, action = (placed.start, placed.end), "coding.added"
        else:
            coding_id = existing.id
            placed, span, action = _widen(connection, text, document_id, existing, anchor, placed)
        if action:
            store.log(
                connection,
                action,
                entity="coding",
                entity_id=coding_id,
                actor=user.name,
                payload={
                    "passage_id": anchor.id,
                    "code_id": code_id,
                    "study_id": study.id,
                    "start": span[0],
                    "end": span[1],
                },
            )
    return {
        "id": coding_id,
        "passage_id": anchor.id,
        "passage_ids": list(placed.passage_ids),
        "code_id": code_id,
        "coder": user.name,
        "start": span[0],
        "end": span[1],
        "created": existing is None,
        "widened": existing is not None and action != "",
    }


def _check_code(connection: Any, study: Study, code_id: int) -> None:
    """A code to code with must be one of this study's (the id comes from the browser)."""
    k = schema.code
    found = connection.scalar(sa.select(k.c.id).where(k.c.id == code_id, k.c.study_id == study.id))
    if found is None:
        raise NotFound(N_("no code %(code_id)s in this study"), code_id=code_id)


def _span_document(connection: Any, study: Study, document_id: int, code_id: int) -> str:
    """The document's text, once the document, the code and the document's state allow it."""
    d = schema.document
    text: str | None = connection.scalar(
        sa.select(d.c.text).where(d.c.id == document_id, d.c.study_id == study.id)
    )
    if text is None:
        raise NotFound(N_("no document %(document_id)s in this study"), document_id=document_id)
    _check_code(connection, study, code_id)
    refusal = codable_document(connection, study, document_id)
    if refusal:
        raise Conflict(refusal)
    return text


def _passages_over(connection: Any, document_id: int, start: int, end: int) -> list[Bounds]:
    p = schema.passage
    return [
        Bounds(row.id, row.start, row.end)
        for row in connection.execute(
            sa.select(p.c.id, p.c.start, p.c.end).where(
                p.c.document_id == document_id, p.c.start < end, p.c.end > start
            )
        )
    ]


def _insert_span(connection: Any, passage_id: int, code_id: int, coder: str, placed: Any) -> int:
    c = schema.coding
    coding_id: int = connection.execute(
        c.insert()
        .values(
            passage_id=passage_id,
            code_id=code_id,
            coder=coder,
            score=None,
            status="accepted",
            evidence={"via": "web"},
            created_at=now(),
            start=placed.start,
            end=placed.end,
        )
        .returning(c.c.id)
    ).scalar_one()
    return coding_id


def _widen(
    connection: Any, text: str, document_id: int, existing: Any, anchor: Bounds, placed: Any
) -> tuple[Any, tuple[int | None, int | None], str]:
    """The user's coding of this passage and code widened to cover the new span too: the new
    placement, its span, and the event to log ("" when the span did not change)."""
    both = widen(
        span_of(existing.start, existing.end, anchor), span_of(placed.start, placed.end, anchor)
    )
    placed = place_span(text, _passages_over(connection, document_id, *both), *both)
    span = (placed.start, placed.end)
    if span == (existing.start, existing.end):
        return placed, span, ""
    c = schema.coding
    connection.execute(c.update().where(c.c.id == existing.id).values(start=span[0], end=span[1]))
    return placed, span, "coding.widened"


def _coding_in_study(store: Store, study: Study, coding_id: int) -> Any:
    c, p = schema.coding, schema.passage
    with store.connect() as connection:
        row = connection.execute(
            study_codings(study.id, c, p.c.document_id).where(c.c.id == coding_id)
        ).first()
        if row is None:
            raise NotFound(N_("no coding %(coding_id)s in this study"), coding_id=coding_id)
        refusal = codable_document(connection, study, row.document_id)
    return row, refusal


def delete_coding(store: Store, study: Study, coding_id: int, *, user: User) -> None:
    """Remove a coding: a coder their own, an admin anyone's. Under blind coding another
    coder's coding is "not found", as everywhere else."""
    row, _ = _coding_in_study(store, study, coding_id)
    only_coder = visible_coder(store, study.id, user)
    if only_coder is not None and row.coder != only_coder:
        raise NotFound(N_("no coding %(coding_id)s in this study"), coding_id=coding_id)
    if row.coder != user.name and not user.can("admin"):
        raise Forbidden(N_("you can only remove your own codings"))
    with writing(store) as connection:
        deleted = connection.execute(
            schema.coding.delete().where(schema.coding.c.id == coding_id)
        ).rowcount
        if not deleted:
            raise NotFound(N_("coding %(coding_id)s is gone already"), coding_id=coding_id)
        store.log(
            connection,
            "coding.deleted",
            entity="coding",
            entity_id=coding_id,
            actor=user.name,
            payload={"passage_id": row.passage_id, "code_id": row.code_id, "coder": row.coder},
        )
