"""Segment tables for the page: :func:`indsigt.analyse.segment_table` (codes × a respondent
attribute, "n of N", small cells flagged, tests only where n allows) with the codebook's labels
and colours, and the blind-coding filter applied."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from indsigt import queries
from indsigt.analyse import segment_table as analyse_segments
from indsigt.analyse.compare import CodeRow, SegmentTable
from indsigt.analyse.themetable import theme_segment_table as theme_table
from indsigt.errors import IndsigtError
from indsigt.store import Store
from indsigt.web.data.codes import PALETTE, color_of, label_of, list_codes
from indsigt.web.i18n import N_, gettext, library_text, translate, word

UNITS = ("respondents", "passages")


def attribute_keys(store: Store, study_id: int) -> list[str]:
    return sorted(
        {key for person in queries.respondents(store, study_id) for key in person.attributes}
    )


def segment_table(
    store: Store,
    study_id: int,
    language: str,
    *,
    by: str,
    unit: str = "respondents",
    suggestions: bool = False,
    coder: str | None = None,
    only_coder: str | None = None,
) -> dict[str, Any]:
    """Rows: codes (parents roll up their children); columns: the values of ``by``."""
    if only_coder is not None and coder not in (None, only_coder):
        coders: tuple[str, ...] = ("\x00nobody",)  # a blinded coder asked for someone else
    else:
        coders = tuple(name for name in (only_coder or coder,) if name)
    statuses = ("accepted", "suggested") if suggestions else ("accepted",)
    try:
        table = analyse_segments(
            store,
            study_id,
            by=by,
            unit=unit if unit in UNITS else "respondents",
            statuses=statuses,
            coders=coders,
        )
    except IndsigtError as exc:
        return {"problem": str(exc), "rows": [], "segments": []}
    codes = {code.path: code for code in list_codes(store, study_id)}
    rows = []
    for number, row in enumerate(table.rows):
        code = codes.get(row.code)
        label = label_of(code, language) if code else row.code
        color = color_of(code) if code else PALETTE[number % len(PALETTE)]
        rows.append(_row(row, label, color, table.segments, depth=row.code.count("/")))
    note = translate(
        N_(
            "n of N: %(unit)s in the segment with at least one coding of the code "
            "(%(statuses)s), out of all %(unit)s in the segment; interviewer speech "
            "does not count; a parent code counts its children."
        ),
        {
            "unit": word(table.unit),
            "statuses": " / ".join(word(status) for status in table.statuses),
        },
    )
    return _table(table, rows, note)


def theme_segment_table(store: Store, study_id: int, *, by: str) -> dict[str, Any]:
    """Rows: the latest run's emergent themes (:func:`indsigt.analyse.themetable`), for a
    study with no codes yet; columns: the values of ``by``."""
    try:
        table, themes = theme_table(store, study_id, by=by)
    except IndsigtError as exc:
        return {"problem": str(exc), "rows": [], "segments": []}
    rows = [
        _row(row, themes[row.code].label, PALETTE[number % len(PALETTE)], table.segments)
        for number, row in enumerate(table.rows)
    ]
    note = gettext(
        "n of N: respondents in the segment whose statements fall in the theme, out of all "
        'respondents in the segment; interviewer speech and talk ("Yeah.") do not count. The '
        "themes are emergent: the machine found them and no person has reviewed them."
    )
    return _table(table, rows, note)


def _table(table: SegmentTable, rows: list[dict[str, Any]], note: str) -> dict[str, Any]:
    return {
        "problem": None,
        "by": table.by,
        "unit": table.unit,
        "k": table.k,
        "statuses": list(table.statuses),
        "segments": [{"segment": s, "size": table.totals[s]} for s in table.segments],
        "rows": rows,
        "notes": [note, *(library_text(line) for line in table.notes)],
    }


def _row(
    row: CodeRow, label: str, color: str, segments: Sequence[str], *, depth: int = 0
) -> dict[str, Any]:
    """One row (a code, or a theme): its label and colour, a cell per segment, the total and
    the test."""
    return {
        "path": row.code,
        "label": label,
        "color": color,
        "depth": depth,
        "cells": [
            {
                "segment": segment,
                "n": row.cells[segment].n,
                "of": row.cells[segment].N,
                "share": row.cells[segment].share or 0.0,
                "small": row.cells[segment].small,
                "text": row.cells[segment].text(),
            }
            for segment in segments
        ],
        "total": {"n": row.total.n, "of": row.total.N, "text": row.total.text()},
        "test": {
            "method": row.test.method,
            "p": row.test.p,
            "p_holm": row.test.p_holm,
            "cramers_v": row.test.effect,
            "note": row.test.note,
        },
    }
