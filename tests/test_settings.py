"""Study settings (issue 15): the respondent noun and the attribute classes, through the API
and `indsigt init --respondent-noun` / `indsigt settings`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import sqlalchemy as sa
from click.testing import CliRunner

import indsigt
from indsigt.cli import main
from indsigt.errors import IndsigtError
from indsigt.nouns import parse_noun, respondent_noun
from indsigt.records import Respondent
from indsigt.sealed import AttributeClasses, check_attributes, default_kind
from indsigt.store import schema


def run(*args: str) -> str:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, (result.output, result.exception)
    return result.output


def interviews(folder: Path) -> tuple[list[Path], Path]:
    folder.mkdir()
    paths = []
    for i in range(3):
        path = folder / f"int{i}.txt"
        path.write_text(
            f"I: Hvad laver du?\nR: Jeg arbejder med data i {i + 2} år.\n", encoding="utf-8"
        )
        paths.append(path)
    sheet = folder / "r.csv"
    sheet.write_text(
        "document,speaker,respondent,level\n"
        + "".join(f"int{i},R,P{i},kommune\n" for i in range(3)),
        encoding="utf-8",
    )
    return paths, sheet


@pytest.mark.parametrize(
    ("language", "pseudonym"),
    [("da", "Deltager A"), ("sv", "Informant A"), ("no", "Informant A"), ("en", "Respondent A")],
)
def test_pseudonyms_default_to_a_neutral_noun(
    tmp_path: Path, language: str, pseudonym: str
) -> None:
    """Regression: every respondent became "Leder A" / "Leader A"."""
    paths, sheet = interviews(tmp_path / "in")
    with indsigt.init_study(tmp_path / "s.db", language=language) as project:
        project.import_files(paths, respondents=sheet, language=language)
        project.anonymise()
        assert next(r.pseudonym for r in project.respondents()) == pseudonym


def test_the_noun_is_set_at_init_and_changed_later(tmp_path: Path) -> None:
    paths, sheet = interviews(tmp_path / "in")
    study = str(tmp_path / "s.db")
    run("init", study, "--respondent-noun", "Leder")
    with indsigt.open_study(study) as project:
        project.import_files(paths, respondents=sheet)
        project.anonymise()
        assert {r.pseudonym for r in project.respondents()} == {"Leder A", "Leder B", "Leder C"}
    shown = json.loads(run("settings", study, "respondent-noun", "Borger/borgere", "--json"))
    assert shown["respondent-noun"] == "Borger/borgere"
    with indsigt.open_study(study) as project:
        project.anonymise()
        assert {r.pseudonym for r in project.respondents()} == {"Borger A", "Borger B", "Borger C"}
        texts = " ".join(p.text for p in project.passages())
        assert "Leder" not in texts
    output = run("settings", study, "respondent-noun", "default")
    assert "Deltager/deltagere" in output


def test_bad_nouns_and_keys_fail_clearly(tmp_path: Path) -> None:
    with pytest.raises(IndsigtError, match="respondent noun '42'"):
        indsigt.init_study(tmp_path / "s.db", respondent_noun="42")
    assert not (tmp_path / "s.db").exists()
    with indsigt.init_study(tmp_path / "t.db") as project:
        with pytest.raises(IndsigtError, match="unknown setting 'colour'"):
            project.change_setting("colour", "red")
        with pytest.raises(IndsigtError, match="publishable, identifying or default"):
            project.change_setting("attribute:role", "public")


def test_plurals_and_translations() -> None:
    assert respondent_noun(None, "da").plural == "deltagere"
    assert respondent_noun("Leder", "en", study_language="da").plural == "leaders"
    assert respondent_noun(None, "en", study_language="da").singular == "Participant"
    assert parse_noun("Borger/borgere", "da").plural == "borgere"
    assert respondent_noun("Informant", "da").definite_plural == "informanterne"


def test_attribute_classes_by_name_and_override() -> None:
    assert default_kind("level") == "publishable" and default_kind("Country") == "publishable"
    for name in ("organisation", "role", "e-mail", "name", "title", "favourite_colour"):
        assert default_kind(name) == "identifying", name
    classes = AttributeClasses({"role": "publishable", "level": "identifying"})
    assert classes.public({"role": "x", "level": "stat", "org": "y"}) == {"role": "x"}


def test_publishable_attributes_that_single_out_a_respondent_warn() -> None:
    people = [
        Respondent(i, f"R{i}", f"Deltager {i}", {"level": level, "country": country})
        for i, (level, country) in enumerate(
            [("kommune", "DK")] * 3 + [("region", "DK")] * 3 + [("kommune", "NO")], start=1
        )
    ]
    found = check_attributes(people, AttributeClasses(), k=3)
    assert [(w.attributes, w.count) for w in found] == [
        ((("country", "NO"), ("level", "kommune")), 1)
    ]
    assert "single out 1 respondent" in found[0].message
    marked = AttributeClasses({"country": "identifying"})
    assert check_attributes(people, marked, k=3) == []
    warnings = indsigt.anonymise.check_reidentification(
        people, k=3, classes=AttributeClasses(), respondent_id=7
    )
    assert [w.kind for w in warnings] == ["small_combination"]
    assert (
        indsigt.anonymise.check_reidentification(
            people, k=3, classes=AttributeClasses(), respondent_id=1
        )
        == []
    )


def test_a_report_never_groups_by_an_identifying_attribute(tmp_path: Path) -> None:
    from indsigt.report import build_context

    with (
        indsigt.init_study(tmp_path / "s.db", anonymisation_required=False) as project,
        pytest.raises(IndsigtError, match="identifying attribute"),
    ):
        build_context(project.store, project.study.id, by="organisation")


def test_the_study_is_renamed(tmp_path: Path) -> None:
    """The report's title is the study's name, the file's stem unless `init --name` gave one:
    `settings name` changes it later, refuses an empty name or another study's."""
    study = str(tmp_path / "gen.db")
    run("init", study)
    assert "name: gen" in run("settings", study)
    shown = json.loads(run("settings", study, "name", "  GENNOVATE   focus groups ", "--json"))
    assert shown["name"] == "GENNOVATE focus groups"
    with indsigt.open_study(study) as project:
        assert project.study.name == "GENNOVATE focus groups"
        with pytest.raises(IndsigtError, match="1 to 200 characters"):
            project.change_setting("name", "   ")
        e = schema.event
        with project.store.connect() as connection:
            logged = connection.scalars(
                sa.select(e.c.payload).where(e.c.action == "setting.changed")
            ).all()
        assert logged[-1] == {"key": "name", "old": "gen", "new": "GENNOVATE focus groups"}


