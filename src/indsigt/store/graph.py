"""The record graph written in one place: document → speakers → turns → passages, and the
respondents the speakers belong to.

``indsigt import`` (``ingest/pipeline.py``), batch jobs (``batch/writer.py``) and the
REFI-QDA import (``interchange/writer.py``) describe what they store as :class:`NewDocument`
values and call :func:`write_documents` inside their own transaction; what else they write
(events, sealed texts, findings, codings) stays with them. A passage's stored ``text`` is
always ``document.text[start:end]`` and passages are numbered (``seq``) in document order;
SQLite's FTS5 triggers (migration 0009) index every passage written here.

Rows are inserted with one ``executemany`` per table for all documents given (a batch
partition's thousands of documents at once), in the order given, so ids follow that order.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any, NamedTuple

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from indsigt.records import ParsedTurn
from indsigt.store import schema
from indsigt.store.store import Store, insert_returning_id, now

CHUNK = 5000  # values in one ``IN (…)``


class NewSpeaker(NamedTuple):
    label: str
    role: str  # a SpeakerRole: interviewer, respondent, unknown
    respondent_id: int | None = None


@dataclass(frozen=True)
class NewDocument:
    """A document to store with its speakers, turns and passages (offsets into ``text``)."""

    name: str
    text: str
    sha256: str
    format: str
    language: str
    unit: str
    source_path: str
    meta: Mapping[str, Any]
    speakers: Sequence[NewSpeaker] = ()
    turns: Sequence[ParsedTurn] = ()  # each speaker by its label among ``speakers``
    # (turn index, start, end), in document order: ``seq`` is the position here.
    passages: Sequence[tuple[int, int, int]] = ()
    imported_at: datetime | None = None  # None: now
    anonymised_at: datetime | None = None
    anonymiser: str | None = None


@dataclass(frozen=True)
class WrittenDocument:
    """The ids a stored document got, in the order of its speakers, turns and passages."""

    id: int
    speaker_ids: list[int] = field(default_factory=list)
    turn_ids: list[int] = field(default_factory=list)
    passage_ids: list[int] = field(default_factory=list)


def create_study(
    connection: Connection,
    store: Store,
    *,
    name: str,
    language: str,
    description: str = "",
    anonymisation_required: bool = True,
    source: str | None = None,
) -> int:
    """The graph's root: a new study row (segmented by ``level``) and its ``study.created``
    event (``source``: where it was made from, e.g. a REFI-QDA file); its id."""
    study_id = insert_returning_id(
        connection,
        schema.study.insert().values(
            name=name,
            language=language,
            description=description,
            segment_attributes=["level"],
            anonymisation_required=anonymisation_required,
            created_at=now(),
        ),
    )
    payload = {"name": name, "language": language}
    if source is not None:
        payload["from"] = source
    store.log(connection, "study.created", entity="study", entity_id=study_id, payload=payload)
    return study_id


def insert_ids(
    connection: Connection, table: sa.Table, rows: Sequence[dict[str, Any]]
) -> list[int]:
    """Insert ``rows`` and return their new ids in the same order."""
    if not rows:
        return []
    if connection.dialect.name == "sqlite":
        # SQLite gives a new row the largest rowid + 1 and inserts the rows of one
        # multi-row VALUES in order, so the new ids, sorted, are in the rows' order. Asked to
        # keep that order itself, SQLAlchemy would send one INSERT per row on SQLite.
        return sorted(connection.scalars(table.insert().returning(table.c.id), rows))
    return list(
        connection.scalars(table.insert().returning(table.c.id, sort_by_parameter_order=True), rows)
    )


def write_document(connection: Connection, study_id: int, document: NewDocument) -> WrittenDocument:
    """Store one document with its speakers, turns and passages."""
    return write_documents(connection, study_id, [document])[0]


def write_documents(
    connection: Connection, study_id: int, documents: Sequence[NewDocument]
) -> list[WrittenDocument]:
    """Store the documents with their speakers, turns and passages, in the caller's
    transaction; returns their ids in the order given."""
    stamp = now()
    document_ids = insert_ids(
        connection,
        schema.document,
        [_document_row(study_id, doc, stamp) for doc in documents],
    )
    speaker_ids = _insert_per_document(
        connection,
        schema.speaker,
        [_speaker_rows(doc, doc_id) for doc, doc_id in zip(documents, document_ids, strict=True)],
    )
    turn_ids = _insert_per_document(
        connection,
        schema.turn,
        [
            _turn_rows(doc, doc_id, speakers)
            for doc, doc_id, speakers in zip(documents, document_ids, speaker_ids, strict=True)
        ],
    )
    passage_ids = _insert_per_document(
        connection,
        schema.passage,
        [
            _passage_rows(doc, doc_id, turns)
            for doc, doc_id, turns in zip(documents, document_ids, turn_ids, strict=True)
        ],
    )
    return [
        WrittenDocument(*ids)
        for ids in zip(document_ids, speaker_ids, turn_ids, passage_ids, strict=True)
    ]


def log_imported(
    connection: Connection, store: Store, document_id: int, document: NewDocument, **more: Any
) -> None:
    """The ``document.imported`` event of a stored document: its name, format, hash, turns and
    passages (``more``: what else, or another value for one of these)."""
    store.log(
        connection,
        "document.imported",
        entity="document",
        entity_id=document_id,
        payload={
            "name": document.name,
            "format": document.format,
            "sha256": document.sha256,
            "turns": len(document.turns),
            "passages": len(document.passages),
            **more,
        },
    )


def _document_row(study_id: int, doc: NewDocument, stamp: datetime) -> dict[str, Any]:
    return {
        "study_id": study_id,
        "name": doc.name,
        "source_path": doc.source_path,
        "sha256": doc.sha256,
        "format": doc.format,
        "language": doc.language,
        "unit": doc.unit,
        "text": doc.text,
        "meta": doc.meta,
        "imported_at": doc.imported_at or stamp,
        "anonymised_at": doc.anonymised_at,
        "anonymiser": doc.anonymiser,
    }


def _speaker_rows(doc: NewDocument, doc_id: int) -> list[dict[str, Any]]:
    return [
        {"document_id": doc_id, "label": s.label, "role": s.role, "respondent_id": s.respondent_id}
        for s in doc.speakers
    ]


def _turn_rows(doc: NewDocument, doc_id: int, speakers: list[int]) -> list[dict[str, Any]]:
    by_label = {s.label: i for s, i in zip(doc.speakers, speakers, strict=True)}
    return [
        {
            "document_id": doc_id,
            "speaker_id": by_label[t.speaker],
            "seq": seq,
            "start": t.start,
            "end": t.end,
            "start_ms": t.start_ms,
            "end_ms": t.end_ms,
        }
        for seq, t in enumerate(doc.turns)
    ]


def _passage_rows(doc: NewDocument, doc_id: int, turns: list[int]) -> list[dict[str, Any]]:
    return [
        {
            "document_id": doc_id,
            "turn_id": turns[turn],
            "seq": seq,
            "start": start,
            "end": end,
            "text": doc.text[start:end],
        }
        for seq, (turn, start, end) in enumerate(doc.passages)
    ]


def _insert_per_document(
    connection: Connection, table: sa.Table, rows: list[list[dict[str, Any]]]
) -> list[list[int]]:
    """Each document's ``rows`` inserted in one statement; their new ids, per document."""
    ids = insert_ids(connection, table, [row for document in rows for row in document])
    parts, cursor = [], 0
    for document in rows:
        parts.append(ids[cursor : cursor + len(document)])
        cursor += len(document)
    return parts


