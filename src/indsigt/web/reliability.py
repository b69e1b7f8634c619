"""Agreement between two coders on binary decisions (a passage has a code or not).

Each figure comes from the 2×2 table of one code over the same units: ``both`` coders applied it,
``only_a``, ``only_b``, ``neither``. A figure whose chance agreement leaves nothing to explain
(e.g. κ when neither coder ever used the code) is ``None``, not a made-up number.

Written for the web app while the evaluation's metrics module is being built; the formulas are
the textbook two-coder, nominal, no-missing-data cases:

* Cohen's κ = (pₒ − pₑ) / (1 − pₑ), pₑ = pA·pB + (1 − pA)(1 − pB)
* Krippendorff's α = 1 − (n − 1)·D / (n₀·n₁), with n = 2N values, D disagreeing units and n₀, n₁
  the values 0 and 1 over both coders (the coincidence-matrix form for two coders)
* Gwet's AC1 = (pₒ − pₑ) / (1 − pₑ), pₑ = 2π(1 − π), π = (pA + pB) / 2
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Table:
    """Counts of one binary decision by coders A and B over the same units."""

    both: int = 0
    only_a: int = 0
    only_b: int = 0
    neither: int = 0

    @property
    def units(self) -> int:
        return self.both + self.only_a + self.only_b + self.neither

    def __add__(self, other: Table) -> Table:
        return Table(
            self.both + other.both,
            self.only_a + other.only_a,
            self.only_b + other.only_b,
            self.neither + other.neither,
        )


def table(a: Iterable[bool], b: Iterable[bool]) -> Table:
    """The 2×2 table of paired decisions."""
    counts = [0, 0, 0, 0]
    for x, y in zip(a, b, strict=True):
        counts[(0 if x else 2) + (0 if y else 1)] += 1
    return Table(both=counts[0], only_a=counts[1], only_b=counts[2], neither=counts[3])


def percent_agreement(t: Table) -> float | None:
    return None if t.units == 0 else (t.both + t.neither) / t.units


def prevalence(t: Table) -> tuple[float | None, float | None]:
    """Share of units each coder applied the code to."""
    if t.units == 0:
        return None, None
    return (t.both + t.only_a) / t.units, (t.both + t.only_b) / t.units


def cohen_kappa(t: Table) -> float | None:
    observed = percent_agreement(t)
    p_a, p_b = prevalence(t)
    if observed is None or p_a is None or p_b is None:
        return None
    expected = p_a * p_b + (1 - p_a) * (1 - p_b)
    if expected >= 1:
        return None
    return (observed - expected) / (1 - expected)


def krippendorff_alpha(t: Table) -> float | None:
    n = 2 * t.units
    ones = 2 * t.both + t.only_a + t.only_b
    zeros = n - ones
    if ones == 0 or zeros == 0:
        return None
    disagreements = t.only_a + t.only_b
    return 1 - (n - 1) * disagreements / (zeros * ones)


def gwet_ac1(t: Table) -> float | None:
    observed = percent_agreement(t)
    p_a, p_b = prevalence(t)
    if observed is None or p_a is None or p_b is None:
        return None
    pi = (p_a + p_b) / 2
    expected = 2 * pi * (1 - pi)
    return (observed - expected) / (1 - expected)


@dataclass(frozen=True)
class Agreement:
    """Every figure for one table."""

    table: Table
    percent_agreement: float | None
    cohen_kappa: float | None
    krippendorff_alpha: float | None
    gwet_ac1: float | None
    prevalence_a: float | None
    prevalence_b: float | None


def agreement(t: Table) -> Agreement:
    p_a, p_b = prevalence(t)
    return Agreement(
        table=t,
        percent_agreement=percent_agreement(t),
        cohen_kappa=cohen_kappa(t),
        krippendorff_alpha=krippendorff_alpha(t),
        gwet_ac1=gwet_ac1(t),
        prevalence_a=p_a,
        prevalence_b=p_b,
    )


def tables_by_code(
    units: Iterable[int],
    codes: Iterable[int],
    a: set[tuple[int, int]],
    b: set[tuple[int, int]],
) -> dict[int, Table]:
    """One table per code from two coders' (unit, code) decisions over the same units."""
    unit_list = list(units)
    result = {}
    for code in codes:
        both = only_a = only_b = 0
        for unit in unit_list:
            in_a, in_b = (unit, code) in a, (unit, code) in b
            both += in_a and in_b
            only_a += in_a and not in_b
            only_b += in_b and not in_a
        result[code] = Table(both, only_a, only_b, len(unit_list) - both - only_a - only_b)
    return result
