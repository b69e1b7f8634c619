"""Rows of text as a CSV or an .xlsx download (retrieval exports, the speakers as a
respondents sheet).

Cells are text, never formulas: in the CSV a cell that a spreadsheet would read as a formula
(starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return) gets a leading ``'``;
in the .xlsx every cell is stored as a string, so transcript text such as "=SUM(A1)" stays
text. The header row is frozen and long text wraps.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _csv_cell(value: object) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def csv_bytes(columns: Sequence[str], rows: Sequence[Mapping[str, object]]) -> bytes:
    """UTF-8 with a byte-order mark (so spreadsheets read æøå), one line per row."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_csv_cell(row.get(column)) for column in columns])
    return out.getvalue().encode("utf-8-sig")


def xlsx_bytes(
    columns: Sequence[str],
    rows: Sequence[Mapping[str, object]],
    *,
    sheet: str = "passages",
    wide: Sequence[str] = (),
) -> bytes:
    """One sheet; ``wide`` columns get a wide, wrapped layout."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    table = book.active
    assert table is not None
    table.title = sheet[:31] or "sheet"
    wrap = Alignment(wrap_text=True, vertical="top")
    for index, name in enumerate(columns, start=1):
        cell = table.cell(row=1, column=index)
        cell.value = name
        cell.data_type = "s"
        cell.font = Font(bold=True)
        width = 60 if name in wide else max(12, min(30, len(name) + 2))
        table.column_dimensions[get_column_letter(index)].width = width
    for number, row in enumerate(rows, start=2):
        for index, name in enumerate(columns, start=1):
            value = row.get(name)
            cell = table.cell(row=number, column=index)
            if isinstance(value, int | float) and not isinstance(value, bool):
                cell.value = value
            else:
                cell.value = _clean("" if value is None else str(value))
                cell.data_type = "s"
            cell.alignment = wrap
    table.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _clean(text: str) -> str:
    """Without the control characters .xlsx cannot hold."""
    return "".join(ch for ch in text if ch in "\t\n" or ord(ch) >= 32)
