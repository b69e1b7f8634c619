"""`indsigt export --format qdpx` and `indsigt import-qdpx` on the command line."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

import indsigt
from indsigt.cli import main

from .helpers import add_coding, make_study

TRANSCRIPT = "I: Hvad driver jer?\nR: Borgerne 😀. Og økonomien i Ærø.\n"


def run(*args: object, code: int = 0) -> str:
    result = CliRunner().invoke(main, [str(arg) for arg in args])
    assert result.exit_code == code, (result.output, result.exception)
    return result.output


def test_export_and_import_on_the_command_line(tmp_path: Path, project_xsd: Path) -> None:
    project = make_study(tmp_path / "in", {"a.txt": TRANSCRIPT}, codes=[("drivere", "#ff0000", "")])
    with project:
        add_coding(project, project.passages()[1].id, "drivere", "keyword.v1", status="suggested")
    study, out = tmp_path / "in" / "test.db", tmp_path / "a.qdpx"
    exported = json.loads(
        run(
            "export",
            study,
            "--format",
            "qdpx",
            "--output",
            out,
            "--line-endings",
            "crlf",
            "--schema",
            project_xsd,
            "--json",
        )
    )
    assert exported["validated"] and exported["codings"] == 1 and exported["users"] == 1
    text = run("import-qdpx", out, tmp_path / "copy.db", "--no-anonymisation", "--language", "da")
    assert "1 coding(s)" in text
    with indsigt.open_study(tmp_path / "copy.db") as copy:
        assert [d.language for d in copy.documents()] == ["da"]
        assert not copy.study.anonymisation_required
    imported = json.loads(
        run(
            "import-qdpx",
            out,
            tmp_path / "named.db",
            "--name",
            "Kopi",
            "--schema",
            project_xsd,
            "--json",
        )
    )
    assert imported["name"] == "Kopi" and imported["codings"] == 1


def test_errors_are_one_line_and_exit_2(tmp_path: Path) -> None:
    junk = tmp_path / "junk.qdpx"
    junk.write_text("just text", encoding="utf-8")
    output = run("import-qdpx", junk, tmp_path / "new.db", code=2)
    assert "junk.qdpx" in output and "not a REFI-QDA project" in output
    assert not (tmp_path / "new.db").exists()
    output = run("export", tmp_path / "missing.db", "--output", tmp_path / "x.qdpx", code=2)
    assert "no study here" in output
