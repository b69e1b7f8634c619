"""Full-text search over a study's passages: SQLite FTS5 (the ``passage_fts`` table of
migration 0009) or PostgreSQL ``to_tsvector``/``to_tsquery`` with the study language's
configuration (Danish stemming for Danish studies). The query language is in
:mod:`indsigt.store.searchquery`; hits come back best first.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from indsigt.store import Store
from indsigt.store.searchquery import (
    SearchQuery,
    fts5_expression,
    parse_query,
    ts_config,
    tsquery_expression,
)

MAX_LIMIT = 1000


@dataclass(frozen=True)
class SearchHits:
    """One page of hits (passage ids, best first) and how many there are in all."""

    query: SearchQuery
    total: int
    passage_ids: tuple[int, ...]


def search_passages(
    store: Store,
    study_id: int,
    text: str | SearchQuery,
    *,
    language: str = "da",
    limit: int = 50,
    offset: int = 0,
    document_ids: Collection[int] | None = None,
) -> SearchHits:
    """Passages of the study that match ``text`` (parsed with :func:`parse_query`), best
    first. ``document_ids``: only in these documents (None: all)."""
    query = text if isinstance(text, SearchQuery) else parse_query(text, language=language)
    limit = max(0, min(limit, MAX_LIMIT))
    with store.connect() as connection:
        engine = _sqlite if connection.dialect.name == "sqlite" else _postgres
        base, order, match = engine(query)
        base += f" AND d.study_id = :study{_scope(document_ids)}"
        params = {"match": match, "study": study_id}
        return _page(connection, query, base, order, params, limit, offset)


def _scope(document_ids: Collection[int] | None) -> str:
    """A condition on the document ids (integers, so safe to write into the statement)."""
    if document_ids is None:
        return ""
    if not document_ids:
        return " AND 0 = 1"
    return " AND p.document_id IN (" + ", ".join(str(int(i)) for i in sorted(document_ids)) + ")"


def _sqlite(query: SearchQuery) -> tuple[str, str, str]:
    """SQLite's FTS5: the ``FROM … WHERE`` of a match, the order of the hits, the match."""
    base = (
        "FROM passage_fts JOIN passage AS p ON p.id = passage_fts.rowid "
        "JOIN document AS d ON d.id = p.document_id WHERE passage_fts MATCH :match"
    )
    return base, "passage_fts.rank, p.document_id, p.seq", fts5_expression(query)


def _postgres(query: SearchQuery) -> tuple[str, str, str]:
    """PostgreSQL's text search with the language's configuration, as :func:`_sqlite`."""
    config = ts_config(query.language)  # one of the indexed names, never user input
    vector = f"to_tsvector('{config}'::regconfig, p.text)"
    tsquery = f"to_tsquery('{config}'::regconfig, :match)"
    base = (
        f"FROM passage AS p JOIN document AS d ON d.id = p.document_id WHERE {vector} @@ {tsquery}"
    )
    order = f"ts_rank({vector}, {tsquery}) DESC, p.document_id, p.seq"
    return base, order, tsquery_expression(query)


def _page(
    connection: Connection,
    query: SearchQuery,
    base: str,
    order: str,
    params: dict[str, object],
    limit: int,
    offset: int,
) -> SearchHits:
    """The hits' total and one page of passage ids, for either engine's ``FROM … WHERE``."""
    total = int(connection.execute(sa.text(f"SELECT count(*) {base}"), params).scalar_one())
    rows = connection.execute(
        sa.text(f"SELECT p.id {base} ORDER BY {order} LIMIT :limit OFFSET :offset"),
        {**params, "limit": limit, "offset": offset},
    ).scalars()
    return SearchHits(query, total, tuple(int(i) for i in rows))


def rebuild_index(store: Store) -> None:
    """Rebuild SQLite's search table from the passages (PostgreSQL's indexes need nothing)."""
    if not store.is_sqlite:
        return
    with store.begin() as connection:
        connection.exec_driver_sql("INSERT INTO passage_fts(passage_fts) VALUES ('rebuild')")
