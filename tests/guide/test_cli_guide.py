"""`indsigt guide` and `indsigt show`'s guide_question, through the command line."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

import indsigt
from indsigt.cli import main

INTERVIEW = """Interviewer: Velkommen og tak fordi du ville være med.
Mette: Selv tak.
Interviewer: Hvad er de største muligheder i den digitale omstilling?
Mette: Automatisering frigør hænder.
Interviewer: Hvad er de største udfordringer?
Mette: Rekruttering er svært.
"""
GUIDE = """## Muligheder
[Q1] Hvad er de største muligheder i den digitale omstilling?
## Udfordringer
[Q2] Hvad er de største udfordringer?
- Uddyb: Et eksempel?
"""
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def run(*args: str | Path, code: int = 0) -> Result:
    result = CliRunner().invoke(main, [str(arg) for arg in args])
    assert result.exit_code == code, (result.output, result.exception)
    return result


def run_json(*args: str | Path) -> Any:
    return json.loads(run(*args, "--json").stdout)


@pytest.fixture
def study(tmp_path: Path) -> Path:
    (tmp_path / "a.txt").write_text(INTERVIEW, encoding="utf-8")
    (tmp_path / "guide.md").write_text(GUIDE, encoding="utf-8")
    path = tmp_path / "study.db"
    run("init", path, "--no-anonymisation")
    run("import", path, tmp_path / "a.txt")
    return path


def test_import_align_show(study: Path) -> None:
    imported = run_json("guide", study, "import", study.parent / "guide.md")
    assert set(imported) == {"source", "sha256", "questions"}
    assert imported["questions"][1] == {
        "label": "Q2",
        "text": "Hvad er de største udfordringer?",
        "section": "Udfordringer",
        "parent": None,
        "probes": ["Et eksempel?"],
    }
    assert run_json("guide", study, "show") == imported
    aligned = run_json("guide", study, "align", "--embedder", "tfidf")
    assert set(aligned) == {
        "documents",
        "interviewer_turns",
        "aligned_interviewer_turns",
        "turns",
        "aligned_turns",
        "per_question",
        "embedder",
    }
    assert aligned["documents"] == 1 and aligned["interviewer_turns"] == 3
    assert aligned["per_question"] == {"Q1": 1, "Q2": 1}
    doc = run_json("show", study, "a.txt")
    assert [t["guide_question"] for t in doc["turns"]] == [None, None, "Q1", "Q1", "Q2", "Q2"]
    text = ANSI.sub("", run("show", study, "a.txt").stdout)
    assert "Interviewer (interviewer) · Q2" in text
    assert "Mette (respondent) · Q1" in text


def test_show_without_alignment_has_null_guide_question(study: Path) -> None:
    doc = run_json("show", study, "a.txt")
    assert all(t["guide_question"] is None for t in doc["turns"])


def test_reimport_drops_the_old_alignment(study: Path) -> None:
    run("guide", study, "import", study.parent / "guide.md")
    run("guide", study, "align", "--embedder", "tfidf")
    run("guide", study, "import", study.parent / "guide.md")
    doc = run_json("show", study, "a.txt")
    assert all(t["guide_question"] is None for t in doc["turns"])
    with indsigt.open_study(study) as project:
        from indsigt.store import schema

        with project.store.connect() as connection:
            actions = [row.action for row in connection.execute(schema.event.select())]
    assert actions.count("guide.imported") == 2 and actions.count("guide.aligned") == 1


def test_follow_ups_none(study: Path, tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text(
        "Interviewer: Hvad er de største udfordringer?\nLars: Data.\n"
        "Interviewer: Hvornår blev det klart?\nLars: I fjor.\n",
        encoding="utf-8",
    )
    run("import", study, tmp_path / "b.txt")
    run("guide", study, "import", study.parent / "guide.md")
    run("guide", study, "align", "--embedder", "tfidf", "--follow-ups", "none")
    doc = run_json("show", study, "b.txt")
    assert [t["guide_question"] for t in doc["turns"]] == ["Q2", "Q2", None, None]


def test_errors(study: Path, tmp_path: Path) -> None:
    out = run("guide", study, "align", code=2).output
    assert "no interview guide" in out and "indsigt guide STUDY import FILE" in out
    run("guide", study, "import", code=2)  # no FILE
    (tmp_path / "empty.md").write_text("Ingen spørgsmål her.\n", encoding="utf-8")
    out = run("guide", study, "import", tmp_path / "empty.md", code=2).output
    assert "empty.md" in out and "no questions found" in out


def test_align_needs_anonymised_text(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(INTERVIEW, encoding="utf-8")
    (tmp_path / "guide.md").write_text(GUIDE, encoding="utf-8")
    path = tmp_path / "raw.db"
    run("init", path)
    run("import", path, tmp_path / "a.txt")
    run("guide", path, "import", tmp_path / "guide.md")
    out = run("guide", path, "align", "--embedder", "tfidf", code=2).output
    assert "needs anonymised text" in out and "Mette" not in out
