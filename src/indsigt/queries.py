"""Reading records from the store."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa

from indsigt.errors import IndsigtError
from indsigt.records import Code, Document, Passage, Respondent, Speaker, Study, Turn
from indsigt.store import Store, schema


def study(store: Store, *, name: str | None = None, study_id: int | None = None) -> Study:
    """The study named ``name``, or the one with id ``study_id`` (default: the first)."""
    query = sa.select(schema.study).order_by(schema.study.c.id)
    if name is not None:
        query = query.where(schema.study.c.name == name)
    if study_id is not None:
        query = query.where(schema.study.c.id == study_id)
    with store.connect() as connection:
        row = connection.execute(query).first()
    if row is None:
        if study_id is not None:
            raise IndsigtError(f"{store.location}: no study with id {study_id}")
        raise IndsigtError(
            f"{store.location}: no study {name!r}" if name else f"{store.location}: holds no study"
        )
    return study_from_row(row)


def study_from_row(row: Any) -> Study:
    """A ``study`` table row (a ``Row`` or a mapping) as a :class:`Study`."""
    values = getattr(row, "_mapping", row)
    return Study(
        id=values["id"],
        name=values["name"],
        language=values["language"],
        description=values["description"],
        segment_attributes=tuple(values["segment_attributes"]),
        anonymisation_required=bool(values["anonymisation_required"]),
        created_at=values["created_at"],
    )


def code_from_row(row: Any) -> Code:
    """A ``code`` table row as a :class:`Code`."""
    return Code(
        id=row.id,
        path=row.path,
        labels=dict(row.labels or {}),
        definition=row.definition,
        include=row.include_rule,
        exclude=row.exclude_rule,
        keywords=tuple(row.keywords or ()),
        examples=tuple(row.examples or ()),
        parent_id=row.parent_id,
        color=row.color,
    )


def _document(row: Any) -> Document:
    return Document(
        id=row.id,
        name=row.name,
        text=row.text,
        format=row.format,
        language=row.language,
        sha256=row.sha256,
        source_path=row.source_path,
        unit=row.unit,
        metadata=row.meta,
        imported_at=row.imported_at,
    )


def _rows(store: Store, table: sa.Table, parent: str, parent_id: int, order: str) -> list[Any]:
    """Every row of ``table`` whose ``parent`` column is ``parent_id``, by ``order``."""
    query = sa.select(table).where(table.c[parent] == parent_id).order_by(table.c[order])
    with store.connect() as connection:
        return list(connection.execute(query).all())


def documents(store: Store, study_id: int) -> list[Document]:
    return [_document(row) for row in _rows(store, schema.document, "study_id", study_id, "id")]


def document(store: Store, study_id: int, ref: str | int) -> Document:
    """A document by id, by name, or by a unique name prefix."""
    table = schema.document
    with store.connect() as connection:
        base = sa.select(table).where(table.c.study_id == study_id)
        row = None
        if isinstance(ref, int) or str(ref).isdigit():
            row = connection.execute(base.where(table.c.id == int(ref))).first()
        if row is None:
            row = connection.execute(base.where(table.c.name == str(ref))).first()
        if row is None:
            rows = connection.execute(base.where(table.c.name.startswith(str(ref)))).all()
            if len(rows) > 1:
                names = ", ".join(r.name for r in rows[:5])
                raise IndsigtError(f"{ref!r} matches several documents: {names}")
            row = rows[0] if rows else None
    if row is None:
        raise IndsigtError(f"no document {ref!r} in this study (see `indsigt ls STUDY`)")
    return _document(row)


def respondents(store: Store, study_id: int) -> list[Respondent]:
    rows = _rows(store, schema.respondent, "study_id", study_id, "id")
    return [Respondent(r.id, r.key, r.pseudonym, dict(r.attributes)) for r in rows]


def speakers(store: Store, document_id: int) -> list[Speaker]:
    rows = _rows(store, schema.speaker, "document_id", document_id, "id")
    return [Speaker(r.id, r.document_id, r.label, r.role, r.respondent_id) for r in rows]


def turns(store: Store, document_id: int) -> list[Turn]:
    rows = _rows(store, schema.turn, "document_id", document_id, "seq")
    return [
        Turn(r.id, r.document_id, r.speaker_id, r.seq, r.start, r.end, r.start_ms, r.end_ms)
        for r in rows
    ]


def passages(store: Store, study_id: int, document_id: int | None = None) -> list[Passage]:
    query = (
        sa.select(schema.passage)
        .join(schema.document, schema.passage.c.document_id == schema.document.c.id)
        .where(schema.document.c.study_id == study_id)
        .order_by(schema.passage.c.document_id, schema.passage.c.seq)
    )
    if document_id is not None:
        query = query.where(schema.passage.c.document_id == document_id)
    with store.connect() as connection:
        rows = connection.execute(query).all()
    return [passage_from_row(row) for row in rows]


def passage_from_row(row: Any) -> Passage:
    """A ``passage`` table row as a :class:`Passage`."""
    return Passage(row.id, row.document_id, row.turn_id, row.seq, row.start, row.end, row.text)


def code_and_beneath(path: sa.ColumnElement[str], code: str) -> sa.ColumnElement[bool]:
    """``path`` is the code ``code`` or a code beneath it: the one SQL form of the codebook's
    "a code and its sub-codes". The prefix is matched with LIKE's wildcards escaped, so that
    ``a_b`` does not take ``axb``'s sub-codes (``_`` and ``%`` are literal in a path)."""
    return sa.or_(path == code, path.startswith(f"{code}/", autoescape=True))


def coded_passage_ids(
    store: Store,
    study_id: int,
    *,
    code: str | None,
    statuses: Sequence[str],
    coders: Sequence[str] = (),
) -> set[int]:
    """Ids of the passages with a coding in ``statuses`` (by one of ``coders``, when given) of
    ``code`` or a code beneath it (of any code, without ``code``)."""
    c, k = schema.coding, schema.code
    query = (
        sa.select(c.c.passage_id)
        .join(k, c.c.code_id == k.c.id)
        .where(k.c.study_id == study_id, c.c.status.in_(list(statuses)))
    )
    if code is not None:
        query = query.where(code_and_beneath(k.c.path, code))
    if coders:
        query = query.where(c.c.coder.in_(list(coders)))
    with store.connect() as connection:
        return set(connection.scalars(query))
