"""OpenDocument text (.odt, as LibreOffice, Google Docs and pandoc write it), read from its
``content.xml``: paragraphs and headings in order (also in lists, sections and text boxes),
bold speaker labels (the styles that set bold, in ``content.xml`` and ``styles.xml``), and
speaker | text tables as in Word files. Left out on purpose: notes, comments and the deleted
text of tracked changes."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar
from xml.etree import ElementTree

from indsigt.errors import InputError
from indsigt.ingest.base import ImportOptions, ParsedDocument
from indsigt.ingest.wordproc import Transcript
from indsigt.ingest.zipguard import check_zip_bytes

_NS = {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "draw": "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0",
    "fo": "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0",
}


def _tag(name: str) -> str:
    prefix, local = name.split(":")
    return f"{{{_NS[prefix]}}}{local}"


_PARAGRAPHS = {_tag("text:p"), _tag("text:h")}
_TABLE = _tag("table:table")
_ROWS = {_tag("table:table-header-rows"), _tag("table:table-rows"), _tag("table:table-row-group")}
_CONTAINERS = _ROWS | {  # whose paragraphs are the document's, in order
    _tag(name)
    for name in (
        "text:list",
        "text:list-item",
        "text:list-header",
        "text:section",
        "text:index-body",
    )
}
_SKIP = {  # text that is not the document's speech
    _tag(name)
    for name in ("text:note", "office:annotation", "text:tracked-changes", "text:sequence-decls")
}
_STYLE_NAME = _tag("text:style-name")


class OdtImporter:
    name: ClassVar[str] = "odt.v1"
    suffixes: ClassVar[tuple[str, ...]] = (".odt",)

    def parse(self, path: Path, data: bytes, *, options: ImportOptions) -> list[ParsedDocument]:
        content, styles = _parts(path, data)
        bold = _bold_styles([content, styles])
        text = _text_body(path, content)
        read = Transcript()
        for block in _blocks(text):
            if block.tag == _TABLE:
                read.table([[_cell_text(cell, bold) for cell in row] for row in _rows(block)])
            else:
                runs = list(_runs(block, bold, block.get(_STYLE_NAME) in bold))
                read.paragraph("".join(run for run, _ in runs), runs)
        return [read.document(path, data, fmt="odt")]


def odt_outline(path: Path, data: bytes) -> str:
    """The text of an .odt with its structure written out, for the interview guide's reader:
    headings as ``# …``, list items as ``- …`` or ``1. …`` (as the list numbers them),
    indented four spaces a level."""
    content, styles = _parts(path, data)
    numbered = _numbered_levels([content, styles])
    lines: list[str] = []
    _outline(_text_body(path, content), lines, numbered, depth=-1, style="", counters={})
    return "\n".join(lines)


def _outline(
    container: ElementTree.Element,
    lines: list[str],
    numbered: dict[str, dict[int, int]],
    *,
    depth: int,
    style: str,
    counters: dict[int, int],
) -> None:
    for child in container:
        if child.tag == _tag("text:h"):
            lines.extend(["", f"# {_plain(child)}"])
            counters.clear()
        elif child.tag == _tag("text:p"):
            text = _plain(child)
            if depth < 0:
                lines.append(text)
            elif text:
                level = numbered.get(style, {})
                start = level.get(depth + 1, level.get(min(level, default=1), 0))
                if start:  # a numbered level: its number, counted from the list's start
                    counters[depth] = counters.get(depth, start - 1) + 1
                    lines.append(f"{'    ' * depth}{counters[depth]}. {text}")
                else:
                    lines.append(f"{'    ' * depth}- {text}")
        elif child.tag == _tag("text:list"):
            if child.get(_tag("text:continue-numbering")) != "true":
                counters.pop(depth + 1, None)
            for deeper in [d for d in counters if d > depth + 1]:
                del counters[deeper]
            inner = child.get(_STYLE_NAME) or style
            _outline(child, lines, numbered, depth=depth + 1, style=inner, counters=counters)
        elif child.tag in _CONTAINERS:
            _outline(child, lines, numbered, depth=depth, style=style, counters=counters)


def _plain(paragraph: ElementTree.Element) -> str:
    return "".join(run for run, _ in _runs(paragraph, set(), False)).strip()


def _numbered_levels(trees: list[ElementTree.Element]) -> dict[str, dict[int, int]]:
    """List style → its numbered levels (1 = outermost) → the number each starts at."""
    found: dict[str, dict[int, int]] = {}
    for tree in trees:
        for list_style in tree.iter(_tag("text:list-style")):
            levels = found.setdefault(list_style.get(_tag("style:name"), ""), {})
            for level in list_style.iter(_tag("text:list-level-style-number")):
                start = level.get(_tag("text:start-value"), "1")
                levels[int(level.get(_tag("text:level"), "1"))] = (
                    int(start) if start.isdigit() else 1
                )
    return found


def _text_body(path: Path, content: ElementTree.Element) -> ElementTree.Element:
    text = content.find(f"{_tag('office:body')}/{_tag('office:text')}")
    if text is None:
        raise InputError(path, "not an OpenDocument text: its content.xml has no text body")
    return text


def _parts(path: Path, data: bytes) -> tuple[ElementTree.Element, ElementTree.Element]:
    """``content.xml`` and ``styles.xml`` (an empty one where the file has none), parsed,
    the archive checked first (``zipguard``)."""
    check_zip_bytes(path, data, what="OpenDocument .odt file")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            content = archive.read("content.xml")
            styles = archive.read("styles.xml") if "styles.xml" in archive.namelist() else b""
        return (
            ElementTree.fromstring(content),
            ElementTree.fromstring(styles) if styles else ElementTree.Element("none"),
        )
    except (zipfile.BadZipFile, KeyError) as exc:
        raise InputError(path, f"not a readable OpenDocument .odt file ({exc})") from exc
    except ElementTree.ParseError as exc:
        raise InputError(path, f"damaged OpenDocument .odt file ({exc})") from exc


def _bold_styles(trees: list[ElementTree.Element]) -> set[str]:
    """The names of the styles that set bold text, or inherit it from a style that does."""
    parents: dict[str, str] = {}
    bold: set[str] = set()
    for tree in trees:
        for style in tree.iter(_tag("style:style")):
            name = style.get(_tag("style:name"), "")
            parents[name] = style.get(_tag("style:parent-style-name"), "")
            props = style.find(_tag("style:text-properties"))
            weight = props.get(_tag("fo:font-weight"), "") if props is not None else ""
            if weight == "bold" or (weight.isdigit() and int(weight) >= 600):
                bold.add(name)
    grew = True
    while grew:
        more = {name for name, parent in parents.items() if parent in bold} - bold
        bold |= more
        grew = bool(more)
    return bold


def _blocks(container: ElementTree.Element) -> Iterator[ElementTree.Element]:
    """The paragraphs, headings and tables of a body, in order, inside lists and sections."""
    for child in container:
        if child.tag in _PARAGRAPHS or child.tag == _TABLE:
            yield child
        elif child.tag in _CONTAINERS:
            yield from _blocks(child)


def _runs(
    element: ElementTree.Element, bold: set[str], inherited: bool
) -> Iterator[tuple[str, bool]]:
    """The text of a paragraph in runs, each with whether it is bold: spaces (``text:s``),
    tabs and line breaks as the text shows them, a text box's paragraphs on lines of their
    own."""
    if element.text:
        yield element.text, inherited
    for child in element:
        if child.tag not in _SKIP:
            style = child.get(_STYLE_NAME)
            is_bold = style in bold if style else inherited
            if child.tag == _tag("text:s"):
                yield " " * int(child.get(_tag("text:c"), "1") or 1), inherited
            elif child.tag == _tag("text:tab"):
                yield "\t", inherited
            elif child.tag == _tag("text:line-break"):
                yield "\n", inherited
            elif child.tag in _PARAGRAPHS:
                yield "\n", inherited
                yield from _runs(child, bold, is_bold)
            else:
                yield from _runs(child, bold, is_bold)
        if child.tail:
            yield child.tail, inherited


def _rows(table: ElementTree.Element) -> Iterator[list[ElementTree.Element]]:
    for child in table:
        if child.tag == _tag("table:table-row"):
            yield [cell for cell in child if cell.tag == _tag("table:table-cell")]
        elif child.tag in _ROWS:
            yield from _rows(child)


def _cell_text(cell: ElementTree.Element, bold: set[str]) -> str:
    return "\n".join(
        "".join(run for run, _ in _runs(block, bold, False))
        for block in _blocks(cell)
        if block.tag != _TABLE
    )
