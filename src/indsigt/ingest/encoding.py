"""Decoding text files: UTF-8 (with or without BOM), UTF-16 with BOM, cp1252 and latin-1.

Danish text arrives in all of these. UTF-8 is tried strictly first (it almost never decodes
non-UTF-8 text by accident); then cp1252, which is what Windows writes and a superset of latin-1
for printable characters; then latin-1, which decodes anything. The result is NFC-normalised
with ``\\n`` line endings, so offsets are stable whatever the source platform.
"""

from __future__ import annotations

import codecs
import unicodedata
from pathlib import Path

from indsigt.errors import InputError

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_ALLOWED_CONTROLS = set("\t\n\r\f\v")


def decode(data: bytes, path: str | Path) -> tuple[str, str]:
    """Return ``(text, encoding)`` or raise InputError for empty or binary content."""
    if not data.strip():
        raise InputError(path, "the file is empty")
    encoding = _detect(data, path)
    text = data.decode(encoding)
    text = text.lstrip("\ufeff")
    _reject_binary(text, path)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text), encoding


def _detect(data: bytes, path: str | Path) -> str:
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    if b"\x00" in data[:4096]:
        raise InputError(path, "binary data (NUL bytes), not a text file")
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        data.decode("cp1252")
        return "cp1252"
    except UnicodeDecodeError:
        return "latin-1"


def _reject_binary(text: str, path: str | Path) -> None:
    sample = text[:20000]
    controls = sum(
        1 for ch in sample if unicodedata.category(ch) == "Cc" and ch not in _ALLOWED_CONTROLS
    )
    if controls > max(2, len(sample) // 200):
        raise InputError(path, "binary data (control characters), not a text file")
