"""Importers turn one source file into parsed documents. They never touch the store."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar, Protocol

from indsigt.records import ParsedTurn, SpeakerRole

__all__ = ["ImportOptions", "Importer", "ParsedDocument", "ParsedTurn"]


@dataclass(frozen=True)
class ParsedDocument:
    name: str
    text: str
    turns: tuple[ParsedTurn, ...]
    format: str
    roles: dict[str, SpeakerRole]
    sha256: str
    language: str | None = None
    # For one-row-per-respondent sheets: speaker label → respondent attributes.
    attributes: dict[str, dict[str, str]] = field(default_factory=dict)
    metadata: dict[str, Any] = field(default_factory=dict)
    # The encoding a text source was read as (None: not a text source).
    encoding: str | None = None
    # What the user should know about how the file was read (what was left out, and why).
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class ImportOptions:
    """Options some importers understand (tables mostly); keyword names match the CLI."""

    text_columns: tuple[str, ...] = ()
    id_column: str | None = None
    speaker_column: str | None = None
    layout: str = "auto"  # tables: "answers" (a row per respondent), "turns" (a row per turn)
    sheet: str | None = None
    # Text sources (txt, md, vtt, srt, csv): the encoding, instead of detecting it.
    encoding: str | None = None


class Importer(Protocol):
    name: ClassVar[str]
    suffixes: ClassVar[tuple[str, ...]]

    def parse(self, path: Path, data: bytes, *, options: ImportOptions) -> list[ParsedDocument]:
        """Parse the bytes of ``path``; raise :class:`indsigt.errors.InputError` on bad input."""
        ...
