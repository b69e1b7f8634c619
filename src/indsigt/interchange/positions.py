"""Character positions between REFI-QDA plain-text sources and indsigt documents.

The rule, once:

* **REFI-QDA** (QDA-XML 1.0): ``startPosition`` and ``endPosition`` of a ``PlainTextSelection``
  count Unicode characters (code points) of the source's plain-text file from its beginning,
  zero-based, end exclusive, with the line endings *as they are in that file*: ``\\r\\n``
  counts as two characters, ``\\n`` as one. A character outside the Basic Multilingual Plane
  (an emoji) counts as one, not as two UTF-16 code units; ``æ ø å`` count as one each. A byte
  order mark at the start of the file is not a character of the text and is not counted.
* **indsigt** (ARCHITECTURE.md): offsets are Python ``str`` code points into
  ``Document.text``, which is NFC-normalised with ``\\n`` line endings.

Export writes ``Document.text`` as UTF-8 with ``\\n`` line endings (the default, so REFI positions
equal indsigt offsets) or with ``\\r\\n`` (then every ``\\n`` before a position adds one).
Import reads the file as UTF-8, turns ``\\r\\n`` and lone ``\\r`` into ``\\n`` and applies NFC;
:class:`SourceText` maps each REFI position in the file to the offset in the stored text. A
position between the ``\\r`` and ``\\n`` of one line ending maps to that line ending's start.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_left
from dataclasses import dataclass, field
from typing import Literal

LineEndings = Literal["lf", "crlf"]


def source_file_text(text: str, line_endings: LineEndings) -> str:
    """The plain-text file written for ``text`` (``\\n`` line endings) on export."""
    return text.replace("\n", "\r\n") if line_endings == "crlf" else text


class ExportPositions:
    """indsigt offsets → REFI positions in the exported file."""

    def __init__(self, text: str, line_endings: LineEndings) -> None:
        self._newlines = (
            [i for i, char in enumerate(text) if char == "\n"] if line_endings == "crlf" else []
        )

    def __call__(self, offset: int) -> int:
        return offset + bisect_left(self._newlines, offset)


@dataclass
class SourceText:
    """A source file's text as read (``raw``) and as stored (``text``), with the position map."""

    raw: str
    text: str = field(init=False)
    _removed: list[int] = field(init=False, repr=False)
    _unified: str = field(init=False, repr=False)
    _nfc_cache: dict[int, int] | None = field(init=False, repr=False)

    def __post_init__(self) -> None:
        raw = self.raw.removeprefix("\ufeff")
        self.raw = raw
        # Indices of the "\r" of each "\r\n": dropped. A lone "\r" becomes "\n" (same length).
        self._removed = [
            i for i, char in enumerate(raw) if char == "\r" and raw[i + 1 : i + 2] == "\n"
        ]
        self._unified = raw.replace("\r\n", "\n").replace("\r", "\n")
        normalised = unicodedata.is_normalized("NFC", self._unified)
        self.text = self._unified if normalised else unicodedata.normalize("NFC", self._unified)
        self._nfc_cache = None if normalised else {}

    def __len__(self) -> int:
        return len(self.raw)

    def offset(self, position: int) -> int:
        """The ``Document.text`` offset of REFI position ``position`` (0 ≤ position ≤ len)."""
        if not 0 <= position <= len(self.raw):
            raise ValueError(f"position {position} is outside 0…{len(self.raw)}")
        unified = position - bisect_left(self._removed, position)
        if self._nfc_cache is None:
            return unified
        if unified not in self._nfc_cache:
            # Decomposed input (e.g. "a" + U+030A): NFC may merge characters, so count what the
            # prefix becomes. Rare (most files are NFC already), and exact at character bounds.
            prefix = unicodedata.normalize("NFC", self._unified[:unified])
            self._nfc_cache[unified] = len(prefix)
        return self._nfc_cache[unified]
