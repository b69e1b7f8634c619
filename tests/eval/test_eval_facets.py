"""`indsigt eval coding --facets auto` (the default): the factorised coder on gold whose
codebook crosses topics with stances; the JSON keeps its keys and says what the inner CV
chose."""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from indsigt.cli import main
from indsigt.errors import IndsigtError
from indsigt.eval import evaluate_coding

KEYS = {"micro_f1", "macro_f1", "kappa", "alpha", "ac1", "accuracy", "baselines", "per_code"}
TOPICS = {"NRM_LAND": "land", "NRM_MARKET": "market", "NRM_SCHOOL": "school"}
STANCES = {"C": ("Confirming", "agree"), "O": ("Opposing", "disagree")}


def _gennovate(root: Path) -> Path:
    """A GENNOVATE-format gold: a codebook of 3 topics × 2 stances, 4 documents."""
    (root / "coded_templates").mkdir(parents=True)
    with (root / "codebook.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["indicator", "indicator_label", "indicator_category", "category_label"])
        for topic in TOPICS:
            for stance, (word, _) in STANCES.items():
                writer.writerow(["Norms", topic, f"{word} norm {topic}", f"{topic}_{stance}"])
    rng = np.random.default_rng(0)
    for d in range(4):
        path = root / "coded_templates" / f"template_X{d}_X{d}E_F.csv"
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["document_code", "data_container", "text", "category_label"])
            for k in range(24):
                topic = list(TOPICS)[k % 3]
                stance = "O" if k % 4 == 0 else "C"
                noise = " ".join(f"w{rng.integers(200)}" for _ in range(4))
                text = f"{TOPICS[topic]} {STANCES[stance][1]} {noise} {d}-{k}"
                writer.writerow([f"X{d}E_F", f"E.{k % 3 + 1}", text, f"{topic}_{stance}"])
    return root


@pytest.mark.slow  # two cross-validated fits of the factorised coder and the baselines
def test_facets_auto_on_gennovate_format_gold(tmp_path: Path) -> None:
    root = _gennovate(tmp_path / "gold")
    result = evaluate_coding("gennovate", root, root, folds=2, inner_folds=2, c_grid=(1.0,))
    assert set(result) >= KEYS
    assert result["facet"]["values"] == ["c", "o"] and len(result["facet"]["topics"]) == 3
    chosen = result["facet"]["chosen"]
    assert len(chosen) == 2 and all(c["mode"] in ("pooled", "topic") for c in chosen)
    assert "facets: topic × stance" in result["machine"]
    plain = evaluate_coding(
        "gennovate", root, root, folds=2, inner_folds=2, c_grid=(1.0,), facets="off"
    )
    assert "facet" not in plain and "facets" not in plain["machine"]


def test_unknown_facets_value_is_refused(tmp_path: Path) -> None:
    root = _gennovate(tmp_path / "gold")
    with pytest.raises(IndsigtError, match="--facets"):
        evaluate_coding("gennovate", root, root, facets="always")
    args = ["eval", "coding", "--format", "gennovate", "--train", str(root), "--test", str(root)]
    refused = CliRunner().invoke(main, [*args, "--facets", "always"])
    assert refused.exit_code != 0 and "--facets" in refused.output
