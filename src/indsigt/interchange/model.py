"""The parts of a REFI-QDA project that indsigt reads and writes, as plain frozen dataclasses.

Export builds these from the store and writes them as ``project.qde``; import reads
``project.qde`` into them and then writes records. Positions here are REFI positions (see
:mod:`indsigt.interchange.positions`); GUIDs are strings as they appear in the XML.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class QdaUser:
    guid: str
    name: str = ""
    id: str = ""


@dataclass(frozen=True)
class QdaCode:
    guid: str
    name: str
    codable: bool = True
    color: str = ""
    description: str = ""
    note_refs: tuple[str, ...] = ()
    children: tuple[QdaCode, ...] = ()


@dataclass(frozen=True)
class QdaVariable:
    guid: str
    name: str
    type: str = "Text"


@dataclass(frozen=True)
class QdaCase:
    guid: str
    name: str
    values: tuple[tuple[str, str], ...] = ()  # (variable GUID, value as text)
    source_refs: tuple[str, ...] = ()
    ignored: int = 0  # CodeRef/SelectionRef elements, which indsigt does not keep


@dataclass(frozen=True)
class QdaCoding:
    guid: str
    code_ref: str
    user: str | None = None
    created_at: datetime | None = None


@dataclass(frozen=True)
class QdaSelection:
    guid: str
    start: int
    end: int
    codings: tuple[QdaCoding, ...] = ()
    name: str = ""
    description: str = ""
    user: str | None = None
    created_at: datetime | None = None
    line: int | None = None  # in project.qde, for messages
    note_refs: tuple[str, ...] = ()  # notes on the selected text (indsigt: a passage memo)


@dataclass(frozen=True)
class QdaSource:
    """A ``TextSource``: its text is ``content`` (inline) or the archive file ``path``."""

    guid: str
    name: str
    path: str = ""  # plainTextPath as written, e.g. "internal://<guid>.txt"
    content: str | None = None  # PlainTextContent
    description: str = ""
    selections: tuple[QdaSelection, ...] = ()
    codings: tuple[QdaCoding, ...] = ()  # codings of the whole source
    note_refs: tuple[str, ...] = ()
    values: tuple[tuple[str, str], ...] = ()  # (variable GUID, value as text)
    created_at: datetime | None = None
    user: str | None = None
    recording: str = ""  # one of a recording's transcripts: the recording's GUID (cases name it)


@dataclass(frozen=True)
class QdaNote:
    """A ``Note``: its text is ``text`` (inline) or the archive file ``path``."""

    guid: str
    name: str
    text: str | None
    path: str = ""
    user: str | None = None
    created_at: datetime | None = None


@dataclass(frozen=True)
class QdaProject:
    name: str
    origin: str = ""
    created_at: datetime | None = None
    description: str = ""
    users: tuple[QdaUser, ...] = ()
    codes: tuple[QdaCode, ...] = ()
    variables: tuple[QdaVariable, ...] = ()
    cases: tuple[QdaCase, ...] = ()
    sources: tuple[QdaSource, ...] = ()
    notes: tuple[QdaNote, ...] = ()
    note_refs: tuple[str, ...] = ()  # notes on the project as a whole
    ignored: tuple[str, ...] = field(default=())  # sections indsigt does not read (Sets, …)
    skipped: tuple[str, ...] = ()  # what sources hold that is not text, said in words


def walk_codes(
    codes: tuple[QdaCode, ...], parent: tuple[str, ...] = ()
) -> list[tuple[tuple[str, ...], QdaCode]]:
    """Every code with the names of its ancestors and itself, parents before children."""
    found: list[tuple[tuple[str, ...], QdaCode]] = []
    for code in codes:
        names = (*parent, code.name)
        found.append((names, code))
        found.extend(walk_codes(code.children, names))
    return found
