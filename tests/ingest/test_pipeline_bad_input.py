"""Bad input: one clear error naming the file and the problem, exit code 2 from the command
line, and an unchanged store. Plus the all-or-nothing batch and idempotent re-imports."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

import indsigt
from indsigt.cli import main
from indsigt.errors import ImportFailed
from indsigt.ingest.base import ImportOptions

from .helpers import row_counts, write_docx

GOOD = "I: Hvordan går det i forvaltningen?\nR1: Det går godt, men travlt.\n"
ANSI = re.compile(r"\x1b\[[0-9;]*m")


@dataclass(frozen=True)
class Case:
    """One bad import: the files, the options, and what the error must say."""

    files: list[Path]
    culprit: Path
    problem: str
    cli_options: tuple[str, ...] = ()
    options: ImportOptions | None = None
    respondents: Path | None = None


def _missing(tmp: Path) -> Case:
    path = tmp / "findes-ikke.txt"
    return Case([path], path, "no such file")


def _directory(tmp: Path) -> Case:
    # A folder is read for its files (test_a_folder_imports_the_files_in_it); one with none
    # that indsigt reads is an error naming the folder.
    path = tmp / "interviews"
    path.mkdir()
    (path / "a.json").write_text("{}")
    return Case([path], path, "no transcript in this folder")


def _empty(tmp: Path) -> Case:
    path = tmp / "tom.txt"
    path.write_bytes(b"")
    return Case([path], path, "the file is empty")


def _whitespace(tmp: Path) -> Case:
    path = tmp / "blank.md"
    path.write_text(" \n\r\n\t\n")
    return Case([path], path, "the file is empty")


def _binary_txt(tmp: Path) -> Case:
    path = tmp / "billede.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8)
    return Case([path], path, "binary data")


def _corrupted_docx(tmp: Path) -> Case:
    good = write_docx(tmp / "hel.docx", lambda d: d.add_paragraph("I: Hej?")).read_bytes()
    path = tmp / "ødelagt.docx"
    path.write_bytes(good[: len(good) // 2])
    return Case([path], path, "Word .docx")


def _pdf_without_text(tmp: Path) -> Case:
    from reportlab.pdfgen import canvas

    path = tmp / "scanning.pdf"
    pdf = canvas.Canvas(str(path))
    pdf.rect(72, 72, 200, 300, fill=1)
    pdf.showPage()
    pdf.save()
    return Case([path], path, "no text layer")


def _broken_vtt(tmp: Path) -> Case:
    path = tmp / "teams.vtt"
    path.write_text(
        "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Anne>Hej.\n\n"
        "00:00:xx.000 --> 00:00:04.000\n<v Bo>Hej.\n"
    )
    return Case([path], path, "line 6: broken cue time '00:00:xx.000 --> 00:00:04.000'")


def _csv_without_column(tmp: Path) -> Case:
    path = tmp / "spørgeskema.csv"
    path.write_text("id,kommune,svar\n1,Ærø,Vi mangler hænder i plejen hver eneste dag.\n")
    return Case(
        [path],
        path,
        "no column named 'Udfordring' (--text-column); columns are: 'id', 'kommune', 'svar'",
        cli_options=("--text-column", "Udfordring"),
        options=ImportOptions(text_columns=("Udfordring",)),
    )


def _unknown_speaker(tmp: Path) -> Case:
    interview = tmp / "dk01.txt"
    interview.write_text(GOOD)
    sheet = tmp / "respondenter.csv"
    sheet.write_text("speaker,respondent,name\nR1,DK01,Mette Holm\nR2,DK02,Jens Hansen\n")
    return Case(
        [interview],
        sheet,
        "row 3: speaker 'R2' not found in any document",
        cli_options=("--respondents", str(sheet)),
        respondents=sheet,
    )


def _unsupported_suffix(tmp: Path) -> Case:
    path = tmp / "interview.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 an old Word file")
    return Case([path], path, "unsupported file type '.doc'; indsigt reads .csv, .docx")


def _corrupted_odt(tmp: Path) -> Case:
    good = _pandoc(tmp, "hel.odt")
    path = tmp / "ødelagt.odt"
    path.write_bytes(good[: len(good) // 2])
    return Case([path], path, "OpenDocument .odt")


def _not_rtf(tmp: Path) -> Case:
    path = tmp / "interview.rtf"
    path.write_text(GOOD)
    return Case([path], path, "not an RTF file")


def _pandoc(tmp: Path, name: str) -> bytes:
    """A good transcript, written by pandoc in the format ``name`` says."""
    source = tmp / "hel.md"
    source.write_text(GOOD)
    subprocess.run(["pandoc", str(source), "-o", str(tmp / name)], check=True)
    return (tmp / name).read_bytes()


def _no_suffix(tmp: Path) -> Case:
    path = tmp / "README"
    path.write_text(GOOD)
    return Case([path], path, "unsupported file type '(no suffix)'")


CASES: dict[str, Callable[[Path], Case]] = {
    "missing": _missing,
    "directory": _directory,
    "empty": _empty,
    "whitespace": _whitespace,
    "binary-txt": _binary_txt,
    "corrupted-docx": _corrupted_docx,
    "corrupted-odt": _corrupted_odt,
    "not-rtf": _not_rtf,
    "pdf-without-text": _pdf_without_text,
    "broken-vtt": _broken_vtt,
    "csv-without-column": _csv_without_column,
    "unknown-speaker": _unknown_speaker,
    "unsupported-suffix": _unsupported_suffix,
    "no-suffix": _no_suffix,
}


def _seed(project: indsigt.Project, tmp_path: Path) -> None:
    """Something already in the store, so that 'unchanged' means more than 'empty'."""
    seed = tmp_path / "seed"
    seed.mkdir()
    (seed / "tidligere.txt").write_text(GOOD.replace("travlt", "stille"))
    project.import_files([seed / "tidligere.txt"])


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_input_through_python(study: indsigt.Project, tmp_path: Path, name: str) -> None:
    _seed(study, tmp_path)
    case = CASES[name](tmp_path)
    before = row_counts(study)
    with pytest.raises(ImportFailed) as failed:
        study.import_files(case.files, options=case.options, respondents=case.respondents)
    (error,) = failed.value.errors
    assert error.path == str(case.culprit)
    assert case.problem in error.problem
    assert str(failed.value) == f"{case.culprit}: {error.problem}"
    assert row_counts(study) == before


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_input_through_the_command_line(study_path: Path, tmp_path: Path, name: str) -> None:
    with indsigt.init_study(study_path) as project:
        _seed(project, tmp_path)
        before = row_counts(project)
    case = CASES[name](tmp_path)
    args = ["import", str(study_path), *map(str, case.files), *case.cli_options]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2, (result.output, result.exception)
    assert isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    lines = ANSI.sub("", result.stderr).strip().splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith("error: ")
    assert case.culprit.name in lines[0]
    assert case.problem in lines[0]
    with indsigt.open_study(study_path) as project:
        assert row_counts(project) == before


def test_all_bad_files_are_reported_at_once(study: indsigt.Project, tmp_path: Path) -> None:
    cases = [CASES[name](tmp_path) for name in ("missing", "empty", "broken-vtt", "binary-txt")]
    before = row_counts(study)
    with pytest.raises(ImportFailed) as failed:
        study.import_files([case.culprit for case in cases])
    assert [error.path for error in failed.value.errors] == [str(c.culprit) for c in cases]
    assert str(failed.value).startswith("4 problems:\n  ")
    assert row_counts(study) == before


def test_a_batch_with_one_bad_file_imports_nothing(study: indsigt.Project, tmp_path: Path) -> None:
    good = tmp_path / "god.txt"
    good.write_text(GOOD)
    bad = CASES["corrupted-docx"](tmp_path).culprit
    before = row_counts(study)
    with pytest.raises(ImportFailed) as failed:
        study.import_files([good, bad])
    assert [error.path for error in failed.value.errors] == [str(bad)]
    assert row_counts(study) == before
    assert study.documents() == []
    # Once the bad file is left out, the good one imports.
    assert study.import_files([good]).imported == ("god.txt",)


def test_a_batch_with_one_bad_file_imports_nothing_from_the_cli(
    study_path: Path, tmp_path: Path
) -> None:
    indsigt.init_study(study_path).close()
    good = tmp_path / "god.txt"
    good.write_text(GOOD)
    bad = CASES["broken-vtt"](tmp_path).culprit
    result = CliRunner().invoke(main, ["import", str(study_path), str(good), str(bad)])
    assert result.exit_code == 2
    assert "teams.vtt" in result.stderr
    # The good file's user learns that it was not imported either.
    assert "nothing was imported, 1 other file(s) included" in result.stderr
    with indsigt.open_study(study_path) as project:
        assert project.documents() == []
        assert row_counts(project)["event"] == 1  # study.created only


def test_the_same_file_twice_in_one_call(study: indsigt.Project, tmp_path: Path) -> None:
    path = tmp_path / "dk01.txt"
    path.write_text(GOOD)
    copy = tmp_path / "kopi.txt"
    shutil.copy(path, copy)
    report = study.import_files([path, path, copy])
    assert report.imported == ("dk01.txt",)
    assert report.skipped == ("dk01.txt", "kopi.txt")
    assert len(study.documents()) == 1


def test_the_same_file_in_two_calls_is_a_no_op(study: indsigt.Project, tmp_path: Path) -> None:
    path = tmp_path / "dk01.txt"
    path.write_text(GOOD)
    sheet = tmp_path / "svar.csv"
    sheet.write_text("id,svar\nA,Vi mangler hænder i plejen hver eneste dag.\n")
    first = study.import_files([path, sheet])
    assert first.imported == ("dk01.txt", "svar.csv#A")
    before = row_counts(study)
    second = study.import_files([path, sheet])
    assert second.imported == ()
    assert second.skipped == ("dk01.txt", "svar.csv#A")
    assert second.turns == second.passages == second.respondents == 0
    assert row_counts(study) == before


def test_the_same_file_in_two_cli_calls(study_path: Path, tmp_path: Path) -> None:
    indsigt.init_study(study_path).close()
    path = tmp_path / "dk01.txt"
    path.write_text(GOOD)
    first = CliRunner().invoke(main, ["import", str(study_path), str(path)])
    assert first.exit_code == 0, first.output
    with indsigt.open_study(study_path) as project:
        before = row_counts(project)
    second = CliRunner().invoke(main, ["import", str(study_path), str(path)])
    assert second.exit_code == 0, second.output
    assert "imported 0 document(s)" in second.stdout
    assert "skipped dk01.txt: identical content is already in the study" in second.stdout
    with indsigt.open_study(study_path) as project:
        assert row_counts(project) == before


def test_a_changed_file_is_imported_again_under_a_new_name(
    study: indsigt.Project, tmp_path: Path
) -> None:
    path = tmp_path / "dk01.txt"
    path.write_text(GOOD)
    study.import_files([path])
    path.write_text(GOOD + "I: Tak.\n")
    assert study.import_files([path]).imported == ("dk01.txt (2)",)


def test_an_unknown_passage_unit_is_an_error(study: indsigt.Project, tmp_path: Path) -> None:
    path = tmp_path / "dk01.txt"
    path.write_text(GOOD)
    before = row_counts(study)
    with pytest.raises(indsigt.IndsigtError, match="unknown passage unit 'ord'"):
        study.import_files([path], unit="ord")
    assert row_counts(study) == before


def test_a_folder_imports_the_files_in_it(study_path: Path, tmp_path: Path) -> None:
    """`indsigt import study.db transcripts/` — what a user with a folder of interviews types
    first; it used to say "is a directory; name the files"."""
    indsigt.init_study(study_path).close()
    folder = tmp_path / "transcripts"
    folder.mkdir()
    (folder / "b.txt").write_text(GOOD.replace("travlt", "roligt"))
    (folder / "a.txt").write_text(GOOD)
    (folder / "notes.json").write_text("{}")
    (folder / "respondents.csv").write_text("document,speaker,respondent\na.txt,R1,R1\n")
    (folder / ".DS_Store").write_bytes(b"\0")
    (folder / "old").mkdir()
    (folder / "old" / "c.txt").write_text(GOOD.replace("godt", "skidt"))
    result = CliRunner().invoke(main, ["import", str(study_path), str(folder)])
    assert result.exit_code == 0, result.output
    assert "imported 2 document(s)" in result.output
    assert "transcripts/: 2 file(s) read, 2 left out (.csv, .json: a sheet" in result.output
    with indsigt.open_study(study_path) as project:
        assert [d.name for d in project.documents()] == ["a.txt", "b.txt"]


def test_a_folder_with_nothing_to_read_is_an_error(study_path: Path, tmp_path: Path) -> None:
    indsigt.init_study(study_path).close()
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "notes.json").write_text("{}")
    good = tmp_path / "god.txt"
    good.write_text(GOOD)
    result = CliRunner().invoke(main, ["import", str(study_path), str(empty), str(good)])
    assert result.exit_code == 2
    assert "empty: no transcript in this folder" in result.stderr
    assert "nothing was imported, 1 other file(s) included" in result.stderr
