"""PDF transcripts: a text layer made by reportlab, a scanned-looking PDF, damaged files."""

from __future__ import annotations

import logging
import os
from pathlib import Path

import pytest

import indsigt
from indsigt.errors import ImportFailed, InputError
from indsigt.ingest.base import ImportOptions
from indsigt.ingest.pdffile import PdfImporter

from .helpers import import_one, roles, row_counts, turn_texts, write_pdf

LINES = [
    "Interview med direktør for Styrelsen",
    "Dato: 2. februar 2024",
    "",
    "Interviewer: Hvad er jeres vigtigste opgave i år?",
    "Hanne Ærbo: At få den nye lov på plads. Det kræver",
    "meget af alle medarbejdere.",
    "Interviewer: Hvordan måler I det?",
    "Hanne Ærbo: Med få, klare mål. Vi følger dem hver måned.",
    "Interviewer: Tak.",
]


def test_a_reportlab_pdf_is_imported_with_its_turns(study: indsigt.Project, tmp_path: Path) -> None:
    doc = import_one(study, write_pdf(tmp_path / "dk02.pdf", LINES))
    assert doc.format == "pdf"
    assert doc.metadata["pages"] == 1
    assert doc.language == "da"
    turns = turn_texts(study, doc)
    assert [label for label, _ in turns] == [
        "Interviewer",
        "Hanne Ærbo",
        "Interviewer",
        "Hanne Ærbo",
        "Interviewer",
    ]
    assert turns[0][1] == "Hvad er jeres vigtigste opgave i år?"
    assert " ".join(turns[1][1].split()) == (
        "At få den nye lov på plads. Det kræver meget af alle medarbejdere."
    )
    assert turns[3][1] == "Med få, klare mål. Vi følger dem hver måned."
    assert roles(study, doc) == {"Interviewer": "interviewer", "Hanne Ærbo": "respondent"}
    assert "Dato: 2. februar 2024" in doc.text  # the preamble is kept, outside the turns


def test_turns_continue_across_pages_and_page_numbers_are_dropped(
    study: indsigt.Project, tmp_path: Path
) -> None:
    lines = []
    for number in range(1, 31):
        lines += [f"I: Spørgsmål nummer {number}?", f"R1: Svar nummer {number}."]
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    path = tmp_path / "lang.pdf"
    pdf = canvas.Canvas(str(path), pagesize=A4)
    for page, first in enumerate(range(0, len(lines), 25), start=1):
        y = A4[1] - 60
        for line in lines[first : first + 25]:
            pdf.drawString(50, y, line)
            y -= 16
        pdf.drawString(A4[0] / 2, 30, str(page))  # a page number in the footer
        pdf.showPage()
    pdf.save()

    doc = import_one(study, path)
    assert doc.metadata["pages"] == 3
    turns = turn_texts(study, doc)
    assert len(turns) == 60
    assert turns[-1] == ("R1", "Svar nummer 30.")
    assert all(text.rstrip(".?").split()[-1].isdigit() for _, text in turns)
    assert all("\n" not in text for _, text in turns)  # no page number glued to a turn


def test_a_pdf_without_text_asks_for_ocr(study: indsigt.Project, tmp_path: Path) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    path = tmp_path / "scannet.pdf"
    pdf = canvas.Canvas(str(path), pagesize=A4)
    pdf.rect(72, 72, 300, 400, stroke=1, fill=1)
    pdf.showPage()
    pdf.rect(100, 100, 50, 50)
    pdf.showPage()
    pdf.save()

    with pytest.raises(InputError) as error:
        PdfImporter().parse(path, path.read_bytes(), options=ImportOptions())
    message = str(error.value)
    assert "scannet.pdf" in message
    assert "no text layer" in message
    assert "OCR" in message
    assert "2 page(s)" in message

    before = row_counts(study)
    with pytest.raises(ImportFailed, match=r"scannet\.pdf: no text layer .*OCR"):
        study.import_files([path])
    assert row_counts(study) == before


