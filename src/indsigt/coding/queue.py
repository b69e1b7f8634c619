"""The suggestion queue: what a reviewer sees, filtered, sorted, paged, twins merged.

One :class:`QueueItem` per passage and code, naming every coder that proposed it (the
highest score, each coder's evidence in words). Passages spoken by an interviewer are never
listed, whatever the coders stored. ``sample`` draws that many items at random (``seed``), for
a calibrated prevalence estimate of a code. Decisions are in :mod:`indsigt.coding.review`.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

import sqlalchemy as sa

from indsigt import queries
from indsigt.codebook.repository import load_codebook
from indsigt.coding.evidence import evidence_in_words
from indsigt.coding.review import BadReviewInput, check_status, recent_decisions
from indsigt.coding.sampling import draw
from indsigt.store import Store, schema
from indsigt.store.speech import speech

SORTS = ("document", "score", "code")
MAX_SAMPLE = 10_000


@dataclass(frozen=True)
class QueueFilter:
    """What to list. ``code`` takes the codes beneath it too; ``document`` is an id, name or
    unique name prefix; the score range applies to an item's highest score; ``attribute`` and
    ``value`` pick passages of respondents with that attribute value; ``status`` None = any."""

    code: str | None = None
    document: str | None = None
    coder: str | None = None
    min_score: float | None = None
    max_score: float | None = None
    attribute: str | None = None
    value: str | None = None
    status: str | None = "suggested"
    sort: str = "document"
    sample: int = 0
    seed: int = 0

    def __post_init__(self) -> None:
        if self.sort not in SORTS:
            raise BadReviewInput(f"sort {self.sort!r}: use {', '.join(SORTS)}")
        if self.status is not None:
            check_status(self.status)
        if not 0 <= self.sample <= MAX_SAMPLE:
            raise BadReviewInput(f"sample: a number from 0 to {MAX_SAMPLE}")
        if bool(self.attribute) != (self.value is not None and self.attribute is not None):
            raise BadReviewInput("attribute: give both the attribute and its value")


@dataclass(frozen=True)
class Proposal:
    """One coder's coding inside an item."""

    coding_id: int
    coder: str
    score: float | None
    status: str
    evidence: dict[str, Any]
    evidence_text: str
    reviewed_by: str | None = None


@dataclass(frozen=True)
class QueueItem:
    """A passage and a code, with every coder's proposal; ``id`` is the first proposal's
    coding id, the handle for deciding (and undoing) the whole item."""

    id: int
    passage_id: int
    code_id: int
    code_path: str
    document_id: int
    document: str
    anonymised: bool
    speaker_role: str
    text: str
    before: str
    after: str
    score: float | None
    status: str
    proposals: tuple[Proposal, ...] = field(default_factory=tuple)

    @property
    def coders(self) -> list[str]:
        return [proposal.coder for proposal in self.proposals]

    @property
    def reviewed_by(self) -> str | None:
        return next((p.reviewed_by for p in self.proposals if p.reviewed_by), None)


@dataclass(frozen=True)
class QueuePage:
    items: list[QueueItem]
    total: int


def _attribute_speakers(store: Store, study_id: int, attribute: str, value: str) -> list[int]:
    """Respondent ids whose ``attribute`` is ``value``."""
    return [
        respondent.id
        for respondent in queries.respondents(store, study_id)
        if str(respondent.attributes.get(attribute, "")) == value
    ]


def _where(store: Store, study_id: int, wanted: QueueFilter, only_coder: str | None) -> list[Any]:
    """Conditions on :func:`_coded` beyond its study and speakers."""
    c, d, k, s = schema.coding, schema.document, schema.code, schema.speaker
    where: list[Any] = []
    if wanted.status is not None:
        where.append(c.c.status == wanted.status)
    if only_coder is not None:
        where.append(c.c.coder == only_coder)
    if wanted.code:
        where.append(queries.code_and_beneath(k.c.path, wanted.code))
    if wanted.document:
        where.append(d.c.id == queries.document(store, study_id, wanted.document).id)
    if wanted.attribute and wanted.value is not None:
        ids = _attribute_speakers(store, study_id, wanted.attribute, wanted.value)
        where.append(s.c.respondent_id.in_(ids))
    return where