# Respondents -------------------------------------------------------------------------------


class NewRespondent(NamedTuple):
    key: str
    pseudonym: str
    attributes: Mapping[str, str]


class StoredRespondent(NamedTuple):
    id: int
    pseudonym: str
    attributes: dict[str, str]


def insert_respondents(
    connection: Connection, study_id: int, respondents: Sequence[NewRespondent]
) -> list[int]:
    """Store new respondents; returns their ids in the order given."""
    return insert_ids(
        connection,
        schema.respondent,
        [
            {
                "study_id": study_id,
                "key": r.key,
                "pseudonym": r.pseudonym,
                "attributes": dict(r.attributes),
            }
            for r in respondents
        ],
    )


def stored_respondents(
    connection: Connection, study_id: int, keys: Collection[str] | None = None
) -> dict[str, StoredRespondent]:
    """The study's respondents by key (only those with one of ``keys``, if given)."""
    r = schema.respondent
    query = sa.select(r.c.key, r.c.id, r.c.pseudonym, r.c.attributes).where(
        r.c.study_id == study_id
    )
    if keys is None:
        chunks: list[Any] = [query]
    else:
        wanted = list(keys)
        chunks = [
            query.where(r.c.key.in_(wanted[start : start + CHUNK]))
            for start in range(0, len(wanted), CHUNK)
        ]
    found: dict[str, StoredRespondent] = {}
    for chunk in chunks:
        for key, respondent_id, pseudonym, attributes in connection.execute(chunk):
            found[key] = StoredRespondent(respondent_id, pseudonym, dict(attributes or {}))
    return found


