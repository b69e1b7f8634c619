"""The framework matrix as records: rows (respondents or documents) × columns (codes or guide
questions) → cells of representative excerpts with their passage references."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

Rows = Literal["respondent", "document"]
Columns = Literal["code", "theme", "question"]
UnitName = Literal["passage", "turn"]


@dataclass(frozen=True)
class MatrixUnit:
    """One unit of analysis: respondent speech (a passage, or a whole turn), anonymised text."""

    passage_ids: tuple[int, ...]
    document_id: int
    document: str
    turn_id: int
    respondent: str  # the respondent's pseudonym (the speaker's label if not a respondent)
    text: str
    ref: str  # "document ¶seq" (passage seq), for a reader to find it


@dataclass(frozen=True)
class MatrixColumn:
    key: str  # code path, T<theme number> or guide label
    label: str
    group: str  # the top-level code, the themes, or the guide section
    description: str = ""  # what centrality is measured against


@dataclass(frozen=True)
class Excerpt:
    text: str
    ref: str
    passage_ids: tuple[int, ...]
    score: float


@dataclass(frozen=True)
class MatrixCell:
    row: str
    column: str
    excerpts: tuple[Excerpt, ...]
    units: int  # how many units of the row fall in the column


@dataclass(frozen=True)
class Matrix:
    rows_by: Rows
    columns_by: Columns
    unit: UnitName
    rows: tuple[str, ...]
    columns: tuple[MatrixColumn, ...]
    cells: dict[tuple[str, str], MatrixCell] = field(default_factory=dict)

    def groups(self) -> list[tuple[str, list[MatrixColumn]]]:
        """Columns by group, in column order."""
        found: dict[str, list[MatrixColumn]] = {}
        for column in self.columns:
            found.setdefault(column.group, []).append(column)
        return list(found.items())

    def cell(self, row: str, column: str) -> MatrixCell | None:
        return self.cells.get((row, column))

    def as_dict(self) -> dict[str, Any]:
        return {
            "rows_by": self.rows_by,
            "columns_by": self.columns_by,
            "unit": self.unit,
            "rows": list(self.rows),
            "columns": [{"key": c.key, "label": c.label, "group": c.group} for c in self.columns],
            "cells": [
                {
                    "row": cell.row,
                    "column": cell.column,
                    "units": cell.units,
                    "excerpts": [
                        {"text": e.text, "ref": e.ref, "passages": list(e.passage_ids)}
                        for e in cell.excerpts
                    ],
                }
                for cell in self.cells.values()
            ],
        }
