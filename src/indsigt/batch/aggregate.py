"""Segment tables by partition: each partition counts its respondents and passages per
segment and, per code (parents rolled up), how many of them have it; the driver adds the
counts of every finished partition and builds the tables with ``analyse.compare`` — the
same tables ``indsigt compare`` computes from the store, without reading every coding back.

A partition's counts are plain JSON, stored with its "done" marker, so a resumed job adds up
the counts of partitions finished before the interruption.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import asdict
from typing import Any

from indsigt.analyse.compare import SegmentTable, table_from_counts
from indsigt.analyse.evidence import MISSING
from indsigt.codebook.model import Codebook
from indsigt.records import MIN_GROUP

# {attribute: {"respondents": {segment: n}, "passages": {segment: n},
#              "codes": {path: {segment: [respondents, passages]}}}}
PartialCounts = dict[str, dict[str, Any]]
STATUSES = ("suggested",)


def _with_parents(path: str) -> list[str]:
    parts = path.split("/")
    return ["/".join(parts[: i + 1]) for i in range(len(parts))]


def count_partition(
    attributes: Sequence[dict[str, str]],
    owners: Sequence[int],
    codings: Iterable[tuple[int, int, str, float | None, dict[str, Any]]],
    codebook: Codebook,
    by: Sequence[str],
) -> PartialCounts:
    """``attributes``: one respondent per document; ``owners``: each passage's document;
    ``codings``: (passage position, code id, …) from any coder."""
    path_of = {code.id: code.path for code in codebook}
    by_passage: dict[int, set[str]] = defaultdict(set)
    for position, code_id, *_ in codings:
        path = path_of.get(code_id)
        if path is not None:
            by_passage[position].update(_with_parents(path))
    by_document: dict[int, set[str]] = defaultdict(set)
    for position, paths in by_passage.items():
        by_document[owners[position]].update(paths)
    counts: PartialCounts = {}
    for attribute in by:
        segment = [str(attrs.get(attribute) or MISSING) for attrs in attributes]
        respondents: dict[str, int] = defaultdict(int)
        passages: dict[str, int] = defaultdict(int)
        for value in segment:
            respondents[value] += 1
        for owner in owners:
            passages[segment[owner]] += 1
        codes: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
        for document, paths in by_document.items():
            for path in paths:
                codes[path][segment[document]][0] += 1
        for position, paths in by_passage.items():
            for path in paths:
                codes[path][segment[owners[position]]][1] += 1
        counts[attribute] = {
            "respondents": dict(respondents),
            "passages": dict(passages),
            "codes": {path: dict(cells) for path, cells in codes.items()},
        }
    return counts


def merge(partials: Iterable[PartialCounts]) -> PartialCounts:
    total: PartialCounts = {}
    for partial in partials:
        for attribute, part in partial.items():
            into = total.setdefault(attribute, {"respondents": {}, "passages": {}, "codes": {}})
            for unit in ("respondents", "passages"):
                for segment, n in part[unit].items():
                    into[unit][segment] = into[unit].get(segment, 0) + n
            for path, cells in part["codes"].items():
                target = into["codes"].setdefault(path, {})
                for segment, (r, p) in cells.items():
                    old = target.get(segment, [0, 0])
                    target[segment] = [old[0] + r, old[1] + p]
    return total


def tables(
    counts: PartialCounts, *, k: int = MIN_GROUP, suppress: bool = False
) -> dict[str, dict[str, SegmentTable]]:
    """attribute → unit (respondents, passages) → the code × segment table."""
    out: dict[str, dict[str, SegmentTable]] = {}
    for attribute, part in counts.items():
        out[attribute] = {}
        for index, unit in enumerate(("respondents", "passages")):
            out[attribute][unit] = table_from_counts(
                by=attribute,
                unit=unit,
                k=k,
                suppress=suppress,
                statuses=STATUSES,
                totals=dict(part[unit]),
                counts={
                    path: {segment: pair[index] for segment, pair in cells.items()}
                    for path, cells in part["codes"].items()
                },
            )
    return out


def tables_json(counts: PartialCounts, *, k: int = MIN_GROUP) -> dict[str, dict[str, Any]]:
    return {
        attribute: {unit: asdict(table) for unit, table in units.items()}
        for attribute, units in tables(counts, k=k).items()
    }
