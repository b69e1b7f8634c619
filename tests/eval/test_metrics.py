"""Agreement measures against independent computations."""

from __future__ import annotations

import random

import pytest

from indsigt.eval import agreement, cohen_kappa, counts, gwet_ac1, krippendorff_alpha


def test_kappa_matches_scikit_learn() -> None:
    from sklearn.metrics import cohen_kappa_score

    rng = random.Random(3)
    a = [rng.choice("abcd") for _ in range(300)]
    b = [x if rng.random() < 0.6 else rng.choice("abcd") for x in a]
    assert cohen_kappa(counts(a, b)) == pytest.approx(cohen_kappa_score(a, b))


def test_alpha_by_hand() -> None:
    # Two coders, 10 units, nominal; values: a a a a b b b b a b vs a a a b b b b a a b.
    a = list("aaaabbbbab")
    b = list("aaabbbbaab")
    # disagreements: 2 units; n = 20 values (a: 10, b: 10); D_o = 2*2/20, D_e = 2*10*10/(20*19)
    expected = 1 - (2 * 2 / 20) / (2 * 10 * 10 / (20 * 19))
    assert krippendorff_alpha(counts(a, b)) == pytest.approx(expected)
    assert krippendorff_alpha(counts(a, a)) == 1.0


def test_ac1_by_hand() -> None:
    a = [1] * 90 + [0] * 10
    b = [1] * 85 + [0] * 5 + [1] * 5 + [0] * 5
    pa = 0.9
    pi = (0.9 + 0.9) / 2
    pe = 2 * pi * (1 - pi) / 1
    assert gwet_ac1(counts(a, b)) == pytest.approx((pa - pe) / (1 - pe))
    # High prevalence: κ is low although agreement is 90 %; AC1 stays high.
    kappa, ac1 = cohen_kappa(counts(a, b)), gwet_ac1(counts(a, b))
    assert kappa is not None and ac1 is not None and kappa < 0.5 < ac1


def test_agreement_multi_and_single_label() -> None:
    gold = [frozenset({"x"}), frozenset({"x", "y"}), frozenset(), frozenset({"y"})]
    machine = [frozenset({"x"}), frozenset({"x"}), frozenset({"y"}), frozenset({"y"})]
    result = agreement(gold, machine)
    assert result["per_code"]["x"]["f1"] == 1.0
    assert result["per_code"]["y"]["precision"] == 0.5 and result["per_code"]["y"]["recall"] == 0.5
    assert result["micro_f1"] == pytest.approx(0.75)
    assert result["macro_f1"] == pytest.approx(0.75)
    assert result["accuracy"] is None and result["per_code"]["y"]["prevalence"] == 0.5
    single = agreement(
        [frozenset({"a"}), frozenset({"b"}), frozenset({"a"})],
        [frozenset({"a"}), frozenset({"a"}), frozenset({"a"})],
        single_label=True,
    )
    assert single["accuracy"] == pytest.approx(2 / 3, abs=1e-4)
    with pytest.raises(ValueError):
        agreement(gold, machine[:2])


def test_undefined_agreement_is_none_like_the_web_and_the_report() -> None:
    """One convention (issue 19): the evaluation used to report κ = 1.0 and α = 1.0 where both
    sides give every unit the same code, and 0.0 without units; the web app said None."""
    everywhere = [frozenset({"x"})] * 4
    result = agreement(everywhere, everywhere)
    assert result["per_code"]["x"]["kappa"] is None and result["per_code"]["x"]["alpha"] is None
    assert result["per_code"]["x"]["ac1"] == 1.0
    assert result["kappa"] is None and result["alpha"] is None and result["ac1"] == 1.0
    # a mean over codes takes the codes where the figure is defined
    mixed = agreement(
        [frozenset({"x", "y"}), frozenset({"x"}), frozenset({"x", "y"}), frozenset({"x"})],
        [frozenset({"x", "y"}), frozenset({"x"}), frozenset({"x"}), frozenset({"x"})],
    )
    assert mixed["per_code"]["x"]["kappa"] is None
    assert mixed["kappa"] == mixed["per_code"]["y"]["kappa"] == pytest.approx(0.5)
    empty = agreement([], [])
    assert empty["kappa"] is None and empty["alpha"] is None and empty["ac1"] is None
