"""Reading CSV and Excel sheets into rows of strings, with row numbers for error messages."""

from __future__ import annotations

import csv
import io
import unicodedata
import zipfile
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from indsigt.errors import InputError, listing
from indsigt.ingest.encoding import decode
from indsigt.ingest.zipguard import check_zip_bytes


@dataclass(frozen=True)
class Sheet:
    header: tuple[str, ...]
    rows: tuple[tuple[int, dict[str, str]], ...]  # (row number as the user sees it, values)
    encoding: str | None = None  # of a CSV file
    notes: tuple[str, ...] = ()  # what was not read (other worksheets)


def read_sheet(
    path: Path, data: bytes, *, sheet: str | None = None, encoding: str | None = None
) -> Sheet:
    if path.suffix.lower() in {".xlsx", ".xlsm"}:
        return _read_xlsx(path, data, sheet)
    return _read_csv(path, data, encoding)


def _read_csv(path: Path, data: bytes, encoding: str | None) -> Sheet:
    text, found = decode(data, path, encoding=encoding)
    reader = csv.reader(io.StringIO(text), csv.excel, delimiter=sniff_delimiter(text[:20000]))
    try:
        rows = list(reader)
    except csv.Error as exc:
        raise InputError(path, f"unreadable CSV ({exc})") from exc
    return replace(_to_sheet(path, rows), encoding=found)


def open_workbook(path: Path, source: Path | io.BytesIO) -> Any:
    """``source`` (the file ``path``, or its bytes) as a read-only openpyxl workbook; a file
    that is not one, or a damaged one, is an InputError naming ``path``."""
    import openpyxl

    try:
        return openpyxl.load_workbook(source, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise InputError(path, f"not a readable Excel .xlsx file ({exc})") from exc
    except Exception as exc:  # openpyxl raises assorted zip/zlib/XML errors on damage
        raise InputError(path, f"damaged Excel .xlsx file ({type(exc).__name__}: {exc})") from exc


def pick_worksheet(path: Path, workbook: Any, sheet: str | None) -> Any:
    """The worksheet named ``sheet``, else the first."""
    if sheet is not None and sheet not in workbook.sheetnames:
        raise InputError(
            path,
            f"no sheet named {sheet!r} (sheets: {listing(workbook.sheetnames, quote=False)})",
        )
    return workbook[sheet] if sheet else workbook.worksheets[0]


def _read_xlsx(path: Path, data: bytes, sheet: str | None) -> Sheet:
    if not data:
        raise InputError(path, "the file is empty")
    check_zip_bytes(path, data, what="Excel .xlsx file")
    workbook = open_workbook(path, io.BytesIO(data))
    try:
        worksheet = pick_worksheet(path, workbook, sheet)
        others = [name for name in workbook.sheetnames if name != worksheet.title]
        rows = [
            ["" if value is None else normalise_cell(str(value)) for value in row]
            for row in worksheet.iter_rows(values_only=True)
        ]
    except InputError:
        raise
    except Exception as exc:  # read-only worksheets are read (and found damaged) lazily
        raise InputError(path, f"damaged Excel .xlsx file ({type(exc).__name__}: {exc})") from exc
    finally:
        workbook.close()
    notes = (
        (
            f"read worksheet {worksheet.title!r} only; not read: "
            f"{listing(others, quote=False)} (choose one with --sheet)",
        )
        if others and sheet is None
        else ()
    )
    return replace(_to_sheet(path, rows), notes=notes)


def _to_sheet(path: Path, rows: list[list[str]]) -> Sheet:
    skipped = 0  # blank rows above the header still count in the row numbers the user sees
    while rows and not any(cell.strip() for cell in rows[0]):
        rows.pop(0)
        skipped += 1
    if not rows:
        raise InputError(path, "the sheet is empty")
    header = header_of(path, rows[0])
    records = []
    for number, row in enumerate(rows[1:], start=2 + skipped):
        if not any(cell.strip() for cell in row):
            continue
        check_row(path, header, row, number)
        values = {name: (row[i].strip() if i < len(row) else "") for i, name in enumerate(header)}
        records.append((number, values))
    return Sheet(header, tuple(records))


def check_row(path: Path, header: tuple[str, ...], row: list[str], number: int) -> None:
    """A value in a column without a name, or beyond the header, would be lost: refuse it."""
    for index, cell in enumerate(row):
        if cell.strip() and (index >= len(header) or not header[index]):
            where = "beyond the last column of the header" if index >= len(header) else ""
            raise InputError(
                path,
                f"row {number}, column {index + 1}: a value in a column without a name "
                f"{where or 'in the header'}; name the column in the header (or delete the value)",
            )


def sniff_delimiter(sample: str) -> str:
    """The delimiter (``,``, ``;`` or tab) of a CSV sample. Only the delimiter is taken from
    the sniffer: its guess of the quoting is unreliable (it took ``""`` inside a quoted cell
    for the cell's end, and the rest of the cell was lost), and every spreadsheet writes
    Excel's quoting."""
    try:
        return str(csv.Sniffer().sniff(sample, delimiters=",;\t").delimiter)
    except csv.Error:
        return ","


def normalise_cell(text: str) -> str:
    """As a decoded text file is normalised: ``\n`` line endings, NFC."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text if text.isascii() else unicodedata.normalize("NFC", text)


def header_of(path: Path, cells: list[str]) -> tuple[str, ...]:
    """The column names of a header row; an empty header or a repeated name is an error."""
    header = tuple(cell.strip() for cell in cells)
    if not any(header):
        raise InputError(path, "the first row (the header) is empty")
    seen: set[str] = set()
    for name in header:
        if name and name in seen:
            raise InputError(path, f"column {listing([name])} appears twice in the header")
        seen.add(name)
    return header


def require_columns(path: Path, sheet: Sheet, names: tuple[str, ...], *, option: str) -> None:
    for name in names:
        if name not in sheet.header:
            raise InputError(
                path,
                f"no column named {name!r} ({option}); columns are: "
                + listing(h for h in sheet.header if h),
            )