def _coded(study_id: int, *columns: Any) -> Any:
    """``columns`` of the codings on passages not spoken by an interviewer, with their code."""
    c, p, k = schema.coding, schema.passage, schema.code
    return (
        speech(study_id, *columns, speakers="not_interviewers")
        .join(c, c.c.passage_id == p.c.id)
        .join(k, c.c.code_id == k.c.id)
    )


def _groups(study_id: int, wanted: QueueFilter, where: list[Any]) -> Any:
    """One row per passage and code: its first coding id, highest score, place and path."""
    c, p, d, k = schema.coding, schema.passage, schema.document, schema.code
    top = sa.func.max(c.c.score)
    query = (
        _coded(
            study_id,
            c.c.passage_id,
            c.c.code_id,
            sa.func.min(c.c.id).label("first"),
            top.label("top"),
            d.c.id.label("document_id"),
            p.c.seq,
            k.c.path,
        )
        .where(*where)
        .group_by(c.c.passage_id, c.c.code_id, d.c.id, p.c.seq, k.c.path)
    )
    having = []
    if wanted.coder:
        having.append(sa.func.max(sa.case((c.c.coder == wanted.coder, 1), else_=0)) == 1)
    if wanted.min_score is not None:
        having.append(top >= wanted.min_score)
    if wanted.max_score is not None:
        having.append(top <= wanted.max_score)
    return query.having(*having) if having else query


def _order(rows: list[Any], sort: str) -> list[Any]:
    if sort == "score":
        return sorted(rows, key=lambda r: (r.top is None, -(r.top or 0), r.document_id, r.seq))
    if sort == "code":
        return sorted(rows, key=lambda r: (r.path, r.document_id, r.seq, r.first))
    return sorted(rows, key=lambda r: (r.document_id, r.seq, r.path, r.first))


def _ordered(query: Any, sort: str) -> Any:
    groups = query.subquery()
    g = groups.c
    if sort == "score":
        order = [g.top.desc().nulls_last(), g.document_id, g.seq, g.path]
    elif sort == "code":
        order = [g.path, g.document_id, g.seq, g.first]
    else:
        order = [g.document_id, g.seq, g.path, g.first]
    return sa.select(groups).order_by(*order)


