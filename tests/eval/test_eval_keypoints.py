"""`indsigt eval keypoints` on real ArgKP dev data (read in place from ../shared/data)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from conftest import shared
from indsigt.cli import main
from indsigt.errors import IndsigtError
from indsigt.eval.argkp import Group, read_argkp
from indsigt.eval.keypoints import evaluate_keypoints, matching_map
from indsigt.eval.rouge import rouge

TOPIC = "We should adopt an austerity regime"
KEYS = {"map_strict", "map_relaxed", "rouge1", "rouge2", "rougeL", "coverage"}


def test_map_follows_the_shared_task() -> None:
    data = read_argkp(shared("argkp-2021"), "dev", topics=[TOPIC])
    group = data.groups[0]
    # every argument's best key point is one it is labelled as matching: mAP 1
    perfect = np.zeros((len(group.arguments), len(group.key_points)))
    for i, arg in enumerate(group.arguments):
        for j, kp in enumerate(group.key_points):
            if data.labels.get((arg, kp)) == 1:
                perfect[i, j] = 1.0
                break
        else:
            perfect[i, 0] = 0.5
    scores = matching_map(data, {group: perfect})
    assert scores["map_strict"] == pytest.approx(1.0)
    assert scores["map_relaxed"] == pytest.approx(1.0)


def test_map_of_a_tiny_group_by_hand() -> None:
    from indsigt.eval.argkp import ArgKP

    group = Group("t", 1, ("a1", "a2", "a3", "a4"), ("k1", "k2"))
    labels = {("a1", "k1"): 1, ("a2", "k1"): 0, ("a3", "k2"): 1}  # (a2, k2) unlabelled
    data = ArgKP("dev", {}, {}, {}, labels, (group,))
    # best: a1→k1 0.9 (1), a2→k2 0.8 (unlabelled), a3→k2 0.3, a4→k1 0.1; top 50 %: a1, a2
    scores = np.array([[0.9, 0.1], [0.2, 0.8], [0.1, 0.3], [0.1, 0.0]])
    found = matching_map(data, {group: scores})
    assert found["map_strict"] == pytest.approx(1.0)  # [1, 0] ranked 0.9, 0.8: AP 1
    assert found["map_relaxed"] == pytest.approx(1.0)  # [1, 1]


@pytest.mark.slow
def test_model_beats_both_baselines_on_a_real_dev_topic() -> None:
    result = evaluate_keypoints(shared("argkp-2021"), split="dev", topics=[TOPIC])
    assert result["groups"] == 2
    assert set(result) >= KEYS | {"baselines", "generated"}
    assert set(result["baselines"]) == {"tfidf", "e5_cosine"}
    best = max(b["map_strict"] for b in result["baselines"].values())
    assert result["map_strict"] >= 0.75
    assert result["map_strict"] > best + 0.05
    assert result["map_relaxed"] > max(b["map_relaxed"] for b in result["baselines"].values())
    assert result["generated"] > 0 and 0 < result["rouge1"] <= 1 and result["coverage"] > 0


def _slice(folder: Path, n: int = 12) -> Path:
    """A small real slice of ArgKP dev: n arguments per stance of one topic."""
    source = shared("argkp-2021")
    folder.mkdir()
    kept: set[str] = set()
    for name, key in (("arguments", "arg_id"), ("key_points", "key_point_id")):
        with (source / f"{name}_dev.csv").open(encoding="utf-8") as handle:
            rows = [r for r in csv.DictReader(handle) if r["topic"] == TOPIC]
        if name == "arguments":
            rows = [r for s in ("1", "-1") for r in [x for x in rows if x["stance"] == s][:n]]
        kept |= {r[key] for r in rows}
        with (folder / f"{name}_dev.csv").open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows(rows)
    with (source / "labels_dev.csv").open(encoding="utf-8") as handle:
        rows = [r for r in csv.DictReader(handle) if r["arg_id"] in kept]
    with (folder / "labels_dev.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=["arg_id", "key_point_id", "label"])
        writer.writeheader()
        writer.writerows(rows)
    return folder


@pytest.mark.slow  # embeds and matches a whole shared-task topic
def test_cli_json_keys(tmp_path: Path) -> None:
    folder = _slice(tmp_path / "argkp")
    result = CliRunner().invoke(
        main,
        [
            "eval",
            "keypoints",
            "--format",
            "argkp",
            "--data",
            str(folder),
            "--split",
            "dev",
            "--json",
        ],
    )
    assert result.exit_code == 0, result.output
    found = json.loads(result.output)
    assert set(found) >= KEYS | {"baselines", "split", "groups"}
    for name in ("tfidf", "e5_cosine"):
        assert set(found["baselines"][name]) >= KEYS


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(IndsigtError, match=r"key_points_dev\.csv: no such file"):
        (tmp_path / "arguments_dev.csv").write_text("arg_id,argument,topic,stance\n")
        read_argkp(tmp_path, "dev")


def test_rouge() -> None:
    same = rouge("School uniforms reduce bullying", "school uniform reduces bullying")
    assert same == {"rouge1": 1.0, "rouge2": 1.0, "rougeL": 1.0}  # stems match
    assert rouge("a b c d", "a c")["rougeL"] == pytest.approx(2 * 1.0 * 0.5 / 1.5)
    assert rouge("a b", "c d")["rouge1"] == 0.0
