"""The coding evaluation as Markdown: a summary table (machine and baselines) and the
machine's figures per code."""

from __future__ import annotations

from typing import Any

KEYS = ("micro_f1", "macro_f1", "kappa", "alpha", "ac1", "accuracy")


def _cell(value: Any) -> str:
    if value is None:
        return "–"
    return f"{value:.3f}" if isinstance(value, float) else str(value)


def _curve(curve: dict[str, Any]) -> list[str]:
    metric = curve["metric"]
    lines = [
        "Learning curve (the supervised coder on a share of each split's training units):",
        "",
        f"| share | training units | {metric} | macro_f1 | kappa |",
        "|---|---|---|---|---|",
    ]
    for row in curve["points"]:
        lines.append(
            f"| {row['share']:.0%} | {row['train_units']:g} | {_cell(row[metric])} | "
            f"{_cell(row['macro_f1'])} | {_cell(row['kappa'])} |"
        )
    if "fit" in curve:
        fit = curve["fit"]
        lines += ["", f"Fit: 1 − {metric} ≈ {fit['a']:g} · n^−{fit['b']:g} (n = training units)."]
        if "target" in curve:
            needed = curve["train_units_for_target"]
            lines[-1] += f" {metric} {curve['target']:g}" + (
                ": out of reach on this curve."
                if needed is None
                else f" would need about {needed:,} training units if the curve kept its "
                "slope (curves flatten: a lower bound)."
            )
    return lines


def _ablation(rows: dict[str, dict[str, Any]]) -> list[str]:
    lines = [
        "Context ablation (the same coder without each part of its context):",
        "",
        "| coder | micro_f1 | macro_f1 | kappa | accuracy |",
        "|---|---|---|---|---|",
    ]
    for name, row in rows.items():
        lines.append(
            f"| {name} | "
            + " | ".join(_cell(row.get(k)) for k in ("micro_f1", "macro_f1", "kappa", "accuracy"))
            + " |"
        )
    return lines


def _in_study(curve: dict[str, Any]) -> list[str]:
    metric = curve["metric"]
    lines = [
        f"In-study curve (trained on k of the {curve['documents']} documents, scored on the "
        f"rest; means of {curve['draws']} draws):",
        "",
        f"| k | random {metric} | random macro_f1 | random kappa | code next {metric} | "
        "code next macro_f1 | code next kappa |",
        "|---|---|---|---|---|---|---|",
    ]
    for point in curve["points"]:
        r, n = point["random"], point["code_next"]
        lines.append(
            f"| {point['k']} | {_cell(r[metric])} | {_cell(r['macro_f1'])} | {_cell(r['kappa'])}"
            f" | {_cell(n[metric])} | {_cell(n['macro_f1'])} | {_cell(n['kappa'])} |"
        )
    gain = curve["gain"]
    lines += [
        "",
        "Area under the curve, code next − random: "
        + ", ".join(
            f"{key} {'–' if value is None else format(value, '+.3f')}"
            for key, value in gain.items()
        )
        + ".",
    ]
    return lines


def markdown(result: dict[str, Any]) -> str:
    lines = [
        f"## Coding evaluation: {result['dataset']} ({result['units']} {result['unit']}s, "
        f"{result['codes']} codes)",
        "",
        f"Split: {result['split']}. Machine: {result['machine']}.",
        "",
        "| coder | " + " | ".join(KEYS) + " |",
        "|---" * (len(KEYS) + 1) + "|",
        "| supervised | " + " | ".join(_cell(result[key]) for key in KEYS) + " |",
    ]
    for name, row in result["baselines"].items():
        lines.append(f"| {name} | " + " | ".join(_cell(row[key]) for key in KEYS) + " |")
    lines += [
        "",
        "| code | support | prevalence | precision | recall | F1 | κ | AC1 | F1 tfidf_lr |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    baseline = result["baselines"].get("tfidf_lr", {}).get("per_code_f1", {})
    for code, row in sorted(result["per_code"].items(), key=lambda item: -item[1]["support"]):
        lines.append(
            f"| {code} | {row['support']} | {_cell(row['prevalence'])} | "
            f"{_cell(row['precision'])} | {_cell(row['recall'])} | {_cell(row['f1'])} | "
            f"{_cell(row['kappa'])} | {_cell(row['ac1'])} | {_cell(baseline.get(code))} |"
        )
    if "ablation" in result:
        lines += ["", *_ablation(result["ablation"])]
    if "in_study_curve" in result:
        lines += ["", *_in_study(result["in_study_curve"])]
    if "learning_curve" in result:
        lines += ["", *_curve(result["learning_curve"])]
    for note in result.get("notes", []):
        lines += ["", f"Note: {note}"]
    if result.get("train_units_removed_for_overlap"):
        lines += [
            "",
            f"{result['train_units_removed_for_overlap']} training unit(s) left out: "
            "they share a document or a text with the test set.",
        ]
    lines += ["", f"({result['seconds']} s)"]
    return "\n".join(lines)
