"""The coding evaluation as Markdown: a summary table (machine and baselines) and the
machine's figures per code."""

from __future__ import annotations

from typing import Any

KEYS = ("micro_f1", "macro_f1", "kappa", "alpha", "ac1", "accuracy")


def _cell(value: Any) -> str:
    if value is None:
        return "–"
    return f"{value:.3f}" if isinstance(value, float) else str(value)


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
