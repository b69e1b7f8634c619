"""Helpers for the ingest tests: real files made by real tools, and views of the store."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import sqlalchemy as sa

import indsigt
from indsigt.records import Document
from indsigt.store import schema

# Danish text for the encoding tests: every Danish letter in both cases, latin-1 safe.
DANISH = (
    "I: Hvordan gik turen til Ærø?\n"
    "R1: Højtaler på færgen, blå himmel, æbler og øl. ÆBLE, ØL, ÅEN: alle om bord.\n"
    "I: Og bagefter?\n"
    "R1: Vi spiste på kroen i Ærøskøbing.\n"
)
# Characters only cp1252 (not latin-1) has: curly quotes and an en dash.
DANISH_CP1252 = DANISH + "I: Hvad sagde han?\nR1: “Blå” – ikke grøn.\n"


def row_counts(project: indsigt.Project) -> dict[str, int]:
    """The number of rows in every table of the store (to show that nothing was written)."""
    with project.store.connect() as connection:
        return {
            table.name: int(connection.scalar(sa.select(sa.func.count()).select_from(table)) or 0)
            for table in schema.metadata.sorted_tables
        }


def turn_texts(project: indsigt.Project, doc: Document) -> list[tuple[str, str]]:
    """(speaker label, turn text) of every stored turn of ``doc``, in order."""
    labels = {speaker.id: speaker.label for speaker in project.speakers(doc)}
    return [(labels[t.speaker_id], doc.text[t.start : t.end]) for t in project.turns(doc)]


def roles(project: indsigt.Project, doc: Document) -> dict[str, str]:
    return {speaker.label: speaker.role for speaker in project.speakers(doc)}


def only_document(project: indsigt.Project) -> Document:
    documents = project.documents()
    assert len(documents) == 1, [d.name for d in documents]
    return documents[0]


def import_one(project: indsigt.Project, path: Path, **kwargs: Any) -> Document:
    """Import one file that yields one document, and return the stored document."""
    report = project.import_files([path], **kwargs)
    assert len(report.imported) == 1, report
    return project.document(report.imported[0])


# -- real files ------------------------------------------------------------------------------


def write_docx(path: Path, build: Callable[[Any], None]) -> Path:
    """A Word file made by python-docx; ``build`` receives the ``docx.Document``."""
    import docx

    document = docx.Document()
    build(document)
    document.save(str(path))
    return path


def labelled_paragraph(document: Any, label: str, text: str, *, colon: bool = True) -> None:
    """A paragraph starting with a bold speaker label, then normal text."""
    paragraph = document.add_paragraph()
    paragraph.add_run(f"{label}:" if colon else label).bold = True
    paragraph.add_run(f" {text}")


def write_pdf(path: Path, lines: Sequence[str], *, lines_per_page: int = 40) -> Path:
    """A PDF with a text layer, made by reportlab: one line of text per entry."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(path), pagesize=A4)
    _, height = A4
    for first in range(0, len(lines), lines_per_page):
        y = height - 60
        for line in lines[first : first + lines_per_page]:
            pdf.setFont("Helvetica", 11)
            pdf.drawString(50, y, line)
            y -= 16
        pdf.showPage()
    pdf.save()
    return path


def write_xlsx(path: Path, rows: Sequence[Sequence[object]], *, title: str = "Svar") -> Path:
    """An Excel workbook made by openpyxl with one worksheet of ``rows``."""
    import openpyxl

    workbook = openpyxl.Workbook()
    worksheet = workbook.active
    assert worksheet is not None
    worksheet.title = title
    for row in rows:
        worksheet.append(list(row))
    workbook.save(str(path))
    return path
