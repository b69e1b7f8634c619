"""Rich Text Format (.rtf, as Word, WordPad, TextEdit, NVivo and pandoc write it), its text read
by striprtf in the file's own code page (``\\ansicpg``): paragraphs in order and speaker | text
tables as in Word files. Bold is not read (RTF labels are read by their colon or time)."""

from __future__ import annotations

import codecs
import re
from pathlib import Path
from typing import ClassVar

from indsigt.errors import InputError
from indsigt.ingest.base import ImportOptions, ParsedDocument
from indsigt.ingest.wordproc import Transcript

_CODE_PAGE = re.compile(rb"\\ansicpg(\d+)")
_CELL_END = re.compile(r"\n*\|")  # striprtf ends a cell with "|", after the cell's paragraphs
_BINARY = re.compile(rb"\\bin(\d{1,10}) ?")  # "\bin8 " and then 8 bytes of a picture


class RtfImporter:
    name: ClassVar[str] = "rtf.v1"
    suffixes: ClassVar[tuple[str, ...]] = (".rtf",)

    def parse(self, path: Path, data: bytes, *, options: ImportOptions) -> list[ParsedDocument]:
        text = rtf_text(path, data)
        read = Transcript()
        table: list[list[str]] = []
        for line in text.split("\n"):
            if line.endswith("|"):  # a table's row: its cells, each ended by "|"
                table.append(line[:-1].split("|"))
                continue
            if table:
                read.table(table)
                table = []
            read.paragraph(line)
        if table:
            read.table(table)
        return [read.document(path, data, fmt="rtf")]


def rtf_text(path: Path, data: bytes) -> str:
    """The text of an RTF file, a paragraph a line, a table's cells each ended by "|"."""
    from striprtf.striprtf import rtf_to_text

    if not data.lstrip().startswith(b"{\\rtf"):
        raise InputError(path, "not an RTF file (it does not start with '{\\rtf')")
    page = _CODE_PAGE.search(data[:4096])
    encoding = f"cp{int(page.group(1))}" if page else "cp1252"
    try:
        codecs.lookup(encoding)
    except LookupError:
        encoding = "cp1252"
    try:
        # RTF is 7-bit text; other bytes are read as latin-1 and left to the code page
        text: str = rtf_to_text(  # type: ignore[no-untyped-call]
            _without_binary(data).decode("latin-1"), encoding=encoding, errors="replace"
        )
    except Exception as exc:  # striprtf raises assorted errors on damaged groups
        raise InputError(path, f"damaged RTF file ({type(exc).__name__}: {exc})") from exc
    return _CELL_END.sub("|", text)


def _without_binary(data: bytes) -> bytes:
    """The RTF without its raw binary data (``\\binN`` and the N bytes after it, a picture
    Word stored as bytes rather than hex): no text, and striprtf loses the text after it."""
    kept = []
    at = 0
    for found in _BINARY.finditer(data):
        if found.start() < at:  # inside binary data skipped already
            continue
        kept.append(data[at : found.start()])
        at = found.end() + int(found.group(1))
    kept.append(data[at:])
    return b"".join(kept)
