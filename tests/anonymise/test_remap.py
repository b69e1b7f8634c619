"""Offsets through an edit: any passage of the original maps to the passage of the new text
that holds the same unchanged characters, and boundaries inside a replaced span move to the
edge of its replacement."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from indsigt.anonymise.operators import apply
from indsigt.anonymise.remap import Remap


@st.composite
def edited(draw: st.DrawFn) -> tuple[str, list[tuple[int, int, str]], int, int]:
    text = draw(st.text(alphabet="abc xyz", min_size=1, max_size=60))
    cuts = sorted(draw(st.sets(st.integers(0, len(text)), max_size=8)))
    edits = []
    for start, end in zip(cuts[::2], cuts[1::2], strict=False):
        if start < end:
            edits.append((start, end, draw(st.text(alphabet="[]PQ", min_size=1, max_size=9))))
    a = draw(st.integers(0, len(text)))
    b = draw(st.integers(a, len(text)))
    return text, edits, a, b


Case = tuple[str, list[tuple[int, int, str]], int, int]


@settings(max_examples=300, deadline=None)
@given(edited())
def test_unchanged_text_keeps_its_place(case: Case) -> None:
    text, edits, a, b = case
    new = apply(text, edits)
    remap = Remap([(s, e, len(r)) for s, e, r in edits])
    for offset in range(len(text) + 1):
        inside = any(s < offset < e for s, e, _ in edits)
        if not inside:
            assert remap.start(offset) == remap.end(offset)
    start, end = remap.span(a, b)
    assert 0 <= start <= end <= len(new)
    untouched = all(e <= a or s >= b for s, e, _ in edits)
    if untouched:
        assert new[start:end] == text[a:b]
    # the way back lands where we started, when no boundary lies inside an edit
    back = remap.inverse()
    if not any(s < a < e or s < b < e for s, e, _ in edits):
        assert back.span(start, end) == (a, b)


def test_a_boundary_inside_a_name_moves_to_the_edge_of_the_pseudonym() -> None:
    text = "Det sagde Poul Erik Toft i går."
    start, end = text.index("Erik"), len(text)
    edits = [(10, 24, "Person 1")]
    new = apply(text, edits)
    remap = Remap([(10, 24, 8)])
    assert new == "Det sagde Person 1 i går."
    s, e = remap.span(start, end)
    assert new[s:e] == "Person 1 i går."
    assert remap.span(12, 14) == (10, 18)  # a passage inside the name becomes the pseudonym
