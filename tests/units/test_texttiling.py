"""Statements within a turn: TextTiling depths, splits, word budget, conversational runs."""

from __future__ import annotations

import numpy as np
import pytest

from indsigt.units.texttiling import Span, cutoff, gap_depths, split_turn


def _topics(*blocks: int) -> np.ndarray:
    """Unit rows: ``blocks[k]`` rows near axis k (a topic each)."""
    rows = []
    for topic, count in enumerate(blocks):
        for n in range(count):
            row = np.full(8, 0.05)
            row[topic] = 1.0
            row[7] += 0.01 * n
            rows.append(row / np.linalg.norm(row))
    return np.array(rows)


def test_the_deepest_gap_is_the_topic_shift() -> None:
    depths = gap_depths(_topics(3, 3))
    assert len(depths) == 5
    assert int(np.argmax(depths)) == 2


def test_a_turn_splits_at_the_shift_when_both_sides_are_long_enough() -> None:
    depths = gap_depths(_topics(3, 3))
    spans = split_turn([True] * 6, [10] * 6, depths, threshold=cutoff(depths))
    assert spans == [Span(0, 2, True), Span(3, 5, True)]


def test_short_sides_are_not_split_off() -> None:
    depths = gap_depths(_topics(3, 3))
    spans = split_turn([True] * 6, [3] * 6, depths, threshold=cutoff(depths))
    assert spans == [Span(0, 5, True)]  # 9 words a side: under min_words


def test_a_long_turn_is_cut_below_max_words() -> None:
    depths = gap_depths(_topics(12))
    spans = split_turn(
        [True] * 12, [25] * 12, depths, threshold=float("inf"), min_words=20, max_words=120
    )
    assert all(sum([25] * (s.last - s.first + 1)) <= 120 for s in spans)
    assert spans[0].first == 0 and spans[-1].last == 11


def test_conversational_runs_join_their_neighbour_and_stay_in_order() -> None:
    substantive = [False, True, True, False, True, True, False]
    vectors = _topics(2, 2)
    depths = gap_depths(vectors)
    spans = split_turn(substantive, [1, 12, 12, 1, 12, 12, 1], depths, threshold=cutoff(depths))
    assert spans == [Span(0, 3, True), Span(4, 6, True)]
    alone = split_turn(
        substantive, [1, 12, 12, 1, 12, 12, 1], depths, threshold=cutoff(depths), attach=False
    )
    assert alone == [
        Span(0, 0, False),
        Span(1, 2, True),
        Span(3, 3, False),
        Span(4, 5, True),
        Span(6, 6, False),
    ]


def test_a_turn_of_talk_only_is_one_unsubstantive_statement() -> None:
    assert split_turn([False, False], [1, 1], [], threshold=0.0) == [Span(0, 1, False)]


def test_depths_must_match_the_substantive_gaps() -> None:
    with pytest.raises(ValueError, match="one depth per gap"):
        split_turn([True, True, True], [5, 5, 5], [0.1], threshold=0.0)


def test_banter_is_not_substantive() -> None:
    from indsigt.units.plan import DocumentIn, PassageIn, TurnIn, plan_units
    from indsigt.units.rules import RuleTalkDetector

    texts = [
        "Præcis.",
        "Ved 130 km/t. (griner)",
        "Det er jeg ikke overrasket over.",
        "Borgerne forventer digitale løsninger døgnet rundt, også fra kommunen.",
    ]
    turns = tuple(
        TurnIn(n, False, (PassageIn(n, 0, len(text), text),)) for n, text in enumerate(texts)
    )
    _, plans = plan_units(
        [DocumentIn(1, "da", turns)],
        detector=RuleTalkDetector(),
        embed=lambda rows: np.ones((len(rows), 4)),
    )
    assert [p.substantive for p in plans] == [False, False, True, True]
