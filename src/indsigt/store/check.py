"""``indsigt db check STUDY``: an integrity check of a study's records.

It finds the damage an interrupted or overlapping writer would leave (see ``textlock.py``):

- turns and passages within their document's text (0 ≤ start ≤ end ≤ length);
- a passage's stored text equal to its slice of the document (``doc.text[start:end]``);
- a passage inside its turn, and turn, passage and speaker of the same document;
- no two turns, and no two passages, of a document overlap, and a turn's passages cover its
  non-blank text (the segmenters' contract);
- codings that point at existing passages and codes of this study; a coding with its own span
  (``coding.start``/``end``) has both offsets, within its document's text, touching its passage;
- the anonymisation: an anonymised document has its sealed original, a well-formed edit
  (ordered, non-overlapping spans within the original) that turns the original into the
  current text outside the replaced spans, and findings within the original.

Problems name the record and the numbers only (ids, offsets, lengths), never text.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from indsigt.store import schema
from indsigt.store.store import Store

SHOWN = 1000  # problems listed in full; the counts cover all of them
CHUNK = 500  # documents read at a time


@dataclass(frozen=True)
class Problem:
    kind: str  # e.g. "passage.text", "turn.bounds"
    entity: str  # document, turn, passage, coding, finding
    id: int
    document_id: int | None
    detail: str  # numbers only, never text


@dataclass(frozen=True)
class CheckReport:
    study: str
    documents: int
    turns: int
    passages: int
    codings: int
    findings: int
    problems: list[Problem] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)  # problems by kind (all of them)

    @property
    def ok(self) -> bool:
        return not self.counts


def check_study(store: Store, study_id: int, *, name: str = "") -> CheckReport:
    """Check every record of the study (see the module docstring)."""
    counts: Counter[str] = Counter()
    problems: list[Problem] = []
    totals: Counter[str] = Counter()
    with store.connect() as connection:
        d = schema.document
        ids = list(
            connection.scalars(sa.select(d.c.id).where(d.c.study_id == study_id).order_by(d.c.id))
        )
        found = [
            problem
            for start in range(0, len(ids), CHUNK)
            for problem in _documents(connection, ids[start : start + CHUNK], totals)
        ]
        found += _codings(connection, study_id, totals)
    for problem in found:
        counts[problem.kind] += 1
        if len(problems) < SHOWN:
            problems.append(problem)
    return CheckReport(
        study=name,
        documents=len(ids),
        turns=totals["turns"],
        passages=totals["passages"],
        codings=totals["codings"],
        findings=totals["findings"],
        problems=problems,
        counts=dict(sorted(counts.items())),
    )


def _by_document(connection: Connection, query: Any) -> dict[int, list[Any]]:
    grouped: dict[int, list[Any]] = {}
    for row in connection.execute(query):
        grouped.setdefault(row.document_id, []).append(row)
    return grouped


def _documents(
    connection: Connection, ids: Sequence[int], totals: Counter[str]
) -> Iterator[Problem]:
    d, o, t, p, f = (
        schema.document,
        schema.original_text,
        schema.turn,
        schema.passage,
        schema.finding,
    )
    docs = connection.execute(
        sa.select(d.c.id, d.c.text, d.c.meta, d.c.anonymised_at, o.c.text.label("original"))
        .select_from(d.outerjoin(o, o.c.document_id == d.c.id))
        .where(d.c.id.in_(ids))
        .order_by(d.c.id)
    ).all()
    speakers = _by_document(
        connection,
        sa.select(schema.speaker.c.id, schema.speaker.c.document_id).where(
            schema.speaker.c.document_id.in_(ids)
        ),
    )
    turns = _by_document(
        connection,
        sa.select(t.c.id, t.c.document_id, t.c.speaker_id, t.c.start, t.c.end).where(
            t.c.document_id.in_(ids)
        ),
    )
    passages = _by_document(
        connection,
        sa.select(p.c.id, p.c.document_id, p.c.turn_id, p.c.start, p.c.end, p.c.text).where(
            p.c.document_id.in_(ids)
        ),
    )
    findings = _by_document(
        connection,
        sa.select(f.c.id, f.c.document_id, f.c.start, f.c.end).where(f.c.document_id.in_(ids)),
    )
    for doc in docs:
        yield from _document(
            doc,
            {s.id for s in speakers.get(doc.id, [])},
            turns.get(doc.id, []),
            passages.get(doc.id, []),
            totals,
        )
        totals["findings"] += len(findings.get(doc.id, []))
        yield from _anonymisation(doc, findings.get(doc.id, []))


def _document(
    doc: Any,
    speakers: set[int],
    turn_rows: Sequence[Any],
    passage_rows: Sequence[Any],
    totals: Counter[str],
) -> Iterator[Problem]:
    document_id = doc.id
    text: str = doc.text
    size = len(text)
    turns = {}
    for turn in turn_rows:
        totals["turns"] += 1
        turns[turn.id] = turn
        outside = _outside("turn", turn, document_id, size)
        if outside is not None:
            yield outside
        if turn.speaker_id not in speakers:
            yield Problem(
                "turn.speaker",
                "turn",
                turn.id,
                document_id,
                f"speaker {turn.speaker_id} is not a speaker of this document",
            )
    yield from _overlaps("turn", turn_rows, document_id)
    yield from _overlaps("passage", passage_rows, document_id)
    yield from _uncovered(text, turns, passage_rows, document_id)
    for passage in passage_rows:
        totals["passages"] += 1
        where = f"[{passage.start}, {passage.end})"
        outside = _outside("passage", passage, document_id, size)
        if outside is not None:
            yield outside
        elif text[passage.start : passage.end] != passage.text:
            yield Problem(
                "passage.text",
                "passage",
                passage.id,
                document_id,
                f"stored text ({len(passage.text)} characters) differs from the document's "
                f"text at {where}",
            )
        turn = turns.get(passage.turn_id)
        if turn is None:
            yield Problem(
                "passage.turn",
                "passage",
                passage.id,
                document_id,
                f"turn {passage.turn_id} is not a turn of this document",
            )
        elif not turn.start <= passage.start <= passage.end <= turn.end:
            yield Problem(
                "passage.outside_turn",
                "passage",
                passage.id,
                document_id,
                f"{where} is not inside its turn {turn.id} [{turn.start}, {turn.end})",
            )


def _outside(entity: str, row: Any, document_id: int, size: int) -> Problem | None:
    """A turn or a passage must lie within its document's text (0 ≤ start ≤ end ≤ length):
    the one bounds rule for both, as ``_overlaps`` is the one overlap rule."""
    if 0 <= row.start <= row.end <= size:
        return None
    return Problem(
        f"{entity}.bounds",
        entity,
        row.id,
        document_id,
        f"[{row.start}, {row.end}) outside the text (length {size})",
    )


def _overlaps(entity: str, rows: Sequence[Any], document_id: int) -> Iterator[Problem]:
    """Turns of a document never overlap, nor do its passages (importers, ``indsigt batch``
    and REFI-QDA import all cut the text into disjoint spans); a writer that moved offsets
    with a stale edit leaves overlaps where its shifts differ."""
    ordered = sorted(rows, key=lambda row: (row.start, row.end, row.id))
    for before, after in pairwise(ordered):
        if after.start < before.end and before.start < before.end and after.start < after.end:
            yield Problem(
                f"{entity}.overlap",
                entity,
                after.id,
                document_id,
                f"[{after.start}, {after.end}) overlaps {entity} {before.id} "
                f"[{before.start}, {before.end})",
            )


def _uncovered(
    text: str, turns: dict[int, Any], passage_rows: Sequence[Any], document_id: int
) -> Iterator[Problem]:
    """A turn's passages cover its non-blank text (the segmenters' contract): text left
    outside every passage of a turn is a sign of passages moved off their sentences."""
    by_turn: dict[int, list[Any]] = {}
    for passage in passage_rows:
        by_turn.setdefault(passage.turn_id, []).append(passage)
    size = len(text)
    for turn_id, rows in by_turn.items():
        turn = turns.get(turn_id)
        if turn is None or not 0 <= turn.start <= turn.end <= size:
            continue
        cursor = turn.start
        for passage in sorted(rows, key=lambda row: (row.start, row.end)):
            if passage.start > cursor and text[cursor : passage.start].strip():
                yield Problem(
                    "passage.gap",
                    "passage",
                    passage.id,
                    document_id,
                    f"text at [{cursor}, {passage.start}) before it is in no passage of "
                    f"turn {turn_id}",
                )
            cursor = max(cursor, min(passage.end, turn.end))
        if text[cursor : turn.end].strip():
            yield Problem(
                "turn.gap",
                "turn",
                turn_id,
                document_id,
                f"text at [{cursor}, {turn.end}) at the end of the turn is in no passage",
            )


def _anonymisation(doc: Any, findings: Sequence[Any]) -> Iterator[Problem]:
    document_id, text, original = doc.id, doc.text, doc.original
    for finding in findings:
        limit = len(original if original is not None else text)
        if not 0 <= finding.start <= finding.end <= limit:
            yield Problem(
                "finding.bounds",
                "finding",
                finding.id,
                document_id,
                f"[{finding.start}, {finding.end}) outside the original text (length {limit})",
            )
    meta, anonymised_at = doc.meta, doc.anonymised_at
    edit = (meta or {}).get("anonymisation") if isinstance(meta, dict) else None
    if anonymised_at is None:
        if original is not None or edit:
            yield Problem(
                "anonymisation.state",
                "document",
                document_id,
                document_id,
                "not marked as anonymised, yet it has a sealed original or an edit",
            )
        return
    if original is None:
        yield Problem(
            "anonymisation.original",
            "document",
            document_id,
            document_id,
            "anonymised, but its sealed original text is missing",
        )
        return
    edits = edit.get("edits") if isinstance(edit, dict) else None
    if not isinstance(edits, list):
        yield Problem(
            "anonymisation.edit",
            "document",
            document_id,
            document_id,
            "anonymised, but the edit (document.meta['anonymisation']) is missing",
        )
        return
    problem = _edit_problem(original, text, edits)
    if problem:
        yield Problem("anonymisation.edit", "document", document_id, document_id, problem)


def _edit_problem(original: str, text: str, edits: Sequence[Any]) -> str:
    """Why the edit does not turn ``original`` into ``text`` outside its spans ('' if it does)."""
    try:
        spans = [(int(a), int(b), int(n)) for a, b, n in edits]
    except (TypeError, ValueError):
        return "the edit is not a list of (start, end, replacement length)"
    cursor = 0  # in the original
    shift = 0  # new offset - original offset, up to the cursor
    for number, (start, end, length) in enumerate(spans):
        if not cursor <= start <= end <= len(original) or length < 0:
            return f"edit {number} [{start}, {end}) is out of order or outside the original"
        if original[cursor:start] != text[cursor + shift : start + shift]:
            return f"the text before edit {number} (original [{cursor}, {start})) differs"
        shift += length - (end - start)
        cursor = end
    if len(original) + shift != len(text):
        return (
            f"lengths do not add up: original {len(original)} + edits {shift:+d} ≠ text {len(text)}"
        )
    if original[cursor:] != text[cursor + shift :]:
        return f"the text after the last edit (original [{cursor}, {len(original)})) differs"
    return ""


def _codings(connection: Connection, study_id: int, totals: Counter[str]) -> list[Problem]:
    c, p, d, code = schema.coding, schema.passage, schema.document, schema.code
    rows = connection.execute(
        sa.select(
            c.c.id,
            c.c.passage_id,
            c.c.code_id,
            c.c.start,
            c.c.end,
            p.c.start.label("passage_start"),
            p.c.end.label("passage_end"),
            # Measured only for codings with a span (a document's text may be long).
            sa.case((c.c.start.is_not(None), sa.func.length(d.c.text)), else_=None).label("length"),
            p.c.document_id,
            d.c.study_id.label("passage_study"),
            code.c.study_id.label("code_study"),
        )
        .select_from(
            c.outerjoin(p, p.c.id == c.c.passage_id)
            .outerjoin(d, d.c.id == p.c.document_id)
            .outerjoin(code, code.c.id == c.c.code_id)
        )
        .where(sa.or_(d.c.study_id == study_id, code.c.study_id == study_id))
    )
    problems = []
    for row in rows:
        totals["codings"] += 1
        if row.document_id is None:
            detail = f"passage {row.passage_id} does not exist"
        elif row.passage_study != study_id:
            detail = f"passage {row.passage_id} belongs to another study"
        else:
            detail = ""
        if detail:
            problems.append(Problem("coding.passage", "coding", row.id, row.document_id, detail))
        elif row.start is not None or row.end is not None:
            span = _coding_span(row)
            if span:
                problems.append(Problem("coding.span", "coding", row.id, row.document_id, span))
        if row.code_study != study_id:
            problems.append(
                Problem(
                    "coding.code",
                    "coding",
                    row.id,
                    row.document_id,
                    f"code {row.code_id} is not a code of this study",
                )
            )
    return problems


def _coding_span(row: Any) -> str:
    """What is wrong with a coding's own span, or ""."""
    if row.start is None or row.end is None:
        return f"span [{row.start}, {row.end}) has one offset only"
    if not 0 <= row.start < row.end <= row.length:
        return f"span [{row.start}, {row.end}) is not within the document (length {row.length})"
    if not (row.start < row.passage_end and row.passage_start < row.end):
        return (
            f"span [{row.start}, {row.end}) does not touch its passage "
            f"[{row.passage_start}, {row.passage_end})"
        )
    return ""
