"""Key points of a study's respondents, for a scope (`indsigt keypoints`): the whole study, a
code, a stored theme, a guide question or a set of passages (see :mod:`.scope`).

Statements are the units stage's (:func:`indsigt.units.analysis_units`): substantive
statements by default, or respondent passages / turns not marked conversational
(``unit="passage"|"turn"``); the scope's are those that hold one of its passages. Candidates
are the scope's respondent sentences (passages) that :class:`CandidateRules` accepts after
cleaning (it asks the units stage's talk detector whether a sentence is conversational). Both
are embedded with the study's cached embedder (e5 by default), matched by the shipped model
and selected by :func:`~indsigt.analyse.keypoints.generate.generate`. Prevalence is counted in
respondents and compared between segments with the rules ``indsigt compare`` applies (cells
below ``k`` flagged, tests only where n allows, Holm). Every key point keeps its statements'
passage ids as evidence.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Any

from indsigt.analyse.compare import Cell, SegmentTable, TestResult, table_from_counts
from indsigt.analyse.evidence import respondent_segments
from indsigt.analyse.keypoints.candidates import CandidateRules, clean
from indsigt.analyse.keypoints.generate import Drafted, generate
from indsigt.analyse.keypoints.matcher import Matcher, PairMatcher, Pooled, Side, side
from indsigt.analyse.keypoints.scope import Scope, resolve_scope
from indsigt.anonymise.attribution import check_quote
from indsigt.errors import IndsigtError
from indsigt.guard import require_anonymised
from indsigt.progress import Progress, no_progress
from indsigt.store import Store, schema
from indsigt.store.speech import speech

UNITS = ("statement", "passage", "turn")


@dataclass(frozen=True)
class KeyPoint:
    text: str  # the respondent's sentence, cleaned
    source: int  # the passage it was taken from
    passages: tuple[int, ...]  # evidence: the passages of its statements, best match first
    respondents: tuple[int, ...]
    total: Cell  # respondents with it, of all respondents
    cells: dict[str, Cell]  # by segment
    test: TestResult
    statements: tuple[tuple[int, ...], ...] = ()  # each statement's passages, best match first


@dataclass(frozen=True)
class KeyPoints:
    scope: str  # "study", the code path, "theme N: label", "Q2.1: question", "passages"
    unit: str
    by: str
    k: int
    respondents: int  # N: respondents of the study (with a segment value)
    statements: int
    candidates: int
    segments: tuple[str, ...]
    totals: dict[str, int]
    key_points: tuple[KeyPoint, ...]
    notes: tuple[str, ...]
    seconds: float


@dataclass(frozen=True)
class _Passage:
    respondent: int
    language: str
    text: str


@dataclass(frozen=True)
class Inputs:
    """What key points of a scope are computed from: statements (text, passages, respondent,
    language) and candidate sentences (cleaned text → source passage, language)."""

    scope: Scope
    statements: tuple[tuple[str, tuple[int, ...], int, str], ...]
    candidates: dict[str, tuple[int, str]]
    pieces: tuple[tuple[str, int], ...] = ()  # (text, statement index): what is matched

    def texts(self) -> list[str]:
        """Every text the matcher embeds."""
        return [*(p[0] for p in self.pieces), *self.candidates]


def scope_inputs(
    store: Store,
    study_id: int,
    *,
    code: str | None = None,
    theme: int | None = None,
    question: str | None = None,
    passage_ids: Collection[int] | None = None,
    unit: str = "statement",
    statuses: Sequence[str] = ("accepted", "suggested"),
    exclude: Collection[str] = (),
) -> Inputs:
    """The scope's statements and candidates (the units stage must have run: see
    :func:`study_key_points`, which builds missing units first)."""
    from indsigt.units import analysis_units, conversational_ids

    if unit not in UNITS:
        raise IndsigtError(f"unit must be statement, passage or turn, not {unit!r}")
    scope = resolve_scope(
        store,
        study_id,
        code=code,
        theme=theme,
        question=question,
        passage_ids=passage_ids,
        statuses=statuses,
    )
    passages = _respondent_passages(store, study_id)
    wanted = None if scope.passage_ids is None else sorted(scope.passage_ids)
    units = analysis_units(store, study_id, unit=unit, passage_ids=wanted)
    statements = []
    for found in units:
        said = [passages[p] for p in found.passage_ids if p in passages]
        if said:
            statements.append((found.text, found.passage_ids, said[0].respondent, said[0].language))
    if scope.passage_ids is not None and not statements:
        raise IndsigtError(f"no respondent {unit} of {scope.label} is substantive")
    talk = conversational_ids(store, study_id)
    pieces: list[tuple[str, int]] = []
    for j, (text, ids, _, _) in enumerate(statements):
        sentences = [passages[p].text for p in ids if p in passages and p not in talk]
        pieces += [(piece, j) for piece in sentences]
        if len(sentences) != 1 or sentences[0] != text:
            pieces.append((text, j))
    rules = CandidateRules()
    candidates: dict[str, tuple[int, str]] = {}
    for _, ids, _, _ in statements:
        for pid in ids:
            if pid in talk or pid not in passages:
                continue
            if scope.passage_ids is not None and pid not in scope.passage_ids:
                continue
            passage = passages[pid]
            text = clean(passage.text, passage.language)
            if text in candidates or text in exclude:
                continue
            # A key point is printed like a quote: one that still names a place, an
            # organisation, a person or a local project is never a candidate.
            if rules.accepts(text, passage.language) and not check_quote(
                text, language=passage.language
            ):
                candidates[text] = (pid, passage.language)
    return Inputs(scope, tuple(statements), candidates, tuple(pieces))


def study_key_points(
    store: Store,
    study_id: int,
    *,
    code: str | None = None,
    theme: int | None = None,
    question: str | None = None,
    passage_ids: Collection[int] | None = None,
    by: str = "level",
    unit: str = "statement",
    k: int = 3,
    max_points: int = 6,
    min_respondents: int = 2,
    statuses: Sequence[str] = ("accepted", "suggested"),
    embedder: str = "e5",
    matcher: Matcher | None = None,
    exclude: Collection[str] = (),
    progress: Progress = no_progress,
) -> KeyPoints:
    """Key points of one scope — ``code`` (and the codes beneath it), stored ``theme``
    number, guide ``question`` label, or ``passage_ids`` — or of the whole study. Candidates
    whose cleaned text is in ``exclude`` are not considered (the report passes the key points
    of earlier themes, so one sentence leads one theme). Statements are built first where the
    units stage has not run."""
    from indsigt.units import ensure_units

    started = time.perf_counter()
    if unit not in UNITS:
        raise IndsigtError(f"unit must be statement, passage or turn, not {unit!r}")
    require_anonymised(store, study_id, stage="key points")
    ensure_units(store, study_id, embedder=embedder, progress=progress)
    inputs = scope_inputs(
        store,
        study_id,
        code=code,
        theme=theme,
        question=question,
        passage_ids=passage_ids,
        unit=unit,
        statuses=statuses,
        exclude=exclude,
    )
    segment_of = respondent_segments(store, study_id, by)
    totals: dict[str, int] = defaultdict(int)
    for value in segment_of.values():
        totals[value] += 1
    drafted = _draft(
        store,
        inputs,
        embedder=embedder,
        matcher=matcher,
        max_points=max_points,
        min_respondents=min_respondents,
        progress=progress,
    )
    counts = {str(n): _by_segment(d.respondents, segment_of) for n, d in enumerate(drafted)}
    table = table_from_counts(
        by=by,
        unit="respondents",
        k=k,
        suppress=False,
        statuses=statuses,
        totals=dict(totals),
        counts=counts,
    )
    points = _key_points(drafted, table, inputs)
    return KeyPoints(
        inputs.scope.label,
        unit,
        by,
        k,
        sum(totals.values()),
        len(inputs.statements),
        len(inputs.candidates),
        tuple(table.segments),
        dict(totals),
        tuple(points),
        tuple(table.notes),
        round(time.perf_counter() - started, 2),
    )


def _draft(
    store: Store,
    inputs: Inputs,
    *,
    embedder: str,
    matcher: Matcher | None,
    max_points: int,
    min_respondents: int,
    progress: Progress,
) -> list[Drafted]:
    """The drafted key points: statements' pieces and candidates embedded and matched."""
    statements, candidates = inputs.statements, inputs.candidates
    if not (statements and candidates):
        return []
    from indsigt.embed import CachedEmbedder, get_embedder

    cached = CachedEmbedder(get_embedder(embedder), store, progress=progress)
    vectors = cached.embed(inputs.texts())
    n = len(inputs.pieces)
    pieces = side(
        [p[0] for p in inputs.pieces],
        vectors[:n],
        [statements[p[1]][3] for p in inputs.pieces],
    )
    model = Pooled(matcher or PairMatcher.load(), pieces, [p[1] for p in inputs.pieces])
    return generate(
        Side(tuple(s[0] for s in statements), vectors[:0], ()),  # scored by their pieces
        [s[2] for s in statements],
        side(list(candidates), vectors[n:], [c[1] for c in candidates.values()]),
        matcher=model,
        max_points=max_points,
        min_respondents=min_respondents,
    )


