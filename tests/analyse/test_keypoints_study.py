"""`indsigt keypoints` on a small study: state leaders say the same about data, municipal
leaders about demography (see tests/report/helpers.py)."""

from __future__ import annotations

import inspect
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

import indsigt
from indsigt.analyse.keypoints.study import study_key_points
from indsigt.cli import main
from indsigt.errors import IndsigtError
from report.helpers import small_study


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("kp")


@pytest.fixture(scope="module")
def small(folder: Path) -> Iterator[indsigt.Project]:
    with small_study(folder) as project:
        yield project


@pytest.mark.slow  # e5 embeddings and the matcher on a whole study
def test_key_points_with_prevalence_by_segment(small: indsigt.Project) -> None:
    result = study_key_points(small.store, small.study.id)
    texts = {point.text: point for point in result.key_points}
    data = texts["Vi bruger data fra alle vores systemer til at styre efter resultater hver uge."]
    assert (data.total.n, data.total.N) == (4, 14)
    assert data.cells["stat"].n == 4 and data.cells["kommune"].n == 0
    assert len(data.passages) == 4 and len(data.respondents) == 4
    demography = texts[
        "Demografien betyder, at vi kommer til at mangle folk i ældreplejen om få år."
    ]
    assert demography.cells["kommune"].n == 6
    assert demography.test.p is not None and demography.test.p < 0.05
    # conversational turns and interviewer questions are never key points
    assert all(not point.text.startswith(("Hvor", "Og")) for point in result.key_points)
    assert all(len(point.respondents) >= 2 for point in result.key_points)


def test_unknown_code_is_an_error(small: indsigt.Project) -> None:
    with pytest.raises(IndsigtError, match="no respondent passage is coded"):
        study_key_points(small.store, small.study.id, code="Findes/Ikke")


def test_cli_json(small: indsigt.Project, folder: Path) -> None:
    path = str(folder / "small.db")
    result = CliRunner().invoke(main, ["keypoints", path, "--by", "level", "--json"])
    assert result.exit_code == 0, result.output
    found = json.loads(result.output)
    assert {"scope", "unit", "by", "respondents", "key_points", "segments"} <= set(found)
    point = found["key_points"][0]
    assert {"text", "n", "N", "passages", "respondents", "cells", "test"} <= set(point)
    assert found["scope"] == "study" and point["N"] == 14
    funnel = found["funnel"]  # how many got through each stage, and the thresholds used
    assert funnel["candidates"] == found["candidates"] and funnel["key_points"] >= 1
    assert funnel["matched"] >= funnel["key_points"] and len(funnel["thresholds"]) == 2
    assert found["sampled"] is None and point["estimate"] is None
    explained = CliRunner().invoke(main, ["keypoints", path, "--explain"])
    assert explained.exit_code == 0 and "stages: " in explained.output, explained.output


def test_cli_without_groups_prints_no_cells_or_tests(small: indsigt.Project, folder: Path) -> None:
    """Grouped by an attribute no respondent has, every respondent is in one group: each line
    said "— (none) 4 of 14; not tested: fewer than two segments" (a GENNOVATE walk)."""
    path = str(folder / "small.db")
    alone = CliRunner().invoke(main, ["keypoints", path, "--by", "country"])
    assert alone.exit_code == 0, alone.output
    lines = [line for line in alone.output.splitlines() if " of 14: “" in line]
    assert lines and all(line.rstrip().endswith("”") for line in lines), alone.output
    assert "(none)" not in alone.output and "cells marked" not in alone.output
    grouped = CliRunner().invoke(main, ["keypoints", path, "--by", "level"])
    assert "stat " in grouped.output and "cells marked" in grouped.output


def test_turns_as_statements_and_excluded_sentences(small: indsigt.Project) -> None:
    by_turn = study_key_points(small.store, small.study.id, unit="turn")
    assert by_turn.unit == "turn" and by_turn.key_points
    assert all(len(point.respondents) >= 2 for point in by_turn.key_points)
    first = by_turn.key_points[0].text
    without = study_key_points(small.store, small.study.id, unit="turn", exclude={first})
    assert first not in {point.text for point in without.key_points}
    with pytest.raises(IndsigtError, match="unit must be statement, passage or turn"):
        study_key_points(small.store, small.study.id, unit="sentence")


