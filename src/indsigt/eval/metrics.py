"""Agreement between gold and machine codes on the same units.

Per code (a yes/no decision per unit): precision, recall, F1, prevalence (share of units the
gold gives the code), Cohen's κ, Krippendorff's α (nominal, two coders, no missing values) and
Gwet's AC1. Over all codes: micro F1 (pooled counts) and macro F1 (mean over the codes the
gold or the machine uses), and κ, α and AC1 as the mean of the per-code values over those
codes. Single-label data also get accuracy, and κ, α and AC1 computed over the labels
themselves (one multi-category decision per unit) rather than per code.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Sequence
from typing import Any


def _ratio(a: float, b: float) -> float:
    return a / b if b else 0.0


def cohen_kappa(a: Sequence[Hashable], b: Sequence[Hashable]) -> float:
    n = len(a)
    if not n:
        return 0.0
    observed = sum(x == y for x, y in zip(a, b, strict=True)) / n
    count_a, count_b = Counter(a), Counter(b)
    expected = sum(count_a[k] * count_b.get(k, 0) for k in count_a) / (n * n)
    if expected >= 1.0:
        return 1.0 if observed >= 1.0 else 0.0
    return (observed - expected) / (1 - expected)


def krippendorff_alpha(a: Sequence[Hashable], b: Sequence[Hashable]) -> float:
    """Nominal α for two coders who both coded every unit."""
    n = len(a)
    if not n:
        return 0.0
    disagreements = sum(x != y for x, y in zip(a, b, strict=True))
    values = Counter(a) + Counter(b)
    total = 2 * n
    expected_pairs = total * total - sum(count * count for count in values.values())
    if expected_pairs == 0:
        return 1.0 if disagreements == 0 else 0.0
    return 1.0 - (total - 1) * (2 * disagreements) / expected_pairs


def gwet_ac1(
    a: Sequence[Hashable], b: Sequence[Hashable], *, categories: int | None = None
) -> float:
    n = len(a)
    if not n:
        return 0.0
    observed = sum(x == y for x, y in zip(a, b, strict=True)) / n
    values = Counter(a) + Counter(b)
    q = categories or max(2, len(values))
    chance = sum((count / (2 * n)) * (1 - count / (2 * n)) for count in values.values()) / (q - 1)
    if chance >= 1.0:
        return 1.0 if observed >= 1.0 else 0.0
    return (observed - chance) / (1 - chance)


def per_code(
    gold: Sequence[frozenset[str]], machine: Sequence[frozenset[str]], code: str
) -> dict[str, Any]:
    truth = [code in labels for labels in gold]
    guess = [code in labels for labels in machine]
    tp = sum(t and g for t, g in zip(truth, guess, strict=True))
    fp = sum(g and not t for t, g in zip(truth, guess, strict=True))
    fn = sum(t and not g for t, g in zip(truth, guess, strict=True))
    precision, recall = _ratio(tp, tp + fp), _ratio(tp, tp + fn)
    return {
        "support": tp + fn,
        "predicted": tp + fp,
        "prevalence": round(_ratio(tp + fn, len(gold)), 4),
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(_ratio(2 * precision * recall, precision + recall), 4),
        "kappa": round(cohen_kappa(truth, guess), 4),
        "alpha": round(krippendorff_alpha(truth, guess), 4),
        "ac1": round(gwet_ac1(truth, guess), 4),
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

    result: dict[str, Any] = {
        "units": len(gold),
        "codes": len(codes),
        "micro_f1": round(_ratio(2 * micro_p * micro_r, micro_p + micro_r), 4),
        "macro_f1": mean("f1"),
        "kappa": mean("kappa"),
        "alpha": mean("alpha"),
        "ac1": mean("ac1"),
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
        result["kappa"] = round(cohen_kappa(a, b), 4)
        result["alpha"] = round(krippendorff_alpha(a, b), 4)
        result["ac1"] = round(gwet_ac1(a, b), 4)
    result["per_code"] = table
    return result
