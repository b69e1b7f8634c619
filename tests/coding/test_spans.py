"""Where a selection's span is stored: its anchor passage and its own offsets."""

from __future__ import annotations

import pytest

from indsigt.coding.spans import Bounds, SpanError, place_span, span_of, widen

TEXT = "Det går godt. Vi har mange projekter. Men kompetencerne mangler."
#       0            13 14                   37 38                    64
PASSAGES = [Bounds(1, 0, 13), Bounds(2, 14, 37), Bounds(3, 38, 64)]


def test_part_of_a_sentence_keeps_its_exact_span() -> None:
    placed = place_span(TEXT, PASSAGES, 21, 36)
    assert TEXT[21:36] == "mange projekter"
    assert (placed.passage_id, placed.start, placed.end, placed.passage_ids) == (2, 21, 36, (2,))


def test_a_span_over_two_sentences_is_one_coding_on_the_first() -> None:
    placed = place_span(TEXT, PASSAGES, 21, 55)
    assert (placed.passage_id, placed.start, placed.end) == (2, 21, 55)
    assert placed.passage_ids == (2, 3)


def test_exactly_one_passage_is_a_whole_passage_coding() -> None:
    assert place_span(TEXT, PASSAGES, 14, 37) == place_span(TEXT, PASSAGES, 13, 38)
    placed = place_span(TEXT, PASSAGES, 14, 37)
    assert (placed.passage_id, placed.start, placed.end) == (2, None, None)


def test_a_span_starting_between_passages_anchors_on_the_next() -> None:
    placed = place_span(TEXT, PASSAGES, 13, 20)
    assert (placed.passage_id, placed.start, placed.end) == (2, 13, 20)


@pytest.mark.parametrize(
    ("start", "end", "reason"),
    [(-1, 5, "outside"), (10, 65, "outside"), (5, 5, "empty"), (9, 4, "empty"), (13, 14, "blank")],
)
def test_bad_spans_are_refused(start: int, end: int, reason: str) -> None:
    with pytest.raises(SpanError) as refused:
        place_span(TEXT, PASSAGES, start, end)
    assert refused.value.reason == reason


def test_a_span_outside_every_passage_is_refused() -> None:
    with pytest.raises(SpanError) as refused:
        place_span(TEXT, [Bounds(1, 0, 13)], 20, 30)
    assert refused.value.reason == "no_passage"


def test_widen_and_span_of() -> None:
    assert widen((21, 26), (27, 36)) == (21, 36)
    assert span_of(None, None, PASSAGES[1]) == (14, 37)
    assert span_of(21, 36, PASSAGES[1]) == (21, 36)
