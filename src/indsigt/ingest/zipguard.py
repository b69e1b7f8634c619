"""Limits for zip-based sources (.docx, .xlsx, .qdpx), checked before anything is inflated.

A zip bomb is a small archive whose members inflate to gigabytes: a 3.7 MB .docx whose
``word/document.xml`` inflates to 1.1 GB took ``indsigt import`` (and the web app's upload)
past 4 GB of memory. Every member's inflated size is in the archive's directory
(``ZipInfo.file_size``), and Python's ``zipfile`` — which python-docx, openpyxl and the
REFI-QDA reader all use — never returns more than that size from a member, so checking the
directory before reading is enough. The limits:

- :data:`MAX_MEMBER_BYTES` — one member read into memory;
- :data:`MAX_TOTAL_BYTES` — all members together;
- :data:`MAX_RATIO` — inflated / compressed size of one member, for members larger than
  :data:`RATIO_FLOOR` (small XML parts compress well and harmlessly);
- :data:`MAX_MEMBERS` — members in one archive;
- :data:`MAX_STREAMED_BYTES` — one member of a sheet that ``indsigt batch`` streams row by
  row (its size costs time, not memory; the ratio limit applies too).

Real interview transcripts are far below them: a two-hour interview's ``document.xml`` is
about 1 MB, inflating 5–20 times.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from indsigt.errors import InputError

MiB = 1024 * 1024
MAX_MEMBER_BYTES = 64 * MiB
MAX_TOTAL_BYTES = 512 * MiB
MAX_RATIO = 100
RATIO_FLOOR = 1 * MiB
MAX_MEMBERS = 10_000
MAX_STREAMED_BYTES = 4096 * MiB


def _size(count: int) -> str:
    return f"{count / MiB:,.0f} MB" if count >= MiB else f"{count:,} bytes"


def _name(info: zipfile.ZipInfo) -> str:
    name = info.filename
    return name if len(name) <= 80 else name[:77] + "…"


def check_member(
    path: str | Path,
    info: zipfile.ZipInfo,
    *,
    what: str,
    max_bytes: int | None = None,
) -> None:
    """Refuse one member whose inflated size or compression ratio is beyond the limits."""
    limit = MAX_MEMBER_BYTES if max_bytes is None else max_bytes
    if info.file_size > limit:
        raise InputError(
            path,
            f"{_name(info)} inflates to {_size(info.file_size)}, more than the "
            f"{_size(limit)} allowed for one member of a {what} (a zip bomb?)",
        )
    ratio = info.file_size / max(info.compress_size, 1)
    if info.file_size > RATIO_FLOOR and ratio > MAX_RATIO:
        raise InputError(
            path,
            f"{_name(info)} is compressed {ratio:,.0f}:1 ({_size(info.compress_size)} inflating "
            f"to {_size(info.file_size)}), more than the {MAX_RATIO}:1 allowed in a {what} "
            "(a zip bomb?)",
        )


def check_archive(
    path: str | Path,
    archive: zipfile.ZipFile,
    *,
    what: str,
    max_member: int | None = None,
    max_total: int | None = None,
) -> None:
    """Refuse an archive with too many members, or members too large or too compressed."""
    infos = archive.infolist()
    if len(infos) > MAX_MEMBERS:
        raise InputError(
            path, f"{len(infos):,} members in the {what}, more than the {MAX_MEMBERS:,} allowed"
        )
    total_limit = MAX_TOTAL_BYTES if max_total is None else max_total
    total = 0
    for info in infos:
        check_member(path, info, what=what, max_bytes=max_member)
        total += info.file_size
        if total > total_limit:
            raise InputError(
                path,
                f"the {what} inflates to more than the {_size(total_limit)} allowed in all "
                "(a zip bomb?)",
            )


def check_zip_bytes(path: str | Path, data: bytes, *, what: str) -> None:
    """:func:`check_archive` on the bytes of a file; bytes that are not a zip archive pass
    (the format's own reader then says what is wrong with them)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except Exception:  # not a zip: BadZipFile, or assorted errors on a damaged directory
        return
    with archive:
        check_archive(path, archive, what=what)


def check_zip_file(path: Path, *, what: str, streamed: bool = False) -> None:
    """:func:`check_archive` on a file on disk; ``streamed``: its members are read row by row,
    so one may be as large as :data:`MAX_STREAMED_BYTES`."""
    try:
        archive = zipfile.ZipFile(path)
    except Exception:
        return
    with archive:
        if streamed:
            check_archive(
                path,
                archive,
                what=what,
                max_member=MAX_STREAMED_BYTES,
                max_total=MAX_STREAMED_BYTES,
            )
        else:
            check_archive(path, archive, what=what)
