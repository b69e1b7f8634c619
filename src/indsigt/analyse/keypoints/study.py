"""Key points of a study's respondents, for a code or the whole study (`indsigt keypoints`).

Statements are the respondents' passages of the scope (``unit="passage"``) or their turns
(``unit="turn"``: the scope's passages of one turn joined); conversational ones are left out.
Candidates are the scope's respondent sentences that :class:`CandidateRules` accepts after
cleaning. Both are embedded with the study's cached embedder (e5 by default), matched by the
shipped model and selected by :func:`~indsigt.analyse.keypoints.generate.generate`.
Prevalence is counted in respondents and compared between segments with the rules
``indsigt compare`` applies (cells below ``k`` flagged, tests only where n allows, Holm).
Every key point keeps its statements' passage ids as evidence.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from indsigt.analyse.compare import Cell, TestResult, table_from_counts
from indsigt.analyse.evidence import respondent_segments
from indsigt.analyse.keypoints.candidates import CandidateRules, clean
from indsigt.analyse.keypoints.generate import generate
from indsigt.analyse.keypoints.matcher import Matcher, PairMatcher, side
from indsigt.analyse.keypoints.talk import TalkRules
from indsigt.errors import IndsigtError
from indsigt.guard import require_anonymised
from indsigt.progress import Progress, no_progress
from indsigt.store import Store, schema

UNITS = ("passage", "turn")


@dataclass(frozen=True)
class KeyPoint:
    text: str  # the respondent's sentence, cleaned
    source: int  # the passage it was taken from
    passages: tuple[int, ...]  # evidence: the passages of its statements, best match first
    respondents: tuple[int, ...]
    total: Cell  # respondents with it, of all respondents
    cells: dict[str, Cell]  # by segment
    test: TestResult


@dataclass(frozen=True)
class KeyPoints:
    scope: str  # "study" or the code path
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
class _Row:
    passage: int
    turn: int
    respondent: int
    language: str
    text: str


def study_key_points(
    store: Store,
    study_id: int,
    *,
    code: str | None = None,
    passage_ids: Collection[int] | None = None,
    by: str = "level",
    unit: str = "passage",
    k: int = 3,
    max_points: int = 6,
    min_respondents: int = 2,
    statuses: Sequence[str] = ("accepted", "suggested"),
    embedder: str = "e5",
    matcher: Matcher | None = None,
    exclude: Collection[str] = (),
    progress: Progress = no_progress,
) -> KeyPoints:
    """Key points of ``code`` (and the codes beneath it), of the respondent passages among
    ``passage_ids`` (e.g. an emergent theme's), or of the whole study. Candidates
    whose cleaned text is in ``exclude`` are not considered (the report passes the key points
    of earlier themes, so one sentence leads one theme)."""
    started = time.perf_counter()
    if unit not in UNITS:
        raise IndsigtError(f"unit must be passage or turn, not {unit!r}")
    require_anonymised(store, study_id, stage="key points")
    if code is not None and passage_ids is not None:
        raise IndsigtError("key points take a code or passage ids as their scope, not both")
    rows = _scope_rows(store, study_id, code, statuses)
    if passage_ids is not None:
        wanted = set(passage_ids)
        rows = [row for row in rows if row.passage in wanted]
    segment_of = respondent_segments(store, study_id, by)
    talk, rules = TalkRules(), CandidateRules()
    statements = _statements(rows, unit, talk)
    candidates: dict[str, _Row] = {}
    for row in rows:
        text = clean(row.text, row.language)
        if text not in candidates and text not in exclude and rules.accepts(text, row.language):
            candidates[text] = row
    totals: dict[str, int] = defaultdict(int)
    for value in segment_of.values():
        totals[value] += 1
    drafted = []
    if statements and candidates:
        from indsigt.embed import CachedEmbedder, get_embedder

        cached = CachedEmbedder(get_embedder(embedder), store, progress=progress)
        texts = [text for text, _ in statements]
        vectors = cached.embed([*texts, *candidates])
        languages = [group[0].language for _, group in statements]
        model = matcher or PairMatcher.load()
        drafted = generate(
            side(texts, vectors[: len(texts)], languages),
            [group[0].respondent for _, group in statements],
            side(
                list(candidates), vectors[len(texts) :], [r.language for r in candidates.values()]
            ),
            matcher=model,
            max_points=max_points,
            min_respondents=min_respondents,
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
    rows_by_key = {row.code: row for row in table.rows}
    points = []
    for n, d in enumerate(drafted):
        found = rows_by_key[str(n)]
        points.append(
            KeyPoint(
                d.text,
                candidates[d.text].passage,
                tuple(r.passage for j in d.statements for r in statements[j][1]),
                tuple(sorted(d.respondents)),
                found.total,
                found.cells,
                found.test,
            )
        )
    return KeyPoints(
        code or ("passages" if passage_ids is not None else "study"),
        unit,
        by,
        k,
        sum(totals.values()),
        len(statements),
        len(candidates),
        tuple(table.segments),
        dict(totals),
        tuple(points),
        tuple(table.notes),
        round(time.perf_counter() - started, 2),
    )


def _by_segment(respondents: frozenset[int], segment_of: dict[int, str]) -> dict[str, int]:
    counts: dict[str, int] = defaultdict(int)
    for respondent in respondents:
        if respondent in segment_of:
            counts[segment_of[respondent]] += 1
    return dict(counts)


def _statements(rows: Sequence[_Row], unit: str, talk: TalkRules) -> list[tuple[str, list[_Row]]]:
    """(text, its passages) per statement; conversational statements left out."""
    groups: dict[Any, list[_Row]] = defaultdict(list)
    for row in rows:
        groups[row.passage if unit == "passage" else row.turn].append(row)
    found = []
    for group in groups.values():
        text = " ".join(r.text.strip() for r in group)
        if not talk.is_conversational(text, group[0].language):
            found.append((text, group))
    return found


def _scope_rows(
    store: Store, study_id: int, code: str | None, statuses: Sequence[str]
) -> list[_Row]:
    p, t, s, d = schema.passage, schema.turn, schema.speaker, schema.document
    query = (
        sa.select(p.c.id, p.c.turn_id, s.c.respondent_id, d.c.language, p.c.text)
        .select_from(
            p.join(t, p.c.turn_id == t.c.id)
            .join(s, t.c.speaker_id == s.c.id)
            .join(d, p.c.document_id == d.c.id)
        )
        .where(d.c.study_id == study_id, s.c.respondent_id.is_not(None))
        .order_by(d.c.id, p.c.seq)
    )
    if code is not None:
        c, k = schema.coding, schema.code
        coded = (
            sa.select(c.c.passage_id)
            .join(k, c.c.code_id == k.c.id)
            .where(k.c.study_id == study_id, c.c.status.in_(list(statuses)))
            .where(sa.or_(k.c.path == code, k.c.path.startswith(code + "/")))
        )
        query = query.where(p.c.id.in_(coded))
    with store.connect() as connection:
        rows = [_Row(r[0], r[1], r[2], r[3] or "da", r[4]) for r in connection.execute(query)]
    if code is not None and not rows:
        raise IndsigtError(f"no respondent passage is coded {code!r} (or a code beneath it)")
    return rows


def as_dict(result: KeyPoints) -> dict[str, Any]:
    """JSON-ready: every key point with ``n``, ``N``, ``segments`` (n, N, small) and its test."""
    from dataclasses import asdict

    data = asdict(result)
    for point, found in zip(data["key_points"], result.key_points, strict=True):
        point["n"], point["N"] = found.total.n, found.total.N
    return data
