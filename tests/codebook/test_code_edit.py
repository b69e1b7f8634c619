"""Adding, changing and deleting one code in the study's codebook (codebook/edit.py): the rules
the web app's codebook editor words, written once in the library."""

from __future__ import annotations

from typing import Any

import pytest

from indsigt.codebook.edit import (
    BadColor,
    BadPath,
    IntoDescendant,
    LabelTooLong,
    PathTaken,
    PathTooLong,
    UnknownCode,
    UnknownParent,
    add_code,
    clean_path,
    delete_code,
    get_code,
    update_code,
)
from indsigt.records import Code
from indsigt.store import schema

from .test_edit import code, codings, events, ids, passages, project, tree

__all__ = ["project"]  # the fixture


def new(path: str, **fields: Any) -> Code:
    return Code(id=0, path=path, **fields)


def test_a_path_is_cleaned_and_a_bad_one_refused() -> None:
    assert clean_path(" /a / b c/ ") == "a/b c"
    for bad in ("", " / ", "a//b", "a/ /b"):
        with pytest.raises(BadPath):
            clean_path(bad)
    with pytest.raises(PathTooLong):
        clean_path("x" * 501)
    assert clean_path("x" * 500) == "x" * 500


def test_add_puts_the_code_last_under_the_parent_its_path_names(project: Any) -> None:
    code_id = add_code(
        project.store,
        project.study.id,
        new(" a / z ", labels={"da": "Zet"}, color="#ABCDEF", keywords=("k",)),
        actor="mette",
    )
    added = get_code(project.store, project.study.id, code_id)
    assert added.path == "a/z" and added.parent_id == ids(project)["a"]
    assert added.color == "#abcdef" and added.labels == {"da": "Zet"}
    assert [path for path, _ in tree(project)][:4] == ["a", "a/x", "a/y", "a/z"]
    assert events(project, "code.added") == [{"study_id": project.study.id, "path": "a/z"}]


def test_add_refuses_a_taken_path_an_unknown_parent_a_long_label_and_a_bad_colour(
    project: Any,
) -> None:
    store, sid = project.store, project.study.id
    with pytest.raises(PathTaken):
        add_code(store, sid, new("a/x"))
    with pytest.raises(UnknownParent) as unknown:
        add_code(store, sid, new("nowhere/z"))
    assert unknown.value.params == {"parent": "nowhere", "path": "nowhere/z"}
    with pytest.raises(LabelTooLong):
        add_code(store, sid, new("z", labels={"da": "x" * 501}))
    with pytest.raises(BadColor):
        add_code(store, sid, new("z", color="red"))
    with pytest.raises(BadPath):
        add_code(store, sid, new("a//z"))
    assert "z" not in ids(project) and not events(project, "code.added")


def test_update_changes_the_fields_and_logs_which(project: Any) -> None:
    store, sid = project.store, project.study.id
    code_id = ids(project)["b"]
    changed = update_code(
        store, sid, code_id, new("b", labels={"en": "Bee"}, definition="what b is"), actor="m"
    )
    assert changed == ("definition", "labels")
    found = get_code(store, sid, code_id)
    assert found.definition == "what b is" and found.labels == {"en": "Bee"}
    assert events(project, "code.updated") == [
        {"study_id": sid, "path": "b", "changed": ["definition", "labels"]}
    ]


def test_a_new_path_moves_the_code_and_its_sub_codes(project: Any) -> None:
    store, sid = project.store, project.study.id
    before = ids(project)
    assert update_code(store, sid, before["b"], new("c/b")) == ("path",)
    after = ids(project)
    assert after["c/b"] == before["b"] and after["c/b/x2"] == before["b/x2"]
    assert get_code(store, sid, before["b"]).parent_id == before["c"]


def test_update_refuses_what_a_path_may_not_be(project: Any) -> None:
    store, sid = project.store, project.study.id
    known = ids(project)
    with pytest.raises(PathTaken):
        update_code(store, sid, known["b"], new("c"))
    with pytest.raises(UnknownParent):
        update_code(store, sid, known["b"], new("nowhere/b"))
    with pytest.raises(IntoDescendant):
        update_code(store, sid, known["b"], new("b/x2/b"))
    with pytest.raises(UnknownCode):
        update_code(store, sid, 9999, new("q"))
    assert ids(project) == known and not events(project, "code.updated")


def test_update_lets_a_long_label_the_code_had_be(project: Any) -> None:
    store, sid = project.store, project.study.id
    code_id = ids(project)["c"]
    with project.store.begin() as connection:
        connection.execute(
            schema.code.update().where(schema.code.c.id == code_id).values(labels={"en": "x" * 600})
        )
    labels = {"en": "x" * 600, "da": "Cé"}
    assert update_code(store, sid, code_id, new("c", labels=labels)) == ("labels",)
    with pytest.raises(LabelTooLong):
        update_code(store, sid, code_id, new("c", labels={"en": "y" * 600}))


def test_delete_removes_the_sub_codes_and_counts_all_their_codings(project: Any) -> None:
    store, sid = project.store, project.study.id
    known = ids(project)
    first, *_ = passages(project)
    code(project, first, known["a"], "mette")
    code(project, first, known["a/x"], "mette")
    code(project, first, known["a/y"], "ole")
    code(project, first, known["b"], "mette")
    assert delete_code(store, sid, known["a"], actor="admin") == 3
    assert set(ids(project)) == {"b", "b/x2", "c", "c/y"}
    assert codings(project) == {(first, known["b"], "mette", "accepted")}
    assert events(project, "code.deleted") == [
        {"study_id": sid, "path": "a", "codings_removed": 3, "sub_codes_removed": 2}
    ]
    with pytest.raises(UnknownCode):
        delete_code(store, sid, known["a"])
