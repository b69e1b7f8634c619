"""The small-n tests against independent references (scipy) and known values."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.stats import chi2_contingency, fisher_exact

from indsigt.analyse.stats_tests import chi_square, cramers_v, fisher_freeman_halton, holm


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 15), st.integers(1, 15), st.data())
def test_exact_test_equals_fisher_on_2x2(t1: int, t2: int, data: st.DataObject) -> None:
    a = data.draw(st.integers(0, t1))
    b = data.draw(st.integers(0, t2))
    expected = fisher_exact([[a, b], [t1 - a, t2 - b]]).pvalue
    assert fisher_freeman_halton([a, b], [t1, t2]) == pytest.approx(expected, rel=1e-6, abs=1e-9)


def test_exact_test_on_2x3_known_case() -> None:
    # All 5 state leaders mention it, none of 5 regional or 5 municipal: very unlikely by chance.
    p = fisher_freeman_halton([5, 0, 0], [5, 5, 5])
    assert p is not None and p < 0.001
    # Evenly spread: no evidence of a difference.
    assert fisher_freeman_halton([2, 2, 2], [5, 5, 5]) == pytest.approx(1.0)


def test_cramers_v_matches_chi_square_statistic() -> None:
    row, totals = [8, 3, 1], [10, 10, 10]
    table = [row, [t - r for t, r in zip(totals, row, strict=True)]]
    statistic = chi2_contingency(table, correction=False).statistic
    assert cramers_v(row, totals) == pytest.approx((statistic / 30) ** 0.5)


def test_chi_square_refuses_small_expected_counts() -> None:
    assert chi_square([1, 0], [3, 3]) is None
    p = chi_square([40, 10], [50, 50])
    assert p is not None and p[0] < 1e-6 and p[1] == "chi-square"


def test_holm_adjustment() -> None:
    assert holm([0.01, 0.04, None, 0.03]) == pytest.approx([0.03, 0.06, None, 0.06])
    assert holm([]) == []
