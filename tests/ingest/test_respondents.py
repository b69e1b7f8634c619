"""Respondents sheets (YAML, CSV, XLSX): speakers → respondents, attributes, names kept apart."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from pathlib import Path

import pytest
import sqlalchemy as sa

import indsigt
from indsigt.errors import ImportFailed, InputError
from indsigt.ingest.respondents import read_respondents
from indsigt.store import schema

from .helpers import row_counts, write_xlsx

NAMES = ("Mette Kjærgaard Holm", "Anders Bech", "Henrik Østergaard", "Birgitte Sand", "Ali Demir")

DK01 = (
    "Interview med kommunaldirektør\n\n"
    "Interviewer: Hvad fylder mest?\n"
    "Mette: Økonomien. Og rekrutteringen.\n"
    "Interviewer: Hvorfor?\n"
    "Mette: Fordi vi er en udkantskommune.\n"
)
GROUP = (
    "Moderator: Hvad betyder tillid for jer?\n"
    "Henrik: At man bliver hørt.\n"
    "Birgitte: At man ikke bliver kontrolleret hele tiden.\n"
    "Ali: Og at it-afdelingen sidder tæt på direktionen.\n"
    "Moderator: Og i praksis?\n"
    "Henrik: Færre skemaer.\n"
    "Birgitte: Mere tid.\n"
    "Ali: Bedre data.\n"
)
NO01 = (
    "Intervjuer: Hva er den største utfordringen?\n"
    "Ingrid: Det er veldig mye som skjer, liksom.\n"
    "Intervjuer: Kan du si mer?\n"
    "Ingrid: Ikkje nå.\n"
)

SHEET_COLUMNS = ("respondent", "document", "speaker", "name", "kind", "level", "role", "language")
SHEET_ROWS = [
    ("DK01", "dk01", "Mette", "Mette Kjærgaard Holm", "", "kommune", "direktør", "da"),
    ("", "dk01", "Interviewer", "Anders Bech", "interviewer", "", "", ""),
    ("DK06A", "dk06_gruppe", "Henrik", "Henrik Østergaard", "", "kommune", "direktør", "da"),
    ("DK06B", "dk06_gruppe", "Birgitte", "Birgitte Sand", "respondent", "kommune", "chef", "da"),
    ("DK06C", "dk06_gruppe.txt", "Ali", "Ali Demir", "", "kommune", "it-chef", "da"),
    ("NO01", "no01", "Ingrid", "", "", "kommune", "kommunedirektør", "no"),
]
YAML = """
respondents:
  - {respondent: DK01, document: dk01, speaker: Mette, name: Mette Kjærgaard Holm,
     level: kommune, role: direktør, language: da}
  - {respondent: DK06A, document: dk06_gruppe, speaker: Henrik, name: Henrik Østergaard,
     level: kommune, role: direktør, language: da}
  - {respondent: DK06B, document: dk06_gruppe, speaker: Birgitte, name: Birgitte Sand,
     level: kommune, role: chef, language: da}
  - {respondent: DK06C, document: dk06_gruppe.txt, speaker: Ali, name: Ali Demir,
     level: kommune, role: it-chef, language: da}
  - {respondent: NO01, document: no01, speaker: Ingrid, level: kommune,
     role: kommunedirektør, language: no}
interviewers:
  - {document: dk01, speaker: Interviewer, name: Anders Bech}