def test_the_study_is_compared_by_the_attribute_its_respondents_differ_in(
    tmp_path: Path,
) -> None:
    """The report and `compare` compared by level always: a study of companies by sector, or
    one whose leaders are all "kommune", compared no one. The study's attribute now: its own
    choice (`settings segment-by`), else the first publishable attribute its respondents
    differ in (level, organisation type, sector, country, …) — never an identifying one
    (role, organisation), which the report would print."""
    from indsigt.report import build_context

    folder = tmp_path / "in"
    paths, sheet = interviews(folder)
    sheet.write_text(
        "document,speaker,respondent,level,sector,role,organisation\n"
        "int0,R,P0,kommune,bygge,chef,Aarhus\n"
        "int1,R,P1,kommune,energi,direktør,Vejle\n"
        "int2,R,P2,kommune,energi,chef,Odense\n",
        encoding="utf-8",
    )
    db = tmp_path / "s.db"
    with indsigt.init_study(db, anonymisation_required=False) as project:
        project.import_files(paths, respondents=sheet)
    assert "segment-by: sector" in run("settings", str(db))
    compared = json.loads(run("compare", str(db), "--json"))
    assert compared["table"]["by"] == "sector"
    with indsigt.open_study(db) as project:
        assert build_context(project.store, project.study.id, key_points=False).by == "sector"
    refused = CliRunner().invoke(main, ["settings", str(db), "segment-by", "role"])
    assert refused.exit_code != 0 and "'role' is identifying" in refused.output
    refused = CliRunner().invoke(main, ["settings", str(db), "segment-by", "region"])
    assert refused.exit_code != 0 and "no respondent has the attribute 'region'" in refused.output
    run("settings", str(db), "segment-by", "level")  # the analyst's choice, one value or not
    assert json.loads(run("compare", str(db), "--json"))["table"]["by"] == "level"
    run("settings", str(db), "segment-by", "default")
    assert "segment-by: sector" in run("settings", str(db))
