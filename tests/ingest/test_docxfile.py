"""Word transcripts made with python-docx: bold labels, names on their own line, tables."""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path
from typing import Any

import pytest

import indsigt
from indsigt.errors import ImportFailed, InputError
from indsigt.ingest.base import ImportOptions
from indsigt.ingest.docxfile import DocxImporter

from .helpers import import_one, labelled_paragraph, roles, row_counts, turn_texts, write_docx


def test_a_teams_transcript_names_and_times_above_the_turns(
    study: indsigt.Project, tmp_path: Path
) -> None:
    """A Word transcript as Microsoft Teams writes it: "Name   0:03" in a paragraph, the turn
    in the next."""

    def build(document: Any) -> None:
        document.add_paragraph("Transcript")
        document.add_paragraph("7. december 2026, 10:02AM")
        for name, time, said in [
            ("Anne Holm", "0:03", "Hvad er jeres største udfordring?"),
            ("Bo Berg", "0:10", "Kompetencer. Vi mangler folk med data."),
            ("Anne Holm", "0:25", "Og driverne?"),
            ("Bo Berg", "0:31", "Borgernes forventninger."),
        ]:
            document.add_paragraph(f"{name}   {time}")
            document.add_paragraph(said)

    doc = import_one(study, write_docx(tmp_path / "teams.docx", build))
    assert turn_texts(study, doc) == [
        ("Anne Holm", "Hvad er jeres største udfordring?"),
        ("Bo Berg", "Kompetencer. Vi mangler folk med data."),
        ("Anne Holm", "Og driverne?"),
        ("Bo Berg", "Borgernes forventninger."),
    ]
    assert roles(study, doc) == {"Anne Holm": "interviewer", "Bo Berg": "respondent"}


def test_bold_labels_followed_by_normal_text(study: indsigt.Project, tmp_path: Path) -> None:
    def build(document: Any) -> None:
        document.add_heading("Interview med regionsdirektør", level=1)
        document.add_paragraph("Optaget 4. april 2024 i Aarhus.")
        labelled_paragraph(document, "Interviewer", "Hvad fylder mest i din hverdag?")
        labelled_paragraph(document, "Karen Ølgaard", "Sygehusbyggeriet. Det er forsinket.")
        document.add_paragraph("Og det koster, både penge og tillid.")
        labelled_paragraph(document, "Interviewer", "Hvordan håndterer I det?")
        labelled_paragraph(document, "Karen Ølgaard", "Med åbenhed.")

    doc = import_one(study, write_docx(tmp_path / "dk03.docx", build))
    assert doc.format == "docx"
    assert turn_texts(study, doc) == [
        ("Interviewer", "Hvad fylder mest i din hverdag?"),
        (
            "Karen Ølgaard",
            "Sygehusbyggeriet. Det er forsinket.\n\nOg det koster, både penge og tillid.",
        ),
        ("Interviewer", "Hvordan håndterer I det?"),
        ("Karen Ølgaard", "Med åbenhed."),
    ]
    assert roles(study, doc) == {"Interviewer": "interviewer", "Karen Ølgaard": "respondent"}
    assert "Optaget 4. april 2024 i Aarhus." in doc.text


def test_a_bold_label_seen_once_still_counts(study: indsigt.Project, tmp_path: Path) -> None:
    # A plain "Name:" seen once is not a label in text, but Word's bold vouches for it.
    def build(document: Any) -> None:
        labelled_paragraph(document, "I", "Hvem er du?")
        labelled_paragraph(document, "Åse Bjørnholm", "Jeg er kontorchef.")

    doc = import_one(study, write_docx(tmp_path / "en-gang.docx", build))
    assert turn_texts(study, doc) == [("I", "Hvem er du?"), ("Åse Bjørnholm", "Jeg er kontorchef.")]


def test_bold_name_on_its_own_paragraph(study: indsigt.Project, tmp_path: Path) -> None:
    def build(document: Any) -> None:
        for label, lines in [
            ("Interviewer", ["Hvordan kom I i gang?"]),
            ("Jens Å. Møller", ["Vi startede småt.", "Først én afdeling, så tre."]),
            ("Interviewer", ["Og nu?"]),
            ("Jens Å. Møller", ["Nu er hele forvaltningen med."]),
        ]:
            document.add_paragraph().add_run(label).bold = True
            for line in lines:
                document.add_paragraph(line)

    doc = import_one(study, write_docx(tmp_path / "egen-linje.docx", build))
    assert turn_texts(study, doc) == [
        ("Interviewer", "Hvordan kom I i gang?"),
        ("Jens Å. Møller", "Vi startede småt.\n\nFørst én afdeling, så tre."),
        ("Interviewer", "Og nu?"),
        ("Jens Å. Møller", "Nu er hele forvaltningen med."),
    ]


