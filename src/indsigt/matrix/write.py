"""Writing the matrix: .xlsx (openpyxl: one sheet per column group — top-level code or guide
section —, frozen header row and row-name column, wrapped text), .csv (one wide table, columns
named "group / column"), .md (one table per group)."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from indsigt.errors import IndsigtError
from indsigt.matrix.model import Matrix, MatrixColumn

FORMATS = (".xlsx", ".csv", ".md")
COLUMN_WIDTH = 60
COLUMN_CHARS = 66  # characters of 11-point Calibri per line in a column of width 60
EXCEL_CELL_LIMIT = 32_000  # Excel holds 32,767 characters in a cell
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def cell_text(matrix: Matrix, row: str, column: str) -> str:
    """The excerpts of one cell, each in quotes with its reference; empty when none."""
    cell = matrix.cell(row, column)
    if cell is None:
        return ""
    parts = [f"“{e.text.strip()}” ({e.ref})" for e in cell.excerpts]
    if cell.units > len(cell.excerpts):
        parts.append(f"[{len(cell.excerpts)} of {cell.units}]")
    return "\n\n".join(parts)


def _row_header(matrix: Matrix) -> str:
    return "Respondent" if matrix.rows_by == "respondent" else "Document"


def write_matrix(matrix: Matrix, output: str | Path) -> Path:
    """Write ``matrix`` to ``output``; the format comes from the suffix."""
    path = Path(output)
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise IndsigtError(f"{path}: unsupported matrix format; use {', '.join(FORMATS)}")
    if suffix == ".xlsx":
        data = matrix_xlsx(matrix)
        path.write_bytes(data)
    elif suffix == ".csv":
        path.write_text(matrix_csv(matrix), encoding="utf-8-sig", newline="")
    else:
        path.write_text(matrix_markdown(matrix), encoding="utf-8")
    return path


def _sheet_names(groups: list[tuple[str, list[MatrixColumn]]]) -> list[str]:
    names: list[str] = []
    for group, _ in groups:
        base = _SHEET_FORBIDDEN.sub(" ", group).strip().strip("'")[:31] or "Matrix"
        name, n = base, 1
        while name.lower() in (x.lower() for x in names):
            n += 1
            name = f"{base[: 31 - len(str(n)) - 1]} {n}"
        names.append(name)
    return names


def matrix_xlsx(matrix: Matrix) -> bytes:
    """The workbook as bytes."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    workbook = Workbook()
    default = workbook.active
    groups = matrix.groups()
    wrap = Alignment(wrap_text=True, vertical="top")
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDE6F0")
    for (_, columns), name in zip(groups, _sheet_names(groups), strict=True):
        sheet = workbook.create_sheet(title=name)
        sheet.append([_row_header(matrix), *[c.label for c in columns]])
        for row in matrix.rows:
            values = [cell_text(matrix, row, c.key)[:EXCEL_CELL_LIMIT] for c in columns]
            sheet.append([row, *values])
        for cells in sheet.iter_rows():
            for cell in cells:
                cell.alignment = wrap
        for cell in sheet[1]:
            cell.font = bold
            cell.fill = fill
        for cell in sheet["A"]:
            cell.font = bold
        sheet.freeze_panes = "B2"
        sheet.column_dimensions["A"].width = 22
        for index in range(2, len(columns) + 2):
            letter = sheet.cell(row=1, column=index).column_letter
            sheet.column_dimensions[letter].width = COLUMN_WIDTH
        sheet.print_title_rows = "1:1"
        sheet.page_setup.orientation = "landscape"
        sheet.page_setup.fitToWidth = 1
        sheet.page_setup.fitToHeight = 0
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
        for number, cells in enumerate(sheet.iter_rows(min_row=1), start=1):
            lines = (
                max(_lines(str(cell.value or ""), COLUMN_CHARS) for cell in cells[1:])
                if len(cells) > 1
                else 1
            )
            sheet.row_dimensions[number].height = min(409, 15 * max(1, lines))
    if default is not None and groups:
        workbook.remove(default)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _lines(text: str, width: int) -> int:
    """Roughly how many lines ``text`` takes wrapped at ``width`` characters (row heights:
    Excel and LibreOffice do not grow a row for wrapped text written by a library)."""
    return sum(max(1, -(-len(part) // width)) for part in text.split("\n"))


def matrix_csv(matrix: Matrix) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([_row_header(matrix), *[f"{c.group} / {c.label}" for c in matrix.columns]])
    for row in matrix.rows:
        writer.writerow([row, *[cell_text(matrix, row, c.key) for c in matrix.columns]])
    return buffer.getvalue()


def _md(text: str) -> str:
    return (
        text.replace("\\", "\\\\")
        .replace("|", "\\|")
        .replace("\n\n", "<br><br>")
        .replace("\n", "<br>")
    )


def matrix_markdown(matrix: Matrix) -> str:
    lines = [
        f"# Framework matrix: {matrix.rows_by}s × {matrix.columns_by}s",
        "",
        f"Unit: {matrix.unit}. Each cell holds the row's most representative excerpts for the "
        "column, with their references (document ¶ passage number).",
    ]
    for group, columns in matrix.groups():
        lines += ["", f"## {_md(group)}", ""]
        lines.append(
            "| " + " | ".join([_row_header(matrix), *[_md(c.label) for c in columns]]) + " |"
        )
        lines.append("|" + "---|" * (len(columns) + 1))
        for row in matrix.rows:
            values = [_md(cell_text(matrix, row, c.key)) for c in columns]
            lines.append("| " + " | ".join([_md(row), *values]) + " |")
    return "\n".join(lines) + "\n"
