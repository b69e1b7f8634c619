"""Reviewing suggestions: accept, reject and undo, each decision an audit event.

The one place the review rules live; the CLI (``indsigt codings``) and the web app's queue both
call it. Suggestions of several coders for the same passage and code are *twins*: deciding
one decides every twin still open, in one transaction. Accepting marks the machine's rows
``accepted`` (with who reviewed them and when) and adds the reviewer's own coding of the
passage and code; rejecting marks them ``rejected``. The machine's rows stay, so reliability
can compare a machine with any person. A decision only changes a row whose status is still
``suggested`` (a concurrent reviewer's decision is never overwritten). Undo puts a decision's
rows back to ``suggested`` and removes the own coding the acceptance added; only the reviewer
or an admin may undo.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from indsigt import queries
from indsigt.coding.storage import insert_ignore
from indsigt.errors import IndsigtError
from indsigt.store import Store, schema
from indsigt.store.speech import study_codings
from indsigt.store.store import now
from indsigt.store.tx import writing

STATUSES = ("suggested", "accepted", "rejected")
DECISIONS = {"accept": "accepted", "reject": "rejected"}


class ReviewError(IndsigtError):
    """A decision that cannot be made; the web app answers with ``status``."""

    status = 409


class NoSuchCoding(ReviewError):
    status = 404


class NotSuggested(ReviewError):
    """The coding is decided already (perhaps by another reviewer a moment ago)."""


class NotAllowed(ReviewError):
    status = 403


class BadReviewInput(ReviewError):
    status = 422


@dataclass(frozen=True)
class CodingRow:
    """A coding as :func:`list_codings` lists it: with its document's name, its code's path
    and its passage's text."""

    id: int
    document: str
    passage_id: int
    code: str
    coder: str
    score: float | None
    status: str
    text: str
    evidence: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Decided:
    """A decision of :func:`review_codings`: ``own_coding_id``, the reviewer's own coding an
    acceptance added (None for a rejection)."""

    id: int
    status: str
    own_coding_id: int | None


