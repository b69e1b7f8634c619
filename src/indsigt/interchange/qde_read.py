"""Reading ``project.qde`` into a :class:`QdaProject`.

Checks what import relies on and names the line of each problem: the root element and its
namespace, required attributes, integer positions, booleans, references that must resolve.
Full validation against Project.xsd is :mod:`indsigt.interchange.validation` (on request,
since the schema is not shipped with indsigt). A source is read for its text: a
``TextSource``, a PDF's text representation, a recording's transcripts; what holds no text (a
picture, an area of a page, a time span) is left out and reported, as are ``Links``, ``Sets``
and ``Graphs``.
"""

from __future__ import annotations

from pathlib import Path
from typing import NoReturn

from lxml import etree

from indsigt.errors import InputError
from indsigt.interchange import model as qda
from indsigt.interchange.xmlutil import NS, canonical_guid, local, parse_datetime, parser, q

READ_SOURCES = ("TextSource", "PDFSource", "AudioSource", "VideoSource")
UNSUPPORTED_SOURCES = ("PictureSource",)
VALUE_TAGS = (
    "TextValue",
    "BooleanValue",
    "IntegerValue",
    "FloatValue",
    "DateValue",
    "DateTimeValue",
)


def read_project(
    data: bytes, *, archive: str | Path, member: str = "project.qde"
) -> qda.QdaProject:
    """Parse QDA-XML; raise :class:`InputError` naming ``archive``, ``member`` and the line."""
    return _Reader(str(archive), member).project(data)