def test_statements_of_the_units_stage_and_a_passage_scope(small: indsigt.Project) -> None:
    from indsigt.units import analysis_units

    whole = study_key_points(small.store, small.study.id)
    assert whole.unit == "statement" and whole.scope == "study"
    assert whole.statements == len(analysis_units(small.store, small.study.id))
    point = whole.key_points[0]
    scoped = study_key_points(small.store, small.study.id, passage_ids=point.passages)
    assert scoped.scope == "passages" and scoped.statements <= len(point.passages)
    assert point.text in {p.text for p in scoped.key_points}
    with pytest.raises(IndsigtError, match="give one scope"):
        study_key_points(small.store, small.study.id, code="Muligheder", passage_ids=[1])


@pytest.mark.slow  # e5 embeddings and the matcher on a whole study
def test_theme_scope(small: indsigt.Project) -> None:
    from indsigt.themes import save_themes, study_themes
    from indsigt.themes.stored import latest_themes

    store, sid = small.store, small.study.id
    with pytest.raises(IndsigtError, match=r"run `indsigt themes STUDY` first"):
        study_key_points(store, sid, theme=1)
    result = study_themes(store, sid, k=3, seed=1, embedder="tfidf")
    save_themes(store, sid, result, unit="statement", embedder="tfidf", k=3, seed=1, code=None)
    themes = latest_themes(store, sid)
    biggest = max(themes, key=lambda t: t.respondents)
    found = study_key_points(store, sid, theme=biggest.number)
    assert found.scope == f"theme {biggest.number}: {biggest.label}"
    assert found.key_points and all(len(p.respondents) >= 2 for p in found.key_points)
    inside = set(biggest.passage_ids)
    for point in found.key_points:
        assert all(inside.intersection(ids) for ids in point.statements)
    # A theme is no coding: its counts hold no machine suggestions to warn of.
    assert not [note for note in found.notes if "suggestions" in note]
    with pytest.raises(IndsigtError, match=r"no theme number 99 is stored \(themes: 1, "):
        study_key_points(store, sid, theme=99)


@pytest.mark.slow  # e5 embeddings and the matcher on a whole study
def test_question_scope(small: indsigt.Project, folder: Path) -> None:
    from indsigt.guide.study import align_study, import_guide

    store, sid = small.store, small.study.id
    with pytest.raises(IndsigtError, match=r"indsigt guide STUDY import FILE"):
        study_key_points(store, sid, question="2")
    guide = folder / "guide.md"
    guide.write_text(
        "# Guide\n\n1. Hvor længe har du været leder?\n\n2. Hvad fylder mest for jer lige nu?\n\n"
        "3. Hvad betyder ledelsen for forandringen?\n",
        encoding="utf-8",
    )
    import_guide(store, sid, guide)
    with pytest.raises(IndsigtError, match=r"indsigt guide STUDY align"):
        study_key_points(store, sid, question="2")
    align_study(store, sid)
    found = study_key_points(store, sid, question="2")
    assert found.scope == "2: Hvad fylder mest for jer lige nu?"
    texts = {point.text for point in found.key_points}
    assert "Vi bruger data fra alle vores systemer til at styre efter resultater hver uge." in texts
    assert not any(text.startswith("Ledelse") for text in texts)  # question 3's answers
    with pytest.raises(IndsigtError, match=r"no question 'Q9' \(questions: 1, 2, 3\)"):
        study_key_points(store, sid, question="Q9")


def test_cli_scopes_are_exclusive(folder: Path) -> None:
    path = str(folder / "small.db")
    result = CliRunner().invoke(main, ["keypoints", path, "--code", "Drivkræfter", "--theme", "1"])
    assert result.exit_code == 2 and "give one scope, not --code and --theme" in result.output