@dataclass(frozen=True)
class Undone:
    """What :func:`undo` took back: ``coding`` (now ``status``), what it ``was``, and every
    coding (its twins) put back to suggested."""

    id: int
    status: str
    was: str
    codings: tuple[int, ...]


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
) -> list[CodingRow]:
    """Codings in document order, one row each. ``code`` matches the path and every code
    beneath it; ``document`` is a document's id, name or unique name prefix."""
    c, p, d, k = schema.coding, schema.passage, schema.document, schema.code
    query = (
        study_codings(
            study_id,
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
        .join(k, c.c.code_id == k.c.id)
        .order_by(d.c.id, p.c.seq, k.c.path, c.c.coder)
    )
    if coder:
        query = query.where(c.c.coder == coder)
    if code:
        query = query.where(queries.code_and_beneath(k.c.path, code))
    if status:
        check_status(status)
        query = query.where(c.c.status == status)
    if document:
        query = query.where(d.c.id == queries.document(store, study_id, document).id)
    if min_score is not None:
        query = query.where(c.c.score >= min_score)
    if limit:
        query = query.limit(limit)
    with store.connect() as connection:
        return [CodingRow(**row._mapping) for row in connection.execute(query)]


def check_status(status: str) -> None:
    if status not in STATUSES:
        raise BadReviewInput(f"status {status!r}: use {', '.join(STATUSES)}")


def _coding(connection: Connection, study_id: int, coding_id: int) -> Any:
    c, p, d, s = schema.coding, schema.passage, schema.document, schema.study
    row = connection.execute(
        study_codings(study_id, c, d.c.anonymised_at, s.c.anonymisation_required, p.c.document_id)
        .join(s, d.c.study_id == s.c.id)
        .where(c.c.id == coding_id)
    ).first()
    if row is None:
        raise NoSuchCoding(f"no coding {coding_id} in this study")
    return row


def _twins(connection: Connection, row: Any, *, status: str, only_coder: str | None) -> list[Any]:
    """The codings of ``row``'s passage and code with ``status`` (``row`` first)."""
    c = schema.coding
    query = sa.select(c).where(
        c.c.passage_id == row.passage_id, c.c.code_id == row.code_id, c.c.status == status
    )
    if only_coder is not None:
        query = query.where(c.c.coder == only_coder)
    found = connection.execute(query.order_by(c.c.id)).all()
    return sorted(found, key=lambda twin: twin.id != row.id)


def _decide_in(
    connection: Connection,
    store: Store,
    study_id: int,
    coding_id: int,
    status: str,
    *,
    user: str,
    only_coder: str | None,
    via: str,
) -> dict[str, Any]:
    c = schema.coding
    row = _coding(connection, study_id, coding_id)
    if only_coder is not None and row.coder != only_coder:
        raise NoSuchCoding(f"no coding {coding_id} in this study")
    if row.status != "suggested":
        raise NotSuggested(f"coding {coding_id} is not a suggestion (it is {row.status})")
    if status == "accepted" and row.anonymisation_required and row.anonymised_at is None:
        raise NotSuggested(
            f"coding {coding_id}: its document is not anonymised yet; anonymise it first"
        )
    stamp = now()
    reviewed = {"reviewed_by": user, "reviewed_at": stamp.isoformat()}
    decided: list[Any] = []
    others = _twins(connection, row, status="suggested", only_coder=only_coder)
    for twin in [row, *(other for other in others if other.id != row.id)]:
        changed = connection.execute(
            c.update()
            .where(c.c.id == twin.id, c.c.status == "suggested")
            .values(status=status, evidence={**twin.evidence, **reviewed})
        ).rowcount
        if changed:
            decided.append(twin)
        elif twin.id == coding_id:
            raise NotSuggested(f"coding {coding_id} is not a suggestion (someone decided it)")
    ids = [twin.id for twin in decided]
    own_id = None
    if status == "accepted" and any(twin.coder != user for twin in decided):
        own_id = _own_coding(
            connection, row, user=user, via=via, accepted=coding_id, ids=ids, stamp=stamp
        )
    for twin in decided:
        store.log(
            connection,
            f"coding.{status}",
            entity="coding",
            entity_id=twin.id,
            actor=user,
            payload={
                "passage_id": row.passage_id,
                "code_id": row.code_id,
                "suggested_by": twin.coder,
                "own_coding_id": own_id,
                "decided_with": ids,
            },
        )
    return {
        "id": coding_id,
        "status": status,
        "own_coding_id": own_id,
        "codings": ids,
        "reviewed_by": user,
    }


def _own_coding(
    connection: Connection,
    row: Any,
    *,
    user: str,
    via: str,
    accepted: int,
    ids: list[int],
    stamp: datetime,
) -> int | None:
    """The reviewer's own accepted coding of ``row``'s passage and code (made unless it is
    there already): the suggestions a person accepts count as that person's."""
    c = schema.coding
    connection.execute(
        insert_ignore(connection, c),
        [
            {
                "passage_id": row.passage_id,
                "code_id": row.code_id,
                "coder": user,
                "score": None,
                "status": "accepted",
                "evidence": {
                    "via": via,
                    "accepted_suggestion": accepted,
                    "accepted_suggestions": ids,
                },
                "created_at": stamp,
            }
        ],
    )
    return connection.scalar(
        sa.select(c.c.id).where(
            c.c.passage_id == row.passage_id, c.c.code_id == row.code_id, c.c.coder == user
        )
    )


def decide(
    store: Store,
    study_id: int,
    coding_id: int,
    decision: str,
    *,
    user: str,
    only_coder: str | None = None,
    via: str = "cli",
) -> dict[str, Any]:
    """Accept or reject the suggestion ``coding_id`` and its open twins (``decision`` =
    ``accept`` or ``reject``). ``only_coder``: the one coder whose codings the user may see
    (blind coding); other codings are "not found". Returns ``id``, ``status``,
    ``own_coding_id`` and ``codings`` (every coding decided)."""
    if decision not in DECISIONS:
        raise BadReviewInput(f"decision {decision!r}: use accept or reject")
    with writing(store) as connection:
        return _decide_in(
            connection,
            store,
            study_id,
            coding_id,
            DECISIONS[decision],
            user=user,
            only_coder=only_coder,
            via=via,
        )


def review_codings(
    store: Store,
    study_id: int,
    *,
    accept: Sequence[int] = (),
    reject: Sequence[int] = (),
    user: str,
) -> list[Decided]:
    """Accept and reject suggestions by coding id, all in one transaction. A twin decided with
    an earlier id of the same call is reported, not refused."""
    both = set(accept) & set(reject)
    if both:
        raise BadReviewInput(f"coding {min(both)} cannot be both accepted and rejected")
    decisions = [(int(i), "accepted") for i in accept] + [(int(i), "rejected") for i in reject]
    results: list[Decided] = []
    done: dict[int, tuple[str, int | None]] = {}
    with writing(store) as connection:
        for coding_id, status in decisions:
            if coding_id in done and done[coding_id][0] == status:
                results.append(Decided(coding_id, status, done[coding_id][1]))
                continue
            result = _decide_in(
                connection,
                store,
                study_id,
                coding_id,
                status,
                user=user,
                only_coder=None,
                via="cli",
            )
            for twin in result["codings"]:
                done[twin] = (status, result["own_coding_id"])
            results.append(Decided(coding_id, status, result["own_coding_id"]))
    return results


def undo(
    store: Store,
    study_id: int,
    coding_id: int,
    *,
    user: str,
    admin: bool = False,
    only_coder: str | None = None,
) -> dict[str, Any]:
    """Take back the decision on ``coding_id`` and its twins decided with it: back to
    ``suggested``, the own coding the acceptance added removed, an ``coding.undone`` event per
    coding. Only the reviewer who decided, or an admin (``admin=True``), may undo."""
    c = schema.coding
    with writing(store) as connection:
        row = _coding(connection, study_id, coding_id)
        if only_coder is not None and row.coder != only_coder:
            raise NoSuchCoding(f"no coding {coding_id} in this study")
        reviewer = (row.evidence or {}).get("reviewed_by")
        if row.status == "suggested" or not reviewer:
            raise NotSuggested(f"coding {coding_id} has no decision to undo")
        if reviewer != user and not admin:
            raise NotAllowed(f"only {reviewer} or an admin can undo the decision on {coding_id}")
        twins = [
            twin
            for twin in _twins(connection, row, status=row.status, only_coder=only_coder)
            if (twin.evidence or {}).get("reviewed_by") == reviewer
        ]
        undone = []
        for twin in twins:
            evidence = {
                key: value
                for key, value in twin.evidence.items()
                if key not in ("reviewed_by", "reviewed_at")
            }
            changed = connection.execute(
                c.update()
                .where(c.c.id == twin.id, c.c.status == row.status)
                .values(status="suggested", evidence=evidence)
            ).rowcount
            if changed:
                undone.append(twin.id)
            elif twin.id == coding_id:
                raise NotSuggested(f"coding {coding_id} changed meanwhile; reload")
        own_id = None
        if row.status == "accepted":
            own = connection.execute(
                sa.select(c.c.id, c.c.evidence).where(
                    c.c.passage_id == row.passage_id,
                    c.c.code_id == row.code_id,
                    c.c.coder == reviewer,
                )
            ).first()
            linked: set[Any] = set()
            if own is not None:
                found = own.evidence or {}
                linked = {found.get("accepted_suggestion"), *found.get("accepted_suggestions", [])}
            if own is not None and linked & {twin.id for twin in twins}:
                own_id = own.id
                connection.execute(c.delete().where(c.c.id == own.id))
        for twin_id in undone:
            store.log(
                connection,
                "coding.undone",
                entity="coding",
                entity_id=twin_id,
                actor=user,
                payload={
                    "passage_id": row.passage_id,
                    "code_id": row.code_id,
                    "was": row.status,
                    "reviewed_by": reviewer,
                    "own_coding_removed": own_id,
                },
            )
    return {"id": coding_id, "status": "suggested", "was": row.status, "codings": undone}


def recent_decisions(store: Store, study_id: int, *, user: str, limit: int = 10) -> list[int]:
    """Ids of codings ``user`` decided most recently that are still decided, newest first, one
    per passage and code (the handle for :func:`undo`)."""
    e, c = schema.event, schema.coding
    with store.connect() as connection:
        events = connection.execute(
            sa.select(e.c.entity_id)
            .where(
                e.c.action.in_(("coding.accepted", "coding.rejected")),
                e.c.actor == user,
                e.c.entity == "coding",
            )
            .order_by(e.c.id.desc())
            .limit(limit * 20)
        ).all()
        ordered = list(dict.fromkeys(int(r.entity_id) for r in events if r.entity_id.isdigit()))
        if not ordered:
            return []
        rows = connection.execute(
            study_codings(
                study_id, c.c.id, c.c.passage_id, c.c.code_id, c.c.status, c.c.evidence
            ).where(c.c.id.in_(ordered), c.c.status != "suggested")
        ).all()
    by_id = {row.id: row for row in rows if (row.evidence or {}).get("reviewed_by") == user}
    seen: set[tuple[int, int]] = set()
    out = []
    for coding_id in ordered:
        row = by_id.get(coding_id)
        if row is None or (row.passage_id, row.code_id) in seen:
            continue
        seen.add((row.passage_id, row.code_id))
        out.append(coding_id)
        if len(out) >= limit:
            break
    return out