"""


@pytest.fixture
def interviews(tmp_path: Path) -> list[Path]:
    folder = tmp_path / "interviews"
    folder.mkdir()
    paths = []
    for name, text in [("dk01.txt", DK01), ("dk06_gruppe.txt", GROUP), ("no01.txt", NO01)]:
        (folder / name).write_text(text, encoding="utf-8")
        paths.append(folder / name)
    return paths


def write_sheet(
    tmp_path: Path, kind: str, rows: Sequence[Sequence[str]] = tuple(SHEET_ROWS)
) -> Path:
    if kind == "yaml":
        path = tmp_path / "respondenter.yaml"
        path.write_text(YAML, encoding="utf-8")
    elif kind == "csv":
        path = tmp_path / "respondenter.csv"
        buffer = io.StringIO()
        csv.writer(buffer, delimiter=";").writerows([SHEET_COLUMNS, *rows])
        path.write_bytes(buffer.getvalue().encode("cp1252"))
    else:
        path = write_xlsx(tmp_path / "respondenter.xlsx", [SHEET_COLUMNS, *rows])
    return path


def identities(project: indsigt.Project) -> set[tuple[str, str, str | None]]:
    """(role, name, respondent key) of every row of the identity table."""
    i, r = schema.identity, schema.respondent
    with project.store.connect() as connection:
        rows = connection.execute(
            sa.select(i.c.role, i.c.name, r.c.key).select_from(
                i.outerjoin(r, i.c.respondent_id == r.c.id)
            )
        ).all()
    return {(role, name, key) for role, name, key in rows}


def respondent_rows_as_text(project: indsigt.Project) -> str:
    with project.store.connect() as connection:
        rows = connection.execute(sa.select(schema.respondent)).mappings().all()
    return json.dumps([dict(row) for row in rows], ensure_ascii=False, default=str)


@pytest.mark.parametrize("kind", ["yaml", "csv", "xlsx"])
def test_sheet_maps_speakers_to_respondents(
    study: indsigt.Project, tmp_path: Path, interviews: list[Path], kind: str
) -> None:
    report = study.import_files(interviews, respondents=write_sheet(tmp_path, kind))
    assert report.imported == ("dk01.txt", "dk06_gruppe.txt", "no01.txt")
    assert report.respondents == 5

    by_key = {r.key: r for r in study.respondents()}
    assert set(by_key) == {"DK01", "DK06A", "DK06B", "DK06C", "NO01"}
    assert by_key["DK01"].attributes == {"level": "kommune", "role": "direktør", "language": "da"}
    assert by_key["DK06C"].attributes["role"] == "it-chef"
    assert by_key["NO01"].attributes["language"] == "no"  # not False, not "False"
    assert all(r.pseudonym.startswith("Respondent ") for r in by_key.values())

    dk01 = study.document("dk01.txt")
    speakers = {s.label: s for s in study.speakers(dk01)}
    assert speakers["Mette"].respondent_id == by_key["DK01"].id
    assert speakers["Mette"].role == "respondent"
    assert speakers["Interviewer"].role == "interviewer"
    assert speakers["Interviewer"].respondent_id is None

    # A group interview: three respondents in one document, the moderator is no respondent.
    group = {s.label: s for s in study.speakers(study.document("dk06_gruppe.txt"))}
    assert {label: s.respondent_id for label, s in group.items()} == {
        "Moderator": None,
        "Henrik": by_key["DK06A"].id,
        "Birgitte": by_key["DK06B"].id,
        "Ali": by_key["DK06C"].id,
    }
    assert group["Moderator"].role == "interviewer"

    # The sheet's language decides the document language.
    assert study.document("no01.txt").language == "no"
    assert dk01.language == "da"


@pytest.mark.parametrize("kind", ["yaml", "csv", "xlsx"])
def test_names_live_only_in_the_identity_table(
    study: indsigt.Project, tmp_path: Path, interviews: list[Path], kind: str
) -> None:
    study.import_files(interviews, respondents=write_sheet(tmp_path, kind))
    assert identities(study) == {
        ("respondent", "Mette Kjærgaard Holm", "DK01"),
        ("interviewer", "Anders Bech", None),
        ("respondent", "Henrik Østergaard", "DK06A"),
        ("respondent", "Birgitte Sand", "DK06B"),
        ("respondent", "Ali Demir", "DK06C"),
    }
    stored = respondent_rows_as_text(study)
    for name in NAMES:
        assert name not in stored
    for respondent in study.respondents():
        assert "name" not in respondent.attributes


def test_a_name_without_respondent_id_is_not_used_as_the_key(
    study: indsigt.Project, tmp_path: Path, interviews: list[Path]
) -> None:
    sheet = tmp_path / "navne.yaml"
    sheet.write_text(
        "- {speaker: Mette, name: Mette Kjærgaard Holm, level: kommune}\n"
        "- {speaker: Henrik, name: Henrik Østergaard}\n"
        "- {speaker: Birgitte}\n",
        encoding="utf-8",
    )
    study.import_files(interviews, respondents=sheet)
    stored = respondent_rows_as_text(study)
    assert "Mette" not in stored and "Kjærgaard" not in stored
    assert "Østergaard" not in stored
    keys = {r.key for r in study.respondents()}
    assert "R-row3" in keys  # no name, no id: the row gives the key
    assert ("respondent", "Mette Kjærgaard Holm") in {(r, n) for r, n, _ in identities(study)}


def test_the_same_name_in_two_documents_is_one_respondent(
    study: indsigt.Project, tmp_path: Path
) -> None:
    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    first.write_text(DK01, encoding="utf-8")
    second.write_text(DK01.replace("udkantskommune", "vækstkommune"), encoding="utf-8")
    sheet = tmp_path / "r.yaml"
    sheet.write_text(
        "- {document: a, speaker: Mette, name: Mette Kjærgaard Holm, level: kommune}\n"
        "- {document: b, speaker: Mette, name: Mette Kjærgaard Holm, role: direktør}\n",
        encoding="utf-8",
    )
    study.import_files([first, second], respondents=sheet)
    ids = {
        speaker.respondent_id
        for doc in study.documents()
        for speaker in study.speakers(doc)
        if speaker.label == "Mette"
    }
    assert len(ids) == 1
    (mette,) = [r for r in study.respondents() if r.id in ids]
    assert mette.attributes == {"level": "kommune", "role": "direktør"}


def test_yaml_keeps_every_scalar_a_string(tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    path.write_text(
        "- {speaker: Ingrid, language: no, active: yes, age: 052, started: 2024-01-01,"
        " country: NO, empty: }\n",
        encoding="utf-8",
    )
    (entry,) = read_respondents(path)
    assert entry.attributes == {
        "language": "no",
        "active": "yes",
        "age": "052",
        "started": "2024-01-01",
        "country": "NO",
    }


def test_a_sheet_without_a_document_applies_to_every_document(
    study: indsigt.Project, tmp_path: Path, interviews: list[Path]
) -> None:
    sheet = tmp_path / "alle.csv"
    sheet.write_text("speaker,kind\nInterviewer,interviewer\nModerator,interviewer\n")
    report = study.import_files(interviews, respondents=sheet)
    assert report.imported == ("dk01.txt", "dk06_gruppe.txt", "no01.txt")
    roles = {(doc.name, s.label): s.role for doc in study.documents() for s in study.speakers(doc)}
    assert roles[("dk01.txt", "Interviewer")] == "interviewer"
    assert roles[("dk06_gruppe.txt", "Moderator")] == "interviewer"
    assert roles[("dk01.txt", "Mette")] == "respondent"


def test_without_a_sheet_each_respondent_speaker_is_a_respondent(
    study: indsigt.Project, interviews: list[Path]
) -> None:
    report = study.import_files(interviews)
    assert report.respondents == 5  # Mette, Henrik, Birgitte, Ali, Ingrid
    group = study.speakers(study.document("dk06_gruppe.txt"))
    assert [s.role for s in group] == ["interviewer", "respondent", "respondent", "respondent"]
    assert len({s.respondent_id for s in group if s.role == "respondent"}) == 3


def test_a_sheet_applied_later_links_stored_speakers(
    study: indsigt.Project, tmp_path: Path, interviews: list[Path]
) -> None:
    study.import_files(interviews)
    report = study.import_files([], respondents=write_sheet(tmp_path, "yaml"))
    assert report.imported == ()
    assert report.speakers_linked == 6
    speakers = {s.label: s for s in study.speakers(study.document("dk01.txt"))}
    dk01 = next(r for r in study.respondents() if r.key == "DK01")
    assert speakers["Mette"].respondent_id == dk01.id
    assert dk01.attributes["role"] == "direktør"
    # The five respondents the first import made from the labels are replaced, not left
    # beside the sheet's five with no speech; the label names go to the sheet's respondents.
    assert sorted(r.key for r in study.respondents()) == ["DK01", "DK06A", "DK06B", "DK06C", "NO01"]
    assert any("5 respondent(s) stored before are replaced" in n for n in report.notes)
    # Re-importing the same files with the sheet is a no-op for the documents.
    again = study.import_files(interviews, respondents=write_sheet(tmp_path, "yaml"))
    assert again.imported == ()
    assert again.skipped == ("dk01.txt", "dk06_gruppe.txt", "no01.txt")


def test_a_sheet_that_renames_a_respondent_keeps_the_names_it_knew(
    study: indsigt.Project, tmp_path: Path, interviews: list[Path]
) -> None:
    study.import_files(interviews, respondents=write_sheet(tmp_path, "csv"))
    rows = [("K01", *SHEET_ROWS[0][1:3], "Mette Holm", *SHEET_ROWS[0][4:]), *SHEET_ROWS[1:]]
    report = study.import_files([], respondents=write_sheet(tmp_path, "csv", rows))
    assert any("1 respondent(s) stored before are replaced" in note for note in report.notes)
    keys = sorted(r.key for r in study.respondents())
    assert keys == ["DK06A", "DK06B", "DK06C", "K01", "NO01"]
    k01 = next(r.id for r in study.respondents() if r.key == "K01")
    identity = schema.identity
    with study.store.connect() as connection:
        names = dict(connection.execute(sa.select(identity.c.name, identity.c.respondent_id)).all())
    # The old sheet's full name is still looked for by the anonymiser, as the new respondent.
    assert names["Mette Kjærgaard Holm"] == names["Mette Holm"] == k01


# -- errors -------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["yaml", "csv", "xlsx"])
def test_an_unknown_speaker_names_the_sheet_row_and_speaker(
    study: indsigt.Project, tmp_path: Path, interviews: list[Path], kind: str
) -> None:
    rows = [*SHEET_ROWS]
    rows.insert(3, ("DK06X", "dk06_gruppe", "Hanne", "Hanne Ukendt", "", "kommune", "", "da"))
    if kind == "yaml":
        sheet = tmp_path / "respondenter.yaml"
        sheet.write_text(
            YAML.replace(
                "interviewers:",
                "  - {respondent: DK06X, document: dk06_gruppe, speaker: Hanne}\ninterviewers:",
            ),
            encoding="utf-8",
        )
        row = 6  # the sixth entry
    else:
        sheet = write_sheet(tmp_path, kind, rows)
        row = 5  # the header is row 1
    before = row_counts(study)
    with pytest.raises(ImportFailed) as failed:
        study.import_files(interviews, respondents=sheet)
    message = str(failed.value)
    assert message.startswith(f"{sheet}: row {row}: speaker 'Hanne' not found in document")
    assert "dk06_gruppe" in message
    assert "Ali, Birgitte, Henrik, Moderator" in message  # the speakers that are there
    assert row_counts(study) == before
    assert identities(study) == set()


def test_several_unknown_speakers_are_all_reported(
    study: indsigt.Project, tmp_path: Path, interviews: list[Path]
) -> None:
    sheet = tmp_path / "r.csv"
    sheet.write_text("speaker,respondent\nMette,A\nNiels,B\nKaren,C\n", encoding="utf-8")
    with pytest.raises(ImportFailed) as failed:
        study.import_files(interviews, respondents=sheet)
    lines = [str(error) for error in failed.value.errors]
    assert lines == [
        f"{sheet}: row 3: speaker 'Niels' not found in any document",
        f"{sheet}: row 4: speaker 'Karen' not found in any document",
    ]


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("r.yaml", "- speaker: [unclosed\n", "not valid YAML"),
        ("r.yaml", "deltagere:\n  - {speaker: A}\n", "unknown top-level key(s): deltagere"),
        ("r.yaml", "just a string\n", "expected a list"),
        ("r.yaml", "- {speaker: A}\n- B\n", "entry 2: expected a mapping"),
        ("r.yaml", "- {speaker: '', level: x}\n", "row 1: 'speaker' is empty"),
        ("r.yaml", "- {speaker: A, kind: boss}\n", "row 1: kind 'boss' must be"),
        ("r.yaml", "[]\n", "no rows"),
        ("r.csv", "navn,niveau\nA,stat\n", "needs a 'speaker' column"),
        ("r.txt", "speaker\nA\n", "must be .csv, .xlsx or .yaml"),
        ("r.csv", "Taler,Speaker\nA,A\n", "two columns name the field 'speaker'"),
    ],
)
def test_bad_respondents_sheets(tmp_path: Path, name: str, content: str, problem: str) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as error:
        read_respondents(path)
    assert error.value.path == str(path)
    assert problem in error.value.problem


def test_a_sheet_in_the_analysts_language_names_the_fields(tmp_path: Path) -> None:
    """A Danish sheet ("Interview;Taler;Navn;Niveau;Titel") was refused for want of a
    'speaker' column, and an English one's "Level" stayed an attribute the report does not
    group by; other columns keep their header as name and label."""
    path = tmp_path / "deltagere.csv"
    path.write_text(
        "Interview;Taler;Navn;Niveau;Titel;Anciennitet\n"
        "dk01;Mette;Mette Kjærgaard Holm;Kommune;kommunaldirektør;12 år\n",
        encoding="utf-8",
    )
    (entry,) = read_respondents(path)
    assert (entry.speaker, entry.document, entry.name) == ("Mette", "dk01", "Mette Kjærgaard Holm")
    assert entry.attributes == {
        "level": "Kommune",
        "title": "kommunaldirektør",
        "Anciennitet": "12 år",
    }
    path = tmp_path / "respondents.csv"
    path.write_text("Speaker,Level,Organisation Type\nMette,kommunal,kommune\n", encoding="utf-8")
    (entry,) = read_respondents(path)
    assert entry.attributes == {"level": "kommunal", "organisation_type": "kommune"}
    from indsigt.anonymise.attribution import attribution_label

    assert attribution_label(entry.attributes) == "Deltager i kommune"


def test_missing_sheet_or_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_respondents(tmp_path / "findes-ikke.yaml")
    with pytest.raises(InputError, match="is a directory"):
        read_respondents(tmp_path)


def test_a_bad_sheet_and_a_bad_file_are_reported_together(
    study: indsigt.Project, tmp_path: Path, interviews: list[Path]
) -> None:
    sheet = tmp_path / "r.yaml"
    sheet.write_text("- {speaker: A, kind: chef}\n", encoding="utf-8")
    missing = tmp_path / "mangler.txt"
    before = row_counts(study)
    with pytest.raises(ImportFailed) as failed:
        study.import_files([*interviews, missing], respondents=sheet)
    assert [error.path for error in failed.value.errors] == [str(missing), str(sheet)]
    assert row_counts(study) == before


def test_a_row_for_the_interviewer_is_the_interviewer_s(tmp_path: Path) -> None:
    """A sheet that gives every speaker a row, the interviewer's without a kind (or with a
    level of "interviewer"): that speaker was a respondent and their questions were counted
    as what respondents say. A role for a label, or the kind in the analyst's words, says it;
    any other kind is refused."""
    path = tmp_path / "ledere.csv"
    path.write_text(
        "Interview;Taler;Niveau;Kind\n"
        "dk01;Interviewer;interviewer;\n"
        "dk01;Mette;kommune;\n"
        "dk02;Anne;;Moderator\n"
        "dk02;Ole;region;Informant\n",
        encoding="utf-8",
    )
    assert [(e.speaker, e.kind) for e in read_respondents(path)] == [
        ("Interviewer", "interviewer"),
        ("Mette", "respondent"),
        ("Anne", "interviewer"),
        ("Ole", "respondent"),
    ]
    path.write_text("speaker,kind\nMette,chef\n", encoding="utf-8")
    with pytest.raises(InputError, match="row 2: kind 'chef' must be respondent or interviewer"):
        read_respondents(path)


def test_a_sheet_s_own_headers_label_the_attributes_they_name(
    study: indsigt.Project, tmp_path: Path, interviews: list[Path]
) -> None:
    """ "Niveau" names the field level (so quotes say "i kommune"); the study showed it as
    "Level" on Danish pages and in the report's tables. The header is the label, unless the
    study has a label of its own; an English header that is the field's name adds none."""
    from indsigt.settings import attribute_labels, change_setting

    change_setting(study.store, study.study.id, "attribute-label:role", "Stilling")
    sheet = tmp_path / "ledere.csv"
    sheet.write_text(
        "Interview;Taler;Niveau;Rolle;Organisationstype;Sector\n"
        "dk01;Mette;kommune;direktør;kommune;offentlig\n",
        encoding="utf-8",
    )
    study.import_files(interviews[:1], respondents=sheet)
    with study.store.connect() as connection:
        labels = attribute_labels(connection, study.study.id)
    assert labels == {
        "level": "Niveau",
        "role": "Stilling",
        "organisation_type": "Organisationstype",
    }


