"""Agreement between gold and machine codes on the same units.

Per code (a yes/no decision per unit): precision, recall, F1, prevalence (share of units the
gold gives the code), Cohen's κ, Krippendorff's α (nominal, two coders, no missing values) and
Gwet's AC1. Over all codes: micro F1 (pooled counts) and macro F1 (mean over the codes the
gold or the machine uses), and κ, α and AC1 as the mean of the per-code values over those
codes where it is defined. Single-label data also get accuracy, and κ, α and AC1 computed over
the labels themselves (one multi-category decision per unit) rather than per code.

κ, α and AC1 come from :mod:`indsigt.analyse.agreement`, the implementation the web app and the
report use too, with its convention: an undefined figure (no units; κ or α when both sides give
every unit the same one value) is ``None``, never 0.0 or 1.0.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from indsigt.analyse.agreement import (
    cohen_kappa,
    counts,
    gwet_ac1,
    krippendorff_alpha,
    mean_defined,
)


def _ratio(a: float, b: float) -> float:
    return a / b if b else 0.0


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def per_code(
    gold: Sequence[frozenset[str]], machine: Sequence[frozenset[str]], code: str
) -> dict[str, Any]:
    truth = [code in labels for labels in gold]
    guess = [code in labels for labels in machine]
    tp = sum(t and g for t, g in zip(truth, guess, strict=True))
    fp = sum(g and not t for t, g in zip(truth, guess, strict=True))
    fn = sum(t and not g for t, g in zip(truth, guess, strict=True))
    precision, recall = _ratio(tp, tp + fp), _ratio(tp, tp + fn)
    pairs = counts(truth, guess)
    return {
        "support": tp + fn,
        "predicted": tp + fp,
        "prevalence": round(_ratio(tp + fn, len(gold)), 4),
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(_ratio(2 * precision * recall, precision + recall), 4),
        "kappa": _rounded(cohen_kappa(pairs)),
        "alpha": _rounded(krippendorff_alpha(pairs)),
        "ac1": _rounded(gwet_ac1(pairs)),
        "tp": tp,
        "fp": fp,
        "fn": fn,
    }


def agreement(
    gold: Sequence[frozenset[str]],
    machine: Sequence[frozenset[str]],
    *,
    single_label: bool = False,
) -> dict[str, Any]:
    """All the figures for one coder against the gold (same units, same order)."""
    if len(gold) != len(machine):
        raise ValueError("gold and machine must code the same units")
    codes = sorted(
        {c for labels in gold for c in labels} | {c for labels in machine for c in labels}
    )
    table = {code: per_code(gold, machine, code) for code in codes}
    tp = sum(row["tp"] for row in table.values())
    fp = sum(row["fp"] for row in table.values())
    fn = sum(row["fn"] for row in table.values())
    micro_p, micro_r = _ratio(tp, tp + fp), _ratio(tp, tp + fn)

    def mean(key: str) -> float:
        return round(_ratio(sum(row[key] for row in table.values()), len(table)), 4)

    def mean_of_defined(key: str) -> float | None:
        return _rounded(mean_defined(row[key] for row in table.values()))

    result: dict[str, Any] = {
        "units": len(gold),
        "codes": len(codes),
        "micro_f1": round(_ratio(2 * micro_p * micro_r, micro_p + micro_r), 4),
        "macro_f1": mean("f1"),
        "kappa": mean_of_defined("kappa"),
        "alpha": mean_of_defined("alpha"),
        "ac1": mean_of_defined("ac1"),
        "accuracy": None,
        "exact_match": round(
            _ratio(sum(g == m for g, m in zip(gold, machine, strict=True)), len(gold)), 4
        ),
    }
    if single_label:
        a = [min(labels) if labels else "" for labels in gold]
        b = [min(labels) if labels else "" for labels in machine]
        result["accuracy"] = round(
            _ratio(sum(x == y for x, y in zip(a, b, strict=True)), len(a)), 4
        )
        labels = counts(a, b)
        result["kappa"] = _rounded(cohen_kappa(labels))
        result["alpha"] = _rounded(krippendorff_alpha(labels))
        result["ac1"] = _rounded(gwet_ac1(labels))
    result["per_code"] = table
    return result