def test_bold_label_without_space_and_with_colon_in_next_run(
    study: indsigt.Project, tmp_path: Path
) -> None:
    def build(document: Any) -> None:
        paragraph = document.add_paragraph()
        paragraph.add_run("I").bold = True
        paragraph.add_run(": Hvad tænker du om det?")
        paragraph = document.add_paragraph()
        paragraph.add_run("R1:").bold = True
        paragraph.add_run("Det er godt.")

    doc = import_one(study, write_docx(tmp_path / "runs.docx", build))
    assert turn_texts(study, doc) == [("I", "Hvad tænker du om det?"), ("R1", "Det er godt.")]


def test_two_column_table_is_read_as_turns(study: indsigt.Project, tmp_path: Path) -> None:
    rows = [
        ("Interviewer", "Hvad betyder tillid for dig?"),
        ("Birthe", "At man kan stole på hinanden."),
        ("Interviewer:", "Og i praksis?"),
        ("Birthe", "Færre kontroller, mere ansvar."),
    ]

    def build(document: Any) -> None:
        document.add_paragraph("Udskrift")
        table = document.add_table(rows=0, cols=2)
        for label, text in rows:
            cells = table.add_row().cells
            cells[0].text = label
            cells[1].text = text

    doc = import_one(study, write_docx(tmp_path / "tabel.docx", build))
    assert turn_texts(study, doc) == [
        ("Interviewer", "Hvad betyder tillid for dig?"),
        ("Birthe", "At man kan stole på hinanden."),
        ("Interviewer", "Og i praksis?"),
        ("Birthe", "Færre kontroller, mere ansvar."),
    ]
    assert roles(study, doc) == {"Interviewer": "interviewer", "Birthe": "respondent"}
    assert "tables_ignored" not in doc.metadata


def test_a_header_row_of_a_speaker_table_is_not_a_turn(
    study: indsigt.Project, tmp_path: Path
) -> None:
    rows = [("Taler", "Tekst"), ("I", "Hvad laver du?"), ("Mette", "Jeg leder en forvaltning.")]

    def build(document: Any) -> None:
        table = document.add_table(rows=0, cols=2)
        for label, text in rows:
            cells = table.add_row().cells
            cells[0].text = label
            cells[1].text = text

    doc = import_one(study, write_docx(tmp_path / "med-overskrift.docx", build))
    assert turn_texts(study, doc) == [
        ("I", "Hvad laver du?"),
        ("Mette", "Jeg leder en forvaltning."),
    ]
    assert "Taler" not in roles(study, doc)
    assert len(study.respondents()) == 1


@pytest.mark.parametrize(
    "rows",
    [
        pytest.param(
            [
                ("Tid", "Taler", "Tekst"),
                ("00:00:03", "Anne Holm", "Hvad betyder tillid for dig?"),
                ("00:00:10", "Birthe", "At man kan stole på hinanden."),
                ("", "Anne Holm", "Og i praksis?"),
                ("00:01:02", "Birthe", "Færre kontroller, mere ansvar."),
            ],
            id="time | speaker | text, with a header",
        ),
        pytest.param(
            [
                ("[0:03]", "0:08", "Anne Holm", "Hvad betyder tillid for dig?"),
                ("[0:10]", "0:20", "Birthe", "At man kan stole på hinanden."),
                ("[0:25]", "0:28", "Anne Holm", "Og i praksis?"),
                ("[1:02]", "1:09", "Birthe", "Færre kontroller, mere ansvar."),
            ],
            id="start | end | speaker | text",
        ),
        pytest.param(
            [
                ("Anne Holm", "Hvad betyder tillid for dig?", "00:00:03 - 00:00:08"),
                ("Birthe", "At man kan stole på hinanden.", "00:00:10 - 00:00:20"),
                ("Anne Holm", "Og i praksis?", "00:00:25 - 00:00:28"),
                ("Birthe", "Færre kontroller, mere ansvar.", "00:01:02 - 00:01:09"),
            ],
            id="speaker | text | span of time",
        ),
    ],
)
def test_a_table_with_times_beside_speaker_and_text_is_read_as_turns(
    study: indsigt.Project, tmp_path: Path, rows: list[tuple[str, ...]]
) -> None:
    """Transcription services write a column of times beside the speaker and the text: the
    times are the turns' starts, not speech."""

    def build(document: Any) -> None:
        table = document.add_table(rows=0, cols=len(rows[0]))
        for values in rows:
            for cell, value in zip(table.add_row().cells, values, strict=True):
                cell.text = value

    doc = import_one(study, write_docx(tmp_path / "tider.docx", build))
    assert turn_texts(study, doc) == [
        ("Anne Holm", "Hvad betyder tillid for dig?"),
        ("Birthe", "At man kan stole på hinanden."),
        ("Anne Holm", "Og i praksis?"),
        ("Birthe", "Færre kontroller, mere ansvar."),
    ]
    assert "tables_ignored" not in doc.metadata
    # each row's first time is its turn's start (a row without one has none)
    starts = [turn.start_ms for turn in study.turns(doc)]
    assert starts[0] == 3_000 and starts[1] == 10_000 and starts[3] == 62_000
    assert starts[2] in (None, 25_000)


