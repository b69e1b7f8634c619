"""Survey sheets (CSV, TSV, XLSX): the answers layout and the turns layout."""

from __future__ import annotations

import io
import struct
import zipfile
from collections.abc import Sequence
from pathlib import Path

import pytest

import indsigt
from indsigt.errors import ImportFailed, InputError
from indsigt.ingest.base import ImportOptions
from indsigt.ingest.sheets import read_sheet
from indsigt.ingest.tables import TableImporter

from .helpers import roles, row_counts, turn_texts, write_xlsx

QUESTION = "Hvad er jeres største udfordring?"
SECOND = "Hvad virker godt?"
HEADER = ("id", "kommune", "niveau", "alder", QUESTION, SECOND)
ROWS = [
    ("R01", "Ærø", "kommune", 52, "Rekruttering, især af sygeplejersker og lærere.", "Korte veje."),
    ("R02", "Aarhus", "kommune", 47, "Økonomien: budgetterne er skåret år efter år.", ""),
    ("R03", "Region Syd", "region", 61, "", "Samarbejdet på tværs af sektorer, også med staten."),
]


def csv_text(rows: Sequence[Sequence[object]], delimiter: str = ",") -> str:
    import csv

    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerows(rows)
    return buffer.getvalue()


def answers_by_document(project: indsigt.Project) -> dict[str, list[str]]:
    return {doc.name: [text for _, text in turn_texts(project, doc)] for doc in project.documents()}


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_answers_one_row_per_respondent(
    study: indsigt.Project, tmp_path: Path, suffix: str
) -> None:
    path = tmp_path / f"svar{suffix}"
    if suffix == ".csv":
        path.write_text(csv_text([HEADER, *ROWS]), encoding="utf-8")
    else:
        write_xlsx(path, [HEADER, *ROWS])

    report = study.import_files(
        [path], options=ImportOptions(text_columns=(QUESTION, SECOND), id_column="id")
    )

    assert report.imported == (f"svar{suffix}#R01", f"svar{suffix}#R02", f"svar{suffix}#R03")
    assert report.respondents == 3
    assert answers_by_document(study) == {
        f"svar{suffix}#R01": ["Rekruttering, især af sygeplejersker og lærere.", "Korte veje."],
        f"svar{suffix}#R02": ["Økonomien: budgetterne er skåret år efter år."],
        f"svar{suffix}#R03": ["Samarbejdet på tværs af sektorer, også med staten."],
    }
    attributes = {r.key: r.attributes for r in study.respondents()}
    assert attributes == {
        f"svar{suffix}#R01": {"kommune": "Ærø", "niveau": "kommune", "alder": "52"},
        f"svar{suffix}#R02": {"kommune": "Aarhus", "niveau": "kommune", "alder": "47"},
        f"svar{suffix}#R03": {"kommune": "Region Syd", "niveau": "region", "alder": "61"},
    }
    first = study.document(f"svar{suffix}#R01")
    assert first.format == suffix.lstrip(".")
    assert first.metadata == {"row": 2, "source": f"svar{suffix}"}
    assert first.source_path == f"svar{suffix}"
    # The question is a heading in the text, outside the answer's turn.
    assert first.text.startswith(f"{QUESTION}\nRekruttering")
    (speaker,) = study.speakers(first)
    assert speaker.label == "R01"
    assert speaker.role == "respondent"
    assert speaker.respondent_id == next(r.id for r in study.respondents() if r.key.endswith("R01"))
    # Per respondent statistics can group by the attributes.
    assert {r.attributes["niveau"] for r in study.respondents()} == {"kommune", "region"}


def test_answers_text_column_is_detected(study: indsigt.Project, tmp_path: Path) -> None:
    path = tmp_path / "auto.csv"
    path.write_text(csv_text([(*HEADER[:4], QUESTION), *[row[:5] for row in ROWS]]))
    report = study.import_files([path])
    assert report.imported == ("auto.csv#R01", "auto.csv#R02")  # R03 has no answer
    for respondent in study.respondents():
        assert QUESTION not in respondent.attributes
        assert set(respondent.attributes) == {"kommune", "niveau", "alder"}


