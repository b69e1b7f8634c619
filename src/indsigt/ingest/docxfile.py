"""Word documents (python-docx): paragraphs in order, bold speaker labels, speaker | text tables
(with columns of times beside them, as transcription services write them)."""

from __future__ import annotations

import io
import unicodedata
import zipfile
from pathlib import Path
from typing import Any, ClassVar

from indsigt.errors import InputError
from indsigt.ingest import docxtext
from indsigt.ingest.base import ImportOptions, ParsedDocument
from indsigt.ingest.textfile import document_from_text
from indsigt.ingest.turns import clock, clock_span
from indsigt.ingest.zipguard import check_zip_bytes

# A cell that holds a time or a span of time ("00:01:02", "[0:03]", "00:00:03 - 00:00:08").
# First-row labels that make a two-column table's header ("Taler | Tekst"), not a speaker.
_HEADER_LABELS = frozenset(
    {"taler", "talere", "talare", "speaker", "navn", "namn", "name", "person", "hvem", "who"}
)


def open_docx(path: Path, data: bytes) -> Any:
    """A Word file opened by python-docx, its archive checked first (``zipguard``): the one
    opening of a .docx, so that the transcript importer and the guide reader refuse the same
    files with the same messages."""
    import docx

    check_zip_bytes(path, data, what="Word .docx file")
    try:
        return docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise InputError(path, f"not a readable Word .docx file ({exc})") from exc
    except Exception as exc:  # python-docx raises assorted lxml/opc errors on damage
        raise InputError(path, f"damaged Word .docx file ({type(exc).__name__}: {exc})") from exc


class DocxImporter:
    name: ClassVar[str] = "docx.v1"
    suffixes: ClassVar[tuple[str, ...]] = (".docx",)

    def parse(self, path: Path, data: bytes, *, options: ImportOptions) -> list[ParsedDocument]:
        from docx.text.paragraph import Paragraph

        if not data:
            raise InputError(path, "the file is empty")
        document = open_docx(path, data)
        lines: list[str] = []
        bold_labels: set[str] = set()
        tables_ignored = 0
        try:
            for block in docxtext.blocks(document.element.body):
                if block.tag == f"{docxtext.W}tbl":
                    rows = _table_rows(_without_times(docxtext.rows(block)))
                    if rows is None:
                        tables_ignored += 1
                        continue
                    for label, utterance, start_ms in rows:
                        bold_labels.add(label)
                        said = f"{label}: {utterance}"
                        lines.append(said if start_ms is None else f"[{clock(start_ms)}] {said}")
                    continue
                bold = _bold_label(Paragraph(block, document))
                if bold:
                    bold_labels.add(bold)
                lines.append(docxtext.text(block))
        except Exception as exc:  # python-docx reads attributes lazily (and finds damage late)
            raise InputError(
                path, f"damaged Word .docx file ({type(exc).__name__}: {exc})"
            ) from exc
        text = unicodedata.normalize("NFC", "\n\n".join(lines).replace("\r", "\n"))
        return [
            document_from_text(
                path,
                data,
                text,
                fmt="docx",
                known_labels=tuple(bold_labels),
                metadata={"tables_ignored": tables_ignored} if tables_ignored else {},
                notes=(
                    f"{tables_ignored} table(s) that are not 'speaker | text' tables were left out",
                )
                if tables_ignored
                else (),
            )
        ]


def _bold_label(paragraph: Any) -> str | None:
    """The speaker label if the paragraph starts with bold text that ends in ':' or is all bold
    and short (a name on its own line)."""
    bold = ""
    for run in paragraph.runs:
        if not run.bold:
            break
        bold += run.text
    bold = bold.strip()
    if not bold:
        return None
    if ":" in bold:
        label, after = (part.strip() for part in bold.split(":", 1))
        if after and bold == paragraph.text.strip():
            return None  # a bold heading such as "Tema 1: Ledelse", not a label before speech
        return label if 0 < len(label) <= 40 else None
    if bold == paragraph.text.strip() and len(bold) <= 40:
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
