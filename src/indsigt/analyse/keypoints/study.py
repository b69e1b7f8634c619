"""Key points of a study's respondents, for a scope (`indsigt keypoints`): the whole study, a
code, a stored theme, a guide question or a set of passages (see :mod:`.scope`).

Statements are the units stage's (:func:`indsigt.units.analysis_units`): substantive
statements by default, or respondent passages / turns not marked conversational
(``unit="passage"|"turn"``); the scope's are those that hold one of its passages. Candidates
are the scope's respondent sentences (passages) that :class:`CandidateRules` accepts after
cleaning (it asks the units stage's talk detector whether a sentence is conversational). Both
are embedded with the study's cached embedder (e5 by default), matched by the shipped model
and selected by :func:`~indsigt.analyse.keypoints.generate.draft`; a scope where fewer than
``min_points`` key points pass the model's thresholds is matched again at lower ones, down to
the model's floors (``funnel`` says which were used).

A large scope — more than ``sample`` respondents (:data:`~.sample.SAMPLE`, the rule the
consultation batch uses per question) — is not matched whole: a seeded simple random sample
of ``sample`` of its respondents is (all their statements), each key point's count is of the
sampled respondents, and ``estimate`` gives its count over all the scope's respondents with a
95 % interval (:class:`~.sample.Share`). ``sample=0`` counts every respondent.

Prevalence is counted in respondents and compared between segments with the rules ``indsigt
compare`` applies (cells below ``k`` flagged, tests only where n allows, Holm). Every key
point keeps its statements' passage ids as evidence.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Any, TypedDict, Unpack

from indsigt.analyse.compare import Cell, SegmentTable, TestResult, table_from_counts
from indsigt.analyse.evidence import respondent_segments
from indsigt.analyse.keypoints.candidates import CandidateRules, clean
from indsigt.analyse.keypoints.generate import Draft, draft
from indsigt.analyse.keypoints.matcher import Matcher, PairMatcher, Pooled, Side, side
from indsigt.analyse.keypoints.sample import SAMPLE, Share, draw_per_scope
from indsigt.analyse.keypoints.scope import Scope, resolve_scope
from indsigt.anonymise.attribution import check_quote
from indsigt.errors import IndsigtError
from indsigt.guard import require_anonymised
from indsigt.progress import Progress, no_progress
from indsigt.records import MIN_GROUP
from indsigt.settings import study_segment_by
from indsigt.stagecall import forwards
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
    # each statement's passages, best match first; in each, the passage holding its sentence
    # that matches the key point best leads, then the others in spoken order
    statements: tuple[tuple[int, ...], ...] = ()
    estimate: tuple[int, int, int] | None = None  # sampled scope: (count, low, high) of all

    def evidence(self, n: int) -> tuple[int, ...]:
        """The leading passage of each of the ``n`` best-matching statements: what a key
        point cites (the web's evidence; the report cites a statement's first passage its
        evidence lists). A statement's first passage was often its "Uh, yes." before the
        sentence that matched."""
        return tuple(ids[0] for ids in self.cited(n))

    def cited(self, n: int) -> tuple[tuple[int, ...], ...]:
        """The passages of each of the ``n`` best-matching statements, best match first (each
        passage alone where the key point has no statements)."""
        if self.statements:
            return tuple(ids for ids in self.statements[:n] if ids)
        return tuple((p,) for p in self.passages[:n])


@dataclass(frozen=True)
class Funnel:
    """How many got through each stage: the scope's respondent sentences (not conversational),
    those the candidate rules turned down (by reason; a sentence split into clauses counts
    once, under ``split``), the candidates, those the ``pairs`` head matches with at least
    ``min_respondents`` respondents, and the thresholds used (lowered when too few key points
    passed the model's own)."""

    sentences: int
    rejected: dict[str, int]
    split: int
    candidates: int
    matched: int
    thresholds: tuple[float, float]  # pairs head, set head
    relaxed: bool
    key_points: int


@dataclass(frozen=True)
class Sampled:
    """A large scope's sample: respondents drawn of the scope's, and the seed."""

    respondents: int
    population: int
    seed: int


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
    funnel: Funnel | None = None
    sampled: Sampled | None = None


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
    piece_passages: tuple[int, ...] = ()  # each piece's passage (−1: the whole statement)
    sentences: int = 0  # respondent sentences of the scope looked at as candidates
    rejected: tuple[tuple[str, int], ...] = ()  # reason → sentences turned down
    split: int = 0  # sentences that offered clauses instead
    sampled: Sampled | None = None

    def texts(self) -> list[str]:
        """Every text the matcher embeds."""
        return [*(p[0] for p in self.pieces), *self.candidates]


class ScopeOf(TypedDict, total=False):
    """Which scope: what :func:`study_key_points` passes on to :func:`resolve_scope` (through
    :func:`scope_inputs`; defaults there)."""

    code: str | None
    theme: int | None
    question: str | None
    passage_ids: Collection[int] | None


class ScopeOptions(ScopeOf, total=False):
    """The scope :func:`scope_inputs` passes on to :func:`resolve_scope` (defaults there)."""

    statuses: Sequence[str]


def scope_inputs(
    store: Store,
    study_id: int,
    *,
    unit: str = "statement",
    exclude: Collection[str] = (),
    sample: int = SAMPLE,
    seed: int = 0,
    **options: Unpack[ScopeOptions],
) -> Inputs:
    """The scope's statements and candidates (the units stage must have run: see
    :func:`study_key_points`, which builds missing units first); those of a sample of its
    respondents when it has more than ``sample`` (module docstring; 0: never)."""
    from indsigt.units import analysis_units, conversational_ids

    if unit not in UNITS:
        raise IndsigtError(f"unit must be statement, passage or turn, not {unit!r}")
    scope = resolve_scope(store, study_id, **options)
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
    statements, sampled = _sampled(statements, sample, seed)
    talk = conversational_ids(store, study_id)
    pieces: list[tuple[str, int]] = []
    piece_passages: list[int] = []
    for j, (text, ids, _, _) in enumerate(statements):
        spoken = [p for p in ids if p in passages and p not in talk]
        sentences = [passages[p].text for p in spoken]
        pieces += [(piece, j) for piece in sentences]
        piece_passages += spoken
        if len(sentences) != 1 or sentences[0] != text:
            pieces.append((text, j))
            piece_passages.append(-1)
    offered = _candidates(statements, passages, talk, scope, exclude)
    return Inputs(
        scope,
        tuple(statements),
        offered.candidates,
        tuple(pieces),
        tuple(piece_passages),
        offered.sentences,
        tuple(sorted(offered.rejected.items())),
        offered.split,
        sampled,
    )


forwards(scope_inputs, resolve_scope, ScopeOptions)


@dataclass(frozen=True)
class _Found:
    candidates: dict[str, tuple[int, str]]
    sentences: int
    rejected: dict[str, int]
    split: int


def _candidates(
    statements: Sequence[tuple[str, tuple[int, ...], int, str]],
    passages: dict[int, _Passage],
    talk: Collection[int],
    scope: Scope,
    exclude: Collection[str],
) -> _Found:
    """The scope's candidate sentences (cleaned text → source passage, language), and how
    many sentences the rules turned down, by reason."""
    rules = CandidateRules()
    candidates: dict[str, tuple[int, str]] = {}
    rejected: dict[str, int] = defaultdict(int)
    seen: set[int] = set()
    split = 0
    for _, ids, _, _ in statements:
        for pid in ids:
            if pid in talk or pid not in passages or pid in seen:
                continue
            if scope.passage_ids is not None and pid not in scope.passage_ids:
                continue
            seen.add(pid)
            passage = passages[pid]
            offered, why = rules.offers(clean(passage.text, passage.language), passage.language)
            # A key point is printed like a quote: one that still names a place, an
            # organisation, a person or a local project is never a candidate.
            kept = [t for t in offered if not check_quote(t, language=passage.language)]
            if why is not None and kept:
                split += 1
            elif why is not None or not offered:
                rejected[why or "fragment"] += 1
            elif not kept:
                rejected["names"] += 1
            for text in kept:
                if text not in candidates and text not in exclude:
                    candidates[text] = (pid, passage.language)
    return _Found(candidates, len(seen), dict(rejected), split)


def _sampled(
    statements: list[tuple[str, tuple[int, ...], int, str]], size: int, seed: int
) -> tuple[list[tuple[str, tuple[int, ...], int, str]], Sampled | None]:
    """The statements of a seeded sample of ``size`` respondents when there are more."""
    who = sorted({s[2] for s in statements})
    if not size or len(who) <= size:
        return statements, None
    drawn = set(draw_per_scope({"scope": who}, size, seed=seed)["scope"])
    return [s for s in statements if s[2] in drawn], Sampled(len(drawn), len(who), seed)


def study_key_points(
    store: Store,
    study_id: int,
    *,
    by: str | None = None,
    unit: str = "statement",
    k: int = MIN_GROUP,
    max_points: int = 6,
    min_points: int = 2,
    min_respondents: int = 2,
    statuses: Sequence[str] = ("accepted", "suggested"),
    embedder: str = "e5",
    matcher: Matcher | None = None,
    exclude: Collection[str] = (),
    sample: int = SAMPLE,
    seed: int = 0,
    progress: Progress = no_progress,
    **scope: Unpack[ScopeOf],
) -> KeyPoints:
    """Key points of one scope — ``code`` (and the codes beneath it), stored ``theme``
    number, guide ``question`` label, or ``passage_ids`` — or of the whole study. Candidates
    whose cleaned text is in ``exclude`` are not considered (the report passes the key points
    of earlier themes, so one sentence leads one theme). Fewer than ``min_points`` key points
    at the model's thresholds: matched again at lower ones (module docstring). A scope of
    more than ``sample`` respondents is sampled (``seed``). Statements are built first where
    the units stage has not run."""
    from indsigt.units import ensure_units

    started = time.perf_counter()
    if unit not in UNITS:
        raise IndsigtError(f"unit must be statement, passage or turn, not {unit!r}")
    require_anonymised(store, study_id, stage="key points")
    ensure_units(store, study_id, embedder=embedder, progress=progress)
    inputs = scope_inputs(
        store,
        study_id,
        unit=unit,
        statuses=statuses,
        exclude=exclude,
        sample=sample,
        seed=seed,
        **scope,
    )
    by = by or study_segment_by(store, study_id)  # the study's attribute, as the report's
    segment_of = _counted_segments(store, study_id, by, inputs)
    found, leads = _draft(
        store,
        inputs,
        embedder=embedder,
        matcher=matcher,
        max_points=max_points,
        min_points=min_points,
        min_respondents=min_respondents,
        progress=progress,
    )
    # Only a code's scope is drawn from codings; a theme, a question or the study are not.
    counted = statuses if inputs.scope.kind == "code" else ()
    table = _segment_table(found, segment_of, by=by, k=k, statuses=counted)
    points = _key_points(found, table, inputs, leads)
    return KeyPoints(
        inputs.scope.label,
        unit,
        by,
        k,
        sum(table.totals.values()),
        len(inputs.statements),
        len(inputs.candidates),
        tuple(table.segments),
        dict(table.totals),
        tuple(points),
        (*_notes(found, inputs), *table.notes),
        round(time.perf_counter() - started, 2),
        _funnel(inputs, found, len(points)),
        inputs.sampled,
    )


forwards(study_key_points, resolve_scope, ScopeOf)


def _counted_segments(store: Store, study_id: int, by: str, inputs: Inputs) -> dict[int, str]:
    """Each counted respondent's segment: every respondent of the study, or of a sampled
    scope only those sampled."""
    segment_of = respondent_segments(store, study_id, by)
    if inputs.sampled is None:
        return segment_of
    drawn = {s[2] for s in inputs.statements}
    return {r: v for r, v in segment_of.items() if r in drawn}


def _segment_table(
    found: Draft, segment_of: dict[int, str], *, by: str, k: int, statuses: Sequence[str]
) -> SegmentTable:
    """The drafted key points counted in respondents by segment and compared (``indsigt
    compare``'s rules, cells below ``k`` flagged, never suppressed); row ``n`` is point n."""
    totals: dict[str, int] = defaultdict(int)
    for value in segment_of.values():
        totals[value] += 1
    counts = {str(n): _by_segment(d.respondents, segment_of) for n, d in enumerate(found.points)}
    return table_from_counts(
        by=by,
        unit="respondents",
        k=k,
        suppress=False,
        statuses=statuses,
        totals=dict(totals),
        counts=counts,
    )


def _funnel(inputs: Inputs, found: Draft, key_points: int) -> Funnel:
    """How many got through each stage, from the scope's sentences to its key points."""
    return Funnel(
        inputs.sentences,
        dict(inputs.rejected),
        inputs.split,
        len(inputs.candidates),
        found.matched,
        (round(found.thresholds[0], 4), round(found.thresholds[1], 4)),
        found.relaxed,
        key_points,
    )


def _notes(found: Draft, inputs: Inputs) -> list[str]:
    notes = []
    if inputs.sampled is not None:
        sampled = inputs.sampled
        notes.append(
            f"a random sample of {sampled.respondents} of the scope's {sampled.population} "
            f"respondents (seed {sampled.seed}); counts are of the sample, each with an "
            "estimate over all the scope's respondents (95 % interval)"
        )
    if found.relaxed:
        notes.append(
            f"matched at lowered thresholds ({found.thresholds[0]:.2f} / "
            f"{found.thresholds[1]:.2f}): fewer key points passed the model's own"
        )
    return notes


def _draft(
    store: Store,
    inputs: Inputs,
    *,
    embedder: str,
    matcher: Matcher | None,
    max_points: int,
    min_points: int,
    min_respondents: int,
    progress: Progress,
) -> tuple[Draft, dict[tuple[int, int], int]]:
    """The drafted key points (statements' pieces and candidates embedded and matched), and
    the passage of each matched statement whose sentence matches the point best (by point
    and statement index: :func:`_leads`)."""
    statements, candidates = inputs.statements, inputs.candidates
    model = matcher or PairMatcher.load()
    if not (statements and candidates):
        return Draft((), (model.threshold("pairs"), model.threshold("set")), False, 0), {}
    from indsigt.embed import CachedEmbedder, get_embedder

    cached = CachedEmbedder(get_embedder(embedder), store, progress=progress)
    vectors = cached.embed(inputs.texts())
    n = len(inputs.pieces)
    pieces = side(
        [p[0] for p in inputs.pieces],
        vectors[:n],
        [statements[p[1]][3] for p in inputs.pieces],
    )
    offered = side(list(candidates), vectors[n:], [c[1] for c in candidates.values()])
    found = draft(
        Side(tuple(s[0] for s in statements), vectors[:0], ()),  # scored by their pieces
        [s[2] for s in statements],
        offered,
        matcher=Pooled(model, pieces, [p[1] for p in inputs.pieces]),
        max_points=max_points,
        min_points=min_points,
        min_respondents=min_respondents,
        own=_own_statements(inputs),
    )
    return found, _leads(model, pieces, offered, found, inputs)


def _leads(
    model: Matcher, pieces: Side, offered: Side, found: Draft, inputs: Inputs
) -> dict[tuple[int, int], int]:
    """(point index, statement index) → the statement's passage whose sentence the ``set``
    head (which assigned the statement) scores highest with the point; a statement matched
    only as a whole keeps its spoken order."""
    if not found.points:
        return {}
    index = [d.candidate for d in found.points]
    chosen = Side(
        tuple(offered.texts[i] for i in index),
        offered.vectors[index],
        tuple(offered.stems[i] for i in index),
    )
    scores = model.scores(pieces, chosen, head="set")  # pieces × points
    owner = [p[1] for p in inputs.pieces]
    members = [set(d.statements) for d in found.points]
    leads: dict[tuple[int, int], int] = {}
    for i, (j, pid) in enumerate(zip(owner, inputs.piece_passages, strict=True)):
        for n, matched in enumerate(members):
            if pid < 0 or j not in matched:
                continue
            best = leads.get((n, j))
            if best is None or scores[i, n] > scores[best, n]:
                leads[(n, j)] = i
    return {key: inputs.piece_passages[i] for key, i in leads.items()}


def _own_statements(inputs: Inputs) -> list[int]:
    """The statement each candidate was taken from (−1 where none holds its passage)."""
    holder = {pid: j for j, statement in enumerate(inputs.statements) for pid in statement[1]}
    return [holder.get(pid, -1) for pid, _ in inputs.candidates.values()]


def _key_points(
    found: Draft, table: SegmentTable, inputs: Inputs, leads: dict[tuple[int, int], int]
) -> list[KeyPoint]:
    """Each drafted point with its evidence — each statement led by its passage that
    matches best (``leads``) — and its row of the segment table (and, for a sampled scope,
    its estimate over the whole scope)."""
    statements, candidates = inputs.statements, inputs.candidates
    rows_by_key = {row.code: row for row in table.rows}
    sampled = inputs.sampled
    points = []
    for n, d in enumerate(found.points):
        row = rows_by_key[str(n)]
        estimate = None
        if sampled is not None:
            share = Share(len(d.respondents), sampled.respondents, sampled.population)
            estimate = share.count()
        cited = tuple(_led(statements[j][1], leads.get((n, j))) for j in d.statements)
        points.append(
            KeyPoint(
                d.text,
                candidates[d.text][0],
                tuple(p for ids in cited for p in ids),
                tuple(sorted(d.respondents)),
                row.total,
                row.cells,
                row.test,
                cited,
                estimate,
            )
        )
    return points


def _led(ids: tuple[int, ...], lead: int | None) -> tuple[int, ...]:
    """A statement's passages with ``lead`` first (the others in spoken order)."""
    if lead is None or lead not in ids:
        return ids
    return (lead, *(p for p in ids if p != lead))


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
