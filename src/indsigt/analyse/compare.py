"""Code × segment comparison that is honest at small n, co-occurrence and saturation.

Counts are respondents by default ("7 of 12 municipal leaders"), passages on request. Every cell
carries its denominator; cells with fewer than ``k`` respondents are flagged (or suppressed);
tests are made only where the numbers allow, with the reason stated otherwise.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any, TypedDict, Unpack

from indsigt.analyse.evidence import (
    coded_passages,
    passage_segments,
    respondent_segments,
)
from indsigt.analyse.stats_tests import (
    chi_square,
    cramers_v,
    fisher_freeman_halton,
    holm,
)
from indsigt.errors import IndsigtError
from indsigt.records import MIN_GROUP
from indsigt.settings import study_segment_by
from indsigt.stagecall import forwards
from indsigt.store import Store

UNITS = ("respondents", "passages")
MIN_N_FOR_TEST = 10


@dataclass(frozen=True)
class Cell:
    n: int | None  # None when suppressed
    N: int
    small: bool  # 0 < n < k

    @property
    def share(self) -> float | None:
        return None if self.n is None or self.N == 0 else self.n / self.N

    def text(self) -> str:
        shown = f"<{self.n_floor}" if self.n is None else str(self.n)
        return f"{shown} of {self.N}" + (" *" if self.small else "")

    n_floor: int = 0


@dataclass(frozen=True)
class TestResult:
    method: str | None  # "fisher-freeman-halton", "chi-square" or None
    p: float | None = None
    p_holm: float | None = None
    effect: float | None = None  # Cramér's V
    note: str = ""


@dataclass(frozen=True)
class CodeRow:
    code: str
    cells: dict[str, Cell]
    total: Cell
    test: TestResult


@dataclass(frozen=True)
class SegmentTable:
    by: str
    unit: str
    k: int
    segments: list[str]
    totals: dict[str, int]
    rows: list[CodeRow]
    statuses: tuple[str, ...]
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Comparison:
    """``indsigt compare``: the code × segment table, the pairs of codes given together and
    the saturation curve; :meth:`as_dict` is its JSON."""

    table: SegmentTable
    cooccurrence: tuple[tuple[str, str, int], ...]
    saturation: tuple[dict[str, object], ...]

    def as_dict(self) -> dict[str, Any]:
        return {
            "table": asdict(self.table),
            "cooccurrence": [{"a": a, "b": b, "n": n} for a, b, n in self.cooccurrence],
            "saturation": list(self.saturation),
        }


def segment_table(
    store: Store,
    study_id: int,
    *,
    by: str | None = None,
    unit: str = "respondents",
    k: int = MIN_GROUP,
    suppress: bool = False,
    statuses: Sequence[str] = ("accepted", "suggested"),
    coders: Sequence[str] = (),
) -> SegmentTable:
    """Codes (with their parents rolled up) × values of the respondent attribute ``by`` (None:
    the study's, :func:`indsigt.settings.segment_by`)."""
    if unit not in UNITS:
        raise IndsigtError(f"unit must be respondents or passages, not {unit!r}")
    by = by or study_segment_by(store, study_id)
    segment_of = respondent_segments(store, study_id, by)
    if not segment_of:
        raise IndsigtError("the study has no respondents to compare")
    if unit == "respondents":
        totals: dict[str, int] = defaultdict(int)
        for value in segment_of.values():
            totals[value] += 1
    else:
        totals = defaultdict(int, passage_segments(store, study_id, by))
    members: dict[str, dict[str, set[int]]] = defaultdict(lambda: defaultdict(set))
    for coded in coded_passages(store, study_id, statuses=statuses, coders=coders):
        if coded.respondent_id is None:
            continue  # interviewer speech is not evidence of what respondents think
        segment = segment_of.get(coded.respondent_id)
        if segment is None:
            continue
        key = coded.respondent_id if unit == "respondents" else coded.passage_id
        for path in _with_parents(coded.code):
            members[path][segment].add(key)

    counts = {
        path: {s: len(keys) for s, keys in by_segment.items()}
        for path, by_segment in members.items()
    }
    return table_from_counts(
        by=by, unit=unit, k=k, suppress=suppress, statuses=statuses, totals=totals, counts=counts
    )


def table_from_counts(
    *,
    by: str,
    unit: str,
    k: int,
    suppress: bool,
    statuses: Sequence[str],
    totals: dict[str, int],
    counts: dict[str, dict[str, int]],
) -> SegmentTable:
    """The table from counts: ``totals`` (segment → respondents or passages) and ``counts``
    (code path → segment → how many of them have the code). ``indsigt batch`` adds these up
    over partitions."""
    segments = sorted(totals)
    rows: list[CodeRow] = []
    tests: list[TestResult] = []
    for path in sorted(counts):
        row_counts = [counts[path].get(s, 0) for s in segments]
        cells = {
            s: _cell(n, totals[s], k, suppress) for s, n in zip(segments, row_counts, strict=True)
        }
        total = _cell(sum(row_counts), sum(totals.values()), k, suppress)
        test = _test(row_counts, [totals[s] for s in segments], unit)
        tests.append(test)
        rows.append(CodeRow(path, cells, total, test))
    adjusted = holm([t.p for t in tests])
    rows = [
        CodeRow(row.code, row.cells, row.total, _with_holm(row.test, p))
        for row, p in zip(rows, adjusted, strict=True)
    ]
    notes = [f"cells marked * hold fewer than {k} {unit} (k = {k})"]
    if "suggested" in statuses:
        notes.append("counts include machine suggestions that no human has reviewed")
    if unit == "passages":
        notes.append("passages from one respondent are not independent: no tests on passages")
    return SegmentTable(by, unit, k, segments, dict(totals), rows, tuple(statuses), notes)


def _with_parents(path: str) -> list[str]:
    parts = path.split("/")
    return ["/".join(parts[: i + 1]) for i in range(len(parts))]


def _cell(n: int, total: int, k: int, suppress: bool) -> Cell:
    small = 0 < n < k
    return Cell(None if small and suppress else n, total, small, n_floor=k)


def _test(counts: list[int], totals: list[int], unit: str) -> TestResult:
    if unit != "respondents":
        return TestResult(None, note="not tested: passages are not independent")
    used = [(c, t) for c, t in zip(counts, totals, strict=True) if t > 0]
    n = sum(t for _, t in used)
    if len(used) < 2:
        return TestResult(None, note="not tested: fewer than two segments")
    if n < MIN_N_FOR_TEST:
        return TestResult(None, note=f"not tested: too few respondents (N = {n})")
    row, column_totals = [c for c, _ in used], [t for _, t in used]
    if sum(row) in (0, n):
        return TestResult(None, note="not tested: every or no respondent has the code")
    effect = cramers_v(row, column_totals)
    exact = fisher_freeman_halton(row, column_totals)
    if exact is not None:
        return TestResult("fisher-freeman-halton", exact, effect=effect)
    approximate = chi_square(row, column_totals)
    if approximate is not None:
        return TestResult(approximate[1], approximate[0], effect=effect)
    return TestResult(None, effect=effect, note="not tested: expected counts too small")


def _with_holm(test: TestResult, p_holm: float | None) -> TestResult:
    return TestResult(test.method, test.p, p_holm, test.effect, test.note)


def cooccurrence(
    store: Store,
    study_id: int,
    *,
    unit: str = "passages",
    statuses: Sequence[str] = ("accepted", "suggested"),
    coders: Sequence[str] = (),
) -> list[tuple[str, str, int]]:
    """Pairs of codes given to the same passage (or the same respondent), most frequent first."""
    sets: dict[int, set[str]] = defaultdict(set)
    for coded in coded_passages(store, study_id, statuses=statuses, coders=coders):
        if unit == "respondents":
            if coded.respondent_id is not None:
                sets[coded.respondent_id].add(coded.code)
        else:
            sets[coded.passage_id].add(coded.code)
    return count_pairs(sets.values())


def count_pairs(sets: Iterable[set[str]]) -> list[tuple[str, str, int]]:
    """How many of ``sets`` hold each pair of codes, most frequent first."""
    pairs: dict[tuple[str, str], int] = defaultdict(int)
    for codes in sets:
        ordered = sorted(codes)
        for i, a in enumerate(ordered):
            for b in ordered[i + 1 :]:
                pairs[(a, b)] += 1
    return sorted(((a, b, n) for (a, b), n in pairs.items()), key=lambda x: (-x[2], x[0], x[1]))


def saturation(
    store: Store,
    study_id: int,
    *,
    statuses: Sequence[str] = ("accepted", "suggested"),
    coders: Sequence[str] = (),
) -> list[dict[str, object]]:
    """New codes per added interview, in import order: the thematic saturation curve."""
    from indsigt import queries

    seen: set[str] = set()
    by_document: dict[int, set[str]] = defaultdict(set)
    for coded in coded_passages(store, study_id, statuses=statuses, coders=coders):
        if coded.respondent_id is not None:
            by_document[coded.document_id].add(coded.code)
    curve: list[dict[str, object]] = []
    for doc in queries.documents(store, study_id):
        new = sorted(by_document.get(doc.id, set()) - seen)
        seen.update(new)
        curve.append(
            {"document": doc.name, "new_codes": len(new), "cumulative": len(seen), "new": new}
        )
    return curve


class CompareOptions(TypedDict, total=False):
    """What :func:`compare_study` passes on to :func:`segment_table` (the defaults are there);
    the co-occurrence and the saturation curve count the same codings."""

    by: str | None
    unit: str
    k: int
    suppress: bool
    statuses: Sequence[str]
    coders: Sequence[str]


def compare_study(store: Store, study_id: int, **options: Unpack[CompareOptions]) -> Comparison:
    """``indsigt compare``: the segment table (see :func:`segment_table`), the pairs of codes
    given together and the saturation curve, on the same codings."""
    table = segment_table(store, study_id, **options)
    coders = options.get("coders", ())  # none named: every coder's
    pairs = cooccurrence(store, study_id, unit=table.unit, statuses=table.statuses, coders=coders)
    curve = saturation(store, study_id, statuses=table.statuses, coders=coders)
    return Comparison(table=table, cooccurrence=tuple(pairs), saturation=tuple(curve))


forwards(compare_study, segment_table, CompareOptions)