def test_coding_columns_and_sheet_notes_are_not_answers(
    study: indsigt.Project, tmp_path: Path
) -> None:
    """A sheet of answers often carries someone's coding of them and the instructions the
    coders followed (LLMCode's games-as-art sheet: ``human_codes``, ``coding_instructions``
    in the first row only): those are attributes, and the import says which columns it read
    as answers."""
    answers = [
        "It made me think about my own family and the choices we never talked about.",
        "The music and the light in the last level felt like walking through a painting.",
        "I cried at the end, which no game had done to me before, and I am not ashamed.",
    ]
    codes = ["family; reflection on own life", "music; visuals like a painting", "emotion; tears"]
    instruction = "Code each answer with one or a few words; separate several codes by semicolons."
    rows = [("experience", "human_codes", "Tema", "coding_instructions", "note")]
    for number, (answer, code) in enumerate(zip(answers, codes, strict=True)):
        note = "Same text in every row, a remark about the whole sheet by its maker."
        rows.append((answer, code, code, instruction if number == 0 else "", note))
    path = tmp_path / "games.csv"
    path.write_text(csv_text(rows))

    report = study.import_files([path])

    assert answers_by_document(study) == {
        f"games.csv#row {n}": [answer] for n, answer in enumerate(answers, start=2)
    }
    first = next(r for r in study.respondents() if r.key == "games.csv#row 2")
    assert first.attributes["human_codes"] == codes[0]
    assert first.attributes["coding_instructions"] == instruction
    assert report.notes[0] == (
        "games.csv: answers read from column(s) 'experience'; respondent attributes: "
        "'human_codes', 'Tema', 'coding_instructions', 'note' (--text-column chooses the "
        "answer columns)"
    )


@pytest.mark.parametrize(
    ("column", "coding"),
    [
        ("human_codes", True),
        ("Tema", True),
        ("final categories", True),
        ("Begrundelse for kategori", False),  # an answer about a category
        ("Kommentar til tema", False),
        ("coding_instructions", False),  # an attribute for another reason (one row)
    ],
)
def test_which_column_names_name_a_coding(column: str, coding: bool) -> None:
    from indsigt.ingest.tables import _names_a_coding

    assert _names_a_coding(column) is coding


def test_a_single_row_sheet_still_has_answers(tmp_path: Path) -> None:
    path = tmp_path / "one.csv"
    path.write_text(csv_text([("svar",), ("Vi har for få hænder, og det mærkes hver dag.",)]))
    (document,) = TableImporter().parse(path, path.read_bytes(), options=ImportOptions())
    assert document.turns[0].speaker == "row 2"


def test_answers_without_an_id_column_use_row_numbers(
    study: indsigt.Project, tmp_path: Path
) -> None:
    path = tmp_path / "uden-id.csv"
    path.write_text(
        csv_text(
            [
                ("region", "svar"),
                ("Nord", "Vi har for få hænder, og det mærkes hver eneste dag i plejen."),
                ("Syd", "Det går godt, men vi er trætte af alle de nye krav fra staten."),
            ]
        )
    )
    report = study.import_files([path])
    assert report.imported == ("uden-id.csv#row 2", "uden-id.csv#row 3")
    assert [r.attributes for r in study.respondents()] == [{"region": "Nord"}, {"region": "Syd"}]


def test_a_missing_named_column_lists_the_columns(study: indsigt.Project, tmp_path: Path) -> None:
    path = tmp_path / "svar.csv"
    path.write_text(csv_text([HEADER, *ROWS]))
    before = row_counts(study)
    with pytest.raises(ImportFailed) as failed:
        study.import_files([path], options=ImportOptions(text_columns=("Hvad mangler I?",)))
    message = str(failed.value)
    assert message.startswith(f"{path}: no column named 'Hvad mangler I?' (--text-column)")
    for column in HEADER:
        assert repr(column) in message
    assert row_counts(study) == before


def test_no_wordy_column_asks_for_text_column(tmp_path: Path) -> None:
    path = tmp_path / "tal.csv"
    path.write_text(csv_text([("id", "score"), ("1", "4"), ("2", "5")]))
    with pytest.raises(InputError, match=r"--text-column \(columns: 'id', 'score'\)"):
        TableImporter().parse(path, path.read_bytes(), options=ImportOptions())


