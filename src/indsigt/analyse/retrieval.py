"""Retrieval: every passage coded with a code (and its sub-codes), each in its context — the
passages before and after it in the same turn, the speaker, the document — filtered by the
speaker's respondent attributes. Also the context of any passages, and full-text search
with it (:func:`search_study`).

Names here are the stored ones (document file names, all attributes); what a non-admin may
see is decided by the caller (:mod:`indsigt.sealed`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from indsigt.errors import IndsigtError
from indsigt.queries import code_and_beneath
from indsigt.records import Study
from indsigt.store import Store, schema
from indsigt.store.search import search_passages
from indsigt.store.searchquery import SearchQuery, highlight, parse_query
from indsigt.store.speech import speech

STATUSES = ("accepted", "suggested")


@dataclass(frozen=True)
class PassageInContext:
    """One passage with its neighbours in the turn and who said it."""

    passage_id: int
    document_id: int
    document: str
    turn_id: int
    turn_seq: int
    seq: int
    text: str
    before: str
    after: str
    speaker: str  # the respondent's pseudonym, else the speaker label
    role: str
    respondent_id: int | None
    attributes: Mapping[str, str] = field(default_factory=dict)
    anonymised: bool = False


@dataclass(frozen=True)
class CodingMark:
    code_id: int
    path: str
    coder: str
    status: str
    score: float | None
    # A coding of a selection (indsigt.coding.spans): its own span of the document text, which
    # may be part of the passage or run on into the next ones. None/"": the whole passage.
    start: int | None = None
    end: int | None = None
    text: str = ""


@dataclass(frozen=True)
class Retrieved:
    passage: PassageInContext
    codings: tuple[CodingMark, ...]


def in_context(
    connection: Connection, study_id: int, passage_ids: Iterable[int]
) -> dict[int, PassageInContext]:
    """The study's passages with their context, by id (ids of no passage of the study are
    left out)."""
    wanted = sorted(set(passage_ids))
    if not wanted:
        return {}
    p, t, s, d, r = schema.passage, schema.turn, schema.speaker, schema.document, schema.respondent
    rows: list[Any] = []
    for chunk in _chunks(wanted, 900):
        rows += connection.execute(
            speech(
                study_id,
                p.c.id,
                p.c.document_id,
                p.c.turn_id,
                p.c.seq,
                p.c.text,
                t.c.seq.label("turn_seq"),
                d.c.name,
                d.c.anonymised_at,
                s.c.label,
                s.c.role,
                s.c.respondent_id,
                r.c.pseudonym,
                r.c.attributes,
                speakers="everyone",
            ).where(p.c.id.in_(chunk))
        ).all()
    turns: dict[int, list[tuple[int, int, str]]] = defaultdict(list)
    turn_ids = sorted({row.turn_id for row in rows})
    for chunk in _chunks(turn_ids, 900):
        for turn_id, passage_id, seq, text in connection.execute(
            sa.select(p.c.turn_id, p.c.id, p.c.seq, p.c.text).where(p.c.turn_id.in_(chunk))
        ):
            turns[turn_id].append((seq, passage_id, text))
    neighbours: dict[int, tuple[str, str]] = {}
    for siblings in turns.values():
        siblings.sort()
        for index, (_, passage_id, _) in enumerate(siblings):
            before = siblings[index - 1][2] if index > 0 else ""
            after = siblings[index + 1][2] if index + 1 < len(siblings) else ""
            neighbours[passage_id] = (before, after)
    found = {}
    for row in rows:
        before, after = neighbours.get(row.id, ("", ""))
        found[row.id] = PassageInContext(
            passage_id=row.id,
            document_id=row.document_id,
            document=row.name,
            turn_id=row.turn_id,
            turn_seq=row.turn_seq,
            seq=row.seq,
            text=row.text,
            before=before,
            after=after,
            speaker=row.pseudonym or row.label,
            role=row.role,
            respondent_id=row.respondent_id,
            attributes={str(k): str(v) for k, v in dict(row.attributes or {}).items()},
            anonymised=row.anonymised_at is not None,
        )
    return found


def code_family(
    connection: Connection, study_id: int, code_id: int, *, subcodes: bool
) -> dict[int, str]:
    """The code (and, with ``subcodes``, every code below it): id → path."""
    k = schema.code
    path = connection.scalar(sa.select(k.c.path).where(k.c.study_id == study_id, k.c.id == code_id))
    if path is None:
        raise IndsigtError(f"no code {code_id} in this study")
    query = sa.select(k.c.id, k.c.path).where(k.c.study_id == study_id)
    if subcodes:
        query = query.where(code_and_beneath(k.c.path, path))
    else:
        query = query.where(k.c.id == code_id)
    return {int(i): str(p) for i, p in connection.execute(query)}


@dataclass(frozen=True)
class Retrieval:
    """Of all passages found, how many (``total``, in how many ``documents``), and the
    requested slice of them in context, in document order."""

    total: int
    documents: int
    items: tuple[Retrieved, ...]


def retrieve_code(
    store: Store,
    study_id: int,
    code_id: int,
    *,
    subcodes: bool = True,
    statuses: Sequence[str] = ("accepted",),
    coders: Collection[str] = (),
    together_with: int | None = None,
    attributes: Mapping[str, str] | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> Retrieval:
    """Passages coded with ``code_id`` (or a sub-code) with one of ``statuses`` (by one of
    ``coders``, if named), in document order. ``together_with``: only passages also coded
    with that code (or a sub-code of it). ``attributes``: only passages whose speaker is a
    respondent with every one of these attribute values. Only the ``limit`` passages from
    ``offset`` on are read in context (None: all)."""
    unknown = set(statuses) - {*STATUSES, "rejected"}
    if unknown:
        raise IndsigtError(f"unknown coding status {sorted(unknown)[0]!r}")
    wanted = {k: str(v) for k, v in (attributes or {}).items() if v}
    with store.connect() as connection:
        family = code_family(connection, study_id, code_id, subcodes=subcodes)
        marks, where = _marks(connection, study_id, family, statuses, coders)
        if together_with is not None:
            other = code_family(connection, study_id, together_with, subcodes=subcodes)
            also, _ = _marks(connection, study_id, other, statuses, coders)
            marks = {pid: marks[pid] + also[pid] for pid in marks.keys() & also.keys()}
        if wanted:
            people = _respondent_attributes(connection, study_id)
            marks = {
                pid: found
                for pid, found in marks.items()
                if all(people.get(where[pid][2] or -1, {}).get(k) == v for k, v in wanted.items())
            }
        order = sorted(marks, key=lambda pid: where[pid][:2])
        shown = order[offset:] if limit is None else order[offset : offset + limit]
        contexts = in_context(connection, study_id, shown)
    items = tuple(
        Retrieved(contexts[pid], tuple(sorted(set(marks[pid]), key=lambda m: (m.path, m.coder))))
        for pid in shown
        if pid in contexts
    )
    return Retrieval(len(order), len({where[pid][0] for pid in order}), items)


def _respondent_attributes(connection: Connection, study_id: int) -> dict[int, dict[str, str]]:
    r = schema.respondent
    return {
        int(rid): {str(k): str(v) for k, v in dict(attributes or {}).items()}
        for rid, attributes in connection.execute(
            sa.select(r.c.id, r.c.attributes).where(r.c.study_id == study_id)
        )
    }


def _marks(
    connection: Connection,
    study_id: int,
    family: Mapping[int, str],
    statuses: Sequence[str],
    coders: Collection[str],
) -> tuple[dict[int, list[CodingMark]], dict[int, tuple[int, int, int | None]]]:
    """The codings by passage, and each passage's (document id, seq, respondent id)."""
    c, p, s, d = schema.coding, schema.passage, schema.speaker, schema.document
    own = c.c.start.is_not(None)
    query = (
        speech(
            study_id,
            c.c.passage_id,
            c.c.code_id,
            c.c.coder,
            c.c.status,
            c.c.score,
            c.c.start,
            c.c.end,
            # The coded text of a span coding (substr counts characters from 1, in both stores).
            sa.case((own, sa.func.substr(d.c.text, c.c.start + 1, c.c.end - c.c.start)), else_=""),
            p.c.document_id,
            p.c.seq,
            s.c.respondent_id,
            speakers="everyone",
        )
        .join(c, c.c.passage_id == p.c.id)
        .where(c.c.code_id.in_(list(family)), c.c.status.in_(list(statuses)))
    )
    if coders:
        query = query.where(c.c.coder.in_(sorted(coders)))
    marks: dict[int, list[CodingMark]] = defaultdict(list)
    where: dict[int, tuple[int, int, int | None]] = {}
    # Unpacked as tuples: attribute access on thousands of rows costs more than the query.
    for passage_id, code_id, coder, status, score, start, end, text, *place in connection.execute(
        query
    ):
        marks[passage_id].append(
            CodingMark(code_id, family[code_id], coder, status, score, start, end, text or "")
        )
        where[passage_id] = (place[0], place[1], place[2])
    return marks, where


def _chunks(values: Sequence[int], size: int) -> Iterable[Sequence[int]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


@dataclass(frozen=True)
class SearchResult:
    """A page of search hits in context, best first, and how many there are in all."""

    query: SearchQuery
    total: int
    hits: tuple[PassageInContext, ...]

    def marked(self, text: str) -> list[tuple[str, bool]]:
        """``text`` in pieces, ``True`` for the words the query found."""
        return highlight(text, self.query)


def search_study(
    store: Store,
    study: Study,
    query: str,
    *,
    limit: int = 20,
    offset: int = 0,
    document_ids: Collection[int] | None = None,
) -> SearchResult:
    """Full-text search over the study's passages (:mod:`indsigt.store.search`) with each
    hit's context. A query that cannot be read raises :class:`QuerySyntaxError`."""
    parsed = parse_query(query, language=study.language)
    found = search_passages(
        store, study.id, parsed, limit=limit, offset=offset, document_ids=document_ids
    )
    with store.connect() as connection:
        contexts = in_context(connection, study.id, found.passage_ids)
    return SearchResult(parsed, found.total, tuple(contexts[i] for i in found.passage_ids))
