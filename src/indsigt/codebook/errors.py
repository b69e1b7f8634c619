"""Codebook errors: every message names the file, the line and the field."""

from __future__ import annotations

from pathlib import Path

from indsigt.errors import InputError


class CodebookError(InputError):
    """A codebook file is malformed. ``line`` is 1-based (0 when unknown)."""

    def __init__(self, path: str | Path, problem: str, *, line: int = 0, field: str = "") -> None:
        self.line = line
        self.field = field
        where = f"line {line}: " if line else ""
        what = f"field {field!r}: " if field else ""
        super().__init__(path, f"{where}{what}{problem}")
