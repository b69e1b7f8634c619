"""The command line, through click's test runner (and once through `python -m indsigt`)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

import indsigt
from indsigt.cli import main
from indsigt.sample import interview_files, respondents_sheet
from indsigt.store import migrate
from indsigt.store.engine import create_engine

ANSI = re.compile(r"\x1b\[[0-9;]*m")


def run(*args: str | Path, code: int = 0) -> Result:
    result = CliRunner().invoke(main, [str(arg) for arg in args])
    assert result.exit_code == code, (result.output, result.exception)
    if code == 0:
        assert result.exception is None
    return result


def run_json(*args: str | Path) -> Any:
    return json.loads(run(*args, "--json").stdout)


def plain(text: str) -> str:
    return ANSI.sub("", text)


@pytest.fixture(scope="module")
def sample_study(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample study, created and imported through the command line."""
    path = tmp_path_factory.mktemp("cli") / "study.db"
    run("init", path, "--name", "Eksempel")
    run("import", path, *interview_files(), "--respondents", respondents_sheet())
    return path


# -- init and import ------------------------------------------------------------------------------


def test_init(tmp_path: Path) -> None:
    path = tmp_path / "study.db"
    result = run("init", path, "--name", "Min [studie]", "--language", "sv", "--no-anonymisation")
    assert "created study Min [studie]" in plain(result.stdout)
    with indsigt.open_study(path) as project:
        assert project.study.name == "Min [studie]"
        assert project.study.language == "sv"
        assert project.study.anonymisation_required is False


def test_init_defaults(tmp_path: Path) -> None:
    path = tmp_path / "mit-studie.db"
    run("init", path)
    with indsigt.open_study(path) as project:
        assert project.study.name == "mit-studie"
        assert project.study.language == "da"
        assert project.study.anonymisation_required is True


def test_import_json_and_reimport(tmp_path: Path) -> None:
    path = tmp_path / "study.db"
    run("init", path)
    files = interview_files()
    report = run_json("import", path, *files, "--respondents", respondents_sheet())
    assert report["imported"] == [f.name for f in files]
    assert report["skipped"] == []
    assert report["respondents"] == 15
    assert report["turns"] > 0
    assert report["passages"] > report["turns"]
    again = run_json("import", path, *files)
    assert again["imported"] == []
    assert again["skipped"] == [f.name for f in files]


def test_import_text_output(tmp_path: Path) -> None:
    path = tmp_path / "study.db"
    run("init", path)
    source = tmp_path / "interview.txt"
    source.write_text("I: Hvordan går det?\n\nR: Det går godt. Tak.\n", encoding="utf-8")
    out = plain(run("import", path, source, "--unit", "turn").stdout)
    assert "imported 1 document(s): 2 turns, 2 passages, 1 new respondent(s)" in out
    out = plain(run("import", path, source).stdout)
    assert "skipped interview.txt: identical content is already in the study" in out


def test_import_unit_and_language(tmp_path: Path) -> None:
    path = tmp_path / "study.db"
    run("init", path)
    source = tmp_path / "interview.txt"
    source.write_text("I: Hvad så?\n\nR: Ja. Nej. Måske.\n", encoding="utf-8")
    run("import", path, source, "--unit", "paragraph", "--language", "no")
    (document,) = run_json("ls", path, "documents")
    assert document["unit"] == "paragraph"
    assert document["language"] == "no"
    assert document["passages"] == 2


def test_import_sheet_options(tmp_path: Path) -> None:
    path = tmp_path / "study.db"
    run("init", path)
    sheet = tmp_path / "answers.csv"
    sheet.write_text(
        "id,niveau,Hvad er jeres største udfordring?\n"
        "A1,kommune,Tid. Og penge.\n"
        "A2,stat,Kompetencer.\n",
        encoding="utf-8",
    )
    report = run_json(
        "import",
        path,
        sheet,
        "--text-column",
        "Hvad er jeres største udfordring?",
        "--id-column",
        "id",
        "--layout",
        "answers",
    )
    assert report["imported"]
    assert report["passages"] >= 2
    texts = [p["text"] for p in run_json("ls", path, "passages")]
    assert "Kompetencer." in texts


# -- reading ------------------------------------------------------------------------------------


def test_ls_documents(sample_study: Path) -> None:
    rows = run_json("ls", sample_study, "documents")
    assert [row["name"] for row in rows] == [f.name for f in interview_files()]
    assert {row["format"] for row in rows} == {"txt", "docx", "vtt"}
    assert {row["language"] for row in rows} == {"da", "no", "sv", "en"}
    for row in rows:
        assert set(row) >= {"id", "name", "format", "language", "unit", "turns", "passages"}
        assert row["turns"] > 0 and row["passages"] >= row["turns"] and row["words"] >= 1500
    assert run_json("ls", sample_study) == rows  # documents is the default