def suggestion_queue(
    store: Store,
    study_id: int,
    wanted: QueueFilter | None = None,
    *,
    only_coder: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> QueuePage:
    """A page of merged queue items and how many items match in all. ``only_coder``: under
    blind coding, the one coder whose codings the reviewer may see."""
    wanted = wanted or QueueFilter()
    where = _where(store, study_id, wanted, only_coder)
    grouped = _groups(study_id, wanted, where)
    with store.connect() as connection:
        if wanted.sample:
            every = connection.execute(
                sa.select(grouped.subquery()).order_by(sa.text("first"))
            ).all()
            drawn = draw(every, wanted.sample, seed=wanted.seed)
            total = len(drawn)
            keys = _order(drawn, wanted.sort)[offset : offset + limit]
        else:
            total = int(
                connection.scalar(sa.select(sa.func.count()).select_from(grouped.subquery())) or 0
            )
            keys = list(
                connection.execute(_ordered(grouped, wanted.sort).limit(limit).offset(offset))
            )
        items = _items(connection, store, study_id, keys, where)
    return QueuePage(items=items, total=total)


def _items(
    connection: Any, store: Store, study_id: int, keys: list[Any], where: list[Any]
) -> list[QueueItem]:
    if not keys:
        return []
    c, p, d, k, s = schema.coding, schema.passage, schema.document, schema.code, schema.speaker
    pairs = {(key.passage_id, key.code_id) for key in keys}
    rows = connection.execute(
        _coded(
            study_id,
            c,
            p.c.text,
            p.c.seq,
            p.c.document_id,
            d.c.name.label("document"),
            d.c.anonymised_at,
            k.c.path.label("code_path"),
            s.c.role.label("speaker_role"),
        )
        .where(*where, c.c.passage_id.in_({pid for pid, _ in pairs}))
        .order_by(c.c.id)
    ).all()
    proposals: dict[tuple[int, int], list[Any]] = {}
    for row in rows:
        if (row.passage_id, row.code_id) in pairs:
            proposals.setdefault((row.passage_id, row.code_id), []).append(row)
    around = _neighbours(connection, [found[0] for found in proposals.values()])
    codes = load_codebook(store, study_id).by_id()
    items = []
    for key in keys:
        found = proposals.get((key.passage_id, key.code_id))
        if not found:
            continue
        first = found[0]
        scores = [row.score for row in found if row.score is not None]
        items.append(
            QueueItem(
                id=first.id,
                passage_id=first.passage_id,
                code_id=first.code_id,
                code_path=first.code_path,
                document_id=first.document_id,
                document=first.document,
                anonymised=first.anonymised_at is not None,
                speaker_role=first.speaker_role,
                text=first.text,
                before=around.get((first.document_id, first.seq - 1), ""),
                after=around.get((first.document_id, first.seq + 1), ""),
                score=max(scores) if scores else None,
                status=first.status,
                proposals=tuple(
                    Proposal(
                        coding_id=row.id,
                        coder=row.coder,
                        score=row.score,
                        status=row.status,
                        evidence=dict(row.evidence or {}),
                        evidence_text=evidence_in_words(
                            row.evidence, score=row.score, code=codes.get(row.code_id)
                        ),
                        reviewed_by=(row.evidence or {}).get("reviewed_by"),
                    )
                    for row in found
                ),
            )
        )
    return items


def _neighbours(connection: Any, rows: list[Any]) -> dict[tuple[int, int], str]:
    """The text of the passages just before and after each row's passage."""
    p = schema.passage
    needed = {(r.document_id, r.seq + delta) for r in rows for delta in (-1, 1)}
    around: dict[tuple[int, int], str] = {}
    if not needed:
        return around
    documents = sorted({doc for doc, _ in needed})
    seqs = sorted({seq for _, seq in needed})
    for doc, seq, text in connection.execute(
        sa.select(p.c.document_id, p.c.seq, p.c.text).where(
            p.c.document_id.in_(documents), p.c.seq.in_(seqs)
        )
    ):
        if (doc, seq) in needed:
            around[(doc, seq)] = text
    return around


def decided_items(
    store: Store, study_id: int, *, user: str, only_coder: str | None = None, limit: int = 10
) -> list[QueueItem]:
    """The items ``user`` decided last and can still undo, newest first."""
    handles = recent_decisions(store, study_id, user=user, limit=limit)
    if not handles:
        return []
    c = schema.coding
    where = [*_where(store, study_id, QueueFilter(status=None), only_coder)]
    where.append(c.c.status != "suggested")
    with store.connect() as connection:
        handled = connection.execute(
            sa.select(c.c.id, c.c.passage_id, c.c.code_id).where(c.c.id.in_(handles))
        ).all()
        order = {(r.passage_id, r.code_id): handles.index(r.id) for r in handled}
        groups = _groups(study_id, QueueFilter(status=None), where).subquery()
        keys = connection.execute(
            sa.select(groups).where(groups.c.passage_id.in_({pid for pid, _ in order}))
        ).all()
        keys = sorted(
            [key for key in keys if (key.passage_id, key.code_id) in order],
            key=lambda key: order[(key.passage_id, key.code_id)],
        )
        items = _items(connection, store, study_id, keys, where)
    # only the reviewed suggestions, not the reviewer's own coding the acceptance added
    return [
        replace(item, proposals=reviewed)
        for item in items
        if (reviewed := tuple(p for p in item.proposals if p.reviewed_by))
    ]
