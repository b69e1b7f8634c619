"""What the word-processor importers share (Word .docx, OpenDocument .odt, RTF): a transcript
read paragraph by paragraph, a speaker's name in bold at the start of a paragraph, and speaker |
text tables — with columns of times beside them, as transcription services write them."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from indsigt.ingest.base import ParsedDocument
from indsigt.ingest.textfile import document_from_text
from indsigt.ingest.turns import clock, clock_span

# First-row labels that make a two-column table's header ("Taler | Tekst"), not a speaker.
_HEADER_LABELS = frozenset(
    {"taler", "talere", "talare", "speaker", "navn", "namn", "name", "person", "hvem", "who"}
)


@dataclass
class Transcript:
    """A word-processor document as its importer reads it: the paragraphs' lines, the labels
    the document vouches for (bold, or a table's speaker column), the tables left out."""

    lines: list[str] = field(default_factory=list)
    labels: set[str] = field(default_factory=set)
    tables_left: int = 0

    def paragraph(self, text: str, runs: Iterable[tuple[str, bool]] = ()) -> None:
        """A paragraph, and its runs of text with whether each is bold (a bold label)."""
        label = bold_label(runs, text)
        if label:
            self.labels.add(label)
        self.lines.append(text)

    def table(self, cells: list[list[str]]) -> None:
        """A table: its rows as turns when it is a speaker | text table, else left out."""
        rows = _table_rows(_without_times(cells))
        if rows is None:
            self.tables_left += 1
            return
        for label, utterance, start_ms in rows:
            self.labels.add(label)
            said = f"{label}: {utterance}"
            self.lines.append(said if start_ms is None else f"[{clock(start_ms)}] {said}")

    def document(self, path: Path, data: bytes, *, fmt: str) -> ParsedDocument:
        text = unicodedata.normalize("NFC", "\n\n".join(self.lines).replace("\r", "\n"))
        left = self.tables_left
        return document_from_text(
            path,
            data,
            text,
            fmt=fmt,
            known_labels=tuple(self.labels),
            metadata={"tables_ignored": left} if left else {},
            notes=(f"{left} table(s) that are not 'speaker | text' tables were left out",)
            if left
            else (),
        )


def bold_label(runs: Iterable[tuple[str, bool]], whole: str) -> str | None:
    """The speaker label if the paragraph (``whole``, its ``runs`` of text and whether each is
    bold) starts with bold text that ends in ':' or is all bold and short (a name on its own
    line)."""
    bold = ""
    for text, is_bold in runs:
        if not is_bold:
            break
        bold += text
    bold = bold.strip()
    if not bold:
        return None
    if ":" in bold:
        label, after = (part.strip() for part in bold.split(":", 1))
        if after and bold == whole.strip():
            return None  # a bold heading such as "Tema 1: Ledelse", not a label before speech
        return label if 0 < len(label) <= 40 else None
    if bold == whole.strip() and len(bold) <= 40:
        return bold
    return None


def _without_times(cells: list[list[str]]) -> list[tuple[list[str], int | None]]:
    """Each row without the table's columns of times ("Tid | Taler | Tekst", "Start | Slut |
    Navn | Replik": a column whose cells below a header are all times or empty), with the
    row's first time (its turn's start)."""
    widths = {len(row) for row in cells}
    if len(widths) != 1 or (width := widths.pop()) < 3:
        return [(row, None) for row in cells]
    header = not any(clock_span(cell) for cell in cells[0])
    body = cells[1:] if header else cells
    times = [
        j
        for j in range(width)
        if any(row[j].strip() for row in body)
        and all(not row[j].strip() or clock_span(row[j]) for row in body)
    ]
    kept = []
    for row in cells:
        spans = [span for j in times if (span := clock_span(row[j]))]
        start = spans[0][0] if spans else None
        kept.append(([cell for j, cell in enumerate(row) if j not in times], start))
    return kept


def _table_rows(
    cells: list[tuple[list[str], int | None]],
) -> list[tuple[str, str, int | None]] | None:
    """A two-column table of (speaker, utterance) rows, with their starts, or None for any
    other table."""
    rows: list[tuple[str, str, int | None]] = []
    for row, start_ms in cells:
        if len(row) != 2:
            return None
        label, utterance = (cell.strip() for cell in row)
        if not label and not utterance:
            continue
        if not label or len(label) > 40 or "\n" in label:
            return None
        if not rows and label.rstrip(":").strip().lower() in _HEADER_LABELS:
            continue  # a header row such as "Taler | Tekst"
        rows.append((label.rstrip(":"), utterance.replace("\n", " "), start_ms))
    return rows or None
