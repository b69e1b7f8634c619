"""Moving and merging codes in the study's codebook (codebook/edit.py, codebook/tree.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

import indsigt
from indsigt.codebook import (
    CodebookEditError,
    code_tree,
    merge_codes,
    move_code,
    plan_merge,
    step_code,
)
from indsigt.codebook.edit import CannotStep, IntoDescendant, IntoItself, PathTaken, UnknownCode
from indsigt.store import schema
from indsigt.store.store import now

TEXT = "Interviewer: Hvordan går det?\nMette: Det går godt. Men kompetencerne mangler. Data også.\n"
PATHS = ("a", "a/x", "a/y", "b", "b/x2", "c", "c/y")


def _project(location: Any, folder: Path) -> Any:
    source = folder / "doc.txt"
    source.write_text(TEXT, encoding="utf-8")
    return indsigt.init_study(location, anonymisation_required=False)


@pytest.fixture
def project(tmp_path: Path) -> Any:
    with _project(tmp_path / "s.db", tmp_path) as study:
        yield _fill(study, tmp_path)


@pytest.fixture
def pg_project(postgres_url: str, tmp_path: Path) -> Any:
    with _project(postgres_url, tmp_path) as study:
        yield _fill(study, tmp_path)


def _fill(study: Any, tmp_path: Path) -> Any:
    study.import_files([tmp_path / "doc.txt"])
    yaml = "codes:\n" + "".join(f"  - path: {path}\n" for path in PATHS)
    (tmp_path / "cb.yaml").write_text(yaml, encoding="utf-8")
    study.import_codebook(tmp_path / "cb.yaml")
    return study


def ids(study: Any) -> dict[str, int]:
    return {code.path: code.id for code in study.codebook()}


def tree(study: Any) -> list[tuple[str, int]]:
    return [(node.code.path, node.depth) for node in code_tree(study.store, study.study.id)]


def passages(study: Any) -> list[int]:
    with study.store.connect() as connection:
        return list(connection.scalars(sa.select(schema.passage.c.id).order_by("id")))


def code(study: Any, passage: int, code_id: int, coder: str, status: str = "accepted") -> None:
    with study.store.begin() as connection:
        connection.execute(
            schema.coding.insert().values(
                passage_id=passage,
                code_id=code_id,
                coder=coder,
                score=None,
                status=status,
                evidence={},
                created_at=now(),
            )
        )


def codings(study: Any) -> set[tuple[int, int, str, str]]:
    c = schema.coding
    with study.store.connect() as connection:
        rows = connection.execute(sa.select(c.c.passage_id, c.c.code_id, c.c.coder, c.c.status))
        return {tuple(row) for row in rows}  # type: ignore[misc]


def events(study: Any, action: str) -> list[dict[str, Any]]:
    e = schema.event
    with study.store.connect() as connection:
        return list(connection.scalars(sa.select(e.c.payload).where(e.c.action == action)))


def test_tree_keeps_path_order_and_new_codes_go_last(project: Any) -> None:
    assert tree(project) == [
        ("a", 0),
        ("a/x", 1),
        ("a/y", 1),
        ("b", 0),
        ("b/x2", 1),
        ("c", 0),
        ("c/y", 1),
    ]
    with project.store.begin() as connection:
        connection.execute(schema.code.update().values(position=0))  # as after migration
    assert tree(project)[0:3] == [("a", 0), ("a/x", 1), ("a/y", 1)]


def test_reorder_among_siblings(project: Any) -> None:
    sid, known = project.study.id, ids(project)
    move_code(project.store, sid, known["c"], parent_id=None, position=0, actor="ann")
    assert [path for path, depth in tree(project) if depth == 0] == ["c", "a", "b"]
    step_code(project.store, sid, known["a/y"], "up", actor="ann")
    assert [path for path, _ in tree(project)][:5] == ["c", "c/y", "a", "a/y", "a/x"]
    assert events(project, "code.moved")[-1]["to"] == "a/y"


def test_reparent_moves_sub_codes_and_keeps_codings(project: Any) -> None:
    sid, known = project.study.id, ids(project)
    first = passages(project)[0]
    code(project, first, known["b/x2"], "ann")
    new_path = move_code(project.store, sid, known["b"], parent_id=known["a"], actor="ann")
    assert new_path == "a/b"
    assert tree(project) == [
        ("a", 0),
        ("a/x", 1),
        ("a/y", 1),
        ("a/b", 1),
        ("a/b/x2", 2),
        ("c", 0),
        ("c/y", 1),
    ]
    moved = project.codebook().get("a/b/x2")
    assert moved is not None and moved.id == known["b/x2"]
    assert (first, known["b/x2"], "ann", "accepted") in codings(project)
    assert events(project, "code.moved")[-1] == {
        "study_id": sid,
        "from": "b",
        "to": "a/b",
        "position": 2,
    }
    # outdent brings it back beside its parent, right after it
    step_code(project.store, sid, known["b"], "outdent", actor="ann")
    assert tree(project)[3:] == [("b", 0), ("b/x2", 1), ("c", 0), ("c/y", 1)]
    step_code(project.store, sid, known["c"], "indent", actor="ann")
    assert tree(project)[-3:] == [("b/x2", 1), ("b/c", 1), ("b/c/y", 2)]


def test_move_refusals(project: Any) -> None:
    sid, known = project.study.id, ids(project)
    before = tree(project)
    with pytest.raises(IntoItself, match="cannot move 'a' into itself"):
        move_code(project.store, sid, known["a"], parent_id=known["a"])
    with pytest.raises(IntoDescendant, match="its own sub-code 'a/x'"):
        move_code(project.store, sid, known["a"], parent_id=known["a/x"])
    with pytest.raises(UnknownCode):
        move_code(project.store, sid, 9999, parent_id=None)
    with pytest.raises(UnknownCode):
        move_code(project.store, sid, known["a"], parent_id=9999)
    with pytest.raises(PathTaken, match="has a code 'c/y' already"):
        move_code(project.store, sid, known["a/y"], parent_id=known["c"])
    with pytest.raises(CannotStep, match="first"):
        step_code(project.store, sid, known["a"], "up", actor="ann")
    with pytest.raises(CannotStep, match="last"):
        step_code(project.store, sid, known["c"], "down", actor="ann")
    with pytest.raises(CannotStep, match="no code above"):
        step_code(project.store, sid, known["a"], "indent", actor="ann")
    with pytest.raises(CannotStep, match="top level"):
        step_code(project.store, sid, known["c"], "outdent", actor="ann")
    with pytest.raises(CodebookEditError, match="unknown direction"):
        step_code(project.store, sid, known["c"], "sideways", actor="ann")
    assert tree(project) == before
    assert not events(project, "code.moved")


def test_merge_moves_codings_collapses_twins_and_children(project: Any) -> None:
    sid, known = project.study.id, ids(project)
    p1, p2, p3 = passages(project)[:3]
    code(project, p1, known["a"], "ann", "accepted")
    code(project, p2, known["a"], "ann", "accepted")  # twin of a suggestion on b: wins
    code(project, p3, known["a"], "keyword.v1", "rejected")  # twin of a suggestion: loses
    code(project, p2, known["b"], "ann", "suggested")
    code(project, p3, known["b"], "keyword.v1", "suggested")
    code(project, p1, known["b"], "bo", "accepted")  # another coder: no twin
    with project.store.begin() as connection:
        connection.execute(
            schema.note.insert().values(
                study_id=sid,
                code_id=known["a"],
                author="ann",
                title="",
                text="memo",
                created_at=now(),
            )
        )
    plan = plan_merge(project.store, sid, known["a"], known["b"])
    assert (plan.codings, plan.moved, plan.collapsed, plan.children, plan.memos) == (3, 1, 2, 2, 1)
    done = merge_codes(project.store, sid, known["a"], known["b"], actor="ann")
    assert done == plan
    assert codings(project) == {
        (p1, known["b"], "ann", "accepted"),
        (p2, known["b"], "ann", "accepted"),
        (p3, known["b"], "keyword.v1", "suggested"),
        (p1, known["b"], "bo", "accepted"),
    }
    assert tree(project) == [
        ("b", 0),
        ("b/x2", 1),
        ("b/x", 1),
        ("b/y", 1),
        ("c", 0),
        ("c/y", 1),
    ]
    assert ids(project)["b/x"] == known["a/x"]
    with project.store.connect() as connection:
        assert connection.scalar(sa.select(schema.note.c.code_id)) == known["b"]
    (event,) = events(project, "code.merged")
    assert event["source"] == "a" and event["target"] == "b" and event["collapsed"] == 2


def test_merge_refusals(project: Any) -> None:
    sid, known = project.study.id, ids(project)
    with pytest.raises(IntoItself, match="cannot merge 'a' into itself"):
        merge_codes(project.store, sid, known["a"], known["a"])
    with pytest.raises(IntoDescendant, match="into its own sub-code 'a/x'"):
        merge_codes(project.store, sid, known["a"], known["a/x"])
    with pytest.raises(UnknownCode):
        merge_codes(project.store, sid, known["a"], 9999)
    with pytest.raises(UnknownCode):
        plan_merge(project.store, sid, 9999, known["a"])
    with pytest.raises(PathTaken, match="has a code 'c/y' already: merge or rename 'a/y'"):
        merge_codes(project.store, sid, known["a"], known["c"])
    assert set(ids(project)) == set(PATHS)
    assert not events(project, "code.merged")


def test_migration_numbers_stored_codes_in_path_order(project: Any) -> None:
    """Migration 0012 on a study made before it: siblings get positions 0, 1, … by path."""
    from indsigt.store import migrate

    engine = project.store.engine
    migrate.downgrade(engine, "0009")
    migrate.upgrade(engine)
    with engine.connect() as connection:
        rows = connection.execute(
            sa.select(schema.code.c.path, schema.code.c.position).order_by(schema.code.c.path)
        ).all()
    assert [tuple(row) for row in rows] == [
        ("a", 0),
        ("a/x", 0),
        ("a/y", 1),
        ("b", 1),
        ("b/x2", 0),
        ("c", 2),
        ("c/y", 0),
    ]


@pytest.mark.postgres
def test_move_merge_and_migration_in_postgres(pg_project: Any) -> None:
    test_reparent_moves_sub_codes_and_keeps_codings(pg_project)
    known = ids(pg_project)
    p1 = passages(pg_project)[0]
    code(pg_project, p1, known["a/x"], "ann", "suggested")
    code(pg_project, p1, known["b/c/y"], "ann", "accepted")
    plan = merge_codes(pg_project.store, pg_project.study.id, known["a/x"], known["b/c/y"])
    assert (plan.moved, plan.collapsed) == (0, 1)
    assert (p1, known["b/c/y"], "ann", "accepted") in codings(pg_project)
    from indsigt.store import migrate

    engine = pg_project.store.engine
    migrate.downgrade(engine, "0009")
    migrate.upgrade(engine)
    assert [path for path, _ in tree(pg_project)] == ["a", "a/y", "b", "b/c", "b/c/y", "b/x2"]


def test_a_parent_cycle_in_the_store_loses_no_code(project: Any) -> None:
    known = ids(project)
    with project.store.begin() as connection:
        connection.execute(
            schema.code.update()
            .where(schema.code.c.id == known["a"])
            .values(parent_id=known["a/x"])
        )
    assert sorted(path for path, _ in tree(project)) == sorted(PATHS)


def test_the_study_codebook_and_its_export_follow_the_tree(project: Any, tmp_path: Path) -> None:
    """A reorder in the editor is the order coders, the code picker and an export see."""
    sid, known = project.study.id, ids(project)
    move_code(project.store, sid, known["c"], parent_id=None, position=0)
    move_code(project.store, sid, known["a/y"], parent_id=known["a"], position=0)
    order = [code.path for code in project.codebook()]
    assert order == ["c", "c/y", "a", "a/y", "a/x", "b", "b/x2"]
    text = project.export_codebook(tmp_path / "out.csv").read_text(encoding="utf-8")
    assert text.index("c/y") < text.index("a/y") < text.index("a/x") < text.index("b/x2")


def test_a_move_puts_right_a_sub_code_path_an_old_edit_left_behind(project: Any) -> None:
    """Before the editor moved sub-codes along, renaming ``a`` left ``a/x`` behind: a move now
    gives each sub-code its parent's new path and its own name."""
    sid, known = project.study.id, ids(project)
    with project.store.begin() as connection:
        connection.execute(
            schema.code.update().where(schema.code.c.id == known["a"]).values(path="a-renamed")
        )
    move_code(project.store, sid, known["a"], parent_id=known["c"])
    assert [path for path, _ in tree(project)][-4:] == [
        "c/y",
        "c/a-renamed",
        "c/a-renamed/x",
        "c/a-renamed/y",
    ]


def test_move_and_merge_from_the_command_line(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from indsigt.cli import main

    db = tmp_path / "s.db"
    with _project(db, tmp_path) as study:
        _fill(study, tmp_path)
    run = CliRunner().invoke
    moved = run(main, ["move-code", str(db), "c", "--under", "a", "--json"])
    assert moved.exit_code == 0, moved.output
    assert '"path": "a/c"' in moved.output
    both = run(main, ["move-code", str(db), "b", "--under", "a", "--top"])
    assert both.exit_code != 0 and "either --under PATH or --top" in both.output
    unknown = run(main, ["move-code", str(db), "nope", "--top"])
    assert unknown.exit_code != 0 and "no code 'nope'" in unknown.output
    refused = run(main, ["merge-codes", str(db), "b", "a"], input="n\n")
    assert refused.exit_code != 0 and "is deleted" in refused.output
    merged = run(main, ["merge-codes", str(db), "b", "a", "--yes"])
    assert merged.exit_code == 0, merged.output
    with indsigt.open_study(db) as study:
        paths = set(ids(study))
    assert "b" not in paths and {"a/c", "a/c/y", "a/x2"} <= paths
