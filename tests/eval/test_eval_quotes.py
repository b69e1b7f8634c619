"""`indsigt eval quotes` on the real GENNOVATE templates (read in place from ../shared/data)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import shared
from indsigt.cli import main
from indsigt.errors import InputError
from indsigt.eval.quotes import _is_hit, evaluate_quotes, flat, load_tasks


def test_tasks_pair_templates_with_their_transcripts() -> None:
    transcripts, tasks = load_tasks(shared("gennovate-focusgroups"))
    assert {"BD3_BD3E_F", "ET1_ET1E_F", "ET1_ET1E_M"} <= set(transcripts)
    assert all(task.group in transcripts and task.quotes and task.sections for task in tasks)
    assert any(task.indicator == "ASP" and "aspiration" in task.about.lower() for task in tasks)


def test_hits_compare_words_not_punctuation() -> None:
    picked = [flat("If you don?t do much education then you don?t have much wish.")]
    assert _is_hit("If you don’t do much education then you don’t have much wish.", picked)
    # most words inside a picked sentence: a hit; mostly elsewhere: not
    assert _is_hit("If you don't do much education then you don't have much wish. Yes.", picked)
    # a quote holding a whole picked quote is a hit
    assert _is_hit(
        "We sell rice. If you don't do much education then you don't have much wish.", picked
    )
    two = [flat("Girls marry early. Then they stop school.")]
    assert not _is_hit(
        "Then they stop school. We sell rice at the market every week, and prices went up "
        "again this year, so we had to sell more of it.",
        two,
    )
    assert _is_hit("Then they stop school. Sad.", two)


@pytest.mark.slow
def test_eval_quotes_reports_precision_and_baselines() -> None:
    result = CliRunner().invoke(
        main,
        ["eval", "quotes", "--data", str(shared("gennovate-focusgroups")), "--json"],
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["tasks"] >= 20
    assert set(data["baselines"]) == {"centre_only", "random", "first"}
    for scores in (data, *data["baselines"].values()):
        for k in (1, 3, 5):
            assert 0 <= scores[f"p@{k}"] <= 1
    # the random baseline is an expectation, the same for every k
    random = data["baselines"]["random"]
    assert random["p@1"] == random["p@3"] == random["p@5"]


@pytest.mark.slow
def test_deterministic() -> None:
    first = evaluate_quotes(shared("gennovate-focusgroups"), ks=(2,))
    second = evaluate_quotes(shared("gennovate-focusgroups"), ks=(2,))
    assert first["p@2"] == second["p@2"]
    assert first["baselines"] == second["baselines"]


def test_a_folder_without_templates_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "transcripts").mkdir()
    with pytest.raises(InputError, match="coded_templates"):
        evaluate_quotes(tmp_path)
    (tmp_path / "coded_templates").mkdir()
    shutil.copy(
        shared("gennovate-focusgroups", "coded_templates", "template_IN1_IN1E_F.csv"),
        tmp_path / "coded_templates",
    )
    with pytest.raises(InputError, match="no template matches a transcript"):
        evaluate_quotes(tmp_path)


def test_bad_k_is_refused() -> None:
    result = CliRunner().invoke(
        main, ["eval", "quotes", "--data", str(shared("gennovate-focusgroups")), "--k", "0"]
    )
    assert result.exit_code == 2 and "--k" in result.output


def test_the_table_shows_indsigt_then_each_baseline(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`eval quotes`, `eval keypoints` and `eval themes` print one table the same way
    (cli.output.print_against_baselines), or the result as JSON."""
    import indsigt.eval.quotes as module

    fake = {
        "p@1": 0.5,
        "tasks": 3,
        "quotes_picked_by_coders": 9,
        "baselines": {"random": {"p@1": 0.25}, "first": {"p@1": 0.125}},
    }
    monkeypatch.setattr(module, "evaluate_quotes", lambda data, ks, progress: fake)
    shown = CliRunner().invoke(main, ["eval", "quotes", "--data", str(tmp_path), "--k", "1"])
    assert shown.exit_code == 0, shown.output
    title = "quotes vs 9 quotes picked by coders, 3 (group, indicator) tasks"
    assert title.replace(" ", "") in "".join(shown.output.split())  # the title is folded
    rows = [line for line in shown.output.splitlines() if "0." in line]
    assert [row.split()[1] for row in rows] == ["indsigt", "random", "first"]
    assert ["0.5" in rows[0], "0.25" in rows[1], "0.125" in rows[2]] == [True] * 3
    as_json = CliRunner().invoke(main, ["eval", "quotes", "--data", str(tmp_path), "--json"])
    assert json.loads(as_json.output) == fake
