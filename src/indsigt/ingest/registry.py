"""Choosing an importer by file suffix, from every registered plugin."""

from __future__ import annotations

from pathlib import Path

from indsigt.errors import InputError
from indsigt.ingest.base import Importer
from indsigt.ingest.tables import TableImporter
from indsigt.plugins import implementations

SHEETS = frozenset(TableImporter.suffixes)
# Formats a word processor saves in a readable one
_SAVE_AS = {
    ".doc": "save it as .docx in Word or LibreOffice",
    ".pages": "export it as .docx from Pages",
    ".wpd": "save it as .docx in LibreOffice",
    ".xls": "save it as .xlsx",
    ".ods": "save it as .xlsx or .csv",
}


def importers() -> dict[str, Importer]:
    """Suffix → importer; a plugin's importer overrides a built-in for the same suffix."""
    table: dict[str, Importer] = {}
    found: list[list[type[Importer]]] = implementations("importers")
    for classes in found:
        for cls in classes:
            for suffix in cls.suffixes:
                table[suffix.lower()] = cls()
    return table


def importer_for(path: Path) -> Importer:
    table = importers()
    suffix = path.suffix.lower()
    if suffix not in table:
        hint = _SAVE_AS.get(suffix, "")
        raise InputError(
            path,
            f"unsupported file type {suffix or '(no suffix)'!r}; indsigt reads "
            + ", ".join(sorted(table))
            + (f" ({hint})" if hint else ""),
        )
    return table[suffix]


def expand_folders(paths: list[Path]) -> tuple[list[Path], list[str], list[InputError]]:
    """``paths`` with each folder replaced by the transcripts in it (by suffix, in name order;
    not its subfolders, not hidden files), as a user means ``indsigt import study.db
    transcripts/``; with a note of the files left out and an error for a folder with nothing
    to read. Sheets are left out: beside interviews they are the respondents sheet or the
    interview guide, not answers (GENNOVATE's folder holds its guide as a .csv); a sheet of
    answers is named."""
    table = {suffix: i for suffix, i in importers().items() if suffix not in SHEETS}
    files: list[Path] = []
    notes: list[str] = []
    errors: list[InputError] = []
    for path in paths:
        if not path.is_dir():
            files.append(path)
            continue
        inside = sorted(p for p in path.iterdir() if p.is_file() and not p.name.startswith("."))
        read = [p for p in inside if p.suffix.lower() in table]
        other = sorted({p.suffix.lower() or "(no suffix)" for p in inside if p not in read})
        if not read:
            errors.append(
                InputError(
                    path,
                    "no transcript in this folder (" + ", ".join(sorted(table)) + "); a sheet "
                    "of answers is imported by naming it",
                )
            )
            continue
        files.extend(read)
        if len(inside) > len(read):
            notes.append(
                f"{path.name}/: {len(read)} file(s) read, {len(inside) - len(read)} left out "
                f"({', '.join(other)}: a sheet is imported when named, as answers or "
                "with --respondents; other kinds are not read)"
            )
    return files, notes, errors
