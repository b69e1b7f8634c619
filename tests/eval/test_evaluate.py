"""`indsigt eval coding`: never trained on what it scores, baselines in the same run, JSON
and Markdown. Small settings keep these fast (the full runs take minutes)."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from conftest import shared
from indsigt.cli import main
from indsigt.eval import evaluate_coding, markdown
from indsigt.eval.coding import learning_curve, share_of
from indsigt.eval.gold import GoldUnit

KEYS = {"micro_f1", "macro_f1", "kappa", "alpha", "ac1", "accuracy"}
FAST = {"c_grid": (1.0,), "inner_folds": 2}


@pytest.mark.slow
def test_cap_cross_validation() -> None:
    path = shared("dk-municipal-agendas-cap", "training_agendas.csv")
    result = evaluate_coding("cap", path, path, folds=3, **FAST)  # type: ignore[arg-type]
    assert result["units"] == 1000 and result["single_label"]
    assert result["split"].startswith("3-fold cross-validation by items")
    baselines = {"majority", "keyword", "tfidf_lr", "char_tfidf_lr", "similarity"}
    assert set(result) >= KEYS and set(result["baselines"]) == baselines
    for row in result["baselines"].values():
        assert set(row) >= KEYS
    # The baselines are tuned too now (C by inner cross-validation): the coder still leads.
    assert result["accuracy"] > result["baselines"]["tfidf_lr"]["accuracy"]
    assert result["baselines"]["tfidf_lr"]["accuracy"] > 0.35  # not the untuned 0.03 kind
    assert result["baselines"]["majority"]["accuracy"] == 0.193
    assert "| supervised |" in markdown(result)


def _split_cap(tmp_path: Path) -> tuple[Path, Path]:
    source = shared("dk-municipal-agendas-cap", "training_agendas.csv")
    with source.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))[:500]
    train, test = tmp_path / "train.csv", tmp_path / "test.csv"
    for path, part in ((train, rows[:400] + rows[400:410]), (test, rows[400:])):
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, ["id", "coding", "text"])
            writer.writeheader()
            writer.writerows(part)
    return train, test


@pytest.mark.slow
def test_separate_files_leave_out_the_overlap(tmp_path: Path) -> None:
    train, test = _split_cap(tmp_path)
    result = evaluate_coding("cap", train, test, **FAST)  # type: ignore[arg-type]
    assert result["units"] == 100
    assert result["train_units_removed_for_overlap"] >= 10  # 10 ids, and texts they share
    assert result["split"] == "train on --train, score --test"


@pytest.mark.slow
def test_cli_json(tmp_path: Path) -> None:
    path = tmp_path / "gold.csv"
    source = shared("dk-municipal-agendas-cap", "training_agendas.csv")
    with source.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))[:240]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "text", "code"])
        for row in rows:
            writer.writerow([row["id"], row["text"], str(int(row["coding"]) // 100)])
    runner = CliRunner()
    args = ["eval", "coding", "--format", "csv", "--train", str(path), "--test", str(path)]
    result = runner.invoke(main, [*args, "--folds", "2", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert set(data) >= KEYS and data["units"] == 240
    assert set(data["baselines"]["tfidf_lr"]) >= KEYS
    result = runner.invoke(main, [*args, "--folds", "2"])
    assert result.exit_code == 0 and "| tfidf_lr |" in result.output


def _small_pdpilot(folder: Path) -> Path:
    """A pdpilot-interviews folder in miniature: four transcripts, two codes."""
    said = {
        "Data": "We cleaned the data tables and checked every data column for errors.",
        "Trust": "I trust the model more when the explanation agrees with what I know.",
    }
    (folder / "transcripts_txt").mkdir(parents=True)
    rows = [["document", "code_path", "parent_code", "code", "segment"]]
    for number in range(1, 5):
        turns = []
        for k, code in enumerate(("Data", "Trust", "Data")):
            turns += [f"Dan: Question {k} about your work?", f"Participant: {said[code]} ({k})"]
            rows.append([f"P{number}", code, code, code, f"{said[code]} ({k})"])
        (folder / "transcripts_txt" / f"P{number}.txt").write_text("\n\n".join(turns) + "\n")
    with (folder / "coded_segments.csv").open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    return folder


def _by_two_paths(folder: Path) -> dict[str, Any]:
    """The evaluation with the folder as --train and the file in it as --test."""
    result = evaluate_coding(
        "pdpilot",
        folder,
        folder / "coded_segments.csv",
        folds=2,
        **FAST,  # type: ignore[arg-type]
    )
    assert result["split"].startswith("2-fold cross-validation by documents")
    return result


def test_the_same_gold_by_two_paths_is_cross_validated_fast(tmp_path: Path) -> None:
    """A folder and the file in it are the same gold: cross-validated, not trained on itself."""
    result = _by_two_paths(_small_pdpilot(tmp_path / "pdpilot"))
    assert result["units"] == 24 and result["codes"] == 2
    assert set(result) >= KEYS | {"baselines"}
    # pdpilot turns have an order: each split reports the smoothing its learner chose.
    smoothing = result["smoothing"]
    assert smoothing["splits"] == 2 and set(smoothing["codes"]) == {"Data", "Trust"}
    for row in smoothing["codes"].values():
        assert len(row["weight_width"]) == 2 and 0 <= row["on"] <= 2


@pytest.mark.slow  # the whole data set (826 turns) and the tuned baselines: about a minute
def test_the_same_gold_by_two_paths_is_cross_validated() -> None:
    result = _by_two_paths(shared("pdpilot-interviews"))
    assert result["units"] == 826 and result["codes"] == 8


@pytest.mark.slow
def test_learning_curve_on_cap() -> None:
    path = shared("dk-municipal-agendas-cap", "training_agendas.csv")
    result = evaluate_coding(
        "cap",
        path,
        path,
        folds=3,
        curve=(0.25, 0.5),
        target=0.9,
        **FAST,  # type: ignore[arg-type]
    )
    curve = result["learning_curve"]
    assert curve["metric"] == "accuracy"
    assert [row["share"] for row in curve["points"]] == [0.25, 0.5, 1.0]
    sizes = [row["train_units"] for row in curve["points"]]
    assert sizes[0] < sizes[1] < sizes[2] == 666.7
    assert curve["points"][-1]["accuracy"] == result["accuracy"]
    assert curve["points"][0]["accuracy"] < result["accuracy"]  # more codings help here
    assert curve["fit"]["b"] > 0
    assert curve["train_units_for_target"] > 1000
    text = markdown(result)
    assert "Learning curve" in text and "would need about" in text


def test_learning_curve_fit_and_target() -> None:
    # error = 1 * n ** -0.5 exactly: accuracy 0.99 needs 10,000 units.
    points = [
        (share, {"accuracy": 1 - n**-0.5, "macro_f1": 0.5, "kappa": 0.5})
        for share, n in ((0.25, 25), (0.5, 100), (1.0, 400))
    ]
    sizes = {0.25: [25], 0.5: [100], 1.0: [400]}
    curve = learning_curve(points, sizes, single_label=True, target=0.99)
    assert curve["fit"] == {"a": 1.0, "b": 0.5}
    assert curve["train_units_for_target"] == 10_000
    flat = [(s, {**row, "accuracy": 0.7}) for s, row in points]
    assert "fit" not in learning_curve(flat, sizes, single_label=True, target=0.99)


def test_share_of_keeps_documents_whole() -> None:
    units = [
        GoldUnit(id=f"{d}-{k}", text="x", labels=frozenset({"a"}), group=str(d))
        for d in range(10)
        for k in range(3)
    ]
    half = share_of(units, 0.5, seed=1)
    assert len(half) == 15 and len({u.group for u in half}) == 5
    assert share_of(units, 0.5, seed=1) == half
    assert len(share_of(units, 0.01, seed=1)) == 3  # at least one document


def test_cli_curve_rejects_a_bad_target() -> None:
    path = shared("dk-municipal-agendas-cap", "training_agendas.csv")
    args = ["eval", "coding", "--format", "cap", "--train", str(path), "--test", str(path)]
    result = CliRunner().invoke(main, [*args, "--target", "1.5"])
    assert result.exit_code == 2 and "--target" in result.output


def test_llm_coder_on_the_same_units(tmp_path: Path) -> None:
    """`eval coding --coder llm` against the local fake endpoint: it codes what the prompt's
    passage says, and is scored on the same units as the baselines."""
    from indsigt.testing import codes_response, local_chat_endpoint

    path = tmp_path / "gold.csv"
    rows = [
        (f"u{k}", f"Vi taler om {'skoler' if k % 2 else 'veje'} nummer {k}.") for k in range(12)
    ]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "text", "code"])
        for item, text in rows:
            writer.writerow([item, text, "udd" if "skoler" in text else "tra"])

    def answer(prompt: str) -> str:
        passage = prompt.split('"""')[1].strip()
        if "skoler" in passage:
            return codes_response(("udd", "skoler", 0.9))
        return codes_response(("tra", "veje", 0.8), ("udd", "ikke her", 0.5))  # 2nd: no quote

    requests: list[dict[str, object]] = []
    with local_chat_endpoint(answer, requests) as url:
        args = ["eval", "coding", "--format", "csv", "--train", str(path), "--test", str(path)]
        llm = ["--coder", "llm", "--llm-url", url, "--llm-model", "tiny"]
        cache = ["--llm-cache", str(tmp_path / "cache")]
        result = CliRunner().invoke(main, [*args, *llm, *cache, "--folds", "3", "--json"])
        assert result.exit_code == 0, result.output
        data = json.loads(result.output)
        assert data["machine"].startswith("llm.v1 (tiny@") and data["accuracy"] == 1.0
        assert data["units"] == 12 and "tfidf_lr" in data["baselines"]
        assert len(requests) == 12  # each unit once
        refused = CliRunner().invoke(main, [*args, "--coder", "llm", "--llm-model", "tiny"])
        assert refused.exit_code != 0 and "--llm-url" in refused.output


