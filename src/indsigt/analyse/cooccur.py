"""The code × code co-occurrence matrix: how many passages (or respondents) carry both codes,
from :func:`indsigt.analyse.compare.cooccurrence`; the diagonal holds each code's own count."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from indsigt.analyse.compare import UNITS, count_pairs
from indsigt.errors import IndsigtError
from indsigt.store import Store, schema
from indsigt.store.speech import speech


@dataclass(frozen=True)
class CooccurrenceMatrix:
    unit: str
    statuses: tuple[str, ...]
    codes: tuple[tuple[int, str], ...]  # (id, path) of every code that is used, by path
    totals: dict[str, int]  # code path → units with the code
    pairs: dict[tuple[str, str], int]  # (path, path) → units with both, either order

    def count(self, a: str, b: str) -> int:
        if a == b:
            return self.totals.get(a, 0)
        return self.pairs.get((a, b), 0)


def cooccurrence_matrix(
    store: Store,
    study_id: int,
    *,
    unit: str = "passages",
    statuses: Sequence[str] = ("accepted",),
    coders: Sequence[str] = (),
) -> CooccurrenceMatrix:
    """The matrix over the codes that are used with ``statuses`` (by ``coders``, if named).
    Pairs are counted as :func:`indsigt.analyse.compare.cooccurrence` counts them (a
    respondent's codes are those of every passage they speak; interviewers count as no one),
    from one lighter query."""
    if unit not in UNITS:
        raise IndsigtError(f"unit must be one of {', '.join(UNITS)}, not {unit!r}")
    c, p, s, k = schema.coding, schema.passage, schema.speaker, schema.code
    query = (
        speech(study_id, c.c.passage_id, s.c.respondent_id, k.c.id, k.c.path, speakers="everyone")
        .join(c, c.c.passage_id == p.c.id)
        .join(k, c.c.code_id == k.c.id)
        .where(c.c.status.in_(list(statuses)))
    )
    if coders:
        query = query.where(c.c.coder.in_(list(coders)))
    by_unit: dict[int, set[str]] = defaultdict(set)
    ids: dict[str, int] = {}
    with store.connect() as connection:
        for passage_id, respondent_id, code_id, path in connection.execute(query):
            key = respondent_id if unit == "respondents" else passage_id
            if key is not None:
                by_unit[key].add(path)
                ids[path] = int(code_id)
    totals: dict[str, int] = defaultdict(int)
    for codes in by_unit.values():
        for path in codes:
            totals[path] += 1
    pairs: dict[tuple[str, str], int] = {}
    for a, b, n in count_pairs(by_unit.values()):
        pairs[(a, b)] = pairs[(b, a)] = n
    return CooccurrenceMatrix(
        unit=unit,
        statuses=tuple(statuses),
        codes=tuple((ids[path], path) for path in sorted(totals)),
        totals=dict(totals),
        pairs=pairs,
    )
