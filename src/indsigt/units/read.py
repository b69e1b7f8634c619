"""Reading marks and statements, and the units later stages analyse.

``analysis_units`` is what themes (and other stages) run on: ``statement`` — substantive
statements (the default), ``passage`` — respondent passages not marked conversational,
``turn`` — respondent turns with at least one such passage (their whole text). Each unit comes
with its passages, so results can be traced back to the storage unit.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import sqlalchemy as sa

from indsigt.errors import IndsigtError
from indsigt.records import Statement, TalkMark
from indsigt.store import Store, schema
from indsigt.store.speech import NOT_RESPONDENTS, speech
from indsigt.store.store import values_by_id

Unit = Literal["statement", "passage", "turn"]
UNITS: tuple[Unit, ...] = ("statement", "passage", "turn")


@dataclass(frozen=True)
class AnalysisUnit:
    id: int  # a statement, passage or turn id (by the unit asked for)
    text: str
    passage_ids: tuple[int, ...]


@dataclass(frozen=True)
class MarkedPassage:
    mark: TalkMark
    document: str
    text: str


def marks(store: Store, study_id: int, *, kind: str | None = None) -> list[MarkedPassage]:
    """Conversational marks with their passage's (pseudonymised) text, in document order."""
    m, p, d = schema.passage_mark, schema.passage, schema.document
    query = (
        sa.select(m.c.passage_id, m.c.kind, m.c.detector, d.c.name, p.c.text)
        .join(p, m.c.passage_id == p.c.id)
        .join(d, p.c.document_id == d.c.id)
        .where(d.c.study_id == study_id)
        .order_by(d.c.id, p.c.turn_id, p.c.seq)
    )
    if kind is not None:
        query = query.where(m.c.kind == kind)
    with store.connect() as connection:
        return [
            MarkedPassage(TalkMark(row.passage_id, row.kind, row.detector), row.name, row.text)
            for row in connection.execute(query)
        ]


def marked_ids(store: Store, study_id: int) -> set[int]:
    """Ids of the study's passages marked conversational."""
    m, p, d = schema.passage_mark, schema.passage, schema.document
    with store.connect() as connection:
        return set(
            connection.scalars(
                sa.select(m.c.passage_id)
                .join(p, m.c.passage_id == p.c.id)
                .join(d, p.c.document_id == d.c.id)
                .where(d.c.study_id == study_id)
            )
        )


def conversational_ids(store: Store, study_id: int) -> set[int]:
    """Passages that are conversational: the stored marks, and for documents whose units are
    not built yet, the rule detector's marks computed now (not stored)."""
    from indsigt.units.rules import RuleTalkDetector
    from indsigt.units.study import missing_documents

    found = marked_ids(store, study_id)
    missing = missing_documents(store, study_id)
    if not missing:
        return found
    p, d = schema.passage, schema.document
    with store.connect() as connection:
        rows = connection.execute(
            sa.select(p.c.id, p.c.text, d.c.language)
            .join(d, p.c.document_id == d.c.id)
            .where(d.c.id.in_(missing))
        ).all()
    by_language: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for pid, text, language in rows:
        by_language[language or "da"].append((pid, text))
    detector = RuleTalkDetector()
    for language, items in by_language.items():
        kinds = detector.detect([text for _, text in items], language=language)
        found.update(pid for (pid, _), kind in zip(items, kinds, strict=True) if kind)
    return found


def unspoken_passage_ids(store: Store, study_id: int) -> set[int]:
    """Passages that are no respondent's words: an interviewer's, and the notes (a
    transcriber's summary, a guide's heading) that nobody said."""
    p, s = schema.passage, schema.speaker
    with store.connect() as connection:
        return set(
            connection.scalars(
                speech(study_id, p.c.id, speakers="everyone").where(s.c.role.in_(NOT_RESPONDENTS))
            )
        )


