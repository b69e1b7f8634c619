"""Key points of a large consultation estimated on a sample: the interval and the draw."""

from __future__ import annotations

import random

import pytest

from indsigt.analyse.keypoints.sample import Share, draw_per_scope


def test_a_scope_counted_in_full_is_exact() -> None:
    share = Share(matched=7, sampled=40, population=40)
    assert share.exact
    assert share.interval() == (share.share, share.share)
    assert share.count() == (7, 7, 7)


def test_the_interval_holds_the_share_and_narrows_as_the_sample_nears_the_whole() -> None:
    big = Share(matched=60, sampled=200, population=1_000_000)
    small = Share(matched=60, sampled=200, population=250)
    for share in (big, small):
        low, high = share.interval()
        assert low < share.share < high
    assert small.interval()[1] - small.interval()[0] < big.interval()[1] - big.interval()[0]
    # Wilson's interval at n = 200, p = 0.3 (without the correction): about 0.240-0.367
    assert big.interval()[0] == pytest.approx(0.2406, abs=1e-3)
    assert big.interval()[1] == pytest.approx(0.3670, abs=1e-3)


def test_a_count_never_leaves_what_the_sample_proves() -> None:
    share = Share(matched=1, sampled=300, population=320)
    estimate, low, high = share.count()
    assert low >= 1  # one matched answer was seen
    assert high <= 320 - 299  # 299 seen not to match
    assert low <= estimate <= high


def test_the_interval_covers_the_truth_about_95_in_100_times() -> None:
    rng = random.Random(0)
    population, size, trials, covered = 3_000, 150, 800, 0
    for _ in range(trials):
        truth = rng.randrange(30, 1_500)
        matched = sum(k < truth for k in rng.sample(range(population), size))
        _, low, high = Share(matched, size, population).count()
        covered += low <= truth <= high
    assert 0.92 <= covered / trials <= 0.99


def test_each_scope_draws_its_own_seeded_sample() -> None:
    scopes = {"q1": list(range(100)), "q2": list(range(5)), "q3": list(range(50))}
    drawn = draw_per_scope(scopes, 10, seed=3)
    assert [len(v) for v in drawn.values()] == [10, 5, 10]
    assert drawn["q2"] == [0, 1, 2, 3, 4]
    assert drawn == draw_per_scope(scopes, 10, seed=3)
    assert drawn["q1"] == sorted(drawn["q1"])
    assert draw_per_scope(scopes, 10, seed=4)["q1"] != drawn["q1"]
    with pytest.raises(ValueError, match="at least one"):
        draw_per_scope(scopes, 0)
