"""What the report reads from the store, in one place (SQLAlchemy Core, read only).

Nothing here touches the sealed tables (``identity``, ``pseudonym``, ``original_text``): the
report is built from the pseudonymised text, the codes and codings, and counts of findings.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from indsigt.anonymise.ranking import SpeakerLabels
from indsigt.ingest.groupnoun import is_focus_group
from indsigt.queries import code_from_row
from indsigt.records import Code
from indsigt.store import Store, schema


@dataclass(frozen=True)
class DocumentFacts:
    id: int
    name: str  # never shown: file names may hold places ("dk01_kommune_viborg")
    language: str
    imported_at: datetime | None
    anonymised_at: datetime | None
    anonymiser: str
    interview_date: str  # from the document's metadata when an importer found one, else ""
    written: bool = False  # a written answer: one row of a survey or consultation sheet
    focus_group: bool = False  # a focus group's transcript, by the layout its import found


@dataclass(frozen=True)
class CoderCount:
    coder: str
    status: str
    codings: int


@dataclass(frozen=True)
class PassageRow:
    id: int
    document_id: int
    seq: int
    text: str


DATE_KEYS = ("interview_date", "date", "recorded", "created")


def documents(store: Store, study_id: int) -> list[DocumentFacts]:
    """The study's documents in import order (their number in the report is their position)."""
    d = schema.document
    query = (
        sa.select(
            d.c.id,
            d.c.name,
            d.c.language,
            d.c.imported_at,
            d.c.anonymised_at,
            d.c.anonymiser,
            d.c.meta,
        )
        .where(d.c.study_id == study_id)
        .order_by(d.c.id)
    )
    with store.connect() as connection:
        rows = connection.execute(query).all()
    return [
        DocumentFacts(
            row.id,
            row.name,
            row.language,
            row.imported_at,
            row.anonymised_at,
            row.anonymiser or "",
            _interview_date(row.meta or {}),
            "row" in (row.meta or {}),
            is_focus_group(row.meta or {}),
        )
        for row in rows
    ]


def _interview_date(meta: dict[str, Any]) -> str:
    for key in DATE_KEYS:
        value = meta.get(key)
        if isinstance(value, str) and len(value) >= 10 and value[:4].isdigit():
            return value[:10]
    return ""


def applied_findings(store: Store, study_id: int) -> tuple[dict[str, int], int]:
    """How many anonymisation findings were acted on, by label (counts only, no text), and
    apart from them how many speaker labels at a turn's start ("Mette Holm:") were replaced by
    pseudonyms: those are no person found in what was said."""
    f, d = schema.finding, schema.document
    speaker = f.c.detector == SpeakerLabels.name
    query = (
        sa.select(f.c.label, speaker, sa.func.count())
        .join(d, f.c.document_id == d.c.id)
        .where(d.c.study_id == study_id, f.c.status == "applied")
        .group_by(f.c.label, speaker)
        .order_by(sa.func.count().desc(), f.c.label)
    )
    by_label: dict[str, int] = {}
    labels = 0
    with store.connect() as connection:
        for label, is_speaker, n in connection.execute(query):
            if is_speaker:
                labels += int(n)
            else:
                by_label[label] = int(n)
    return by_label, labels


def codes(store: Store, study_id: int) -> list[Code]:
    """The codebook in path order."""
    k = schema.code
    with store.connect() as connection:
        rows = connection.execute(
            sa.select(k).where(k.c.study_id == study_id).order_by(k.c.path)
        ).all()
    return [code_from_row(row) for row in rows]


def coder_counts(store: Store, study_id: int) -> list[CoderCount]:
    """Codings per coder and status (all statuses)."""
    c, k = schema.coding, schema.code
    query = (
        sa.select(c.c.coder, c.c.status, sa.func.count())
        .join(k, c.c.code_id == k.c.id)
        .where(k.c.study_id == study_id)
        .group_by(c.c.coder, c.c.status)
        .order_by(c.c.coder, c.c.status)
    )
    with store.connect() as connection:
        return [CoderCount(coder, status, int(n)) for coder, status, n in connection.execute(query)]


def coded_passage_count(store: Store, study_id: int, statuses: Sequence[str]) -> int:
    c, k = schema.coding, schema.code
    query = (
        sa.select(sa.func.count(sa.distinct(c.c.passage_id)))
        .join(k, c.c.code_id == k.c.id)
        .where(k.c.study_id == study_id, c.c.status.in_(list(statuses)))
    )
    with store.connect() as connection:
        return int(connection.scalar(query) or 0)


def passages(store: Store, ids: Iterable[int]) -> dict[int, PassageRow]:
    """Passages by id (their pseudonymised text)."""
    wanted = sorted(set(ids))
    p = schema.passage
    found: dict[int, PassageRow] = {}
    with store.connect() as connection:
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            query = sa.select(p.c.id, p.c.document_id, p.c.seq, p.c.text).where(p.c.id.in_(chunk))
            for row in connection.execute(query):
                found[row.id] = PassageRow(row.id, row.document_id, row.seq, row.text)
    return found


def passage_totals(store: Store, study_id: int) -> tuple[int, int]:
    """(passages, words) of the whole study."""
    p, d = schema.passage, schema.document
    query = sa.select(p.c.text).join(d, p.c.document_id == d.c.id).where(d.c.study_id == study_id)
    count = words = 0
    with store.connect() as connection:
        for (text,) in connection.execute(query):
            count += 1
            words += len(text.split())
    return count, words


def respondents_per_document(store: Store, study_id: int) -> dict[int, int]:
    """document id → how many respondents speak in it."""
    s, d = schema.speaker, schema.document
    query = (
        sa.select(s.c.document_id, sa.func.count(sa.distinct(s.c.respondent_id)))
        .join(d, s.c.document_id == d.c.id)
        .where(d.c.study_id == study_id, s.c.respondent_id.is_not(None))
        .group_by(s.c.document_id)
    )
    with store.connect() as connection:
        return {int(doc): int(n) for doc, n in connection.execute(query)}
