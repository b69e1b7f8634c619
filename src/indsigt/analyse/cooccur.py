"""The code × code co-occurrence matrix: how many passages (or respondents) carry both codes,
from :func:`indsigt.analyse.compare.cooccurrence`; the diagonal holds each code's own count."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import sqlalchemy as sa

from indsigt.analyse.compare import UNITS, cooccurrence
from indsigt.analyse.evidence import coded_passages
from indsigt.errors import IndsigtError
from indsigt.store import Store, schema


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
    """The matrix over the codes that are used with ``statuses`` (by ``coders``, if named)."""
    if unit not in UNITS:
        raise IndsigtError(f"unit must be one of {', '.join(UNITS)}, not {unit!r}")
    units: dict[str, set[int]] = defaultdict(set)
    for coded in coded_passages(store, study_id, statuses=statuses, coders=coders):
        key = coded.respondent_id if unit == "respondents" else coded.passage_id
        if key is not None:
            units[coded.code].add(key)
    pairs: dict[tuple[str, str], int] = {}
    for a, b, n in cooccurrence(store, study_id, unit=unit, statuses=statuses, coders=coders):
        pairs[(a, b)] = pairs[(b, a)] = n
    with store.connect() as connection:
        ids = dict(
            connection.execute(
                sa.select(schema.code.c.path, schema.code.c.id).where(
                    schema.code.c.study_id == study_id
                )
            ).all()
        )
    codes = tuple((int(ids[path]), path) for path in sorted(units) if path in ids)
    return CooccurrenceMatrix(
        unit=unit,
        statuses=tuple(statuses),
        codes=codes,
        totals={path: len(found) for path, found in units.items()},
        pairs=pairs,
    )
