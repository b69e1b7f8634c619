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


# One recording saved in several formats (WhisperX writes .json, .vtt, .srt, .txt and .tsv side
# by side): a folder import reads the one that keeps the most — speakers and times first.
KEEPS_MOST: tuple[str, ...] = (
    ".json",
    ".vtt",
    ".srt",
    ".docx",
    ".odt",
    ".rtf",
    ".html",
    ".htm",
    ".md",
    ".txt",
    ".text",
    ".pdf",
)


def expand_folders(paths: list[Path]) -> tuple[list[Path], list[str], list[InputError]]:
    """``paths`` with each folder replaced by the transcripts in it (by suffix, in name order;
    not its subfolders, not hidden files), as a user means ``indsigt import study.db
    transcripts/``; with a note of the files left out and an error for a folder with nothing
    to read. Sheets are left out: beside interviews they are the respondents sheet or the
    interview guide, not answers (GENNOVATE's folder holds its guide as a .csv); a sheet of
    answers is named. So is a JSON file that holds no transcript (settings, metadata), and of
    files with one name in several formats all but the one that keeps the most
    (:data:`KEEPS_MOST`)."""
    table = {suffix: i for suffix, i in importers().items() if suffix not in SHEETS}
    files: list[Path] = []
    notes: list[str] = []
    errors: list[InputError] = []
    for path in paths:
        if not path.is_dir():
            files.append(path)
            continue
        inside = sorted(p for p in path.iterdir() if p.is_file() and not p.name.startswith("."))
        read = [p for p in inside if p.suffix.lower() in table and _transcript(p)]
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
        kept, twins = _one_per_name(read)
        if len(inside) > len(read):
            notes.append(
                f"{path.name}/: {len(kept)} file(s) read, {len(inside) - len(read)} left out "
                f"({', '.join(other)}: a sheet is imported when named, as answers or "
                "with --respondents; other kinds are not read)"
            )
        files.extend(kept)
        notes.extend(twins)
    return files, notes, errors


def _transcript(path: Path) -> bool:
    from indsigt.ingest.jsonfile import is_transcript

    return path.suffix.lower() != ".json" or is_transcript(path)


def _one_per_name(paths: list[Path]) -> tuple[list[Path], list[str]]:
    """Of files with one name in several formats, the one that keeps the most; a note for each
    name that had more than one."""
    by_name: dict[str, list[Path]] = {}
    for path in paths:
        by_name.setdefault(path.stem, []).append(path)

    def rank(path: Path) -> int:
        suffix = path.suffix.lower()
        return KEEPS_MOST.index(suffix) if suffix in KEEPS_MOST else len(KEEPS_MOST)

    best = {name: min(same, key=rank) for name, same in by_name.items()}
    kept, notes = [], []
    for path in paths:
        if best[path.stem] is not path:
            continue
        kept.append(path)
        if len(same := by_name[path.stem]) > 1:
            others = ", ".join(p.name for p in same if p is not path)
            notes.append(
                f"{path.name} read; {others} left out: the same name in another format "
                "(name a file to import it)"
            )
    return kept, notes