def _key_points(drafted: Sequence[Drafted], table: SegmentTable, inputs: Inputs) -> list[KeyPoint]:
    """Each drafted point with its evidence and its row of the segment table."""
    statements, candidates = inputs.statements, inputs.candidates
    rows_by_key = {row.code: row for row in table.rows}
    points = []
    for n, d in enumerate(drafted):
        found = rows_by_key[str(n)]
        points.append(
            KeyPoint(
                d.text,
                candidates[d.text][0],
                tuple(p for j in d.statements for p in statements[j][1]),
                tuple(sorted(d.respondents)),
                found.total,
                found.cells,
                found.test,
                tuple(statements[j][1] for j in d.statements),
            )
        )
    return points


def _by_segment(respondents: frozenset[int], segment_of: dict[int, str]) -> dict[str, int]:
    counts: dict[str, int] = defaultdict(int)
    for respondent in respondents:
        if respondent in segment_of:
            counts[segment_of[respondent]] += 1
    return dict(counts)


def _respondent_passages(store: Store, study_id: int) -> dict[int, _Passage]:
    """Passages spoken by a respondent: id → respondent, document language, text."""
    p, s, d = schema.passage, schema.speaker, schema.document
    query = speech(
        study_id, p.c.id, s.c.respondent_id, d.c.language, p.c.text, speakers="attributed"
    )
    with store.connect() as connection:
        return {r[0]: _Passage(r[1], r[2] or "da", r[3]) for r in connection.execute(query)}


def as_dict(result: KeyPoints) -> dict[str, Any]:
    """JSON-ready: every key point with ``n``, ``N``, ``segments`` (n, N, small) and its test."""
    from dataclasses import asdict

    data = asdict(result)
    for point, found in zip(data["key_points"], result.key_points, strict=True):
        point["n"], point["N"] = found.total.n, found.total.N
    return data