def test_bold_headings_are_not_speakers(study: indsigt.Project, tmp_path: Path) -> None:
    def build(document: Any) -> None:
        document.add_paragraph().add_run("Tema 1: Ledelse").bold = True
        labelled_paragraph(document, "Interviewer", "Hvordan leder du?")
        labelled_paragraph(document, "Mette", "Med tillid.")
        document.add_paragraph().add_run("Tema 2: Økonomi").bold = True
        labelled_paragraph(document, "Interviewer", "Og budgettet?")
        labelled_paragraph(document, "Mette", "Det er stramt.")

    doc = import_one(study, write_docx(tmp_path / "temaer.docx", build))
    assert [label for label, _ in turn_texts(study, doc)] == [
        "Interviewer",
        "Mette",
        "Interviewer",
        "Mette",
    ]
    assert turn_texts(study, doc)[1][1].startswith("Med tillid.")
    assert roles(study, doc) == {"Interviewer": "interviewer", "Mette": "respondent"}


def test_other_tables_are_skipped_and_counted(study: indsigt.Project, tmp_path: Path) -> None:
    def build(document: Any) -> None:
        table = document.add_table(rows=2, cols=3)
        for row, values in zip(
            table.rows, [("Navn", "Alder", "Rolle"), ("X", "52", "Chef")], strict=True
        ):
            for cell, value in zip(row.cells, values, strict=True):
                cell.text = value
        labelled_paragraph(document, "I", "Hvad er din rolle?")
        labelled_paragraph(document, "R1", "Jeg er chef for 40 medarbejdere.")
        document.add_table(rows=1, cols=4).rows[0].cells[0].text = "Bilag"

    doc = import_one(study, write_docx(tmp_path / "skema.docx", build))
    assert doc.metadata["tables_ignored"] == 2
    assert turn_texts(study, doc) == [
        ("I", "Hvad er din rolle?"),
        ("R1", "Jeg er chef for 40 medarbejdere."),
    ]
    assert "Alder" not in doc.text
    assert "Bilag" not in doc.text


def test_plain_labels_in_word_work_like_text(study: indsigt.Project, tmp_path: Path) -> None:
    def build(document: Any) -> None:
        for line in ["I: Hvad nu?", "R2: Vi venter.", "I: Hvorfor?", "R2: Budgettet."]:
            document.add_paragraph(line)

    doc = import_one(study, write_docx(tmp_path / "plain.docx", build))
    assert [label for label, _ in turn_texts(study, doc)] == ["I", "R2", "I", "R2"]


def test_docx_without_any_text_is_an_error(study: indsigt.Project, tmp_path: Path) -> None:
    path = write_docx(tmp_path / "tom.docx", lambda document: document.add_paragraph(""))
    with pytest.raises(ImportFailed, match=r"tom\.docx: no text in the document"):
        study.import_files([path])


def _valid_docx_bytes(tmp_path: Path) -> bytes:
    path = write_docx(tmp_path / "ok.docx", lambda d: labelled_paragraph(d, "I", "Hej?"))
    return path.read_bytes()


def _zip_without_document_xml(tmp_path: Path) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(_valid_docx_bytes(tmp_path)))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        for item in source.infolist():
            if item.filename != "word/document.xml":
                target.writestr(item, source.read(item))
    return buffer.getvalue()


def _zip_with_broken_xml(tmp_path: Path) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(_valid_docx_bytes(tmp_path)))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "word/document.xml":
                data = data[: len(data) // 2]
            target.writestr(item, data)
    return buffer.getvalue()


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda tmp: _valid_docx_bytes(tmp)[:1500], id="truncated-zip"),
        pytest.param(lambda tmp: os.urandom(3000), id="random-bytes"),
        pytest.param(lambda tmp: b"PK\x03\x04" + os.urandom(500), id="zip-magic-then-noise"),
        pytest.param(lambda tmp: b"I: Hej\nR1: Hej\n", id="text-named-docx"),
        pytest.param(_zip_without_document_xml, id="no-document-xml"),
        pytest.param(_zip_with_broken_xml, id="broken-xml"),
        pytest.param(lambda tmp: b"", id="empty"),
    ],
)
def test_corrupted_docx_is_an_input_error_naming_the_file(
    study: indsigt.Project, tmp_path: Path, damage: Any
) -> None:
    path = tmp_path / "ødelagt.docx"
    path.write_bytes(damage(tmp_path))
    with pytest.raises(InputError) as error:
        DocxImporter().parse(path, path.read_bytes(), options=ImportOptions())
    assert error.value.path == str(path)
    assert "ødelagt.docx" in str(error.value)

    before = row_counts(study)
    with pytest.raises(ImportFailed) as failed:
        study.import_files([path])
    assert "ødelagt.docx" in str(failed.value)
    assert row_counts(study) == before
