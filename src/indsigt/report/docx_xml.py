"""The bits of WordprocessingML python-docx has no API for: bookmarks, internal links,
fields (page numbers, contents) and alt text on pictures."""

from __future__ import annotations

import re
from typing import Any

from docx.oxml import OxmlElement
from docx.oxml.ns import qn


def bookmark_name(anchor: str) -> str:
    """Word bookmark names: a letter first, then letters, digits and underscores, ≤ 40."""
    name = re.sub(r"\W", "_", anchor)
    return (name if name[:1].isalpha() else f"b_{name}")[:40]


def add_bookmark(paragraph: Any, anchor: str, number: int) -> None:
    start = OxmlElement("w:bookmarkStart")
    start.set(qn("w:id"), str(number))
    start.set(qn("w:name"), bookmark_name(anchor))
    end = OxmlElement("w:bookmarkEnd")
    end.set(qn("w:id"), str(number))
    element = paragraph._p
    properties = element.pPr
    if properties is not None:
        properties.addnext(start)
    else:
        element.insert(0, start)
    element.append(end)


def add_link(paragraph: Any, text: str, anchor: str, *, color: str, size_pt: float) -> None:
    """A run of ``text`` linking to the bookmark of ``anchor`` (plain text without one)."""
    run = OxmlElement("w:r")
    properties = OxmlElement("w:rPr")
    colour = OxmlElement("w:color")
    colour.set(qn("w:val"), color.lstrip("#"))
    bold = OxmlElement("w:b")
    size = OxmlElement("w:sz")
    size.set(qn("w:val"), str(round(size_pt * 2)))
    properties.extend([bold, colour, size])
    run.append(properties)
    content = OxmlElement("w:t")
    content.set(qn("xml:space"), "preserve")
    content.text = text
    run.append(content)
    if not anchor:
        paragraph._p.append(run)
        return
    link = OxmlElement("w:hyperlink")
    link.set(qn("w:anchor"), bookmark_name(anchor))
    link.append(run)
    paragraph._p.append(link)


def add_field(paragraph: Any, instruction: str, placeholder: str = "") -> None:
    """A field (``PAGE``, ``TOC \\o "1-2" \\h``) that Word computes when it lays out."""
    parts = []
    for kind in ("begin", "instr", "separate", "text", "end"):
        run = OxmlElement("w:r")
        if kind == "instr":
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = f" {instruction} "
        elif kind == "text":
            element = OxmlElement("w:t")
            element.text = placeholder
        else:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        run.append(element)
        parts.append(run)
    paragraph._p.extend(parts)


def set_alt_text(run: Any, alt: str, title: str = "") -> None:
    """Alt text (``descr``) on the picture in ``run``."""
    for properties in run._r.iter(qn("wp:docPr")):
        properties.set("descr", alt)
        if title:
            properties.set("title", title)


def shade(cell: Any, color: str) -> None:
    properties = cell._tc.get_or_add_tcPr()
    fill = OxmlElement("w:shd")
    fill.set(qn("w:val"), "clear")
    fill.set(qn("w:color"), "auto")
    fill.set(qn("w:fill"), color.lstrip("#"))
    properties.append(fill)


def update_fields_on_open(document: Any) -> None:
    """Ask Word to compute the fields (the contents) when the document is opened."""
    settings = document.settings.element
    flag = OxmlElement("w:updateFields")
    flag.set(qn("w:val"), "true")
    settings.append(flag)
