"""A study of focus groups says so (the s28 walk: four GENNOVATE focus groups read "Respondent
A" and "4 of 4 respondents"): at the first import, when the documents are focus groups and
the user named no noun, the study's respondent noun becomes "Focus group" in its language."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from click.testing import CliRunner

import indsigt
from indsigt.cli import main
from indsigt.nouns import respondent_noun
from indsigt.report.i18n import Words
from indsigt.settings import noun_of

HEADER = ("data_container", "transcript", "quote or transcriber's summary")


def _sheet(folder: Path, name: str = "TRANSCRIPT_XX1_XX1E_F.csv") -> Path:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADER)
    writer.writerow(("E.1", "Respondents cast 10 votes for the market.", "transcriber’s summary"))
    writer.writerow(("E.2", "Most of the women work in the fields and sell at home.", "quote"))
    writer.writerow(("E.2", "The men go to the market and the women stay at home.", "quote"))
    path = folder / name
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


def _noun(project: indsigt.Project) -> str:
    with project.store.connect() as connection:
        return noun_of(connection, project.study.id).singular


def test_a_bare_study_of_focus_groups_calls_them_focus_groups(tmp_path: Path) -> None:
    with indsigt.init_study(tmp_path / "s.db") as project:
        report = project.import_files([_sheet(tmp_path)])
        assert _noun(project) == "Focus group"
        assert any(
            "respondent noun set to Focus group: the documents are focus groups" in note
            for note in report.notes
        )
        project.anonymise(detectors=[])
        text = project.documents()[0].text
        assert project.settings().respondent_noun == "Focus group/focus groups"
    assert "\nFocus group A: Most of the women" in text
    assert "Respondent" not in text.replace("Respondents cast", "")


@pytest.mark.parametrize(
    ("language", "noun"), [("da", "Fokusgruppe"), ("no", "Fokusgruppe"), ("sv", "Fokusgrupp")]
)
def test_the_focus_group_noun_is_in_the_study_language(
    tmp_path: Path, language: str, noun: str
) -> None:
    with indsigt.init_study(tmp_path / "s.db", language=language) as project:
        project.import_files([_sheet(tmp_path)])
        assert _noun(project) == noun


def test_the_users_noun_wins_and_the_noun_is_settled_once(tmp_path: Path) -> None:
    with indsigt.init_study(tmp_path / "a.db", respondent_noun="Gruppe") as project:
        report = project.import_files([_sheet(tmp_path)])
        assert _noun(project) == "Gruppe"
        assert not any("respondent noun" in note for note in report.notes)
    interview = tmp_path / "i.txt"
    interview.write_text("I: What do you do?\nR: I sell vegetables at the market.\n")
    with indsigt.init_study(tmp_path / "b.db") as project:
        project.import_files([interview])
        project.import_files([_sheet(tmp_path)])  # not the first import: nothing changes
        assert _noun(project) == "Respondent"


def test_the_report_counts_focus_groups_in_either_language() -> None:
    english = Words("en", respondent=respondent_noun("Focus group", "en"))
    assert english.of_leaders(4, 4) == "4 of 4 focus groups"
    assert english("based_on", interviews=4, leaders=4, levels="").endswith("with 4 focus groups")
    assert "“Focus group A”" in english.strings["anonymised"]
    assert english("reason_all") == "it holds for every focus group or for none"
    danish = Words("da", respondent=respondent_noun("Focus group", "da", study_language="en"))
    assert danish.of_leaders(4, 4) == "4 af 4 fokusgrupper"
    assert danish("no_segments", by="x").startswith("Fokusgrupperne kan ikke")
    assert "»Fokusgruppe A«" in danish.strings["anonymised"]
    assert "de er kun én fokusgruppes, eller én fokusgruppe" in danish.strings["other_themes_intro"]
    deltager = Words("da", respondent=respondent_noun("Deltager", "da"))
    assert deltager("other_theme", label="x", count="3", share="70 %").endswith("én deltagers")


def test_focus_group_pseudonyms_are_known_pseudonyms() -> None:
    from indsigt.anonymise.study import _GENERIC_LABEL
    from indsigt.report.pullquotes import PSEUDONYM

    for text in ("Focus group A", "Fokusgruppe B", "Fokusgrupp C"):
        assert PSEUDONYM.fullmatch(text)
        assert _GENERIC_LABEL.match(text)


def test_the_cli_counts_focus_groups(tmp_path: Path) -> None:
    study = str(tmp_path / "c.db")
    runner = CliRunner()
    assert runner.invoke(main, ["init", study]).exit_code == 0
    result = runner.invoke(main, ["import", study, str(_sheet(tmp_path))])
    assert result.exit_code == 0, result.output
    assert "respondent noun set to Focus group" in result.output
    stats = runner.invoke(main, ["stats", study])
    assert stats.exit_code == 0, stats.output
    assert "1 documents, 1 focus group," in stats.output


def test_themes_and_keypoints_print_the_noun() -> None:
    from indsigt.cli.output import console, counted
    from indsigt.cli.themes import _print_themes

    groups = respondent_noun("Focus group", "en")
    assert counted(4, groups) == "4 focus groups" and counted(1, groups) == "1 focus group"
    theme = {"id": 1, "label": "Markets", "size": 12, "respondents": 3, "terms": ["market"]}
    result = {"unit": "statement", "themes": [{**theme, "examples": []}], "run": 1}
    with console.capture() as captured:
        _print_themes({**result, "unassigned_share": 0.1}, groups)
    assert "(12 statements, 3 focus groups): market" in captured.get()


def test_a_focus_group_pseudonym_is_a_pseudonym_to_units_keypoints_and_labels() -> None:
    from indsigt.analyse.keypoints.candidates import PSEUDONYM as KEYPOINT
    from indsigt.themes.phrase import PSEUDONYM as LABELS
    from indsigt.units.lexicon import PSEUDONYM as UNITS

    for text in ("Focus group A.", "As Fokusgruppe B said", "Fokusgrupp C"):
        assert UNITS.search(text) and KEYPOINT.search(text) and LABELS.search(text)
