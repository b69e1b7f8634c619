"""Agreement figures (one implementation for the evaluation, the web app and the report):
textbook values, the undefined cases, and a brute-force cross-check of Krippendorff's α from its
coincidence matrix."""

from __future__ import annotations

import math
from itertools import product

import pytest
from hypothesis import given
from hypothesis import strategies as st

from indsigt.analyse.agreement import (
    Table,
    agreement,
    cohen_kappa,
    counts,
    gwet_ac1,
    krippendorff_alpha,
    mean_defined,
    percent_agreement,
    prevalence,
    table,
    tables_by_code,
)

# The classic 2×2 example (Wikipedia, Cohen's kappa): 20 both, 5 only A, 10 only B, 15 neither.
CLASSIC = Table(both=20, only_a=5, only_b=10, neither=15)


def test_classic_table() -> None:
    assert percent_agreement(CLASSIC) == pytest.approx(0.7)
    assert prevalence(CLASSIC) == (pytest.approx(0.5), pytest.approx(0.6))
    assert cohen_kappa(CLASSIC) == pytest.approx(0.4)
    # α = 1 − (n−1)·D/(n₀·n₁) = 1 − 99·15/(45·55)
    assert krippendorff_alpha(CLASSIC) == pytest.approx(1 - 99 * 15 / (45 * 55))
    # AC1: π = 0.55, pₑ = 2·0.55·0.45 = 0.495
    assert gwet_ac1(CLASSIC) == pytest.approx((0.7 - 0.495) / (1 - 0.495))


def test_gwet_paradox_case() -> None:
    """High agreement on a rare code: κ is low, AC1 stays high (Gwet's motivating case)."""
    rare = Table(both=1, only_a=2, only_b=2, neither=95)
    assert percent_agreement(rare) == pytest.approx(0.96)
    assert cohen_kappa(rare) < 0.35 < 0.9 < gwet_ac1(rare)


def test_undefined_figures_are_none() -> None:
    never = Table(neither=10)
    assert percent_agreement(never) == 1.0
    assert cohen_kappa(never) is None and krippendorff_alpha(never) is None
    assert gwet_ac1(never) == 1.0
    always = Table(both=7)
    assert cohen_kappa(always) is None and krippendorff_alpha(always) is None
    empty = Table()
    assert agreement(empty).percent_agreement is None and agreement(empty).gwet_ac1 is None


def test_perfect_and_opposite() -> None:
    perfect = table([True, False, True, False], [True, False, True, False])
    assert cohen_kappa(perfect) == 1.0 and krippendorff_alpha(perfect) == 1.0
    opposite = table([True, False, True, False], [False, True, False, True])
    assert cohen_kappa(opposite) == -1.0
    assert gwet_ac1(opposite) == -1.0


def _alpha_from_coincidences(a: list[bool], b: list[bool]) -> float | None:
    """Krippendorff's α, nominal, computed the long way (coincidence matrix)."""
    values = [0, 1]
    o = {(c, k): 0.0 for c, k in product(values, values)}
    for x, y in zip(a, b, strict=True):
        o[(int(x), int(y))] += 1  # each unit: two ordered pairs, weight 1/(m−1) = 1
        o[(int(y), int(x))] += 1
    n_c = {c: sum(o[(c, k)] for k in values) for c in values}
    n = sum(n_c.values())
    d_o = sum(o[(c, k)] for c, k in o if c != k) / n
    d_e = sum(n_c[c] * n_c[k] for c, k in o if c != k) / (n * (n - 1))
    return None if d_e == 0 else 1 - d_o / d_e


@given(st.lists(st.tuples(st.booleans(), st.booleans()), min_size=2, max_size=60))
def test_alpha_matches_the_coincidence_matrix(pairs: list[tuple[bool, bool]]) -> None:
    a, b = [x for x, _ in pairs], [y for _, y in pairs]
    expected = _alpha_from_coincidences(a, b)
    found = krippendorff_alpha(table(a, b))
    if expected is None:
        assert found is None
    else:
        assert found is not None and math.isclose(found, expected, abs_tol=1e-9)


@given(st.lists(st.tuples(st.booleans(), st.booleans()), min_size=1, max_size=60))
def test_figures_are_bounded(pairs: list[tuple[bool, bool]]) -> None:
    t = table([x for x, _ in pairs], [y for _, y in pairs])
    for value in (cohen_kappa(t), gwet_ac1(t), krippendorff_alpha(t)):
        assert value is None or -1.0 - 1e-9 <= value <= 1.0 + 1e-9
    assert t.units == len(pairs)


def test_tables_by_code() -> None:
    tables = tables_by_code([1, 2, 3], [10, 20], {(1, 10), (2, 10)}, {(2, 10), (3, 20)})
    assert tables[10] == Table(both=1, only_a=1, only_b=0, neither=1)
    assert tables[20] == Table(both=0, only_a=0, only_b=1, neither=2)


def test_sequences_and_tables_give_the_same_figures() -> None:
    """The evaluation (sequences) and the web/report (2×2 tables) share one implementation."""
    a = [True, True, False, False, True, False, False, True, False, False]
    b = [True, False, False, True, True, False, False, False, False, False]
    by_table, by_sequence = table(a, b), counts(a, b)
    for measure in (percent_agreement, cohen_kappa, krippendorff_alpha, gwet_ac1):
        assert measure(by_table) == pytest.approx(measure(by_sequence))


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ([], []),  # no units
        (["x"] * 5, ["x"] * 5),  # both coders give every unit the same one value
        ([False] * 4, [False] * 4),
    ],
)
def test_one_convention_for_undefined_figures(a: list[object], b: list[object]) -> None:
    """κ and α are None (never a made-up 0.0 or 1.0) when chance leaves nothing to explain;
    every figure is None without units."""
    found = counts(a, b)
    assert cohen_kappa(found) is None and krippendorff_alpha(found) is None
    if a:
        assert percent_agreement(found) == 1.0 and gwet_ac1(found) == 1.0
    else:
        assert percent_agreement(found) is None and gwet_ac1(found) is None


def test_one_coder_constant_is_defined() -> None:
    """Only one coder never varies: no agreement beyond chance, κ = 0, not undefined."""
    found = counts([False] * 9 + [True], [False] * 10)
    assert cohen_kappa(found) == pytest.approx(0.0)
    assert krippendorff_alpha(found) is not None


def test_mean_defined_skips_undefined_figures() -> None:
    assert mean_defined([0.5, None, 1.0]) == pytest.approx(0.75)
    assert mean_defined([None, None]) is None


def test_counts_need_the_same_units() -> None:
    with pytest.raises(ValueError, match="same units"):
        counts([1, 2], [1])