def test_a_short_real_text_is_not_mistaken_for_a_scan(
    study: indsigt.Project, tmp_path: Path
) -> None:
    doc = import_one(study, write_pdf(tmp_path / "kort.pdf", ["I: Ja?", "R1: Nej."]))
    assert turn_texts(study, doc) == [("I", "Ja?"), ("R1", "Nej.")]


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(lambda good: good[: len(good) // 3], id="truncated"),
        pytest.param(lambda good: os.urandom(2000), id="random-bytes"),
        pytest.param(lambda good: b"%PDF-1.4\n" + os.urandom(800), id="header-then-noise"),
        pytest.param(lambda good: b"", id="empty"),
    ],
)
def test_damaged_pdf_is_an_input_error(
    study: indsigt.Project, tmp_path: Path, data: object, caplog: pytest.LogCaptureFixture
) -> None:
    good = write_pdf(tmp_path / "good.pdf", LINES).read_bytes()
    path = tmp_path / "skadet.pdf"
    path.write_bytes(data(good))  # type: ignore[operator]
    before = row_counts(study)
    with caplog.at_level(logging.DEBUG), pytest.raises(ImportFailed) as failed:
        study.import_files([path])
    assert "skadet.pdf" in str(failed.value)
    assert row_counts(study) == before
    # pypdf's own lines ("EOF marker not found", no file named) do not reach the user
    assert not [r for r in caplog.records if r.name.startswith("pypdf")]
    assert logging.getLogger("pypdf").level == logging.NOTSET  # put back


def test_an_unsupported_stream_filter_is_an_input_error(
    study: indsigt.Project, tmp_path: Path
) -> None:
    # pypdf raises NotImplementedError for an unknown filter; it must not escape as a crash.
    good = write_pdf(tmp_path / "good.pdf", LINES).read_bytes()
    assert good.count(b"/ASCII85Decode") == 1
    path = tmp_path / "filter.pdf"
    path.write_bytes(good.replace(b"/ASCII85Decode", b"/ASCII86Decode"))  # same length
    with pytest.raises(InputError) as error:
        PdfImporter().parse(path, path.read_bytes(), options=ImportOptions())
    assert "filter.pdf" in str(error.value)
    assert "ASCII86Decode" in str(error.value)
    before = row_counts(study)
    with pytest.raises(ImportFailed, match=r"filter\.pdf"):
        study.import_files([path])
    assert row_counts(study) == before


def _encrypted_pdf(path: Path, *, user_password: str) -> Path:
    from reportlab.lib import pdfencrypt
    from reportlab.pdfgen import canvas

    encryption = pdfencrypt.StandardEncryption(user_password, ownerPassword="ejer")
    pdf = canvas.Canvas(str(path), encrypt=encryption)
    for number, line in enumerate(["I: Må jeg citere dig?", "R1: Ja, gerne."]):
        pdf.drawString(50, 700 - 16 * number, line)
    pdf.showPage()
    pdf.save()
    return path


def test_a_pdf_with_only_an_owner_password_is_read(study: indsigt.Project, tmp_path: Path) -> None:
    path = _encrypted_pdf(tmp_path / "beskyttet.pdf", user_password="")
    doc = import_one(study, path)
    assert turn_texts(study, doc) == [("I", "Må jeg citere dig?"), ("R1", "Ja, gerne.")]


def test_a_pdf_that_needs_a_password_is_an_input_error(
    study: indsigt.Project, tmp_path: Path
) -> None:
    path = _encrypted_pdf(tmp_path / "låst.pdf", user_password="hemmelig")
    before = row_counts(study)
    with pytest.raises(ImportFailed, match=r"låst\.pdf: the PDF is encrypted"):
        study.import_files([path])
    assert row_counts(study) == before


def test_tabs_and_runs_of_spaces_between_words_become_one_space(
    study: indsigt.Project, tmp_path: Path
) -> None:
    from reportlab.pdfgen import canvas

    path = tmp_path / "tabs.pdf"
    pdf = canvas.Canvas(str(path))
    pdf.setFont("Helvetica", 12)
    pdf.drawString(50, 740, "Interview")
    # Some PDF printers separate words by tab characters in the text layer (pypdf keeps them);
    # reportlab's drawString cannot write a tab, so this line is written as a raw text object.
    pdf._code.append("BT /F1 12 Tf 50 720 Td (Interviewer:\\t\\tHvordan\\tgik\\tdet?) Tj ET")
    pdf.drawString(50, 700, "Participant:    Godt,   tak.")
    pdf.showPage()
    pdf.save()
    doc = import_one(study, path)
    assert "\t" not in doc.text
    assert turn_texts(study, doc) == [
        ("Interviewer", "Hvordan gik det?"),
        ("Participant", "Godt, tak."),
    ]
