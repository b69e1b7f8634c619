"""Greedy key point selection and merging on synthetic score matrices."""

from __future__ import annotations

from typing import ClassVar

import numpy as np
import pytest

from indsigt.analyse.keypoints import Side, generate, select_key_points
from indsigt.analyse.keypoints.generate import draft
from indsigt.analyse.keypoints.matcher import Head

# statements 0-3 said by respondents 1-4, statements 4-5 by 5 and 6, statement 6 by 1 again
RESPONDENTS = [1, 2, 3, 4, 5, 6, 1]


def test_most_respondents_first_and_redundant_candidate_dropped() -> None:
    scores = np.array(
        [
            [0.9, 0.9, 0.9, 0.9, 0.1, 0.1, 0.1],  # A: respondents 1-4
            [0.8, 0.8, 0.8, 0.1, 0.1, 0.1, 0.1],  # B: most of A's statements -> redundant
            [0.1, 0.1, 0.1, 0.1, 0.9, 0.9, 0.1],  # C: respondents 5, 6
        ]
    )
    chosen = select_key_points(scores, RESPONDENTS, threshold=0.5)
    assert [s.candidate for s in chosen] == [0, 2]
    assert chosen[0].respondents == frozenset({1, 2, 3, 4})
    assert chosen[1].statements == (4, 5)


def test_a_point_one_respondent_says_twice_is_not_a_key_point() -> None:
    scores = np.array([[0.9, 0.1, 0.1, 0.1, 0.1, 0.1, 0.9]])  # statements 0 and 6: respondent 1
    assert select_key_points(scores, RESPONDENTS, threshold=0.5, min_respondents=2) == []
    assert len(select_key_points(scores, RESPONDENTS, threshold=0.5, min_respondents=1)) == 1


def test_each_statement_goes_to_its_best_key_point() -> None:
    scores = np.array(
        [
            [0.9, 0.9, 0.6, 0.1, 0.1, 0.1, 0.1],
            [0.1, 0.1, 0.95, 0.9, 0.1, 0.1, 0.1],
        ]
    )
    chosen = select_key_points(scores, RESPONDENTS, threshold=0.5, overlap=0.6)
    by_candidate = {s.candidate: s.statements for s in chosen}
    assert by_candidate == {0: (0, 1), 1: (2, 3)}  # statement 2 scores higher for 1


def test_a_point_left_below_min_respondents_after_assignment_is_dropped() -> None:
    scores = np.array(
        [
            [0.9, 0.9, 0.9, 0.1, 0.1, 0.1, 0.1],
            [0.1, 0.6, 0.95, 0.1, 0.1, 0.1, 0.1],  # keeps only statement 2 once 1 goes to A
        ]
    )
    chosen = select_key_points(scores, RESPONDENTS, threshold=0.5, overlap=1.0)
    assert [s.candidate for s in chosen] == [0]
    assert chosen[0].statements == (0, 1, 2)


def test_max_points_and_shape_checked() -> None:
    scores = np.eye(7) * 0.0 + 0.9
    assert len(select_key_points(scores, RESPONDENTS, threshold=0.5, max_points=1)) == 1
    with pytest.raises(ValueError, match="one respondent per statement"):
        select_key_points(np.zeros((2, 3)), RESPONDENTS, threshold=0.5)


class _Table:
    """A matcher reading fixed matrices (statements × points) per head."""

    name: ClassVar[str] = "table"

    def __init__(self, pairs: np.ndarray, chosen: np.ndarray) -> None:
        self.pairs, self.chosen = pairs, chosen

    def threshold(self, head: Head) -> float:
        return 0.5

    def scores(self, statements: Side, points: Side, *, head: Head) -> np.ndarray:
        if head == "pairs":
            return self.pairs
        index = [int(t[1:]) for t in points.texts]  # candidates "k0", "k1"
        return self.chosen[:, index]


def _side(texts: list[str]) -> Side:
    return Side(tuple(texts), np.zeros((len(texts), 2), dtype=np.float32), ((),) * len(texts))  # type: ignore[arg-type]


def test_generate_assigns_only_where_both_heads_match() -> None:
    # candidates "k0" and "k1"; statements 0-3 (respondents 1-4)
    pairs = np.array(
        [[0.9, 0.1], [0.9, 0.1], [0.9, 0.1], [0.2, 0.9], [0.1, 0.9], [0.1, 0.1], [0.1, 0.1]]
    )
    # the set head would give every statement a key point; the pairs head keeps 5 and 6 out
    chosen = np.array(
        [[0.9, 0.1], [0.9, 0.1], [0.9, 0.1], [0.1, 0.9], [0.1, 0.9], [0.9, 0.1], [0.9, 0.1]]
    )
    drafted = generate(
        _side([f"s{i}" for i in range(7)]),
        RESPONDENTS,
        _side(["k0", "k1"]),
        matcher=_Table(pairs, chosen),
    )
    assert [(d.text, d.statements) for d in drafted] == [("k0", (0, 1, 2)), ("k1", (3, 4))]
    assert drafted[1].respondents == frozenset({4, 5})


class _Floored(_Table):
    """The same matrices, with a floor below the threshold for both heads."""

    def floor(self, head: Head) -> float:
        return 0.3