def update_attributes(
    connection: Connection, respondent_id: int, attributes: dict[str, str]
) -> None:
    connection.execute(
        schema.respondent.update()
        .where(schema.respondent.c.id == respondent_id)
        .values(attributes=attributes)
    )


# Document names and content hashes ---------------------------------------------------------


def existing(connection: Connection, column: Any, study_id: int, values: Sequence[str]) -> set[str]:
    """Which of ``values`` the study's documents already have in ``column`` (``name`` or
    ``sha256`` of :data:`schema.document`)."""
    d = schema.document
    found: set[str] = set()
    for start in range(0, len(values), CHUNK):
        found.update(
            connection.scalars(
                sa.select(column).where(
                    d.c.study_id == study_id, column.in_(values[start : start + CHUNK])
                )
            )
        )
    return found


def unique_names(connection: Connection, study_id: int, names: Sequence[str]) -> list[str]:
    """The names the documents get: a name the study (or an earlier one in ``names``)
    already has becomes "name (2)", "name (3)", …"""
    d = schema.document
    stored = existing(connection, d.c.name, study_id, list(names))
    taken: set[str] = set()
    result: list[str] = []
    for name in names:
        candidate, number = name, 2
        while (
            candidate in taken
            or candidate in stored
            or (
                candidate != name
                and connection.scalar(
                    sa.select(d.c.id).where(d.c.study_id == study_id, d.c.name == candidate)
                )
                is not None
            )
        ):
            candidate = f"{name} ({number})"
            number += 1
        taken.add(candidate)
        result.append(candidate)
    return result


@dataclass(frozen=True)
class Removed:
    """What removing documents took with them (counted before they went)."""

    documents: tuple[str, ...]
    turns: int
    passages: int
    codings: int
    notes: int
    respondents: int  # who spoke in no other document


def delete_documents(connection: Connection, study_id: int, document_ids: Sequence[int]) -> Removed:
    """Delete documents of a study with everything recorded on them — speakers, turns,
    passages, codings, statements, findings, notes, sealed original text (the store's foreign
    keys cascade) — and the respondents who spoke in no other document (their sealed names
    go with them)."""
    d, s, p = schema.document, schema.speaker, schema.passage
    ids = list(document_ids)
    mine = d.c.id.in_(ids) & (d.c.study_id == study_id)
    names = tuple(connection.scalars(sa.select(d.c.name).where(mine).order_by(d.c.id)))

    def count(table: Any, *where: Any) -> int:
        return int(
            connection.scalar(sa.select(sa.func.count()).select_from(table).where(*where)) or 0
        )

    in_docs = sa.select(p.c.id).where(p.c.document_id.in_(ids))
    removed = Removed(
        names,
        count(schema.turn, schema.turn.c.document_id.in_(ids)),
        count(p, p.c.document_id.in_(ids)),
        count(schema.coding, schema.coding.c.passage_id.in_(in_docs)),
        count(schema.note, schema.note.c.document_id.in_(ids)),
        0,
    )
    spoke: dict[int, int | None] = dict.fromkeys(
        connection.scalars(
            sa.select(s.c.respondent_id).where(
                s.c.document_id.in_(ids), s.c.respondent_id.isnot(None)
            )
        )
    )
    connection.execute(d.delete().where(mine))
    gone = retire_respondents(connection, spoke)
    return replace(removed, respondents=gone)


def retire_respondents(connection: Connection, replaced: Mapping[int, int | None]) -> int:
    """Delete the respondents among ``replaced``'s keys that no speaker refers to any more, and
    say how many went. Their sealed names go over to the respondent each was replaced by (the
    value; the anonymiser then gives those names that respondent's pseudonym), or go with them
    (None)."""
    s, identity = schema.speaker, schema.identity
    still = set(
        connection.scalars(sa.select(s.c.respondent_id).where(s.c.respondent_id.in_(replaced)))
    )
    gone = sorted(set(replaced) - still)
    for old in gone:
        if (new := replaced[old]) is not None:
            connection.execute(
                identity.update().where(identity.c.respondent_id == old).values(respondent_id=new)
            )
    if gone:
        connection.execute(schema.respondent.delete().where(schema.respondent.c.id.in_(gone)))
    return len(gone)
