"""The document view's segments: coding spans cut a piece's text, overlapping codings share a
segment (accepted first, up to three colours), a span over several pieces is highlighted in
each and has one chip, after the piece it ends in."""

from __future__ import annotations

from typing import Any

from indsigt.web.data.highlights import lay_out

TEXT = "Det går godt. Vi har mange projekter. Men kompetencerne mangler."
#       0            13 14                   37 38                    64


def _pieces() -> list[dict[str, Any]]:
    return [
        {"passage": 1, "start": 0, "end": 13},
        {"passage": None, "start": 13, "end": 14},
        {"passage": 2, "start": 14, "end": 37},
        {"passage": None, "start": 37, "end": 38},
        {"passage": 3, "start": 38, "end": 64},
    ]


def _coding(coding_id: int, start: int, end: int, *, status: str = "accepted") -> dict[str, Any]:
    return {
        "id": coding_id,
        "span": (start, end),
        "status": status,
        "path": f"code{coding_id}",
        "color": f"#00000{coding_id}",
    }


def _texts(piece: dict[str, Any]) -> list[tuple[str, list[int]]]:
    return [(segment["text"], segment["codings"]) for segment in piece["segments"]]


def test_a_sub_span_and_an_overlapping_whole_passage_coding() -> None:
    pieces = _pieces()
    lay_out(
        TEXT,
        pieces,
        [_coding(1, 14, 37), _coding(2, 21, 36), _coding(3, 21, 26, status="suggested")],
    )
    assert _texts(pieces[2]) == [
        ("Vi har ", [1]),
        ("mange", [2, 1, 3]),  # accepted first, the narrower span first
        (" projekter", [2, 1]),
        (".", [1]),
    ]
    assert pieces[2]["segments"][1]["colors"] == ["#000002", "#000001", "#000003"]
    assert not pieces[2]["segments"][1]["suggested"]  # accepted codings are there too
    assert [c["id"] for c in pieces[2]["chips"]] == [2, 1, 3]
    assert _texts(pieces[0]) == [("Det går godt.", [])]


def test_a_span_over_two_passages_is_highlighted_in_each_with_one_chip() -> None:
    pieces = _pieces()
    lay_out(TEXT, pieces, [_coding(7, 21, 55)])
    assert _texts(pieces[2]) == [("Vi har ", []), ("mange projekter.", [7])]
    assert _texts(pieces[3]) == [(" ", [7])]
    assert _texts(pieces[4]) == [("Men kompetencerne", [7]), (" mangler.", [])]
    assert [len(piece["chips"]) for piece in pieces] == [0, 0, 0, 0, 1]


def test_only_suggestions_are_marked_as_such() -> None:
    pieces = _pieces()
    lay_out(TEXT, pieces, [_coding(4, 0, 13, status="suggested")])
    assert pieces[0]["segments"][0]["suggested"]
