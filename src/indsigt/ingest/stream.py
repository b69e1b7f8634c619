"""Reading a large sheet row by row (``indsigt batch``), never the whole file at once: CSV
through the csv module on a decoded text stream, Excel through openpyxl's read-only mode.

The encoding is detected on the first megabyte, as :func:`indsigt.ingest.encoding.decode`
does for a whole file; cells are NFC-normalised with ``\\n`` line endings, so a row streamed
here gives the same document as the same row imported by ``indsigt import``.
"""

from __future__ import annotations

import csv
import hashlib
import io
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from indsigt.errors import InputError
from indsigt.ingest.encoding import decode
from indsigt.ingest.sheets import (
    check_row,
    header_of,
    normalise_cell,
    open_workbook,
    pick_worksheet,
    sniff_delimiter,
)
from indsigt.ingest.zipguard import check_zip_file

SAMPLE = 1 << 20
Row = tuple[int, dict[str, str]]  # (row number as the user sees it, values)


@dataclass
class SheetStream:
    """An open sheet: its header, and its rows once (iterate once)."""

    path: Path
    header: tuple[str, ...]
    rows: Iterator[Row]

    def __iter__(self) -> Iterator[Row]:
        return self.rows


def file_sha256(path: Path) -> str:
    """The SHA-256 of a file, read in blocks."""
    digest = hashlib.sha256()
    try:
        with path.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    except OSError as exc:
        raise InputError(path, f"cannot read ({exc.strerror})") from exc
    return digest.hexdigest()


def check_readable(path: Path) -> None:
    if not path.exists():
        raise InputError(path, "no such file")
    if path.is_dir():
        raise InputError(path, "is a directory, not a sheet")
    if path.suffix.lower() not in {".csv", ".tsv", ".xlsx", ".xlsm"}:
        raise InputError(path, "a batch source must be a .csv, .tsv or .xlsx sheet")


@contextmanager
def open_sheet(path: Path, *, sheet: str | None = None) -> Iterator[SheetStream]:
    """Open ``path`` for streaming; errors name the file (and the row, for bad content)."""
    check_readable(path)
    if path.suffix.lower() in {".xlsx", ".xlsm"}:
        with _xlsx(path, sheet) as stream:
            yield stream
    else:
        with _csv(path) as stream:
            yield stream


def _clean(cell: str) -> str:
    return normalise_cell(cell).strip()


def _with_header(path: Path, cells: Iterator[list[str]]) -> tuple[tuple[str, ...], Iterator[Row]]:
    for number, row in enumerate(cells, start=1):
        if any(cell.strip() for cell in row):
            header = header_of(path, [_clean(cell) for cell in row])
            return header, _body(path, header, cells, number + 1)
    raise InputError(path, "the sheet is empty")


def _body(
    path: Path, header: tuple[str, ...], cells: Iterator[list[str]], first: int
) -> Iterator[Row]:
    width = len(header)
    for number, row in enumerate(cells, start=first):
        if not any(cell.strip() for cell in row):
            continue
        check_row(path, header, row, number)
        cleaned = [_clean(cell) for cell in row[:width]]
        cleaned += [""] * (width - len(cleaned))
        yield number, dict(zip(header, cleaned, strict=True))


@contextmanager
def _csv(path: Path) -> Iterator[SheetStream]:
    try:
        with path.open("rb") as raw:
            sample = raw.read(SAMPLE)
    except OSError as exc:
        raise InputError(path, f"cannot read ({exc.strerror})") from exc
    if len(sample) == SAMPLE:  # never cut a character in two
        if b"\x00" in sample[:4096]:  # UTF-16/32, with or without a BOM
            sample = sample[: len(sample) - len(sample) % 4]
        else:
            sample = sample[: sample.rfind(b"\n") + 1] or sample
    text, encoding = decode(sample, path)
    delimiter = sniff_delimiter(text[:20000])
    handle = path.open("rb")
    try:
        reader = csv.reader(_lines(path, handle, encoding), csv.excel, delimiter=delimiter)
        header, body = _with_header(path, _guarded(path, reader))
        yield SheetStream(path, header, body)
    finally:
        handle.close()


def _lines(path: Path, handle: Any, encoding: str) -> Iterator[str]:
    """Decoded lines; a byte sequence that is not ``encoding`` is an error naming its line."""
    if encoding.startswith(("utf-16", "utf-32")):  # lines cannot be cut as bytes: a stream
        number = 0
        try:
            for number, line in enumerate(io.TextIOWrapper(handle, encoding=encoding, newline="")):
                yield line.lstrip("\ufeff") if number == 0 else line
        except UnicodeDecodeError as exc:
            raise InputError(
                path,
                f"line {number + 1}: not valid {encoding} ({exc.reason}); save the sheet as UTF-8",
            ) from None
        return
    encoding = "utf-8" if encoding == "utf-8-sig" else encoding
    for number, raw in enumerate(handle, start=1):
        try:
            line = raw.decode(encoding)
        except UnicodeDecodeError as exc:
            raise InputError(
                path, f"line {number}: not valid {encoding} ({exc.reason}); save the sheet as UTF-8"
            ) from exc
        yield line.lstrip("\ufeff") if number == 1 else line


def _guarded(path: Path, reader: Any) -> Iterator[list[str]]:
    """csv rows; a CSV error names the file and the line."""
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise InputError(path, f"line {reader.line_num}: unreadable CSV ({exc})") from exc
        yield row


@contextmanager
def _xlsx(path: Path, sheet: str | None) -> Iterator[SheetStream]:
    check_zip_file(path, what="Excel .xlsx file", streamed=True)
    workbook = open_workbook(path, path)
    try:
        worksheet = pick_worksheet(path, workbook, sheet)
        cells = (
            ["" if value is None else str(value) for value in row]
            for row in worksheet.iter_rows(values_only=True)
        )
        header, body = _with_header(path, _damaged(path, cells))
        yield SheetStream(path, header, body)
    finally:
        workbook.close()


def _damaged(path: Path, cells: Iterator[list[str]]) -> Iterator[list[str]]:
    try:
        yield from cells
    except Exception as exc:  # read-only worksheets are read (and found damaged) lazily
        raise InputError(path, f"damaged Excel .xlsx file ({type(exc).__name__}: {exc})") from exc


__all__ = ["Row", "SheetStream", "check_readable", "file_sha256", "open_sheet"]
