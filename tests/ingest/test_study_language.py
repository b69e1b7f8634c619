"""A study created without a language takes its documents' language (the s28 walk: English
focus-group transcripts in a study made by a bare `indsigt init` got Danish pseudonyms,
"Deltager A", and Danish placeholders, "[projekt]", in an English report)."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

import indsigt
from indsigt.anonymise.detectors import NO_TAGGER
from indsigt.cli import main
from indsigt.settings import noun_of, study_language

ENGLISH = (
    "I: What do the women of this village do?\n"
    "R: Most of the women work in the fields and they also sell vegetables at home. "
    "Mary told us that the men go to the market and the women stay at home.\n"
)
DANISH = "I: Hvad laver du?\nR: Jeg arbejder med data, og det er jo ikke altid nemt.\n"


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_bare_init_takes_the_documents_language(tmp_path: Path) -> None:
    paths = [
        _write(tmp_path, f"fg{i}.txt", ENGLISH + f"R: We have {i + 2} fields.\n") for i in range(2)
    ]
    with indsigt.init_study(tmp_path / "s.db") as project:
        report = project.import_files(paths)
        with project.store.connect() as connection:
            assert study_language(connection, project.study.id) == "en"
            assert noun_of(connection, project.study.id).singular == "Respondent"
        assert any("study language set to en" in note for note in report.notes)
        project.anonymise(model=NO_TAGGER)
        texts = [d.text for d in project.documents()]
    assert all("Deltager" not in t for t in texts)
    assert any("Respondent A" in t for t in texts)


def test_language_is_settled_once_and_a_chosen_one_stays(tmp_path: Path) -> None:
    english = _write(tmp_path, "en.txt", ENGLISH)
    danish = _write(tmp_path, "da.txt", DANISH)
    with indsigt.init_study(tmp_path / "a.db") as project:
        project.import_files([english])
        project.import_files([danish])  # a later import does not move it again
        with project.store.connect() as connection:
            assert study_language(connection, project.study.id) == "en"
    with indsigt.init_study(tmp_path / "b.db", language="da") as project:
        report = project.import_files([english])
        with project.store.connect() as connection:
            assert study_language(connection, project.study.id) == "da"
        assert not any("study language" in note for note in report.notes)


def test_cli_init_without_language_then_import(tmp_path: Path) -> None:
    study = str(tmp_path / "c.db")
    runner = CliRunner()
    assert runner.invoke(main, ["init", study]).exit_code == 0
    result = runner.invoke(main, ["import", study, str(_write(tmp_path, "en.txt", ENGLISH))])
    assert result.exit_code == 0, result.output
    assert "study language set to en" in result.output
    bad = runner.invoke(main, ["init", str(tmp_path / "d.db"), "--language", "xx"])
    assert bad.exit_code == 2


def test_a_short_answer_takes_its_sheets_language(tmp_path: Path) -> None:
    """An answer of a few words has next to no marker words ("Dispensation til at placere
    containere i to lag" has one English "to"): it takes the language the sheet's answers
    show on firm evidence; a long English answer in the same sheet stays English."""
    rows = [
        "Vi synes ikke at skolen skal lukke, og det er også vores børns skole.",
        "Hvad skal vi gøre, hvis bussen ikke kører? Det er meget svært for os.",
        "Jeg synes også at det er sådan, at vi kun får noget hvis vi råber.",
        "Dispensation til at placere containere i to lag",
        "IT-plan for folkeskolerne",
        "I think that the school is very important and the children of the village need it.",
    ]
    sheet = tmp_path / "svar.csv"
    sheet.write_text("id,text\n" + "".join(f'{i},"{r}"\n' for i, r in enumerate(rows)), "utf-8")
    with indsigt.init_study(tmp_path / "s.db") as project:
        project.import_files([sheet])
        languages = [doc.language for doc in project.documents()]
    assert languages == ["da", "da", "da", "da", "da", "en"]
