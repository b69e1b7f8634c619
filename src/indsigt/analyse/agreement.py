"""Agreement between two coders over the same units — the one implementation that the coding
evaluation (``indsigt eval coding``), the web app's reliability page and the report all use.

Percent agreement, Cohen's κ, Krippendorff's α (nominal, two coders, no missing values) and
Gwet's AC1, over the values each coder gave each unit. Two ways in:

* :func:`counts` of two sequences of values (any hashable category: the evaluation's labels, or
  ``True``/``False`` for one code);
* a :class:`Table`, the 2×2 counts of one binary decision (a passage has a code or not):
  ``both`` coders applied it, ``only_a``, ``only_b``, ``neither``.

**The convention for undefined figures** (one for every caller): a figure is ``None`` when it is
undefined, never a made-up 0.0 or 1.0 — every figure when there are no units; κ and α when the
chance agreement leaves nothing to explain (both coders gave every unit the same one value, so
pₑ = 1). AC1 stays defined then (its chance agreement is below 1), and so does percent agreement.
Means over codes (the evaluation's κ, α and AC1 over all codes) take the codes where the figure
is defined; with none, the mean is ``None`` too.

The formulas, with n units, pₒ the share of units both coders gave the same value, and nₖ the
times value k was given by either coder (2n values in all):

* Cohen's κ = (pₒ − pₑ) / (1 − pₑ), pₑ = Σₖ pA(k)·pB(k)
* Krippendorff's α = 1 − (2n − 1)·2D / (4n² − Σₖ nₖ²), D the disagreeing units (for two values
  this is 1 − (2n − 1)·D / (n₀·n₁), the coincidence-matrix form)
* Gwet's AC1 = (pₒ − pₑ) / (1 − pₑ), pₑ = Σₖ πₖ(1 − πₖ) / (q − 1), πₖ = nₖ / 2n, q categories
  (at least 2; for two values pₑ = 2π(1 − π))
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Counts:
    """What every figure needs: the units, how many of them both coders agree on, and how often
    each coder gave each value."""

    units: int
    agreeing: int
    a: Mapping[Hashable, int]
    b: Mapping[Hashable, int]


def counts(a: Sequence[Hashable], b: Sequence[Hashable]) -> Counts:
    """The counts of two coders' values for the same units, in the same order."""
    if len(a) != len(b):
        raise ValueError("the two coders must code the same units")
    return Counts(
        units=len(a),
        agreeing=sum(x == y for x, y in zip(a, b, strict=True)),
        a=Counter(a),
        b=Counter(b),
    )


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

    def counts(self) -> Counts:
        return Counts(
            units=self.units,
            agreeing=self.both + self.neither,
            a={True: self.both + self.only_a, False: self.only_b + self.neither},
            b={True: self.both + self.only_b, False: self.only_a + self.neither},
        )


def table(a: Iterable[bool], b: Iterable[bool]) -> Table:
    """The 2×2 table of paired decisions."""
    cells = [0, 0, 0, 0]
    for x, y in zip(a, b, strict=True):
        cells[(0 if x else 2) + (0 if y else 1)] += 1
    return Table(both=cells[0], only_a=cells[1], only_b=cells[2], neither=cells[3])


def _counts(data: Counts | Table) -> Counts:
    return data.counts() if isinstance(data, Table) else data


def _values(c: Counts) -> Counter[Hashable]:
    """How often each value was given by either coder (values never given left out)."""
    found: Counter[Hashable] = Counter()
    for side in (c.a, c.b):
        for value, count in side.items():
            if count:
                found[value] += count
    return found


def percent_agreement(data: Counts | Table) -> float | None:
    c = _counts(data)
    return c.agreeing / c.units if c.units else None


def cohen_kappa(data: Counts | Table) -> float | None:
    c = _counts(data)
    n = c.units
    chance = sum(count * c.b.get(value, 0) for value, count in c.a.items())  # pₑ·n²
    if not n or chance >= n * n:
        return None
    return (c.agreeing * n - chance) / (n * n - chance)


def krippendorff_alpha(data: Counts | Table) -> float | None:
    c = _counts(data)
    total = 2 * c.units
    expected_pairs = total * total - sum(count * count for count in _values(c).values())
    if not c.units or expected_pairs == 0:
        return None
    return 1.0 - (total - 1) * 2 * (c.units - c.agreeing) / expected_pairs


def gwet_ac1(data: Counts | Table, *, categories: int | None = None) -> float | None:
    """AC1; ``categories``: how many values a unit could take (default: those given, at least 2)."""
    c = _counts(data)
    if not c.units:
        return None
    values = _values(c)
    q = categories or max(2, len(values))
    total = 2 * c.units
    chance = sum((count / total) * (1 - count / total) for count in values.values()) / (q - 1)
    if chance >= 1.0:
        return None
    return (c.agreeing / c.units - chance) / (1 - chance)


def mean_defined(values: Iterable[float | None]) -> float | None:
    """The mean of the defined values (``None`` when there are none)."""
    found = [value for value in values if value is not None]
    return sum(found) / len(found) if found else None


def prevalence(t: Table) -> tuple[float | None, float | None]:
    """Share of units each coder applied the code to."""
    if t.units == 0:
        return None, None
    return (t.both + t.only_a) / t.units, (t.both + t.only_b) / t.units


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