def test_missing_id_column_and_duplicate_ids(tmp_path: Path) -> None:
    path = tmp_path / "svar.csv"
    path.write_text(csv_text([HEADER, *ROWS, ROWS[0]]))
    options = ImportOptions(text_columns=(QUESTION,))
    with pytest.raises(InputError, match=r"row 5: id 'R01' appears twice"):
        TableImporter().parse(path, path.read_bytes(), options=options)
    options = ImportOptions(text_columns=(QUESTION,), id_column="løbenr")
    with pytest.raises(InputError, match=r"no column named 'løbenr' \(--id-column\)"):
        TableImporter().parse(path, path.read_bytes(), options=options)


def test_semicolon_cp1252_csv(study: indsigt.Project, tmp_path: Path) -> None:
    rows = [
        ("Respondent", "Område", "Hvad fylder mest?"),
        ("A1", "Ærø", "Færgen, økonomien og “den grønne omstilling” – i den rækkefølge."),
        ("A2", "Høje-Taastrup", "Rekruttering; vi mangler pædagoger, og det er svært."),
    ]
    path = tmp_path / "excel-eksport.csv"
    path.write_bytes(csv_text(rows, delimiter=";").encode("cp1252"))
    report = study.import_files([path], options=ImportOptions(text_columns=("Hvad fylder mest?",)))
    assert report.imported == ("excel-eksport.csv#A1", "excel-eksport.csv#A2")
    assert answers_by_document(study) == {
        "excel-eksport.csv#A1": [
            "Færgen, økonomien og “den grønne omstilling” – i den rækkefølge."
        ],
        "excel-eksport.csv#A2": ["Rekruttering; vi mangler pædagoger, og det er svært."],
    }
    assert [r.attributes for r in study.respondents()] == [
        {"Område": "Ærø"},
        {"Område": "Høje-Taastrup"},
    ]


def test_tab_separated(study: indsigt.Project, tmp_path: Path) -> None:
    path = tmp_path / "svar.tsv"
    path.write_text(csv_text([HEADER, *ROWS], delimiter="\t"), encoding="utf-8")
    report = study.import_files([path], options=ImportOptions(text_columns=(QUESTION,)))
    assert report.imported == ("svar.tsv#R01", "svar.tsv#R02")


def test_xlsx_other_sheet_and_missing_sheet(study: indsigt.Project, tmp_path: Path) -> None:
    import openpyxl

    workbook = openpyxl.Workbook()
    first = workbook.active
    assert first is not None
    first.title = "Forside"
    first.append(["Spørgeskema 2024"])
    second = workbook.create_sheet("Svar")
    for row in [HEADER, *ROWS]:
        second.append(list(row))
    path = tmp_path / "bog.xlsx"
    workbook.save(str(path))

    with pytest.raises(ImportFailed, match=r"no sheet named 'Data' \(sheets: Forside, Svar\)"):
        study.import_files([path], options=ImportOptions(sheet="Data"))
    report = study.import_files([path], options=ImportOptions(sheet="Svar"))
    assert len(report.imported) == 3


def test_turns_layout_with_a_speaker_column(study: indsigt.Project, tmp_path: Path) -> None:
    rows = [
        ("tid", "taler", "replik"),
        ("00:01", "Interviewer", "Hvad sker der i forvaltningen?"),
        ("00:05", "Mette Ø.", "Vi omorganiserer."),
        ("00:09", "Mette Ø.", "Igen."),
        ("00:12", "Interviewer", "Hvorfor?"),
        ("00:15", "", "Fordi vi skal spare."),
    ]
    path = write_xlsx(tmp_path / "udskrift.xlsx", rows)
    options = ImportOptions(speaker_column="taler", text_columns=("replik",))
    report = study.import_files([path], options=options)
    assert report.imported == ("udskrift.xlsx",)
    doc = study.document("udskrift.xlsx")
    assert doc.metadata == {"layout": "turns"}
    assert turn_texts(study, doc) == [
        ("Interviewer", "Hvad sker der i forvaltningen?"),
        ("Mette Ø.", "Vi omorganiserer."),
        ("Mette Ø.", "Igen."),
        ("Interviewer", "Hvorfor?"),
        ("Speaker", "Fordi vi skal spare."),
    ]
    assert roles(study, doc)["Interviewer"] == "interviewer"
    assert roles(study, doc)["Mette Ø."] == "respondent"


