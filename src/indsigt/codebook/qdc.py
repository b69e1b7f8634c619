"""REFI-QDA codebooks (``.qdc``, QDA-XML codebook 1.0, root ``CodeBook``).

REFI-QDA gives a code a name, a colour and one description. indsigt writes the definition
first and then its other fields as labelled lines, which a person reads naturally in NVivo,
ATLAS.ti or MAXQDA and which import reads back::

    Definition text (or "da: …" / "en: …" lines)
    Include: …
    Exclude: …
    Keywords: kunstig intelligens; automatiser*
    Examples:
    - "Vi bruger AI til …"
    Labels: da=Ny teknologi; en=New technology
    Path: muligheder/ny-teknologi

A code's name is its label in the chosen language. A description without these lines is the
definition; a code without a ``Path:`` line gets one from the names of its ancestors. GUIDs are
UUID 5 of the code path, so exports are stable.
"""

from __future__ import annotations

import re
from pathlib import Path

from lxml import etree

from indsigt.codebook.errors import CodebookError
from indsigt.codebook.model import Codebook, label, parent_path
from indsigt.interchange.names import stable_guid
from indsigt.interchange.validation import schema_errors
from indsigt.interchange.xmlutil import RGB, parser, xml_text
from indsigt.records import Code
from indsigt.version import __version__

NS = "urn:QDA-XML:codebook:1.0"
SECTIONS = ("Include", "Exclude", "Keywords", "Examples", "Labels", "Path")
_SECTION = re.compile(rf"^({'|'.join(SECTIONS)}):[ \t]?(.*)$")


def _q(tag: str) -> str:
    return f"{{{NS}}}{tag}"


def describe_for_qdc(code: Code) -> str:
    lines = [code.definition] if code.definition else []
    for name, value in (("Include", code.include), ("Exclude", code.exclude)):
        if value:
            lines.append(f"{name}:{chr(10) if chr(10) in value else ' '}{value}")
    if code.keywords:
        lines.append("Keywords: " + "; ".join(code.keywords))
    if code.examples:
        lines.append("Examples:")
        lines += [f"- {example}" for example in code.examples]
    if code.labels:
        lines.append("Labels: " + "; ".join(f"{k}={v}" for k, v in code.labels.items()))
    lines.append(f"Path: {code.path}")
    return "\n".join(lines)


def to_qdc(codebook: Codebook, *, language: str = "da") -> bytes:
    """The codebook as a ``.qdc`` document (UTF-8 bytes)."""
    root = etree.Element(_q("CodeBook"), nsmap={None: NS})
    root.set("origin", f"indsigt {__version__}")
    codes_element = etree.SubElement(root, _q("Codes"))
    children: dict[str | None, list[Code]] = {}
    for code in codebook:
        parent = parent_path(code.path)
        children.setdefault(parent if parent and codebook.get(parent) else None, []).append(code)

    def add(parent: etree._Element, code: Code) -> None:
        element = etree.SubElement(parent, _q("Code"))
        element.set("guid", stable_guid(codebook.name or "codebook", "code", code.path))
        element.set("name", xml_text(label(code, language)))
        element.set("isCodable", "true")
        if RGB.match(code.color):
            element.set("color", code.color)
        description = etree.SubElement(element, _q("Description"))
        description.text = xml_text(describe_for_qdc(code))
        for child in children.get(code.path, []):
            add(element, child)

    for code in children.get(None, []):
        add(codes_element, code)
    if not len(codes_element):
        raise CodebookError("codebook", "a REFI-QDA codebook needs at least one code")
    return etree.tostring(root, xml_declaration=True, encoding="utf-8", pretty_print=True)


def read_qdc(path: str | Path, *, schema: str | Path | None = None) -> Codebook:
    """Read a ``.qdc`` file (validated against ``schema``, Codebook.xsd, when given)."""
    path = Path(path)
    data = path.read_bytes()
    if schema is not None:
        errors = schema_errors(data, schema)
        if errors:
            first = errors[0]
            match = re.match(r"line (\d+): (.*)", first)
            line, problem = (int(match.group(1)), match.group(2)) if match else (0, first)
            raise CodebookError(
                path, f"does not conform to {Path(schema).name}: {problem}", line=line
            )
    try:
        root = etree.fromstring(data, parser())
    except etree.XMLSyntaxError as exc:
        raise CodebookError(path, f"not well-formed XML ({exc.msg})", line=exc.lineno or 0) from exc
    if root.tag != _q("CodeBook"):
        raise CodebookError(
            path,
            f"the root element must be CodeBook in {NS}",
            line=root.sourceline or 1,
            field=etree.QName(root).localname,
        )
    codes_element = root.find(_q("Codes"))
    if codes_element is None or not len(codes_element.findall(_q("Code"))):
        raise CodebookError(path, "no codes", line=root.sourceline or 1, field="Codes")
    codes: list[Code] = []
    seen: set[str] = set()

    def walk(element: etree._Element, parent: str | None) -> None:
        name = (element.get("name") or "").strip()
        line = element.sourceline or 0
        if not name:
            raise CodebookError(path, "a Code needs a name", line=line, field="name")
        description = element.findtext(_q("Description")) or ""
        code = _parse_description(path, line, description, name, parent)
        if code.path in seen:
            raise CodebookError(path, f"code {code.path!r} appears twice", line=line, field="name")
        seen.add(code.path)
        color = element.get("color") or ""
        codes.append(
            Code(
                id=0,
                path=code.path,
                labels=code.labels,
                definition=code.definition,
                include=code.include,
                exclude=code.exclude,
                keywords=code.keywords,
                examples=code.examples,
                color=color if RGB.match(color) else "",
            )
        )
        for child in element.findall(_q("Code")):
            walk(child, code.path)

    for element in codes_element.findall(_q("Code")):
        walk(element, None)
    return Codebook.from_codes(codes, name=path.stem)


def _parse_description(
    path: Path, line: int, description: str, name: str, parent: str | None
) -> Code:
    definition: list[str] = []
    sections: dict[str, list[str]] = {}
    current: list[str] = definition
    for text_line in description.strip().splitlines():
        match = _SECTION.match(text_line)
        if match and match.group(1) not in sections:
            current = sections.setdefault(match.group(1), [])
            if match.group(2).strip():
                current.append(match.group(2))
        else:
            current.append(text_line)

    def section(key: str) -> str:
        return "\n".join(sections.get(key, [])).strip()

    labels: dict[str, str] = {}
    for item in section("Labels").split(";"):
        if "=" in item:
            key, _, value = item.partition("=")
            labels[key.strip()] = value.strip()
    segment = name.replace("/", "-")
    code_path = section("Path") or (f"{parent}/{segment}" if parent else segment)
    if parent and parent_path(code_path) != parent:
        raise CodebookError(
            path, f"Path {code_path!r} is not beneath {parent!r}", line=line, field="Description"
        )
    examples = tuple(
        e.strip()[2:].strip() if e.strip().startswith("- ") else e.strip()
        for e in sections.get("Examples", [])
        if e.strip()
    )
    return Code(
        id=0,
        path=code_path,
        labels=labels or {"da": name},
        definition="\n".join(definition).strip(),
        include=section("Include"),
        exclude=section("Exclude"),
        keywords=tuple(k.strip() for k in section("Keywords").split(";") if k.strip()),
        examples=examples,
    )
