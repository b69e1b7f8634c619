"""Choosing an importer by file suffix, from every registered plugin."""

from __future__ import annotations

from pathlib import Path

from indsigt.errors import InputError
from indsigt.ingest.base import Importer
from indsigt.plugins import implementations


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
        raise InputError(
            path,
            f"unsupported file type {suffix or '(no suffix)'!r}; indsigt reads "
            + ", ".join(sorted(table)),
        )
    return table[suffix]