def test_turns_layout_default_text_column_and_missing_speaker_column(
    study: indsigt.Project, tmp_path: Path
) -> None:
    path = tmp_path / "turns.csv"
    path.write_text(csv_text([("speaker", "text"), ("I", "Hvad nu?"), ("R1", "Vi venter.")]))
    doc_options = ImportOptions(speaker_column="speaker")
    report = study.import_files([path], options=doc_options)
    assert turn_texts(study, study.document(report.imported[0])) == [
        ("I", "Hvad nu?"),
        ("R1", "Vi venter."),
    ]
    with pytest.raises(InputError, match=r"no column named 'taler' \(--speaker-column\)"):
        TableImporter().parse(
            path, path.read_bytes(), options=ImportOptions(speaker_column="taler")
        )


def test_a_transcript_exported_as_a_sheet_is_read_as_turns(
    study: indsigt.Project, tmp_path: Path
) -> None:
    """Teams, Zoom or Otter exports: "Speaker" and "Text" columns (and times) are a transcript
    without --layout, its times the turns' times; the note says which columns were read and
    which were not."""
    path = tmp_path / "teams.csv"
    path.write_text(
        csv_text(
            [
                ("Speaker", "Start time", "Duration", "End time", "Text"),
                ("Anne Holm", "00:00:03", "0:05", "00:00:08", "Hvad er jeres største udfordring?"),
                (
                    "Bo Berg",
                    "00:00:10",
                    "0:10",
                    "00:00:20",
                    "Kompetencer. Vi mangler folk med data.",
                ),
                ("Anne Holm", "00:00:25", "0:03", "00:00:28", "Og driverne?"),
                ("Bo Berg", "00:00:31", "0:04", "00:00:35", "Borgernes forventninger."),
            ]
        )
    )
    report = study.import_files([path])
    doc = study.document(report.imported[0])
    assert doc.metadata == {"layout": "turns"}
    assert turn_texts(study, doc)[:2] == [
        ("Anne Holm", "Hvad er jeres største udfordring?"),
        ("Bo Berg", "Kompetencer. Vi mangler folk med data."),
    ]
    assert roles(study, doc) == {"Anne Holm": "interviewer", "Bo Berg": "respondent"}
    assert any(
        "speaker column 'Speaker', text column 'Text', times from 'Start time', 'End time'; "
        "not read: 'Duration'" in n
        for n in report.notes
    )
    assert [(t.start_ms, t.end_ms) for t in study.turns(doc)][:2] == [
        (3_000, 8_000),
        (10_000, 20_000),
    ]
    # Asked for answers, or with answer columns named, it stays a sheet of answers.
    answers = TableImporter().parse(
        path, path.read_bytes(), options=ImportOptions(layout="answers", text_columns=("Text",))
    )
    assert len(answers) == 4
    named = TableImporter().parse(
        path, path.read_bytes(), options=ImportOptions(text_columns=("Text",))
    )
    assert len(named) == 4


def test_gennovate_layout_is_recognised(study: indsigt.Project, tmp_path: Path) -> None:
    rows = [
        ("data_container", "transcript", "quote or transcriber's summary"),
        ("", "Focus Group: Activity E", ""),
        ("E.1", "Respondents cast 10 votes.", "transcriber’s summary"),
        ("E.2  ", "We can’t go out without permission.", "quote"),
        ("E.2", "Our fathers decide.", "quote"),
        ("E.3", "", "quote"),
    ]
    path = tmp_path / "TRANSCRIPT_XX1_XX1E_F.csv"
    path.write_bytes(csv_text(rows).encode("cp1252"))
    doc = study.document(study.import_files([path]).imported[0])
    assert doc.metadata == {"layout": "gennovate"}
    assert turn_texts(study, doc) == [
        ("Transcriber", "Focus Group: Activity E"),
        ("Transcriber", "Respondents cast 10 votes."),
        ("Participants", "We can’t go out without permission."),
        ("Participants", "Our fathers decide."),
    ]
    assert roles(study, doc) == {"Transcriber": "note", "Participants": "respondent"}
    assert doc.text.startswith("Focus Group: Activity E\n\n[E.1]\nTranscriber: ")


