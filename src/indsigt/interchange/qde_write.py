"""Writing ``project.qde``: a :class:`QdaProject` as QDA-XML 1.0, elements in the order
Project.xsd requires, empty sections left out (the schema wants at least one child in each)."""

from __future__ import annotations

from lxml import etree

from indsigt.interchange.model import QdaCode, QdaCoding, QdaNote, QdaProject, QdaSource
from indsigt.interchange.xmlutil import NS, iso, q, sub, xml_text


def project_xml(project: QdaProject) -> bytes:
    root = etree.Element(q("Project"), nsmap={None: NS})
    root.set("name", xml_text(project.name))
    for key, value in (("origin", project.origin), ("creationDateTime", iso(project.created_at))):
        if value:
            root.set(key, value)
    if project.users:
        users = sub(root, "Users")
        for user in project.users:
            sub(users, "User", guid=user.guid, name=user.name, id=user.id)
    if project.codes:
        codes = sub(sub(root, "CodeBook"), "Codes")
        for code in project.codes:
            _code(codes, code)
    if project.variables:
        variables = sub(root, "Variables")
        for variable in project.variables:
            sub(
                variables,
                "Variable",
                guid=variable.guid,
                name=variable.name,
                typeOfVariable=variable.type,
            )
    if project.cases:
        cases = sub(root, "Cases")
        for case in project.cases:
            element = sub(cases, "Case", guid=case.guid, name=case.name)
            _values(element, case.values)
            for ref in case.source_refs:
                sub(element, "SourceRef", targetGUID=ref)
    if project.sources:
        sources = sub(root, "Sources")
        for source in project.sources:
            _source(sources, source)
    if project.notes:
        notes = sub(root, "Notes")
        for note in project.notes:
            _text_source(notes, "Note", note, note.text)
    if project.description:
        sub(root, "Description", project.description)
    for ref in project.note_refs:
        sub(root, "NoteRef", targetGUID=ref)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="utf-8", pretty_print=True))


def _code(parent: etree._Element, code: QdaCode) -> None:
    element = sub(
        parent,
        "Code",
        guid=code.guid,
        name=code.name,
        isCodable="true" if code.codable else "false",
        color=code.color,
    )
    if code.description:
        sub(element, "Description", code.description)
    for ref in code.note_refs:
        sub(element, "NoteRef", targetGUID=ref)
    for child in code.children:
        _code(element, child)


def _values(parent: etree._Element, values: tuple[tuple[str, str], ...]) -> None:
    for variable_guid, value in values:
        element = sub(parent, "VariableValue")
        sub(element, "VariableRef", targetGUID=variable_guid)
        sub(element, "TextValue", value)


def _text_source(
    parent: etree._Element,
    tag: str,
    item: QdaSource | QdaNote,
    content: str | None,
    description: str = "",
) -> etree._Element:
    """A ``TextSource`` or a ``Note`` (a text source too, in Project.xsd): its attributes,
    description and inline text."""
    element = sub(
        parent,
        tag,
        guid=item.guid,
        name=item.name,
        plainTextPath=item.path,
        creatingUser=item.user or "",
        creationDateTime=iso(item.created_at),
    )
    if description:
        sub(element, "Description", description)
    if content is not None:
        sub(element, "PlainTextContent", content)
    return element


def _source(parent: etree._Element, source: QdaSource) -> None:
    element = _text_source(parent, "TextSource", source, source.content, source.description)
    for selection in source.selections:
        child = sub(
            element,
            "PlainTextSelection",
            guid=selection.guid,
            name=selection.name,
            startPosition=str(selection.start),
            endPosition=str(selection.end),
            creatingUser=selection.user or "",
            creationDateTime=iso(selection.created_at),
        )
        if selection.description:
            sub(child, "Description", selection.description)
        for coding in selection.codings:
            _coding(child, coding)
        for ref in selection.note_refs:
            sub(child, "NoteRef", targetGUID=ref)
    for coding in source.codings:
        _coding(element, coding)
    for ref in source.note_refs:
        sub(element, "NoteRef", targetGUID=ref)
    _values(element, source.values)


def _coding(parent: etree._Element, coding: QdaCoding) -> None:
    element = sub(
        parent,
        "Coding",
        guid=coding.guid,
        creatingUser=coding.user or "",
        creationDateTime=iso(coding.created_at),
    )
    sub(element, "CodeRef", targetGUID=coding.code_ref)
