"""Memos: a researcher's notes on a document, a code or one passage (the ``note`` table).

A memo on a passage also carries the passage's document, so the document lists it. Every
change logs an event (``memo.added``, ``memo.updated``, ``memo.deleted``) without the memo's
text. Memos go into REFI-QDA exports as notes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from indsigt.errors import IndsigtError
from indsigt.store import Store, schema
from indsigt.store.store import insert_returning_id, now

MAX_TEXT = 20_000
MAX_TITLE = 500


@dataclass(frozen=True)
class Memo:
    id: int
    study_id: int
    document_id: int | None
    code_id: int | None
    passage_id: int | None
    author: str
    title: str
    text: str
    created_at: datetime

    @property
    def target(self) -> str:
        if self.passage_id is not None:
            return "passage"
        if self.code_id is not None:
            return "code"
        return "document" if self.document_id is not None else "study"


class MemoError(IndsigtError):
    """A memo that cannot be written (empty, too long, on nothing in this study)."""


def _memo(row: sa.Row[tuple[object, ...]]) -> Memo:
    m = row._mapping
    return Memo(
        id=int(m["id"]),
        study_id=int(m["study_id"]),
        document_id=m["document_id"],
        code_id=m["code_id"],
        passage_id=m["passage_id"],
        author=str(m["author"]),
        title=str(m["title"]),
        text=str(m["text"]),
        created_at=m["created_at"],
    )


def list_memos(
    store: Store,
    study_id: int,
    *,
    document_id: int | None = None,
    code_id: int | None = None,
    passage_id: int | None = None,
) -> list[Memo]:
    """The study's memos, oldest first; with an id given, only those on that item (a
    document's memos include those on its passages)."""
    n = schema.note
    query = sa.select(n).where(n.c.study_id == study_id).order_by(n.c.created_at, n.c.id)
    if document_id is not None:
        query = query.where(n.c.document_id == document_id)
    if code_id is not None:
        query = query.where(n.c.code_id == code_id)
    if passage_id is not None:
        query = query.where(n.c.passage_id == passage_id)
    with store.connect() as connection:
        return [_memo(row) for row in connection.execute(query)]


def get_memo(store: Store, study_id: int, memo_id: int) -> Memo:
    n = schema.note
    with store.connect() as connection:
        row = connection.execute(
            sa.select(n).where(n.c.study_id == study_id, n.c.id == memo_id)
        ).first()
    if row is None:
        raise MemoError(f"no memo {memo_id} in this study")
    return _memo(row)


def _checked(text: str, title: str) -> tuple[str, str]:
    text, title = text.strip(), " ".join(title.split())
    if not text:
        raise MemoError("a memo needs some text")
    if len(text) > MAX_TEXT:
        raise MemoError(f"a memo is limited to {MAX_TEXT:,} characters")
    if len(title) > MAX_TITLE:
        raise MemoError(f"a memo's title is limited to {MAX_TITLE} characters")
    return text, title or _title_from(text)


def _title_from(text: str, limit: int = 60) -> str:
    first = " ".join(text.split())
    return first if len(first) <= limit else first[: limit - 1] + "…"


def _owner(connection: Connection, table: sa.Table, item_id: int) -> int | None:
    found = connection.scalar(sa.select(table.c.study_id).where(table.c.id == item_id))
    return None if found is None else int(found)


def _target(
    connection: Connection,
    study_id: int,
    document_id: int | None,
    code_id: int | None,
    passage_id: int | None,
) -> tuple[int | None, int | None, int | None]:
    """The memo's (document, code, passage) after checking each belongs to the study."""
    given = [x for x in (document_id, code_id, passage_id) if x is not None]
    if len(given) > 1:
        raise MemoError("a memo is on one document, one code or one passage")
    if passage_id is not None:
        p, d = schema.passage, schema.document
        row = connection.execute(
            sa.select(p.c.document_id, d.c.study_id)
            .join(d, p.c.document_id == d.c.id)
            .where(p.c.id == passage_id)
        ).first()
        if row is None or row.study_id != study_id:
            raise MemoError(f"no passage {passage_id} in this study")
        return int(row.document_id), None, passage_id
    if document_id is not None and _owner(connection, schema.document, document_id) != study_id:
        raise MemoError(f"no document {document_id} in this study")
    if code_id is not None and _owner(connection, schema.code, code_id) != study_id:
        raise MemoError(f"no code {code_id} in this study")
    return document_id, code_id, None


def add_memo(
    store: Store,
    study_id: int,
    text: str,
    *,
    author: str,
    title: str = "",
    document_id: int | None = None,
    code_id: int | None = None,
    passage_id: int | None = None,
) -> int:
    """Write a memo on the study (no item), a document, a code or a passage; returns its id."""
    text, title = _checked(text, title)
    with store.begin() as connection:
        document_id, code_id, passage_id = _target(
            connection, study_id, document_id, code_id, passage_id
        )
        memo_id = insert_returning_id(
            connection,
            schema.note.insert().values(
                study_id=study_id,
                document_id=document_id,
                code_id=code_id,
                passage_id=passage_id,
                author=author[:200],
                title=title,
                text=text,
                created_at=now(),
            ),
        )
        store.log(
            connection,
            "memo.added",
            entity="note",
            entity_id=memo_id,
            actor=author,
            payload=_payload(study_id, document_id, code_id, passage_id),
        )
    return memo_id


def update_memo(
    store: Store, study_id: int, memo_id: int, text: str, *, actor: str, title: str = ""
) -> Memo:
    """Replace a memo's text (and title); returns the memo as it was before."""
    old = get_memo(store, study_id, memo_id)
    text, title = _checked(text, title)
    with store.begin() as connection:
        connection.execute(
            schema.note.update().where(schema.note.c.id == memo_id).values(text=text, title=title)
        )
        _log_change(connection, store, "memo.updated", old, actor=actor)
    return old


def delete_memo(store: Store, study_id: int, memo_id: int, *, actor: str) -> Memo:
    """Delete a memo; returns it."""
    old = get_memo(store, study_id, memo_id)
    with store.begin() as connection:
        connection.execute(schema.note.delete().where(schema.note.c.id == memo_id))
        _log_change(connection, store, "memo.deleted", old, actor=actor)
    return old


def _log_change(
    connection: Connection, store: Store, action: str, memo: Memo, *, actor: str
) -> None:
    """The event of a change to ``memo`` (what it was on, never its text)."""
    store.log(
        connection,
        action,
        entity="note",
        entity_id=memo.id,
        actor=actor,
        payload=_payload(memo.study_id, memo.document_id, memo.code_id, memo.passage_id),
    )


def _payload(
    study_id: int, document_id: int | None, code_id: int | None, passage_id: int | None
) -> dict[str, int | None]:
    return {
        "study_id": study_id,
        "document_id": document_id,
        "code_id": code_id,
        "passage_id": passage_id,
    }