def test_ls_respondents(sample_study: Path) -> None:
    rows = run_json("ls", sample_study, "respondents")
    assert len(rows) == 15
    assert {row["attributes"]["level"] for row in rows} == {"stat", "region", "kommune"}
    assert all(row["pseudonym"].startswith("Respondent ") for row in rows)


def test_ls_passages(sample_study: Path) -> None:
    rows = run_json("ls", sample_study, "passages", "--document", "dk05", "--limit", "5")
    assert len(rows) == 5
    assert {row["document_id"] for row in rows} == {rows[0]["document_id"]}
    assert [row["seq"] for row in rows] == [0, 1, 2, 3, 4]
    doc = run_json("show", sample_study, "dk05")
    assert doc["id"] == rows[0]["document_id"]
    everything = run_json("ls", sample_study, "passages")
    assert len(everything) == sum(d["passages"] for d in run_json("ls", sample_study))


def test_ls_tables(sample_study: Path) -> None:
    out = plain(run("ls", sample_study).stdout)
    assert "dk01_kommune_viborg.txt" in out and "sv01_region_skane.txt" in out
    out = plain(run("ls", sample_study, "respondents").stdout)
    assert "level=kommune" in out
    out = plain(run("ls", sample_study, "passages", "--limit", "3").stdout)
    assert out.count("\n") > 3


def test_show_json(sample_study: Path) -> None:
    doc = run_json("show", sample_study, "dk06")
    assert doc["name"] == "dk06_kommune_gruppeinterview.txt"
    assert doc["format"] == "txt" and doc["language"] == "da"
    speakers = {(t["speaker"], t["role"]) for t in doc["turns"]}
    assert speakers == {
        ("Moderator", "interviewer"),
        ("Henrik", "respondent"),
        ("Birgitte", "respondent"),
        ("Ali", "respondent"),
    }
    assert [t["seq"] for t in doc["turns"]] == list(range(len(doc["turns"])))
    assert all(t["start_ms"] is None for t in doc["turns"])
    assert all(t["text"] and t["start"] < t["end"] for t in doc["turns"])


@pytest.mark.parametrize(
    "name", [f.name for f in interview_files() if f.suffix == ".vtt"], ids=lambda n: n[:4]
)
def test_show_json_vtt_has_timestamps(sample_study: Path, name: str) -> None:
    doc = run_json("show", sample_study, name)
    assert doc["format"] == "vtt"
    turns = doc["turns"]
    assert {t["role"] for t in turns} == {"interviewer", "respondent"}
    starts = [t["start_ms"] for t in turns]
    assert all(isinstance(ms, int) for ms in starts)
    assert starts == sorted(starts)
    assert all(t["end_ms"] >= t["start_ms"] for t in turns)


def test_show_by_id_and_text_output(sample_study: Path) -> None:
    doc = run_json("show", sample_study, "dk07")
    by_id = run_json("show", sample_study, str(doc["id"]))
    assert by_id == doc
    out = plain(run("show", sample_study, "dk07").stdout)
    assert out.startswith(f"{doc['name']} (vtt, da, {len(doc['turns'])} turns)")
    first = doc["turns"][0]
    assert f"{first['speaker']} ({first['role']}) [00:00:" in out


def test_stats_json(sample_study: Path) -> None:
    stats = run_json("stats", sample_study)
    assert stats["by"] == "level"
    assert {row["level"] for row in stats["segments"]} == {"stat", "region", "kommune"}
    assert stats["totals"]["documents"] == 13
    assert stats["totals"]["respondents"] == 15
    assert len(stats["documents"]) == 13
    by_country = run_json("stats", sample_study, "--by", "country")
    assert {row["country"] for row in by_country["segments"]} == {"DK", "NO", "SE"}


def test_stats_text_output(sample_study: Path) -> None:
    out = plain(run("stats", sample_study, "--by", "language").stdout)
    assert "by language" in out
    assert "13 documents, 15 participants" in out  # the study's noun: Danish "Deltager"


# -- demo and db --------------------------------------------------------------------------------


@pytest.mark.slow
def test_demo(tmp_path: Path) -> None:
    outdir = tmp_path / "demo"
    result = run_json("demo", outdir)
    database = outdir / "study.db"
    assert Path(result["study"]) == database
    assert database.is_file()
    assert len(result["import"]["imported"]) == 13
    assert result["statistics"]["totals"]["respondents"] == 15
    assert result["guide"]["questions"] == 16
    assert result["guide"]["aligned_interviewer_turns"] > result["guide"]["interviewer_turns"] / 2
    again = run_json("demo", outdir)  # replaces the earlier demo study
    assert len(again["import"]["imported"]) == 13
    assert again["statistics"] == result["statistics"]
    with indsigt.open_study(database) as project:
        assert len(project.documents()) == 13


