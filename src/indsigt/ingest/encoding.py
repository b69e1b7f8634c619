"""Decoding text files: UTF-8 (with or without BOM), UTF-16/32 with BOM, UTF-16 without BOM,
cp1252 and latin-1 — or the encoding the user names.

Danish text arrives in all of these. A BOM decides. Otherwise NUL bytes in every other
position mean UTF-16 (LE or BE); other NUL bytes mean binary data. UTF-8 is tried strictly next
(it almost never decodes non-UTF-8 text by accident); then cp1252, which is what Windows writes
and a superset of latin-1 for printable characters; then latin-1, which decodes anything.

Those last two are guesses, and a guess can be weak: a UTF-8 file with a damaged byte (which
would become cp1252 mojibake everywhere else), or a file in another code page (Cyrillic cp1251
reads as a salad of accented Latin letters). A weak guess is refused with the reason unless the
caller names the encoding; a file read by a guess says so (:func:`assumed`). The result is
NFC-normalised with ``\\n`` line endings, so offsets are stable whatever the source platform.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from pathlib import Path

from indsigt.errors import InputError

_BOMS = (  # UTF-32 first: its little-endian BOM starts with UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_ALLOWED_CONTROLS = set("\t\n\r\f\v")
# Encodings found by a guess rather than by a BOM or by strict UTF-8.
GUESSED = frozenset({"cp1252", "latin-1", "utf-16-le", "utf-16-be"})
_UTF8_SEQUENCE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)
# Characters beyond ASCII that Nordic and Western European text in cp1252/latin-1 uses.
_PLAUSIBLE = frozenset(
    "æøåÆØÅäöüÄÖÜéèêëÉÈÊËáàâÁÀÂíìîïÍÌÎÏóòôõÓÒÔÕúùûÚÙÛñÑçÇßÿýÝ“”‘’„‚–—…•€«»°§½¼¾·£©®™´¨×\xa0"
)


def decode(data: bytes, path: str | Path, *, encoding: str | None = None) -> tuple[str, str]:
    """Return ``(text, encoding)``, or raise InputError for empty or binary content, for bytes
    that are not ``encoding`` (when given), and for a weak guess (when not)."""
    if not data.strip():
        raise InputError(path, "the file is empty")
    if encoding is not None:
        text, found = _decode_as(data, path, encoding), encoding.lower()
    else:
        found = _detect(data, path)
        text = _decode_as(data, path, found)  # a BOM promises an encoding the bytes may break
    text = text.lstrip("\ufeff")
    _reject_binary(text, path)
    if encoding is None and found in {"cp1252", "latin-1"}:
        _check_guess(data, text, path, found)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text), found


def assumed(encoding: str | None) -> bool:
    """Whether a file read as ``encoding`` was read by a guess (worth telling the user)."""
    return encoding in GUESSED


def _decode_as(data: bytes, path: str | Path, encoding: str) -> str:
    try:
        codecs.lookup(encoding)
    except LookupError:
        raise InputError(path, f"unknown encoding {encoding!r}") from None
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(
            path, f"line {_line(data, exc.start)}: not valid {encoding} (byte {exc.start + 1})"
        ) from None


def _detect(data: bytes, path: str | Path) -> str:
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    head = data[:4096]
    if b"\x00" in head:
        return _utf16_without_bom(data, head, path)
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


def _utf16_without_bom(data: bytes, head: bytes, path: str | Path) -> str:
    """UTF-16 LE or BE when NUL bytes fill one of the two byte positions (text in a Latin
    script); anything else with NUL bytes is binary."""
    even, odd = head[0::2], head[1::2]
    share = {pos: part.count(0) / max(1, len(part)) for pos, part in (("even", even), ("odd", odd))}
    candidate = None
    if share["odd"] >= 0.3 and share["even"] <= 0.02:
        candidate = "utf-16-le"
    elif share["even"] >= 0.3 and share["odd"] <= 0.02:
        candidate = "utf-16-be"
    if candidate is not None and len(data) % 2 == 0:
        try:
            data.decode(candidate)
            return candidate
        except UnicodeDecodeError:
            pass
    raise InputError(path, "binary data (NUL bytes), not a text file (nor UTF-16 text)")


def _check_guess(data: bytes, text: str, path: str | Path, found: str) -> None:
    """Refuse a cp1252/latin-1 guess that is probably wrong, saying why."""
    sequences = len(_UTF8_SEQUENCE.findall(data))
    high = sum(1 for byte in data if byte >= 0x80)
    stray = high - sum(len(seq) for seq in _UTF8_SEQUENCE.findall(data))
    if sequences >= 2 and sequences >= stray:
        where = "a byte"
        try:
            data.decode("utf-8")
        except UnicodeDecodeError as exc:
            where = f"line {_line(data, exc.start)} (byte {exc.start + 1})"
        raise InputError(
            path,
            f"not valid UTF-8 at {where}, though most of the file is UTF-8: a damaged file, or "
            "one that mixes encodings; save it as UTF-8, or give --encoding to read it as "
            f"another encoding (as {found} its UTF-8 letters would turn into mojibake)",
        )
    beyond = [ch for ch in text if ord(ch) > 0x7F]
    odd = [ch for ch in beyond if ch not in _PLAUSIBLE]
    letters = sum(1 for ch in text if ch.isalpha())
    accented = sum(1 for ch in beyond if ch.isalpha())
    if letters >= 20 and accented / letters > 0.3:
        reason = f"{accented} of its {letters} letters would be accented Latin letters"
    elif len(odd) >= 2 and len(odd) / len(beyond) > 0.2:
        reason = f"{len(odd)} of its {len(beyond)} non-ASCII characters would be unusual ones"
    else:
        return
    raise InputError(
        path,
        f"cannot tell the encoding: not UTF-8, and read as {found} {reason}, so it is probably "
        "another code page (e.g. cp1251, cp1250, mac-roman); give --encoding if you know it",
    )


def _line(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def _reject_binary(text: str, path: str | Path) -> None:
    sample = text[:20000]
    controls = sum(
        1 for ch in sample if unicodedata.category(ch) == "Cc" and ch not in _ALLOWED_CONTROLS
    )
    if controls > max(2, len(sample) // 200):
        raise InputError(path, "binary data (control characters), not a text file")
