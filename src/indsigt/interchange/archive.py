"""Opening a REFI-QDA file: a ``.qdpx`` zip (``project.qde`` plus ``sources/``) or a bare
``.qde`` XML file whose sources carry their text inline. Every problem names the file."""

from __future__ import annotations

import zipfile
import zlib
from pathlib import Path, PurePosixPath

from indsigt.errors import InputError
from indsigt.ingest.zipguard import MAX_MEMBERS, MAX_TOTAL_BYTES, MiB, check_member

INTERNAL = "internal://"


class Archive:
    """The project XML and the archive's files, read on demand."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        if not self.path.exists():
            raise InputError(self.path, "no such file")
        if self.path.is_dir():
            raise InputError(self.path, "is a directory, not a .qdpx file")
        self._members: dict[str, str] = {}  # lower-case name → name in the zip
        self._zip: zipfile.ZipFile | None = None
        if zipfile.is_zipfile(self.path):
            try:
                self._zip = zipfile.ZipFile(self.path)
                names = self._zip.namelist()
            except (zipfile.BadZipFile, OSError, NotImplementedError, ValueError, EOFError) as exc:
                raise InputError(self.path, f"not a readable .qdpx archive ({exc})") from exc
            if len(names) > MAX_MEMBERS:
                self.close()
                raise InputError(
                    self.path, f"{len(names):,} members in the archive, more than {MAX_MEMBERS:,}"
                )
            self._members = {name.lower(): name for name in names if not name.endswith("/")}
            self._inflated = 0  # bytes read so far, against MAX_TOTAL_BYTES
            try:
                self.member = self._project_member(names)
                self.project = self._read(self.member, "the project file")
            except InputError:
                self.close()
                raise
            return
        try:
            data = self.path.read_bytes()
        except OSError as exc:
            raise InputError(self.path, f"cannot read ({exc.strerror})") from exc
        if data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
            self.member = self.path.name
            self.project = data
        else:
            raise InputError(
                self.path,
                "not a REFI-QDA project: neither a .qdpx archive (zip) nor a .qde XML file",
            )

    def _project_member(self, names: list[str]) -> str:
        if "project.qde" in self._members:
            return self._members["project.qde"]
        top_level = [n for n in names if "/" not in n.strip("/") and n.lower().endswith(".qde")]
        if len(top_level) == 1:
            return top_level[0]
        raise InputError(
            self.path,
            "the archive has no project.qde (a REFI-QDA .qdpx holds project.qde and a sources "
            "folder)",
        )

    def _read(self, member: str, what: str) -> bytes:
        assert self._zip is not None
        try:
            info = self._zip.getinfo(member)
            check_member(self.path, info, what=".qdpx archive")
            self._inflated += info.file_size
            if self._inflated > MAX_TOTAL_BYTES:
                raise InputError(
                    self.path,
                    f"{member} ({what}): the sources read inflate to more than the "
                    f"{MAX_TOTAL_BYTES // MiB} MB allowed in all (a zip bomb?)",
                )
            return self._zip.read(member)
        except (
            zipfile.BadZipFile,
            OSError,
            KeyError,
            EOFError,
            zlib.error,
            NotImplementedError,
            RuntimeError,
            ValueError,
        ) as exc:
            raise InputError(self.path, f"{member} ({what}) cannot be read: {exc}") from exc

    def text(self, plain_text_path: str, *, what: str) -> str:
        """The text of ``internal://NAME`` (``sources/NAME`` in the archive), as UTF-8."""
        if not plain_text_path.lower().startswith(INTERNAL):
            raise InputError(
                self.path,
                f"{what}: plainTextPath {plain_text_path!r} points outside the archive; only "
                "sources embedded in the .qdpx (internal://…) are supported",
            )
        name = plain_text_path[len(INTERNAL) :].lstrip("/")
        member = str(PurePosixPath("sources") / name)
        found = self._members.get(member.lower()) or self._members.get(name.lower())
        if found is None:
            raise InputError(
                self.path,
                f"{member} ({what}, {plain_text_path}) is missing from the archive",
            )
        data = self._read(found, what)
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise InputError(
                self.path, f"{found} ({what}) is not UTF-8 text (byte {exc.start})"
            ) from exc

    def close(self) -> None:
        if self._zip is not None:
            self._zip.close()
