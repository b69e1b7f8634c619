"""Reading what an export needs straight from the store (SQLAlchemy Core).

Only these tables are read: study, document, speaker, respondent, code, coding (with its
passage), note. The sealed tables (identity, pseudonym, original_text) and findings are never
touched, so real names cannot end up in an export. Respondents carry their publishable
attributes only, and documents their neutral names ("Interview 3", no source path): identifying
attributes and file names are personal data (:mod:`indsigt.sealed`).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from indsigt import queries
from indsigt.queries import code_from_row
from indsigt.records import Code, Document, Respondent, Study
from indsigt.sealed import attribute_classes, neutral_names, public_respondents
from indsigt.store import Store, schema
from indsigt.store.speech import study_codings


@dataclass(frozen=True)
class StoredCoding:
    id: int
    document_id: int
    start: int
    end: int
    text: str
    code_id: int
    coder: str
    score: float | None
    status: str
    created_at: datetime | None


@dataclass(frozen=True)
class StoredNote:
    id: int
    document_id: int | None
    code_id: int | None
    author: str
    title: str
    text: str
    created_at: datetime | None
    passage_id: int | None = None  # a memo on one passage: its span in the document
    start: int = 0
    end: int = 0
    passage_text: str = ""


@dataclass(frozen=True)
class StudyContent:
    study: Study
    documents: list[Document]
    respondents: list[Respondent]
    speaking: dict[int, list[int]]  # respondent id → ids of the documents they speak in
    codes: list[Code]
    codings: list[StoredCoding]
    notes: list[StoredNote]


def read_study(store: Store, study: Study) -> StudyContent:
    documents = queries.documents(store, study.id)
    with store.connect() as connection:
        names = neutral_names(connection, study.id)
        classes = attribute_classes(connection, study.id)
        speaking = _speaking(connection, study.id)
        codes = [
            code_from_row(row)
            for row in connection.execute(
                sa.select(schema.code)
                .where(schema.code.c.study_id == study.id)
                .order_by(schema.code.c.path, schema.code.c.id)
            )
        ]
        codings = _codings(connection, study.id, {doc.id: doc.text for doc in documents})
        notes = _notes(connection, study.id)
    return StudyContent(
        study=study,
        documents=[
            replace(doc, name=names.get(doc.id, doc.name), source_path="") for doc in documents
        ],
        respondents=public_respondents(queries.respondents(store, study.id), classes),
        speaking=speaking,
        codes=codes,
        codings=codings,
        notes=notes,
    )


def _speaking(connection: Connection, study_id: int) -> dict[int, list[int]]:
    """Respondent id → ids of the documents they speak in."""
    s, d = schema.speaker, schema.document
    speaking: dict[int, list[int]] = {}
    for respondent_id, document_id in connection.execute(
        sa.select(s.c.respondent_id, s.c.document_id)
        .distinct()
        .join(d, s.c.document_id == d.c.id)
        .where(d.c.study_id == study_id)
        .where(s.c.respondent_id.is_not(None))
        .order_by(s.c.respondent_id, s.c.document_id)
    ):
        speaking.setdefault(respondent_id, []).append(document_id)
    return speaking


def _codings(connection: Connection, study_id: int, texts: dict[int, str]) -> list[StoredCoding]:
    """Every coding with its span — its own (a selection, which may cover several passages)
    or its passage's — in document order."""
    c, p = schema.coding, schema.passage
    return [
        StoredCoding(
            id=row.id,
            document_id=row.document_id,
            start=row.start if row.own_start is None else row.own_start,
            end=row.end if row.own_end is None else row.own_end,
            text=row.text
            if row.own_start is None
            else texts[row.document_id][row.own_start : row.own_end],
            code_id=row.code_id,
            coder=row.coder,
            score=row.score,
            status=row.status,
            created_at=row.created_at,
        )
        for row in connection.execute(
            study_codings(
                study_id,
                c.c.id,
                p.c.document_id,
                p.c.start,
                p.c.end,
                p.c.text,
                c.c.start.label("own_start"),
                c.c.end.label("own_end"),
                c.c.code_id,
                c.c.coder,
                c.c.score,
                c.c.status,
                c.c.created_at,
            ).order_by(
                p.c.document_id,
                sa.func.coalesce(c.c.start, p.c.start),
                sa.func.coalesce(c.c.end, p.c.end),
                c.c.id,
            )
        )
    ]


def _notes(connection: Connection, study_id: int) -> list[StoredNote]:
    """The study's notes, each with its passage's span when it is on one passage."""
    n, p = schema.note, schema.passage
    return [
        StoredNote(
            row.id,
            row.document_id,
            row.code_id,
            row.author,
            row.title,
            row.text,
            row.created_at,
            row.passage_id,
            row.start or 0,
            row.end or 0,
            row.passage_text or "",
        )
        for row in connection.execute(
            sa.select(n, p.c.start, p.c.end, p.c.text.label("passage_text"))
            .outerjoin(p, n.c.passage_id == p.c.id)
            .where(n.c.study_id == study_id)
            .order_by(n.c.id)
        )
    ]
