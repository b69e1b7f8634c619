"""Codebooks as CSV: one row per code, the hierarchy in the ``path`` column (``parent/child``).

Columns (only ``path`` is required): ``path``, ``label`` or ``label_da`` / ``label_no`` /
``label_sv`` / ``label_en``, ``definition`` (or ``definition_<language>``), ``include``,
``exclude`` (likewise), ``keywords`` (separated by ``;``), ``examples`` (one per line inside
the cell), ``color``. Comma, semicolon and tab delimiters are recognised.
"""

from __future__ import annotations

import contextlib
import csv
import io
import re
from pathlib import Path

from indsigt.codebook.errors import CodebookError
from indsigt.codebook.model import Codebook
from indsigt.codebook.texts import LANGUAGES, join_languages, split_languages
from indsigt.ingest.encoding import decode
from indsigt.records import Code

COLOR = re.compile(r"^#([0-9a-fA-F]{6}|[0-9a-fA-F]{3})$")
# A cell starting with one of these runs as a formula when the CSV is opened in a
# spreadsheet: it is written after an apostrophe (which spreadsheets show as text), and the
# apostrophe is dropped again on reading.
FORMULA = ("=", "+", "-", "@", "\t", "\r")


def _text_cell(value: str) -> str:
    return f"'{value}" if value.startswith(FORMULA) else value


def _read_cell(cell: str) -> str:
    return cell[1:] if cell.startswith("'") and cell[1:].startswith(FORMULA) else cell


TEXT_FIELDS = ("definition", "include", "exclude")
KNOWN = {
    "path",
    "label",
    "keywords",
    "examples",
    "color",
    *TEXT_FIELDS,
    *(f"{field}_{lang}" for field in ("label", *TEXT_FIELDS) for lang in LANGUAGES),
}


def read_csv(path: str | Path) -> Codebook:
    """Read a CSV codebook; a malformed file raises :class:`CodebookError` (file, line, field)."""
    path = Path(path)
    text, _ = decode(path.read_bytes(), path)
    delimiter = ","
    with contextlib.suppress(csv.Error):
        delimiter = csv.Sniffer().sniff(text.split("\n", 1)[0], delimiters=",;\t").delimiter
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    header = [column.strip().lower() for column in next(reader, [])]
    if "path" not in header:
        raise CodebookError(path, "the header needs a 'path' column", line=1, field="path")
    for column in header:
        if column and column not in KNOWN:
            raise CodebookError(
                path, f"unknown column (known: {', '.join(sorted(KNOWN))})", line=1, field=column
            )
    codes: list[Code] = []
    seen: dict[str, int] = {}
    line = reader.line_num + 1
    for cells in reader:
        start, line = line, reader.line_num + 1
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) > len(header):
            raise CodebookError(path, f"{len(cells)} cells but {len(header)} columns", line=start)
        row = dict(zip(header, [_read_cell(cell.strip()) for cell in cells], strict=False))
        codes.append(_code(path, start, row, seen))
    if not codes:
        raise CodebookError(path, "no codes", line=1, field="path")
    return Codebook.from_codes(codes, name=path.stem)


def _code(path: Path, line: int, row: dict[str, str], seen: dict[str, int]) -> Code:
    code_path = "/".join(part.strip() for part in row.get("path", "").split("/"))
    if not code_path or "//" in code_path or code_path.startswith("/") or code_path.endswith("/"):
        raise CodebookError(path, f"{code_path!r} is not a code path", line=line, field="path")
    if code_path in seen:
        raise CodebookError(
            path,
            f"code {code_path!r} is defined twice (line {seen[code_path]})",
            line=line,
            field="path",
        )
    seen[code_path] = line
    labels = {lang: row[f"label_{lang}"] for lang in LANGUAGES if row.get(f"label_{lang}")}
    if row.get("label"):
        labels.setdefault("da", row["label"])
    color = row.get("color", "")
    if color and not COLOR.match(color):
        raise CodebookError(path, f"{color!r}: use #rrggbb", line=line, field="color")
    texts = {
        field: join_languages(
            {"": row.get(field, ""), **{lang: row.get(f"{field}_{lang}", "") for lang in LANGUAGES}}
        )
        for field in TEXT_FIELDS
    }
    return Code(
        id=0,
        path=code_path,
        labels=labels,
        definition=texts["definition"],
        include=texts["include"],
        exclude=texts["exclude"],
        keywords=tuple(k.strip() for k in row.get("keywords", "").split(";") if k.strip()),
        examples=tuple(e.strip() for e in row.get("examples", "").splitlines() if e.strip()),
        color=color,
    )


def to_csv(codebook: Codebook) -> str:
    """The codebook as CSV (the columns :func:`read_csv` reads; texts per language)."""
    languages = sorted(
        {lang for code in codebook for lang in code.labels}
        | {
            lang
            for code in codebook
            for field in (code.definition, code.include, code.exclude)
            for lang in split_languages(field)
            if lang
        },
        key=lambda lang: LANGUAGES.index(lang) if lang in LANGUAGES else 99,
    )
    columns = ["path", *(f"label_{lang}" for lang in languages)]
    for field in TEXT_FIELDS:
        columns += [field, *(f"{field}_{lang}" for lang in languages)]
    columns += ["keywords", "examples", "color"]
    out = io.StringIO()
    writer = csv.DictWriter(out, columns, lineterminator="\n")
    writer.writeheader()
    for code in codebook:
        row = {
            "path": code.path,
            "keywords": "; ".join(code.keywords),
            "examples": "\n".join(code.examples),
            "color": code.color,
        }
        row.update(
            {f"label_{lang}": text for lang, text in code.labels.items() if lang in languages}
        )
        for field, value in zip(
            TEXT_FIELDS, (code.definition, code.include, code.exclude), strict=True
        ):
            for lang, text in split_languages(value).items():
                row[f"{field}_{lang}" if lang else field] = text
        writer.writerow({column: _text_cell(value) for column, value in row.items()})
    return out.getvalue()
