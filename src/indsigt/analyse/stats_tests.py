"""Tests for code × segment tables that stay honest at small n.

A 2 × k table (has the code / not, per segment) is tested with the exact
Fisher–Freeman–Halton test when the tables with the same margins can be enumerated, else with
Pearson's chi-square when its expected counts allow (all ≥ 1 and at least 80 % ≥ 5); otherwise
no test is made and the reason is given. Effect size: Cramér's V. p-values across codes are
Holm-corrected.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence

ENUMERATION_LIMIT = 2_000_000


def cramers_v(row: Sequence[int], totals: Sequence[int]) -> float:
    """Cramér's V of the 2 × k table [row, totals - row] (equals |phi| for 2 × 2)."""
    n = sum(totals)
    a = sum(row)
    if n == 0 or a in (0, n):
        return 0.0
    chi2 = 0.0
    for x, total in zip(row, totals, strict=True):
        for observed, share in ((x, a / n), (total - x, (n - a) / n)):
            expected = total * share
            if expected > 0:
                chi2 += (observed - expected) ** 2 / expected
    return math.sqrt(chi2 / n)  # min(rows, cols) - 1 == 1 for a 2 × k table


def fisher_freeman_halton(row: Sequence[int], totals: Sequence[int]) -> float | None:
    """Exact p-value for a 2 × k table with fixed margins; None when too many tables."""
    n, a = sum(totals), sum(row)
    if math.prod(t + 1 for t in totals) > ENUMERATION_LIMIT:
        return None
    log_denominator = _log_comb(n, a)

    def log_probability(cells: Sequence[int]) -> float:
        return sum(_log_comb(t, x) for t, x in zip(totals, cells, strict=True)) - log_denominator

    observed = log_probability(row)
    p = 0.0
    for cells in itertools.product(*(range(t + 1) for t in totals[:-1])):
        last = a - sum(cells)
        if not 0 <= last <= totals[-1]:
            continue
        lp = log_probability((*cells, last))
        if lp <= observed + 1e-7:
            p += math.exp(lp)
    return min(1.0, p)


def chi_square(row: Sequence[int], totals: Sequence[int]) -> tuple[float, str] | None:
    """Pearson's chi-square p-value, or None when expected counts are too small."""
    from scipy.stats import chi2

    n, a = sum(totals), sum(row)
    expected = [t * share for t in totals for share in (a / n, (n - a) / n)]
    if min(expected) < 1 or sum(e >= 5 for e in expected) < 0.8 * len(expected):
        return None
    statistic = cramers_v(row, totals) ** 2 * n
    return float(chi2.sf(statistic, len(totals) - 1)), "chi-square"


def holm(p_values: Sequence[float | None]) -> list[float | None]:
    """Holm–Bonferroni adjusted p-values (None stays None)."""
    indexed = sorted((p, i) for i, p in enumerate(p_values) if p is not None)
    m = len(indexed)
    adjusted: list[float | None] = [None] * len(p_values)
    running = 0.0
    for rank, (p, i) in enumerate(indexed):
        running = max(running, min(1.0, (m - rank) * p))
        adjusted[i] = running
    return adjusted


def _log_comb(n: int, k: int) -> float:
    return math.lgamma(n + 1) - math.lgamma(k + 1) - math.lgamma(n - k + 1)
