"""Human labels for respondent attributes: `indsigt settings STUDY attribute-label:NAME LABEL`,
else the sheet's header when it reads as a label, else the field name capitalised."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import indsigt
from indsigt.cli import main
from indsigt.errors import IndsigtError
from indsigt.settings import attribute_label, humanise


def run(*args: str) -> str:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, (result.output, result.exception)
    return result.output


@pytest.mark.parametrize(
    ("name", "label"),
    [
        ("organisation_type", "Organisation type"),
        ("level", "Level"),
        ("Organisationstype", "Organisationstype"),
        ("Type of organisation", "Type of organisation"),
        ("sector-code", "Sector code"),
    ],
)
def test_a_field_name_becomes_a_label(name: str, label: str) -> None:
    assert humanise(name) == label
    assert attribute_label(name) == label
    assert attribute_label(name, {name: "Eget navn"}) == "Eget navn"


def test_the_label_setting_from_the_command_line(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("I: Hej?\nR: Hej med dig.\n", encoding="utf-8")
    (folder / "r.csv").write_text(
        "document,speaker,respondent,organisation_type\na,R,P1,kommune\n", encoding="utf-8"
    )
    study = tmp_path / "s.db"
    with indsigt.init_study(study, anonymisation_required=False) as project:
        project.import_files([folder / "a.txt"], respondents=folder / "r.csv")
    out = run("settings", str(study))
    assert "attribute-label:organisation_type: Organisation type" in out
    run("settings", str(study), "attribute-label:organisation_type", "Organisationstype")
    shown = json.loads(run("settings", str(study), "--json"))
    assert shown["attribute-labels"] == {"organisation_type": "Organisationstype"}
    run("settings", str(study), "attribute-label:organisation_type", "default")
    shown = json.loads(run("settings", str(study), "--json"))
    assert shown["attribute-labels"] == {"organisation_type": "Organisation type"}
    with indsigt.open_study(study) as project, pytest.raises(IndsigtError, match="at most 100"):
        project.change_setting("attribute-label:organisation_type", "x" * 101)