@pytest.mark.slow  # the in-study curve and the ablation: many trainings
def test_curve_by_documents_and_ablation_on_a_small_gold(tmp_path: Path) -> None:
    path = tmp_path / "gold.csv"
    words = {"udd": ["skolen", "lærerne", "eleverne"], "tra": ["vejen", "bilerne", "stien"]}
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "group", "text", "codes"])
        for d in range(5):
            for k in range(8):
                code = "udd" if (d + k) % 2 else "tra"
                writer.writerow([f"{d}-{k}", f"doc{d}", f"Om {words[code][k % 3]} nr {k}", code])
    result = evaluate_coding(
        "csv",
        path,
        path,
        folds=2,
        ablate=True,
        curve_by="documents",
        ks=(1, 2),
        draws=1,
        **FAST,  # type: ignore[arg-type]
    )
    assert result["context"] == [] and set(result["ablation"]) == {"text only"}
    curve = result["in_study_curve"]
    assert [p["k"] for p in curve["points"]] == [1, 2] and set(curve["gain"]) >= {"kappa"}
    text = markdown(result)
    assert "In-study curve" in text and "Context ablation" in text
    cap = shared("dk-municipal-agendas-cap", "training_agendas.csv")
    args = ["eval", "coding", "--format", "cap", "--train", str(cap), "--test", str(cap)]
    refused = CliRunner().invoke(main, [*args, "--curve-by", "documents"])
    assert refused.exit_code != 0 and "no documents" in refused.output
    refused = CliRunner().invoke(main, [*args, "--context", "speaker"])
    assert refused.exit_code != 0 and "unknown context parts" in refused.output