class _Reader:
    def __init__(self, archive: str, member: str) -> None:
        self.archive = archive
        self.member = member
        self.skipped: list[str] = []  # what a source holds that is not imported, in words

    # -- errors and attributes --------------------------------------------------------------
    def fail(self, element: etree._Element | None, problem: str) -> NoReturn:
        line = f" line {element.sourceline}" if element is not None and element.sourceline else ""
        raise InputError(self.archive, f"{self.member}{line}: {problem}")

    def attr(self, element: etree._Element, name: str) -> str:
        value = element.get(name)
        if value is None:
            self.fail(element, f"<{local(element)}> lacks the required attribute {name!r}")
        return value

    def guid(self, element: etree._Element, name: str = "guid") -> str:
        return canonical_guid(self.attr(element, name))

    def user(self, element: etree._Element) -> str | None:
        value = element.get("creatingUser")
        return canonical_guid(value) if value else None

    def integer(self, element: etree._Element, name: str) -> int:
        value = self.attr(element, name)
        try:
            return int(value.strip())
        except ValueError:
            self.fail(element, f"<{local(element)}> {name}={value!r} is not an integer")

    def boolean(self, element: etree._Element, name: str) -> bool:
        value = self.attr(element, name).strip()
        if value not in ("true", "false", "1", "0"):
            self.fail(element, f"<{local(element)}> {name}={value!r} is not true or false")
        return value in ("true", "1")

    def children(self, element: etree._Element, *tags: str) -> list[etree._Element]:
        return [child for child in element if child.tag in {q(tag) for tag in tags}]

    def text_of(self, element: etree._Element, tag: str) -> str | None:
        found = element.find(q(tag))
        return None if found is None else (found.text or "")

    def refs(self, element: etree._Element, tag: str) -> tuple[str, ...]:
        return tuple(self.guid(ref, "targetGUID") for ref in self.children(element, tag))

    # -- the project -------------------------------------------------------------------------
    def project(self, data: bytes) -> qda.QdaProject:
        try:
            root = etree.fromstring(data, parser())
        except etree.XMLSyntaxError as exc:
            raise InputError(self.archive, f"{self.member} is not well-formed XML ({exc})") from exc
        if root.tag != q("Project"):
            found = etree.QName(root)
            where = f" in namespace {found.namespace}" if found.namespace else " without namespace"
            self.fail(
                root,
                f"not a REFI-QDA project: the root element is <{found.localname}>{where}, "
                f"expected <Project> in namespace {NS}",
            )
        known = {
            "Users",
            "CodeBook",
            "Variables",
            "Cases",
            "Sources",
            "Notes",
            "Description",
            "NoteRef",
        }
        ignored = []
        for child in root:
            if not isinstance(child.tag, str) or etree.QName(child).namespace != NS:
                continue  # comments, processing instructions, other vendors' extensions
            name = local(child)
            if name in ("Links", "Sets", "Graphs"):
                ignored.append(name)
            elif name not in known:
                self.fail(child, f"unexpected element <{name}> in <Project>")
        return qda.QdaProject(
            name=self.attr(root, "name"),
            origin=root.get("origin", ""),
            created_at=parse_datetime(root.get("creationDateTime")),
            description=self.text_of(root, "Description") or "",
            users=tuple(
                qda.QdaUser(self.guid(user), user.get("name", ""), user.get("id", ""))
                for users in self.children(root, "Users")
                for user in self.children(users, "User")
            ),
            codes=tuple(
                self.code(code)
                for book in self.children(root, "CodeBook")
                for codes in self.children(book, "Codes")
                for code in self.children(codes, "Code")
            ),
            variables=tuple(
                qda.QdaVariable(
                    self.guid(variable),
                    self.attr(variable, "name"),
                    self.attr(variable, "typeOfVariable"),
                )
                for variables in self.children(root, "Variables")
                for variable in self.children(variables, "Variable")
            ),
            cases=tuple(
                self.case(case, number)
                for cases in self.children(root, "Cases")
                for number, case in enumerate(self.children(cases, "Case"), start=1)
            ),
            sources=tuple(
                found
                for sources in self.children(root, "Sources")
                for source in sources
                if isinstance(source.tag, str)
                for found in self.sources(source)
            ),
            notes=tuple(
                self.note(note)
                for notes in self.children(root, "Notes")
                for note in self.children(notes, "Note")
            ),
            note_refs=self.refs(root, "NoteRef"),
            ignored=tuple(ignored),
            skipped=tuple(self.skipped),
        )

    def code(self, element: etree._Element) -> qda.QdaCode:
        return qda.QdaCode(
            guid=self.guid(element),
            name=self.attr(element, "name"),
            codable=self.boolean(element, "isCodable"),
            color=element.get("color", ""),
            description=self.text_of(element, "Description") or "",
            note_refs=self.refs(element, "NoteRef"),
            children=tuple(self.code(child) for child in self.children(element, "Code")),
        )

    def case(self, element: etree._Element, number: int) -> qda.QdaCase:
        return qda.QdaCase(
            guid=self.guid(element),
            name=element.get("name") or f"Case {number}",
            values=self.values(element),
            source_refs=self.refs(element, "SourceRef"),
            ignored=len(self.children(element, "CodeRef", "SelectionRef")),
        )

    def values(self, element: etree._Element) -> tuple[tuple[str, str], ...]:
        found = []
        for value in self.children(element, "VariableValue"):
            refs = self.children(value, "VariableRef")
            if not refs:
                self.fail(value, "<VariableValue> lacks its <VariableRef>")
            texts = self.children(value, *VALUE_TAGS)
            found.append((self.guid(refs[0], "targetGUID"), (texts[0].text or "") if texts else ""))
        return tuple(found)

    def sources(self, element: etree._Element) -> list[qda.QdaSource]:
        """The text of a source: a ``TextSource``; a PDF's text ``Representation``; each
        ``Transcript`` of a recording, its ``TranscriptSelection``s placed by their sync
        points. What has no text (a picture, a PDF or a recording without it, a selection of
        a page's area or of a time span) is left out with a note in :attr:`skipped`."""
        kind = local(element)
        name = element.get("name", "")
        if (
            kind not in (*READ_SOURCES, *UNSUPPORTED_SOURCES)
            or etree.QName(element).namespace != NS
        ):
            self.fail(element, f"unknown source type <{kind}> in <Sources>")
        if kind == "TextSource":
            return [self.text_source(element)]
        if kind == "PDFSource":
            found = [
                self.text_source(r, owner=element) for r in self.children(element, "Representation")
            ]
            areas = len(self.children(element, "PDFSelection"))
        elif kind in ("AudioSource", "VideoSource"):
            transcripts = self.children(element, "Transcript")
            found = [self.transcript(t, element, len(transcripts)) for t in transcripts]
            areas = len(self.children(element, "AudioSelection", "VideoSelection"))
            if len(transcripts) > 1 and (whole := len(self.children(element, "Coding"))):
                self.skipped.append(
                    f"{kind} {name!r}: its {whole} coding(s) of the whole recording are not "
                    f"imported: it has {len(transcripts)} transcripts, each a document"
                )
        else:
            found, areas = [], len(self.children(element, "PictureSelection"))
        if not found:
            self.skipped.append(
                f"{kind} {name!r} is not imported: indsigt imports text, and it has none "
                "(a PDF's text representation or a recording's transcript would be read)"
            )
        elif areas:
            self.skipped.append(
                f"{kind} {name!r}: its text is imported, its {areas} selection(s) of "
                f"{'page areas' if kind == 'PDFSource' else 'time spans'} are not"
            )
        return found

    def text_source(
        self, element: etree._Element, *, owner: etree._Element | None = None
    ) -> qda.QdaSource:
        """A ``TextSource``, or a PDF's ``Representation`` standing for the PDF ``owner``
        (its GUID, name, codings and values: cases and variables refer to the PDF)."""
        outer = element if owner is None else owner
        inner = [] if owner is None else [element]  # the representation's own codings, notes
        return self._source(
            element,
            outer,
            name=outer.get("name", "") or element.get("name", ""),
            selections=[self.selection(s) for s in self.children(element, "PlainTextSelection")],
            codings=[c for e in (outer, *inner) for c in self.children(e, "Coding")],
            note_refs=[r for e in (outer, *inner) for r in self.refs(e, "NoteRef")],
        )

    def transcript(
        self, element: etree._Element, media: etree._Element, transcripts: int
    ) -> qda.QdaSource:
        """A recording's ``Transcript`` as a text source: the recording's GUID, name, codings
        and values where it is its only transcript (cases refer to the recording)."""
        only = transcripts == 1
        name = media.get("name", "")
        if not only:
            name = element.get("name") or f"{name} ({self.guid(element)[:8]})"
        at = {
            self.guid(point): self.integer(point, "position")
            for point in self.children(element, "SyncPoint")
            if point.get("position") is not None
        }
        selections, unplaced = [], 0
        for chosen in self.children(element, "TranscriptSelection"):
            ends = (chosen.get("fromSyncPoint"), chosen.get("toSyncPoint"))
            places = [at.get(canonical_guid(end)) if end else None for end in ends]
            if places[0] is None or places[1] is None:
                unplaced += 1
                continue
            selections.append(self.selection(chosen, span=(places[0], places[1])))
        if unplaced:
            self.skipped.append(
                f"transcript of {name!r}: {unplaced} selection(s) without a sync point with a "
                "position are not imported"
            )
        return self._source(
            element,
            media if only else element,
            name=name,
            selections=selections,
            codings=self.children(media, "Coding") if only else [],
            note_refs=[*self.refs(media, "NoteRef"), *self.refs(element, "NoteRef")],
            values_of=media,
            recording="" if only else self.guid(media),
        )

    def _source(
        self,
        holder: etree._Element,
        outer: etree._Element,
        *,
        name: str,
        selections: list[qda.QdaSelection],
        codings: list[etree._Element],
        note_refs: list[str],
        values_of: etree._Element | None = None,
        recording: str = "",
    ) -> qda.QdaSource:
        """A text source: its text from ``holder``, its GUID, description, values and
        creation from ``outer`` (the element cases and variables refer to)."""
        content = self.text_of(holder, "PlainTextContent")
        path = holder.get("plainTextPath", "")
        if content is None and not path:
            self.fail(
                holder,
                f"{local(holder)} {name!r} has no plain text (neither plainTextPath nor "
                "PlainTextContent); rich-text-only sources are not supported",
            )
        return qda.QdaSource(
            guid=self.guid(outer),
            name=name,
            path=path if content is None else "",
            content=content,
            description=self.text_of(outer, "Description") or "",
            selections=tuple(selections),
            codings=tuple(self.coding(c) for c in codings),
            note_refs=tuple(dict.fromkeys(note_refs)),
            values=self.values(values_of if values_of is not None else outer),
            created_at=parse_datetime(outer.get("creationDateTime")),
            user=self.user(outer),
            recording=recording,
        )

    def selection(
        self, element: etree._Element, *, span: tuple[int, int] | None = None
    ) -> qda.QdaSelection:
        """A ``PlainTextSelection``, or a ``TranscriptSelection`` at ``span`` (its sync
        points' positions)."""
        start, end = span or (
            self.integer(element, "startPosition"),
            self.integer(element, "endPosition"),
        )
        return qda.QdaSelection(
            guid=self.guid(element),
            start=start,
            end=end,
            codings=tuple(self.coding(c) for c in self.children(element, "Coding")),
            name=element.get("name", ""),
            description=self.text_of(element, "Description") or "",
            user=self.user(element),
            created_at=parse_datetime(element.get("creationDateTime")),
            line=element.sourceline,
            note_refs=self.refs(element, "NoteRef"),
        )

    def coding(self, element: etree._Element) -> qda.QdaCoding:
        refs = self.children(element, "CodeRef")
        if not refs:
            self.fail(element, "<Coding> lacks its <CodeRef>")
        return qda.QdaCoding(
            guid=self.guid(element),
            code_ref=self.guid(refs[0], "targetGUID"),
            user=self.user(element),
            created_at=parse_datetime(element.get("creationDateTime")),
        )

    def note(self, element: etree._Element) -> qda.QdaNote:
        name = element.get("name", "")
        content = self.text_of(element, "PlainTextContent")
        path = element.get("plainTextPath", "")
        if content is None and not path:
            self.fail(element, f"Note {name!r} has no plain text (plainTextPath or content)")
        return qda.QdaNote(
            guid=self.guid(element),
            name=name,
            text=content,
            path=path if content is None else "",
            user=self.user(element),
            created_at=parse_datetime(element.get("creationDateTime")),
        )
