"""`indsigt themes`: a run is stored; --list, --rename, --merge and --promote work on it
without running again; --json keeps its keys."""

from __future__ import annotations

import json
from pathlib import Path

import sqlalchemy as sa
from click.testing import CliRunner

import indsigt
from indsigt.cli import main
from indsigt.store import schema

from .test_stored import _study


def _cli(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def _runs(path: Path) -> int:
    with indsigt.open_study(path) as project, project.store.connect() as connection:
        return int(connection.scalar(sa.select(sa.func.count()).select_from(schema.theme_run)))


def test_themes_are_stored_listed_renamed_merged_and_promoted(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    _study(path, tmp_path).close()
    code, out = _cli("themes", str(path), "--embedder", "tfidf", "--k", "3", "--json")
    assert code == 0, out
    ran = json.loads(out)
    assert ran["run"] == 1 and len(ran["themes"]) == 3
    first = ran["themes"][0]
    assert {"id", "theme_id", "label", "terms", "size", "examples", "passages"} <= set(first)
    assert first["id"] == 1 and first["label"] != ", ".join(first["terms"][:3])

    code, out = _cli("themes", str(path), "--list", "--json")
    listed = json.loads(out)
    assert listed["run"] == 1 and [t["label"] for t in listed["themes"]] == [
        t["label"] for t in ran["themes"]
    ]
    assert listed["themes"][0]["examples"] == first["examples"]

    code, out = _cli("themes", str(path), "--rename", "2", "Penge <og> budget")
    assert code == 0 and "Penge <og> budget" in out
    code, out = _cli("themes", str(path), "--merge", "1", "3")
    assert code == 0 and "merged theme 3 into theme 1" in out
    code, out = _cli("themes", str(path), "--promote", "2", "--as", "Penge")
    assert code == 0 and "Penge" in out
    assert _runs(path) == 1  # nothing ran again

    code, out = _cli("themes", str(path), "--list")
    assert code == 0
    assert "2. Penge <og> budget [code Penge]" in out
    assert "3. " in out and "[merged]" in out
    listed = json.loads(_cli("themes", str(path), "--list", "--json")[1])
    statuses = {t["id"]: t["status"] for t in listed["themes"]}
    assert statuses == {1: "emergent", 2: "promoted", 3: "merged"}
    assert listed["themes"][0]["size"] == ran["themes"][0]["size"] + ran["themes"][2]["size"]


def test_a_code_scoped_run_is_stored_with_its_scope(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    with _study(path, tmp_path) as project:
        project.themes(k=3, embedder="tfidf")
        project.promote_theme(1, path="Data")
    code, out = _cli("themes", str(path), "--code", "Data", "--embedder", "tfidf", "--json")
    assert code == 0, out
    with indsigt.open_study(path) as project:
        assert project.stored_themes().run == 1  # the whole-study run stays the study's
        assert project.stored_themes(code="Data").run == json.loads(out)["run"] == 2


def test_themes_errors_are_one_line(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    _study(path, tmp_path).close()
    code, out = _cli("themes", str(path), "--list")
    assert code == 2 and "no stored themes" in out
    _cli("themes", str(path), "--embedder", "tfidf", "--k", "3")
    code, out = _cli("themes", str(path), "--rename", "1", "   ")
    assert code == 2 and "cannot be empty" in out
    code, out = _cli("themes", str(path), "--merge", "2", "2")
    assert code == 2 and "into itself" in out
    code, out = _cli("themes", str(path), "--promote", "9", "--as", "X")
    assert code == 2 and "no theme 9" in out
    code, out = _cli("themes", str(path), "--list", "--merge", "1", "2")
    assert code == 2 and "one of --list, --merge" in out
