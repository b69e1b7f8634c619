"""`indsigt eval themes` on the real gold (read in place from ../shared/data)."""

from __future__ import annotations

import json

import numpy as np
import pytest
from click.testing import CliRunner

from conftest import shared
from indsigt.cli import main
from indsigt.eval.themes import load_games_spans, load_gennovate, load_pdpilot
from indsigt.eval.twins import twin_pairs


def test_loaders_read_the_gold() -> None:
    texts, gold = load_pdpilot(shared("pdpilot-interviews"))
    assert len(texts) == len(gold) > 200 and len(set(gold)) == 8
    texts, gold = load_gennovate(shared("gennovate-focusgroups"))
    assert len(texts) > 1000 and "ASP" in gold
    assert not any("\ufffd" in text for text in texts)


def test_games_gold_is_each_span_with_the_code_written_first() -> None:
    texts, gold = load_games_spans(shared("games-as-art-coded"))
    assert len(texts) == len(gold) > 300 and len(set(gold)) > 20
    # "**…**<sup>interaction; emotional response</sup>": the first, not the commoner one
    span = [t for t in texts if t.startswith("i felt, the art was part of the interaction")]
    assert [gold[texts.index(s)] for s in span] == ["interaction"]
    assert gold[texts.index("curiosity, uncertainty and puzzeling")] == "emotional response"


def test_twin_pairs_count_themes_the_coders_saw_as_one() -> None:
    vectors = np.eye(6)[[0, 0, 1, 1, 2, 2, 3, 3]]
    assignments = [1, 1, 2, 2, 3, 3, 4, 4]
    gold = ["a", "a", "a", "a", "b", "b", "b", None]
    found = twin_pairs(assignments, vectors, gold)
    assert found["twins_gold"] == 2  # 1–2 (both all "a") and 3–4 (both all "b")
    assert found["pairs"] == 6 and len(found["pair_cosines"]) == 6
    assert (
        twin_pairs(assignments, vectors, ["a", "a", "b", "b", "c", "c", "d", "d"])["twins_gold"]
        == 0
    )


@pytest.mark.slow  # the themes and the BERTopic baseline on the whole pdpilot gold (real data)
def test_eval_themes_with_bertopic_baseline() -> None:
    result = CliRunner().invoke(
        main,
        [
            "eval",
            "themes",
            "--format",
            "pdpilot",
            "--data",
            str(shared("pdpilot-interviews")),
            "--json",
        ],
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    for scores in (data, data["baselines"]["bertopic"]):
        assert {"nmi", "ari", "unassigned_share", "seconds"} <= set(scores)
        assert 0 <= scores["nmi"] <= 1 and 0 <= scores["unassigned_share"] <= 1
    assert data["unassigned_share"] < 0.1
    assert data["themes"] >= 2
    assert data["vectors"].startswith("e5") and data["nmi"] > 0.25  # 0.301 measured
