"""Small XML helpers for QDA-XML: the namespace, a safe parser, element building, dates."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from lxml import etree

NS = "urn:QDA-XML:project:1.0"
GUID = re.compile(
    r"^(\{[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\}"
    r"|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$"
)
RGB = re.compile(r"^#([A-Fa-f0-9]{6}|[A-Fa-f0-9]{3})$")
# Characters XML 1.0 cannot carry (C0 controls other than tab, newline, carriage return, …).
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def q(tag: str) -> str:
    """The qualified name of a QDA-XML element."""
    return f"{{{NS}}}{tag}"


def canonical_guid(value: str) -> str:
    """A GUID as indsigt compares them: lower case, without braces ("{ABC…}" = "abc…")."""
    return value.strip().strip("{}").lower()


def local(element: etree._Element) -> str:
    return etree.QName(element).localname


def xml_text(value: str) -> str:
    """``value`` without characters XML 1.0 cannot represent."""
    return _NOT_XML.sub("", value)


def sub(
    parent: etree._Element, tag: str, text: str | None = None, **attributes: str
) -> etree._Element:
    """Append a child element; attributes whose value is "" are left out."""
    element = etree.SubElement(parent, q(tag))
    for key, value in attributes.items():
        if value != "":
            element.set(key, xml_text(value))
    if text is not None:
        element.text = xml_text(text)
    return element


def parser() -> etree.XMLParser:
    """A parser that fetches nothing and expands no entities (the file is untrusted)."""
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def iso(value: datetime | None) -> str:
    """An ``xsd:dateTime`` in UTC ("" for None). Naive datetimes are taken as UTC."""
    if value is None:
        return ""
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_datetime(text: str | None) -> datetime | None:
    """An ``xsd:dateTime``, or None when absent or unreadable (dates are informative only)."""
    if not text:
        return None
    try:
        value = datetime.fromisoformat(text.strip())
    except ValueError:
        return None
    return value if value.tzinfo else value.replace(tzinfo=UTC)
