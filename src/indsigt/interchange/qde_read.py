"""Reading ``project.qde`` into a :class:`QdaProject`.

Checks what import relies on and names the line of each problem: the root element and its
namespace, required attributes, integer positions, booleans, references that must resolve.
Full validation against Project.xsd is :mod:`indsigt.interchange.validation` (on request,
since the schema is not shipped with indsigt). Sources other than ``TextSource`` are refused
with a message saying so; ``Links``, ``Sets`` and ``Graphs`` are skipped and reported.
"""

from __future__ import annotations

from pathlib import Path
from typing import NoReturn

from lxml import etree

from indsigt.errors import InputError
from indsigt.interchange import model as qda
from indsigt.interchange.xmlutil import NS, canonical_guid, local, parse_datetime, parser, q

UNSUPPORTED_SOURCES = ("PictureSource", "PDFSource", "AudioSource", "VideoSource")
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
                self.source(source)
                for sources in self.children(root, "Sources")
                for source in sources
                if isinstance(source.tag, str)
            ),
            notes=tuple(
                self.note(note)
                for notes in self.children(root, "Notes")
                for note in self.children(notes, "Note")
            ),
            note_refs=self.refs(root, "NoteRef"),
            ignored=tuple(ignored),
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

    def source(self, element: etree._Element) -> qda.QdaSource:
        kind = local(element)
        name = element.get("name", "")
        if kind in UNSUPPORTED_SOURCES:
            self.fail(
                element,
                f"{kind} {name!r} is not supported: indsigt imports text sources (TextSource) "
                "only; remove the source from the project in your QDA tool, or convert it to text",
            )
        if kind != "TextSource" or etree.QName(element).namespace != NS:
            self.fail(element, f"unknown source type <{kind}> in <Sources>")
        guid = self.guid(element)
        content = self.text_of(element, "PlainTextContent")
        path = element.get("plainTextPath", "")
        if content is None and not path:
            self.fail(
                element,
                f"TextSource {name!r} has no plain text (neither plainTextPath nor "
                "PlainTextContent); rich-text-only sources are not supported",
            )
        note_refs = list(self.refs(element, "NoteRef"))
        selections = [self.selection(s) for s in self.children(element, "PlainTextSelection")]
        return qda.QdaSource(
            guid=guid,
            name=name,
            path=path if content is None else "",
            content=content,
            description=self.text_of(element, "Description") or "",
            selections=tuple(selections),
            codings=tuple(self.coding(c) for c in self.children(element, "Coding")),
            note_refs=tuple(dict.fromkeys(note_refs)),
            values=self.values(element),
            created_at=parse_datetime(element.get("creationDateTime")),
            user=self.user(element),
        )

    def selection(self, element: etree._Element) -> qda.QdaSelection:
        return qda.QdaSelection(
            guid=self.guid(element),
            start=self.integer(element, "startPosition"),
            end=self.integer(element, "endPosition"),
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
