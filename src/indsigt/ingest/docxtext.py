"""The text of a Word body as Word shows it, read from the XML: python-docx's ``iter_inner_content``
and ``paragraph.text`` leave out paragraphs inside content controls (``w:sdt``), tracked
insertions (``w:ins``) and text boxes, which would drop speech silently.

Left out on purpose: deleted and moved-away text of tracked changes (``w:del``, ``w:moveFrom``),
and the fallback copy of a text box (``mc:Fallback``) that repeats its ``mc:Choice``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_WRAPPERS = {f"{W}sdt", f"{W}sdtContent", f"{W}customXml", f"{W}ins", f"{W}moveTo"}
_SKIP = {f"{W}del", f"{W}moveFrom", f"{_MC}Fallback", f"{W}delText", f"{W}sdtPr", f"{W}rPr"}
_BREAKS = {f"{W}br": "\n", f"{W}cr": "\n", f"{W}tab": "\t", f"{W}noBreakHyphen": "-"}


def blocks(container: Any) -> Iterator[Any]:
    """The ``w:p`` and ``w:tbl`` elements of a body or cell, in order, also inside content
    controls and other wrappers."""
    for child in container:
        if child.tag in (f"{W}p", f"{W}tbl"):
            yield child
        elif child.tag in _WRAPPERS:
            yield from blocks(child)


def text(element: Any) -> str:
    """The visible text of a paragraph (or any element): its ``w:t`` runs, tabs and breaks,
    with paragraphs nested in it (text boxes) on lines of their own."""
    parts: list[str] = []
    _collect(element, parts)
    return "".join(parts)


def _collect(element: Any, parts: list[str]) -> None:
    for child in element:
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIP:
            continue
        if tag == f"{W}t":
            parts.append(child.text or "")
        elif tag in _BREAKS:
            parts.append(_BREAKS[tag])
        elif tag == f"{W}p":
            parts.append("\n")
            _collect(child, parts)
        else:
            _collect(child, parts)


def rows(table: Any) -> list[list[str]]:
    """The text of each cell of each row (cells inside content controls included)."""
    found = []
    for row in _children(table, f"{W}tr"):
        found.append(
            ["\n".join(text(p) for p in blocks(cell)) for cell in _children(row, f"{W}tc")]
        )
    return found


def _children(element: Any, tag: str) -> Iterator[Any]:
    for child in element:
        if child.tag == tag:
            yield child
        elif child.tag in _WRAPPERS:
            yield from _children(child, tag)
