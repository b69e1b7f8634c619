"""The importer audit of issue 18 (item 3's class of defect): text is read, or the file is
refused naming the place, or the import says what it left out — never dropped silently."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import indsigt
from indsigt.errors import ImportFailed

from .helpers import import_one, row_counts, write_docx, write_pdf, write_xlsx

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _element(tag: str, parent: Any = None, text: str | None = None) -> Any:
    from lxml import etree

    element = etree.Element(W + tag) if parent is None else etree.SubElement(parent, W + tag)
    if text is not None:
        element.text = text
    return element


def test_docx_content_controls_and_tracked_insertions_are_read(
    study: indsigt.Project, tmp_path: Path
) -> None:
    def build(document: Any) -> None:
        document.add_paragraph("I: Hvad er det vigtigste?")
        answer = document.add_paragraph("R: Det er ")
        inserted = _element("ins", answer._p)
        inserted.set(W + "id", "1")
        inserted.set(W + "author", "Redaktør")
        _element("t", _element("r", inserted), "ledelse.")
        deleted = _element("del", answer._p)
        deleted.set(W + "id", "2")
        deleted.set(W + "author", "Redaktør")
        _element("delText", _element("r", deleted), "slettet tekst")
        control = _element("sdt")
        paragraph = _element("p", _element("sdtContent", control))
        _element("t", _element("r", paragraph), "I: Og i indholdskontrollen?")
        body = document.element.body
        body.insert(len(body) - 1, control)

    doc = import_one(study, write_docx(tmp_path / "rettet.docx", build))
    assert doc.text == (
        "I: Hvad er det vigtigste?\n\nR: Det er ledelse.\n\nI: Og i indholdskontrollen?"
    )


def test_docx_tables_left_out_are_reported(study: indsigt.Project, tmp_path: Path) -> None:
    def build(document: Any) -> None:
        document.add_paragraph("I: Hvad er din rolle?")
        document.add_paragraph("R1: Chef.")
        document.add_table(rows=1, cols=4).rows[0].cells[0].text = "Bilag"

    report = study.import_files([write_docx(tmp_path / "skema.docx", build)])
    assert report.notes == (
        "skema.docx: 1 table(s) that are not 'speaker | text' tables were left out",
    )


def test_pdf_pages_without_text_are_reported(study: indsigt.Project, tmp_path: Path) -> None:
    lines = ["Interviewer: Hvordan gik det på Ærø i sommer?", "Søren: Godt, tak for det."] * 4
    path = write_pdf(tmp_path / "delvis.pdf", [*lines, *[""] * 40, *lines], lines_per_page=8)
    report = study.import_files([path])
    assert report.notes == (
        "delvis.pdf: 5 of 7 page(s) have no text layer (page 2, 3, 4, 5, 6): scanned? "
        "Their text is not imported",
    )


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (
            "id,svar\n1,Jeg synes det går godt med digitaliseringen i kommunen,ekstra\n",
            "row 2, column 3: a value in a column without a name beyond the last column",
        ),
        (
            "id,,svar\n1,skjult,Jeg synes det går godt med digitaliseringen i kommunen\n",
            "row 2, column 2: a value in a column without a name in the header",
        ),
    ],
)
def test_sheet_values_outside_named_columns_are_refused(
    study: indsigt.Project, tmp_path: Path, content: str, problem: str
) -> None:
    path = tmp_path / "svar.csv"
    path.write_text(content, encoding="utf-8")
    before = row_counts(study)
    with pytest.raises(ImportFailed) as failed:
        study.import_files([path], options=indsigt.ImportOptions(text_columns=("svar",)))
    assert str(failed.value).startswith(f"{path}: {problem}")
    assert row_counts(study) == before


def test_other_worksheets_and_rows_without_text_are_reported(
    study: indsigt.Project, tmp_path: Path
) -> None:
    import openpyxl

    rows = [
        ["id", "svar"],
        ["1", "Vi bruger data bedre i kommunen nu end før i tiden, sagde hun."],
        ["2", ""],
    ]
    path = write_xlsx(tmp_path / "bog.xlsx", rows)
    workbook = openpyxl.load_workbook(path)
    workbook.create_sheet("Flere svar").append(["id", "svar"])
    workbook.save(path)
    report = study.import_files([path], options=indsigt.ImportOptions(text_columns=("svar",)))
    assert report.notes == (
        "bog.xlsx: read worksheet 'Svar' only; not read: Flere svar (choose one with --sheet)",
        "bog.xlsx: 1 row(s) with no text in 'svar' were not imported",
    )


def test_a_quoted_cell_with_doubled_quotes_and_the_delimiter_is_read_whole(
    study: indsigt.Project, tmp_path: Path
) -> None:
    # csv.Sniffer guessed doublequote=False here, ended the cell at '""' and the rest of the
    # answer ("; og semikolon") was lost without a word.
    import csv

    answer = 'Første linje\r\nanden linje med "citat"; og semikolon i kommunen'
    path = tmp_path / "svar.csv"
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle, delimiter=";").writerows([["id", "svar"], ["1", answer]])
    report = study.import_files([path], options=indsigt.ImportOptions(text_columns=("svar",)))
    doc = study.document(report.imported[0])
    assert 'anden linje med "citat"; og semikolon i kommunen' in doc.text


def test_a_long_preamble_before_the_first_label_is_reported(
    study: indsigt.Project, tmp_path: Path
) -> None:
    intro = "Vi startede med at tale om hverdagen i forvaltningen og om data. " * 6
    path = tmp_path / "forord.txt"
    path.write_text(
        f"Interview 3, maj 2024\n\n{intro}\n\nI: Hvordan?\nR: Godt.\n", encoding="utf-8"
    )
    report = study.import_files([path])
    [note] = report.notes
    assert note.startswith("forord.txt: the 4") and "before the first speaker label" in note
    short = tmp_path / "titel.txt"
    short.write_text("Interview 4, maj 2024\n\nI: Hvordan?\nR: Godt.\n", encoding="utf-8")
    assert study.import_files([short]).notes == ()


def test_a_pdf_whose_text_layer_is_too_large_is_refused(
    study: indsigt.Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from indsigt.ingest import pdffile

    monkeypatch.setattr(pdffile, "MAX_TEXT_CHARS", 500)
    lines = ["Interviewer: Hvordan gik det på Ærø i sommer med alle de nye data?"] * 20
    path = write_pdf(tmp_path / "stor.pdf", lines, lines_per_page=4)
    with pytest.raises(ImportFailed, match=r"stor\.pdf: page 2: the text layer exceeds"):
        study.import_files([path])