def statements(
    store: Store,
    study_id: int,
    *,
    substantive: bool | None = True,
    document_id: int | None = None,
) -> list[Statement]:
    """Statements with their text and passage ids (offsets read from their passages, so they
    follow the document's current text)."""
    st, d, p = schema.statement, schema.document, schema.passage
    first, last = p.alias("first"), p.alias("last")
    query = (
        sa.select(
            st.c.id,
            st.c.document_id,
            st.c.turn_id,
            st.c.seq,
            st.c.first_passage_id,
            st.c.last_passage_id,
            first.c.start,
            last.c.end,
            first.c.seq.label("first_seq"),
            last.c.seq.label("last_seq"),
            st.c.question_turn_id,
            st.c.substantive,
            st.c.words,
        )
        .join(d, st.c.document_id == d.c.id)
        .join(first, st.c.first_passage_id == first.c.id)
        .join(last, st.c.last_passage_id == last.c.id)
        .where(d.c.study_id == study_id)
        .order_by(st.c.document_id, st.c.seq)
    )
    if substantive is not None:
        query = query.where(st.c.substantive == substantive)
    if document_id is not None:
        query = query.where(st.c.document_id == document_id)
    with store.connect() as connection:
        rows = connection.execute(query).all()
        texts = values_by_id(connection, d.c.text, sorted({row.document_id for row in rows}))
        members: dict[int, list[tuple[int, int]]] = defaultdict(list)
        turn_ids = sorted({row.turn_id for row in rows})
        for chunk in range(0, len(turn_ids), 500):
            for pid, tid, seq in connection.execute(
                sa.select(p.c.id, p.c.turn_id, p.c.seq).where(
                    p.c.turn_id.in_(turn_ids[chunk : chunk + 500])
                )
            ):
                members[tid].append((seq, pid))
    found = []
    for row in rows:
        ids = tuple(
            pid for seq, pid in sorted(members[row.turn_id]) if row.first_seq <= seq <= row.last_seq
        )
        found.append(
            Statement(
                row.id,
                row.document_id,
                row.turn_id,
                row.seq,
                row.first_passage_id,
                row.last_passage_id,
                row.start,
                row.end,
                row.question_turn_id,
                bool(row.substantive),
                row.words,
                texts[row.document_id][row.start : row.end],
                ids,
            )
        )
    return found


def statement_of_passages(store: Store, study_id: int) -> dict[int, int]:
    """The statement (id) each passage belongs to; passages of interviewer turns and of
    documents without statements are absent."""
    return {
        pid: s.id for s in statements(store, study_id, substantive=None) for pid in s.passage_ids
    }


def analysis_units(
    store: Store,
    study_id: int,
    *,
    unit: str = "statement",
    passage_ids: Sequence[int] | None = None,
) -> list[AnalysisUnit]:
    """The study's units of analysis (see the module docstring), optionally only those that
    hold one of ``passage_ids`` (e.g. the passages coded with a code)."""
    if unit not in UNITS:
        raise IndsigtError(f"unknown unit {unit!r} (known: {', '.join(UNITS)})")
    wanted = set(passage_ids) if passage_ids is not None else None
    if unit == "statement":
        found = [
            AnalysisUnit(s.id, s.text, s.passage_ids)
            for s in statements(store, study_id, substantive=True)
        ]
    else:
        conversational = marked_ids(store, study_id)
        rows = _respondent_passages(store, study_id)
        if unit == "passage":
            found = [
                AnalysisUnit(pid, text, (pid,))
                for pid, _, text in rows
                if pid not in conversational
            ]
        else:
            turns: dict[int, list[tuple[int, str]]] = defaultdict(list)
            for pid, tid, text in rows:
                turns[tid].append((pid, text))
            found = [
                AnalysisUnit(tid, " ".join(t for _, t in members), tuple(p for p, _ in members))
                for tid, members in turns.items()
                if any(p not in conversational for p, _ in members)
            ]
    if wanted is not None:
        found = [u for u in found if wanted.intersection(u.passage_ids)]
    return found


def _respondent_passages(store: Store, study_id: int) -> list[tuple[int, int, str]]:
    """(passage id, turn id, text) of every passage not spoken by an interviewer."""
    p, t, d = schema.passage, schema.turn, schema.document
    query = speech(study_id, p.c.id, p.c.turn_id, p.c.text, speakers="not_interviewers").order_by(
        d.c.id, t.c.seq, p.c.seq
    )
    with store.connect() as connection:
        return [(row.id, row.turn_id, row.text) for row in connection.execute(query)]
