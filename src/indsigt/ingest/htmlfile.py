"""HTML transcripts (``.html``, ``.htm``): as transcription tools and editors save them —
noScribe (a local Whisper transcriber made for qualitative interviews; "S00: …" paragraphs),
Google Docs and Word's "save as web page", a transcript pasted into a page.

Read with the standard library's HTML parser (no network, no scripts): the text of the body in
reading order, a block element (paragraph, heading, list item, ``<div>``, ``<br>``) a line;
bold at a paragraph's start (``<b>``, ``<strong>``, ``font-weight: bold`` or 600 and more) is
a speaker label as in Word files; speaker | text tables as in Word files
(:mod:`.wordproc`). What is no text of the page — ``<head>``, scripts, styles, templates,
forms' options — is left out; character references are read (``&oslash;`` → "ø")."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path
from typing import ClassVar

from indsigt.errors import InputError
from indsigt.ingest.base import ImportOptions, ParsedDocument
from indsigt.ingest.encoding import decode
from indsigt.ingest.wordproc import Transcript

_BLOCKS = frozenset(
    [
        "p",
        "div",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "dt",
        "dd",
        "blockquote",
        "pre",
        "section",
        "article",
        "header",
        "footer",
        "main",
        "aside",
        "nav",
        "figure",
        "figcaption",
        "address",
        "br",
        "hr",
        "ul",
        "ol",
        "dl",
    ]
)
_HIDDEN = frozenset(
    ["head", "script", "style", "template", "noscript", "title", "select", "option", "iframe"]
)
_BOLD_TAGS = frozenset({"b", "strong"})
_BOLD_STYLE = re.compile(r"font-weight\s*:\s*(?:bold|bolder|[6-9]00)", re.IGNORECASE)
_VOID = frozenset(
    [
        "br",
        "hr",
        "img",
        "input",
        "meta",
        "link",
        "area",
        "base",
        "col",
        "embed",
        "source",
        "track",
        "wbr",
    ]
)


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.read = Transcript()
        self.runs: list[tuple[str, bool]] = []
        self.open: list[tuple[str, bool, bool]] = []  # (tag, bold, hidden) of open elements
        self.tags: Counter[str] = Counter()  # open elements by tag
        self.bold_open = self.hidden_open = 0  # open elements that are bold, that are hidden
        self.table: list[list[str]] | None = None
        self.cell: list[str] | None = None
        self.tables = 0  # depth of tables (a table in a cell is read as the cell's text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self.tables += 1
            if self.tables == 1:
                self._paragraph()
                self.table = []
        elif tag == "tr" and self.tables == 1 and self.table is not None:
            self.table.append([])
        elif tag in ("td", "th") and self.tables == 1:
            self.cell = []
        elif tag in _BLOCKS:
            self._paragraph()
        if tag in _VOID:
            return
        style = dict(attrs).get("style") or ""
        bold, hidden = tag in _BOLD_TAGS or bool(_BOLD_STYLE.search(style)), tag in _HIDDEN
        self.open.append((tag, bold, hidden))
        self.tags[tag] += 1
        self.bold_open += bold
        self.hidden_open += hidden

    # A self-closed element ("<b/>", "<span style='font-weight:bold'/>") is opened and closed
    # at once: the parser's own handle_startendtag calls both handlers.

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID:
            return
        while self.tags[tag] > 0:  # close it and what was left open in it
            closed, bold, hidden = self.open.pop()
            self.tags[closed] -= 1
            self.bold_open -= bold
            self.hidden_open -= hidden
            if closed == tag:
                break
        if tag in ("td", "th") and self.tables == 1 and self.cell is not None:
            if self.table:
                self.table[-1].append(" ".join("".join(self.cell).split()))
            self.cell = None
        elif tag == "table" and self.tables:
            self.tables -= 1
            if self.tables == 0 and self.table is not None:
                rows = [row for row in self.table if row]
                if rows:
                    self.read.table(rows)
                self.table = None
        elif tag in _BLOCKS:
            self._paragraph()

    def handle_data(self, data: str) -> None:
        if self.hidden_open:
            return
        if self.cell is not None:
            self.cell.append(data)
        elif self.table is None:
            self.runs.append((data, self.bold_open > 0))

    def _paragraph(self) -> None:
        text = " ".join("".join(text for text, _ in self.runs).split())
        if text:
            runs = list(self.runs)
            while runs and not runs[0][0].strip():
                runs.pop(0)  # the space before the first word is neither bold nor plain
            self.read.paragraph(text, runs)
        self.runs = []

    def close(self) -> None:
        super().close()
        self._paragraph()


class HtmlImporter:
    name: ClassVar[str] = "html.v1"
    suffixes: ClassVar[tuple[str, ...]] = (".html", ".htm")

    def parse(self, path: Path, data: bytes, *, options: ImportOptions) -> list[ParsedDocument]:
        text, encoding = decode(data, path, encoding=options.encoding)
        if "<" not in text:
            raise InputError(path, "not an HTML page (no tags in it); name it .txt to read it")
        reader = _Reader()
        reader.feed(text)
        reader.close()
        if not reader.read.lines:
            raise InputError(path, "no text in the page's body")
        return [replace(reader.read.document(path, data, fmt="html"), encoding=encoding)]