@pytest.mark.slow
def test_demo_text_output(tmp_path: Path) -> None:
    out = plain(run("demo", tmp_path / "demo").stdout)
    assert "13 documents, 15 respondents" in out
    assert f"study database: {tmp_path / 'demo' / 'study.db'}" in out.replace("\n", "")


def test_db_upgrade(tmp_path: Path) -> None:
    path = tmp_path / "study.db"
    run("init", path)
    head = migrate.head_revision()
    out = plain(run("db", "upgrade", path).stdout)
    assert f"schema {head} → {head}" in out
    engine = create_engine(path)
    try:
        migrate.downgrade(engine, "0001")
        assert migrate.current_revision(engine) == "0001"
    finally:
        engine.dispose()
    out = plain(run("db", "upgrade", path).stdout)
    assert f"schema 0001 → {head}" in out
    assert path.with_name("study.db.bak").exists()
    with indsigt.open_study(path) as project:
        assert project.study.name == "study"


# -- help, version, entry points ------------------------------------------------------------------


def test_help_and_version() -> None:
    out = run("--help").stdout
    for command in ("init", "import", "ls", "show", "stats", "demo", "db"):
        assert command in out
    assert "upgrade" in run("db", "--help").stdout
    assert indsigt.__version__ in run("--version").stdout


def test_python_m_indsigt() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "indsigt", "--help"], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert "Usage:" in done.stdout and "import" in done.stdout


def test_python_m_indsigt_error(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "indsigt", "ls", str(tmp_path / "missing.db")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert plain(done.stderr).strip().count("\n") == 0
    assert "no study here" in done.stderr


# -- errors ---------------------------------------------------------------------------------------


def error_line(result: Result) -> str:
    assert "Traceback" not in result.output
    assert isinstance(result.exception, SystemExit)
    lines = plain(result.stderr).strip().splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith("error: ")
    return lines[0]


def test_error_missing_study(tmp_path: Path) -> None:
    missing = tmp_path / "missing.db"
    for args in (("ls", missing), ("show", missing, "dk01"), ("stats", missing)):
        line = error_line(run(*args, code=2))
        assert f"{missing}: no study here" in line
    assert not missing.exists()


def test_error_unknown_document(sample_study: Path) -> None:
    line = error_line(run("show", sample_study, "nothing-like-this", code=2))
    assert "no document 'nothing-like-this'" in line
    line = error_line(run("ls", sample_study, "passages", "--document", "zz", code=2))
    assert "no document 'zz'" in line


def test_error_ambiguous_document(sample_study: Path) -> None:
    line = error_line(run("show", sample_study, "dk0", code=2))
    assert "matches several documents" in line


def test_error_init_existing(sample_study: Path) -> None:
    line = error_line(run("init", sample_study, code=2))
    assert "already exists" in line


def test_error_import_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "study.db"
    run("init", path)
    line = error_line(run("import", path, tmp_path / "missing.txt", code=2))
    assert "missing.txt: no such file" in line


def test_error_db_upgrade_missing(tmp_path: Path) -> None:
    line = error_line(run("db", "upgrade", tmp_path / "missing.db", code=2))
    assert "no study here" in line


def test_usage_errors(sample_study: Path) -> None:
    assert "name at least one file" in run("import", sample_study, code=2).output
    run("ls", sample_study, "turns", code=2)
    run("ls", sample_study, "--limit", "-1", code=2)
    run("import", sample_study, "x.txt", "--unit", "word", code=2)


# -- text is never read as rich markup ------------------------------------------------------------


def test_brackets_in_names_and_text(tmp_path: Path) -> None:
    path = tmp_path / "study.db"
    run("init", path)
    source = tmp_path / "interview [final].txt"
    source.write_text(
        "I: Hvad tænker du [/]?\n\nR: Det er [red]fint[/red] [griner].\n", encoding="utf-8"
    )
    run("import", path, source)
    out = plain(run("import", path, source).stdout)
    assert "skipped interview [final].txt" in out
    out = plain(run("ls", path).stdout)
    assert "interview [final].txt" in out
    out = plain(run("ls", path, "passages").stdout)
    assert "[griner]" in out and "[/]" in out and "[red]fint[/red]" in out
    out = plain(run("show", path, "interview").stdout)
    assert out.startswith("interview [final].txt (txt")
    assert "[griner]" in out
    line = error_line(run("import", path, tmp_path / "a[/]b.txt", code=2))
    assert "a[/]b.txt: no such file" in line