def test_too_few_key_points_lower_the_thresholds_stepwise_to_the_floor() -> None:
    # at 0.5 only candidate "k0" is said by two respondents; at 0.4 "k1" is too (statements 4, 5)
    pairs = np.array(
        [[0.9, 0.1], [0.9, 0.1], [0.9, 0.1], [0.1, 0.1], [0.1, 0.42], [0.1, 0.45], [0.1, 0.1]]
    )
    chosen = np.array(
        [[0.9, 0.1], [0.9, 0.1], [0.9, 0.1], [0.1, 0.1], [0.1, 0.42], [0.1, 0.45], [0.1, 0.1]]
    )
    statements, candidates = _side([f"s{i}" for i in range(7)]), _side(["k0", "k1"])
    strict = draft(statements, RESPONDENTS, candidates, matcher=_Floored(pairs, chosen))
    assert [d.text for d in strict.points] == ["k0"] and not strict.relaxed
    found = draft(
        statements, RESPONDENTS, candidates, matcher=_Floored(pairs, chosen), min_points=2
    )
    assert [d.text for d in found.points] == ["k0", "k1"]
    assert found.relaxed and found.thresholds == pytest.approx((0.4, 0.4))  # 0.5 → 0.3 in 4
    assert found.points[1].respondents == frozenset({5, 6})
    # a matcher without a floor never goes below its threshold
    plain = draft(statements, RESPONDENTS, candidates, matcher=_Table(pairs, chosen), min_points=2)
    assert [d.text for d in plain.points] == ["k0"] and plain.thresholds == (0.5, 0.5)
    # nothing at any step: the floor's result, which says how far down it looked
    empty = draft(statements, [1] * 7, candidates, matcher=_Floored(pairs, chosen), min_points=2)
    assert empty.points == () and empty.thresholds == pytest.approx((0.3, 0.3))


def test_the_shipped_model_has_floors_below_its_thresholds() -> None:
    from indsigt.analyse.keypoints import PairMatcher

    model = PairMatcher.load()
    for head in ("pairs", "set"):
        assert 0.2 < model.floor(head) < model.threshold(head)  # type: ignore[arg-type]


def test_a_key_point_keeps_the_statement_it_was_taken_from() -> None:
    """GENNOVATE: "Educated people have higher IQ than not educated." was counted for two
    groups that never said it, and not for its own: its statement scored higher with another
    key point. A candidate's own statement matches it and goes to it."""
    import numpy as np

    from indsigt.analyse.keypoints.select import select_key_points

    scores = np.array(
        [
            # statements: 0 (group 1, the source of row 0), 1 (group 2), 2 (group 3), 3 (group 1)
            [0.55, 0.80, 0.80, 0.10],  # candidate 0, taken from statement 0
            [0.90, 0.10, 0.10, 0.85],  # candidate 1, taken from statement 3
        ]
    )
    who = [1, 2, 3, 1]
    plain = select_key_points(scores, who, threshold=0.6, min_respondents=1)
    owned = select_key_points(scores, who, threshold=0.6, min_respondents=1, own=[0, 3])
    by_row = {s.candidate: s for s in plain}
    assert 0 not in by_row[0].statements  # before: its source went to candidate 1
    mine = {s.candidate: s for s in owned}
    assert 0 in mine[0].statements and 1 in mine[0].respondents
    assert 3 in mine[1].statements


def test_a_key_point_that_states_a_figure_matches_only_statements_that_state_it() -> None:
    """GENNOVATE: "Girls get married at 18-20 years of age" was counted for groups that said
    12, 15 or 22-25: the matcher reads the topic, not the figure."""
    statements = _side(
        [
            "Girls get married at 18-20 years of age.",  # its own
            "Here girls marry at the age of 19.",
            "Girls are married off at 12 and boys at 16.",
            "The best age is 22 - 25.",
            "Parents decide when a girl gets married.",  # no figure
            "Most girls marry at nineteen or twenty.",
        ]
    )
    candidates = _side(["k0"])
    texts = Side(("Girls get married at 18-20 years of age.",), candidates.vectors, ((),))
    pairs = np.full((6, 1), 0.9)
    drafted = generate(
        statements, [1, 2, 3, 4, 5, 6], texts, matcher=_Named(pairs, pairs), min_respondents=2
    )
    assert [d.statements for d in drafted] == [(0, 1, 5)]


class _Named(_Table):
    """The matrices of :class:`_Table`, for one candidate whatever its text."""

    def scores(self, statements: Side, points: Side, *, head: Head) -> np.ndarray:
        return self.pairs if head == "pairs" else self.chosen[:, : len(points.texts)]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Girls get married at 18-20 years of age", [(18, 20)]),
        ("at the age of 12 and boys in 16", [(12, 12), (16, 16)]),
        ("I think twenty years is the best age", [(20, 20)]),
        ("It is one of the most important things", []),  # "one": no figure
        ("Vi er ca. 1.700 medarbejdere og 3,5 mio. i budget", [(1700, 1700), (3.5, 3.5)]),
        ("80% of the boys study till grade 12", [(80, 80), (12, 12)]),
        ("E.47 At what age?", []),  # a question's number in the guide
    ],
)
def test_figures_a_text_states(text: str, found: list[tuple[float, float]]) -> None:
    from indsigt.analyse.keypoints.numbers import figures

    assert figures(text) == found