@pytest.mark.slow  # e5 embeddings and the matcher on a whole study
def test_a_key_point_never_names_a_place(tmp_path: Path) -> None:
    """Key points are printed like quotes, so they pass the same re-identification check: a
    sentence naming "Region Midtjylland" is never one, the same sentence without the name is."""
    found = {}
    for name, partner in (("named", "Region Midtjylland"), ("plain", "de andre regioner")):
        folder = tmp_path / name
        folder.mkdir()
        sentence = f"Vi samarbejder tæt med {partner} om data i hele landet hver uge."
        with small_study(folder, coded=False, also=sentence) as project:
            points = study_key_points(project.store, project.study.id).key_points
            found[name] = any(partner in point.text for point in points)
    assert found == {"named": False, "plain": True}


@pytest.mark.slow  # e5 embeddings and the matcher on a whole study
def test_a_key_point_cites_the_passage_that_matches(tmp_path: Path) -> None:
    """A statement is passages ``first..last`` of a turn: the chip of a key point cites the
    passage whose sentence matched, not the "Ja, helt klart." before it (pdpilot: "Uh, yes.")."""
    sentence = "Vi deler data med kommunerne hver eneste uge i et fælles system."
    with small_study(tmp_path, coded=False, also=f"Ja, helt klart. {sentence}") as project:
        store, sid = project.store, project.study.id
        point = next(p for p in study_key_points(store, sid).key_points if p.text == sentence)
        texts = _passage_texts(project)
    said = [ids for ids in point.statements if sentence in {texts[p] for p in ids}]
    assert len(said) == 6
    assert all([texts[p] for p in ids] == [sentence, "Ja, helt klart."] for ids in said)
    assert [texts[p] for p in point.evidence(3)] == [sentence] * 3


def _passage_texts(project: indsigt.Project) -> dict[int, str]:
    from indsigt.store import schema

    with project.store.connect() as connection:
        rows = connection.execute(schema.passage.select()).mappings().all()
    return {row["id"]: row["text"] for row in rows}


def test_a_scope_of_more_respondents_than_the_sample_is_sampled(small: indsigt.Project) -> None:
    """The consultation batch's rule (`sample.SAMPLE` per scope): a scope of more respondents
    is matched on a seeded random sample of them, all their statements."""
    from indsigt.analyse.keypoints.sample import SAMPLE
    from indsigt.analyse.keypoints.study import Sampled, scope_inputs
    from indsigt.units import ensure_units

    store, sid = small.store, small.study.id
    ensure_units(store, sid, embedder="tfidf")
    whole = scope_inputs(store, sid)
    assert whole.sampled is None and len({s[2] for s in whole.statements}) == 14 < SAMPLE
    drawn = scope_inputs(store, sid, sample=5, seed=3)
    assert drawn.sampled == Sampled(respondents=5, population=14, seed=3)
    who = {s[2] for s in drawn.statements}
    assert len(who) == 5
    assert [s for s in whole.statements if s[2] in who] == list(drawn.statements)
    assert scope_inputs(store, sid, sample=5, seed=3).statements == drawn.statements
    assert scope_inputs(store, sid, sample=0).sampled is None
    # one rule: the study facade and the CLI default to the same sample size
    signature = inspect.signature(indsigt.Project.keypoints)
    assert signature.parameters["sample"].default == SAMPLE
    assert inspect.signature(study_key_points).parameters["sample"].default == SAMPLE
    # the funnel's first stages: every respondent sentence is a candidate or has a reason
    assert whole.sentences >= len(whole.candidates) and whole.rejected


@pytest.mark.slow  # e5 embeddings and the matcher on a whole study
def test_a_sampled_scope_estimates_each_count_over_all(small: indsigt.Project) -> None:
    result = study_key_points(small.store, small.study.id, sample=7)
    assert result.sampled is not None and result.sampled.population == 14
    assert result.respondents == 7 and any("random sample of 7" in n for n in result.notes)
    assert result.key_points
    for point in result.key_points:
        assert point.estimate is not None
        count, low, high = point.estimate
        assert point.total.N == 7 and low <= count <= high <= 14
        assert low >= point.total.n  # never fewer than the sample shows
    assert result.funnel is not None and result.funnel.key_points == len(result.key_points)
    full = study_key_points(small.store, small.study.id)
    assert full.sampled is None and all(p.estimate is None for p in full.key_points)
    assert full.funnel is not None and full.funnel.thresholds == (0.5583, 0.4402)