def test_gennovate_summaries_and_guide_headings_are_notes(
    study: indsigt.Project, tmp_path: Path
) -> None:
    """What no participant said — the transcriber's summary or aside in brackets, the guide's
    headings (a row outside every question, or the guide's module line or numbered question
    copied into a quote row), an activity table's heading — is a note; a quote row says
    something even without its question."""
    rows = [
        ("data_container", "transcript", "quote or transcriber's summary"),
        ("", "ROSTER", ""),
        ("", "Module 2.  Gender norms, livelihoods, and family formation (1 ½ hours)", ""),
        ("E.7", "The two most important reasons are:", "Transcriber's summary"),
        ("E.7", "E.7    What do boys learn about farming in this village?", "quote"),
        ("E.7", "Boys learn to plough from their fathers.", "quote"),
        ("E.15", "Module 2.  Gender norms, livelihoods, and family formation (1 ½ hours)", "quote"),
        ("", "Markets are too far for women to go.", "quote"),
        ("E.14", "E.14.1. Which kinds of wheat? We don’t know.", "quote"),
        # a transcriber's aside and an activity table's heading in quote rows (GENNOVATE BD4
        # and ET1), and a reporter's "said:" that keeps its quote
        ("E.3", "[All participants have agreed]", "quote"),
        ("E.19", "(One participant out of 10].", "quote"),
        ("E.16", "Two most important reasons for girls leaving education are:", "quote"),
        ("E.41", "Another participant said: it could be about little above 10 percent.", "quote"),
    ]
    path = tmp_path / "TRANSCRIPT_XX2_XX2E_M.csv"
    path.write_text(csv_text(rows), encoding="utf-8")
    doc = study.document(study.import_files([path]).imported[0])
    role = roles(study, doc)
    assert [(role[label], text) for label, text in turn_texts(study, doc)] == [
        ("note", "ROSTER"),
        ("note", "Module 2.  Gender norms, livelihoods, and family formation (1 ½ hours)"),
        ("note", "The two most important reasons are:"),
        ("note", "E.7    What do boys learn about farming in this village?"),
        ("respondent", "Boys learn to plough from their fathers."),
        ("note", "Module 2.  Gender norms, livelihoods, and family formation (1 ½ hours)"),
        ("respondent", "Markets are too far for women to go."),
        ("respondent", "E.14.1. Which kinds of wheat? We don’t know."),
        ("note", "[All participants have agreed]"),
        ("note", "(One participant out of 10]."),
        ("note", "Two most important reasons for girls leaving education are:"),
        ("respondent", "Another participant said: it could be about little above 10 percent."),
    ]
    assert "\nTranscriber: The two most important reasons are:\n" in doc.text
    assert "\nE.7    What do boys learn" in doc.text  # a heading is printed without a speaker
    assert len(study.respondents()) == 1  # the group; the transcriber is no one


