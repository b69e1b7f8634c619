"""Nesting the flat code table for export: by path, by parent_id, missing parents, cycles."""

from __future__ import annotations

from indsigt.interchange.codetree import code_tree
from indsigt.interchange.model import QdaCode
from indsigt.records import Code


def shape(codes: tuple[QdaCode, ...]) -> list[object]:
    return [
        (c.name, c.codable, shape(c.children)) if c.children else (c.name, c.codable) for c in codes
    ]


def tree(*codes: Code) -> list[object]:
    return shape(
        code_tree(list(codes), {c.id: f"g{c.id}" for c in codes}, {}, lambda path: f"p:{path}")
    )


def test_paths_nest_and_missing_parents_become_non_codable() -> None:
    assert tree(Code(1, "a/b/c"), Code(2, "a"), Code(3, "d")) == [
        ("a", True, [("b", False, [("c", True)])]),
        ("d", True),
    ]


def test_parent_id_nests_a_one_segment_path() -> None:
    assert tree(Code(1, "ledelse"), Code(2, "kultur", parent_id=1)) == [
        ("ledelse", True, [("kultur", True)])
    ]


def test_a_parent_id_cycle_is_cut_at_its_first_code() -> None:
    assert tree(
        Code(1, "x", parent_id=2), Code(2, "y", parent_id=1), Code(3, "z", parent_id=1)
    ) == [("x", True, [("y", True), ("z", True)])]
