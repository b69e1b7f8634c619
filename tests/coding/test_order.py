"""Which document to code next (coding/order.py): the uncoded one least like those coded."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

import indsigt
from indsigt.cli import main
from indsigt.coding.order import least_alike

TEXTS = {
    "a": "skolen lærerne eleverne undervisning skolen",
    "b": "skolen lærerne eleverne klasserne",
    "c": "vejen bilerne cykelstien trafikken",
    "d": "vejen bilerne skolen",
}


def test_the_least_alike_document_comes_first() -> None:
    ranked = least_alike(TEXTS, {"a"})
    assert [key for key, _ in ranked] == ["c", "d", "b"]  # traffic, half of each, school
    assert ranked[0][1] == 0.0 and 0 < ranked[1][1] < ranked[2][1] < 1


def test_alike_to_any_coded_document_counts() -> None:
    """With a school and a traffic document coded, the mixed one is like neither fully, and
    the second school document is like the first: it comes last."""
    assert [key for key, _ in least_alike(TEXTS, {"a", "c"})] == ["d", "b"]


@pytest.mark.parametrize("coded", [set(), {"x"}])
def test_nothing_coded_keeps_the_order(coded: set[str]) -> None:
    assert least_alike(TEXTS, coded) == [(key, 0.0) for key in "abcd"]


def test_edges() -> None:
    assert least_alike(TEXTS, set(TEXTS)) == []  # everything coded
    assert least_alike({"a": "", "b": ""}, {"a"}) == [("b", 0.0)]  # no words at all


def test_documents_to_code_after_a_person_coded_one(small: indsigt.Project) -> None:
    before = small.documents_to_code()
    assert [d.name for d in before] == ["a.txt", "b.txt"] and {d.alike for d in before} == {0.0}
    small.code(coders=["keyword"])
    first = small.codings(document="a")[0]
    small.review_codings(accept=[first.id], user="anna")
    after = small.documents_to_code(limit=5)
    assert [d.name for d in after] == ["b.txt"]  # a.txt is coded by a person
    assert after[0].passages > 0 and 0 <= after[0].alike <= 1
    result = CliRunner().invoke(
        main, ["codings", small.store.location, "--next-documents", "3", "--json"]
    )
    assert result.exit_code == 0, result.output
    assert [row["name"] for row in json.loads(result.output)] == ["b.txt"]
