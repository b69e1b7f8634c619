"""`indsigt eval themes` on the real gold (read in place from ../shared/data)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from conftest import shared
from indsigt.cli import main
from indsigt.eval.themes import load_gennovate, load_pdpilot


def test_loaders_read_the_gold() -> None:
    texts, gold = load_pdpilot(shared("pdpilot-interviews"))
    assert len(texts) == len(gold) > 200 and len(set(gold)) == 8
    texts, gold = load_gennovate(shared("gennovate-focusgroups"))
    assert len(texts) > 1000 and "ASP" in gold
    assert not any("\ufffd" in text for text in texts)


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