def test_unknown_layout_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "svar.csv"
    path.write_text(csv_text([HEADER, *ROWS]))
    with pytest.raises(InputError, match="unknown layout 'rows'"):
        TableImporter().parse(path, path.read_bytes(), options=ImportOptions(layout="rows"))


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("\n\n", "empty"),
        (",,\n,,\n", "the sheet is empty"),
        ("a,b,a\n1,2,3\n", "column 'a' appears twice"),
    ],
)
def test_bad_sheets(tmp_path: Path, text: str, problem: str) -> None:
    path = tmp_path / "ark.csv"
    path.write_text(text)
    with pytest.raises(InputError) as error:
        read_sheet(path, path.read_bytes())
    assert problem in str(error.value)
    assert error.value.path == str(path)


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_blank_rows_are_skipped_and_rows_keep_their_numbers(tmp_path: Path, suffix: str) -> None:
    # Row numbers are the ones the user sees in Excel, blank rows above the header included.
    rows: list[tuple[object, ...]] = [
        ("", ""),
        ("", ""),
        ("id", "svar"),
        ("1", "Det er en lang besvarelse om ledelse."),
        ("", ""),
        ("1", "Samme id igen i en anden lang besvarelse."),
    ]
    path = tmp_path / f"ark{suffix}"
    if suffix == ".csv":
        path.write_text(csv_text(rows))
    else:
        write_xlsx(path, [row if any(row) else (None,) for row in rows])
    sheet = read_sheet(path, path.read_bytes())
    assert sheet.header == ("id", "svar")
    assert [number for number, _ in sheet.rows] == [4, 6]
    with pytest.raises(InputError, match="row 6: id '1' appears twice"):
        TableImporter().parse(path, path.read_bytes(), options=ImportOptions())


# -- damaged Excel files ------------------------------------------------------------------------


def _good_xlsx(tmp_path: Path) -> bytes:
    return write_xlsx(tmp_path / "god.xlsx", [HEADER, *ROWS]).read_bytes()


def _member_offset(data: bytes, name: str) -> tuple[int, int]:
    info = zipfile.ZipFile(io.BytesIO(data)).getinfo(name)
    name_length, extra_length = struct.unpack("<HH", data[info.header_offset + 26 :][:4])
    return info.header_offset + 30 + name_length + extra_length, info.compress_size


def _damaged_deflate(tmp_path: Path) -> bytes:
    data = _good_xlsx(tmp_path)
    start, size = _member_offset(data, "xl/worksheets/sheet1.xml")
    middle = start + size // 2
    return data[:middle] + b"\xff" * 16 + data[middle + 16 :]


def _future_zip_version(tmp_path: Path) -> bytes:
    """The worksheet's central directory entry asks for zip version 9.9 (unsupported)."""
    data = bytearray(_good_xlsx(tmp_path))
    name = b"xl/worksheets/sheet1.xml"
    index = data.find(b"PK\x01\x02")
    while index >= 0:
        (length,) = struct.unpack("<H", data[index + 28 : index + 30])
        if data[index + 46 : index + 46 + length] == name:
            data[index + 6] = 99
        index = data.find(b"PK\x01\x02", index + 4)
    return bytes(data)


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda tmp: _good_xlsx(tmp)[:700], id="truncated"),
        pytest.param(lambda tmp: b"PK\x05\x06" + bytes(18), id="empty-zip"),
        pytest.param(lambda tmp: b"id,svar\n1,hej\n", id="csv-named-xlsx"),
        pytest.param(_damaged_deflate, id="damaged-deflate"),
        pytest.param(_future_zip_version, id="future-zip-version"),
        pytest.param(lambda tmp: b"", id="empty"),
    ],
)
def test_damaged_xlsx_is_an_input_error(
    study: indsigt.Project, tmp_path: Path, damage: object
) -> None:
    path = tmp_path / "skadet.xlsx"
    path.write_bytes(damage(tmp_path))  # type: ignore[operator]
    with pytest.raises(InputError) as error:
        TableImporter().parse(path, path.read_bytes(), options=ImportOptions())
    assert error.value.path == str(path)
    before = row_counts(study)
    with pytest.raises(ImportFailed, match=r"skadet\.xlsx"):
        study.import_files([path])
    assert row_counts(study) == before


def test_excel_csv_utf8_with_bom(study: indsigt.Project, tmp_path: Path) -> None:
    # Excel's "CSV UTF-8" writes a BOM; the first column must still be called "id".
    path = tmp_path / "excel-utf8.csv"
    path.write_bytes("\ufeff".encode() + csv_text([HEADER, *ROWS], delimiter=";").encode())
    report = study.import_files([path], options=ImportOptions(text_columns=(QUESTION,)))
    assert report.imported == ("excel-utf8.csv#R01", "excel-utf8.csv#R02")
    assert "id" not in study.respondents()[0].attributes