def test_a_sheet_names_speakers_as_the_transcripts_do_after_anonymisation(
    study: indsigt.Project, tmp_path: Path, interviews: list[Path]
) -> None:
    """Anonymisation renames "Mette" to a pseudonym; the analyst's sheet, made from the
    transcripts, still says "Mette": it was refused ("speaker 'Mette' not found … speakers
    there: Interviewer, Deltager A"). It is matched by the label the transcript gave; a
    refusal still lists only the labels as they are now, never the names before."""
    study.import_files(interviews[:1])
    study.anonymise(detectors=[])
    [doc] = study.documents()
    now = {speaker.label for speaker in study.speakers(doc)}
    assert "Mette" not in now
    sheet = tmp_path / "ledere.csv"
    sheet.write_text("Interview;Taler;Niveau\ndk01;Mette;kommune\n", encoding="utf-8")
    report = study.import_files([], respondents=sheet)
    assert report.speakers_linked == 1
    [person] = study.respondents()
    assert person.attributes == {"level": "kommune"}
    # her turns' label in the text is the pseudonym of the respondent made from her label:
    # the note says to anonymise again; once done, the same sheet changes no one
    assert any("anonymise the study again" in note for note in report.notes)
    study.anonymise(detectors=[])
    again = study.import_files([], respondents=sheet)
    assert not any("anonymise the study again" in note for note in again.notes)
    sheet.write_text("Interview;Taler;Niveau\ndk01;Mettte;kommune\n", encoding="utf-8")
    with pytest.raises(ImportFailed) as failed:
        study.import_files([], respondents=sheet)
    message = str(failed.value)
    assert "'Mettte' not found" in message and "Mette," not in message.split("speakers there")[1]


