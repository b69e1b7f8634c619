"""Plain text and Markdown transcripts."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import ClassVar

from indsigt.errors import InputError
from indsigt.ingest.base import ImportOptions, ParsedDocument, ParsedTurn
from indsigt.ingest.encoding import decode
from indsigt.ingest.turns import find_turns, guess_roles

PREAMBLE_NOTE = 300  # characters before the first turn that earn a note


def document_from_text(
    path: Path,
    data: bytes,
    text: str,
    *,
    fmt: str,
    known_labels: tuple[str, ...] = (),
    metadata: dict[str, object] | None = None,
    encoding: str | None = None,
    notes: tuple[str, ...] = (),
) -> ParsedDocument:
    """The shared tail of every importer whose source is running text with speaker labels."""
    if not text.strip():
        raise InputError(path, "no text in the document")
    turns = find_turns(text, known_labels=known_labels)
    if not turns:
        raise InputError(path, "no text in the document")
    asked = sum(1 for line in text.splitlines() if line.rstrip().endswith("?"))
    if len(turns) == 1 and not turns[0].speaker and asked >= 2:
        notes = (
            *notes,
            f"no speaker labels found: the whole text is one respondent's turn, and its "
            f"{asked} questions count as that respondent's speech; if it is an interview, "
            "label its turns ('I:', 'R:', 'Name:'), `indsigt remove` it and import it again",
        )
    preamble = len(text[: turns[0].start].strip())
    if preamble > PREAMBLE_NOTE:  # more than a title and a date: speech before the first label?
        notes = (
            *notes,
            f"the {preamble:,} characters before the first speaker label are a preamble in no "
            "turn (not segmented or coded); add a label if they are speech",
        )
    return with_turns(
        path, data, text, turns, fmt=fmt, metadata=metadata, encoding=encoding, notes=notes
    )


def with_turns(
    path: Path,
    data: bytes,
    text: str,
    turns: Sequence[ParsedTurn],
    *,
    fmt: str,
    metadata: Mapping[str, object] | None = None,
    encoding: str | None = None,
    notes: tuple[str, ...] = (),
) -> ParsedDocument:
    """The document of ``path`` (``data``, its bytes as read, give the hash) with its text
    already cut into turns; the speakers' roles are guessed from the text."""
    return ParsedDocument(
        name=path.name,
        text=text,
        turns=tuple(turns),
        format=fmt,
        roles=guess_roles(text, list(turns)),
        sha256=hashlib.sha256(data).hexdigest(),
        metadata=dict(metadata or {}),
        encoding=encoding,
        notes=notes,
    )


_NUMBER_LINE = re.compile(r"[ \t]*(\d{1,5})[ \t]*")
LINE_NUMBER_RUN = 3  # numbered lines in a row that make a margin's line numbers


def without_line_numbers(text: str) -> tuple[str, int]:
    """``text`` without the line numbers a PDF's margin left in it when it was saved as text
    (pdpilot's transcripts: "69", "70", … "86", each on a line of its own, became passages
    and "It's just 1 2 3 … 25" a quote): a run of at least three lines that are each only the
    next number (blank lines between allowed). Returns the text and how many lines went."""
    lines = text.split("\n")
    drop: list[int] = []
    run: list[int] = []
    last = -2
    for at, line in enumerate([*lines, "end"]):  # "end": a last line that closes a run
        found = _NUMBER_LINE.fullmatch(line)
        if found and int(found[1]) == last + 1 and run:
            run.append(at)
        elif not line.strip():
            continue
        else:
            if len(run) >= LINE_NUMBER_RUN:
                drop.extend(run)
            run = [at] if found else []
        last = int(found[1]) if found else -2
    if not drop:
        return text, 0
    gone = set(drop)
    return "\n".join(line for at, line in enumerate(lines) if at not in gone), len(gone)


class TextImporter:
    name: ClassVar[str] = "text.v1"
    suffixes: ClassVar[tuple[str, ...]] = (".txt", ".md", ".text")

    def parse(self, path: Path, data: bytes, *, options: ImportOptions) -> list[ParsedDocument]:
        text, encoding = decode(data, path, encoding=options.encoding)
        text, numbers = without_line_numbers(text)
        notes = (
            (f"{numbers} line number(s) left out (runs of numbered lines, a PDF's margin)",)
            if numbers
            else ()
        )
        fmt = "md" if path.suffix.lower() == ".md" else "txt"
        return [
            document_from_text(
                path,
                data,
                text,
                fmt=fmt,
                metadata={"encoding": encoding},
                encoding=encoding,
                notes=notes,
            )
        ]