def test_the_speakers_as_a_sheet_to_fill_in_come_back_linked(
    study: indsigt.Project, tmp_path: Path, interviews: list[Path]
) -> None:
    """`indsigt ls STUDY speakers --sheet FILE`: every speaker of every document (a
    transcriber's notes left out), the kind the import found, no names; a level column filled
    in and imported links them."""
    from click.testing import CliRunner
    from openpyxl import load_workbook

    from indsigt.cli import main

    study.import_files(interviews)
    path = tmp_path / "talere.xlsx"
    assert study.write_speaker_sheet(path) == sum(len(study.speakers(d)) for d in study.documents())
    book = load_workbook(path)
    sheet = book.active
    assert sheet is not None
    header = [cell.value for cell in sheet[1]]
    assert header[:4] == ["document", "speaker", "kind", "respondent"]
    rows = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=2)]
    assert [str(v) for v in rows[0][:3]] == ["dk01.txt", "Interviewer", "interviewer"]
    names = " ".join(str(v) for row in rows for v in row if v)
    assert not any(name in names for name in NAMES if " " in name)  # no full names
    level = len(header)
    sheet.cell(row=1, column=level + 1, value="level")
    for number, row in enumerate(rows, start=2):
        if row[2] == "respondent":
            sheet.cell(row=number, column=level + 1, value="kommune")
    book.save(path)
    report = study.import_files([], respondents=path)
    assert report.speakers_linked == len(rows)
    assert {p.attributes.get("level") for p in study.respondents()} == {"kommune"}
    listed = CliRunner().invoke(main, ["ls", str(study.store.location), "speakers", "--json"])
    assert listed.exit_code == 0, listed.output
    assert '"level": "kommune"' in listed.output


def test_a_sheet_alone_that_fails_says_so_without_counting_files(
    study: indsigt.Project, tmp_path: Path, interviews: list[Path]
) -> None:
    """It said "nothing was imported, -1 other file(s) included"."""
    from click.testing import CliRunner

    from indsigt.cli import main

    study.import_files(interviews[:1])
    sheet = tmp_path / "ledere.csv"
    sheet.write_text("speaker,level\nSøren,kommune\n", encoding="utf-8")
    alone = CliRunner().invoke(
        main, ["import", str(study.store.location), "--respondents", str(sheet)]
    )
    assert alone.exit_code != 0 and "speaker 'Søren' not found" in alone.output, alone.output
    assert "other file(s)" not in alone.output
    beside = CliRunner().invoke(
        main,
        ["import", str(study.store.location), str(interviews[1]), "--respondents", str(sheet)],
    )
    assert "nothing was imported, 1 other file(s) included" in beside.output
