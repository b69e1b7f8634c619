"""Removing documents (`indsigt remove`, Project.remove_documents): the document goes with all
that was recorded on it, the others stay as they were, a respondent who spoke elsewhere stays,
one who spoke nowhere else goes with their sealed name; an unknown name removes nothing; the
same file can be imported again. In SQLite and in PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from click.testing import CliRunner

import indsigt
from indsigt.cli import main
from indsigt.errors import IndsigtError
from indsigt.memos import add_memo
from indsigt.store import schema
from indsigt.store.search import search_passages
from indsigt.store.store import now

from .helpers import row_counts

FIRST = (
    "Interviewer: Hvad fylder mest?\nMette: Økonomien. Og rekrutteringen af it-folk.\n"
    "Interviewer: Hvorfor?\nMette: Budgettet.\n"
)
SECOND = "Interviewer: Og hos jer?\nBo: Kompetencerne.\nInterviewer: Hvorfor?\nBo: Data.\n"
SHEET = (
    "document,speaker,respondent,name,level\n"
    "første.txt,Mette,R1,Mette Lund,kommune\n"
    "anden.txt,Bo,R2,Bo Berg,region\n"
)


def _fill(study: indsigt.Project, folder: Path) -> indsigt.Project:
    (folder / "første.txt").write_text(FIRST, encoding="utf-8")
    (folder / "anden.txt").write_text(SECOND, encoding="utf-8")
    (folder / "tredje.txt").write_text(SECOND.replace("Bo", "Mette"), encoding="utf-8")
    (folder / "svar.csv").write_text(
        SHEET + "tredje.txt,Mette,R1,Mette Lund,kommune\n", encoding="utf-8"
    )
    study.import_files(
        [folder / "første.txt", folder / "anden.txt", folder / "tredje.txt"],
        respondents=folder / "svar.csv",
    )
    (folder / "cb.yaml").write_text("codes:\n  - path: økonomi\n", encoding="utf-8")
    study.import_codebook(folder / "cb.yaml")
    code = next(iter(study.codebook()))
    with study.store.begin() as connection:
        for doc in study.documents():
            passage = study.passages(doc)[-1]
            connection.execute(
                schema.coding.insert().values(
                    passage_id=passage.id, code_id=code.id, coder="anne", score=None,
                    status="accepted", evidence={}, created_at=now(),
                )
            )  # fmt: skip
    first = study.document("første.txt")
    add_memo(
        study.store, study.study.id, "Spørg om budgettet.", author="anne", document_id=first.id
    )
    return study


@pytest.fixture
def filled(tmp_path: Path) -> Iterator[indsigt.Project]:
    with indsigt.init_study(tmp_path / "s.db", anonymisation_required=False) as study:
        yield _fill(study, tmp_path)


@pytest.fixture
def pg_filled(postgres_url: str, tmp_path: Path) -> Iterator[indsigt.Project]:
    with indsigt.init_study(postgres_url, anonymisation_required=False) as study:
        yield _fill(study, tmp_path)


def _state(study: indsigt.Project, name: str) -> Any:
    doc = study.document(name)
    return [(t.start, t.end) for t in study.turns(doc)], [p.text for p in study.passages(doc)]


def _removes_and_keeps(study: indsigt.Project, folder: Path) -> None:
    second, third = _state(study, "anden.txt"), _state(study, "tredje.txt")
    removed = study.remove_documents(["første.txt", "anden.txt"])
    assert removed.documents == ("første.txt", "anden.txt")
    assert (removed.turns, removed.passages, removed.codings, removed.notes) == (8, 9, 2, 1)
    # Mette (R1) speaks in tredje.txt too and stays; Bo (R2) spoke only in anden.txt
    assert removed.respondents == 1
    assert [doc.name for doc in study.documents()] == ["tredje.txt"]
    assert _state(study, "tredje.txt") == third
    with study.store.connect() as connection:
        keys = set(connection.scalars(sa.select(schema.respondent.c.key)))
        names = set(connection.scalars(sa.select(schema.identity.c.name)))
        events = list(
            connection.execute(
                sa.select(schema.event.c.action, schema.event.c.payload).where(
                    schema.event.c.action == "document.removed"
                )
            )
        )
        codings = connection.scalar(sa.select(sa.func.count()).select_from(schema.coding))
    assert keys == {"R1"} and "Bo Berg" not in names and "Mette Lund" in names
    assert sorted(payload["name"] for _, payload in events) == ["anden.txt", "første.txt"]
    assert codings == 1
    assert study.check().problems == []
    # the same file imported again is a new document, as it was before
    (folder / "bo.csv").write_text(SHEET.splitlines()[0] + "\n" + SHEET.splitlines()[2] + "\n")
    study.import_files([folder / "anden.txt"], respondents=folder / "bo.csv")
    assert _state(study, "anden.txt") == second


def test_a_removed_document_takes_what_was_recorded_on_it(
    filled: indsigt.Project, tmp_path: Path
) -> None:
    assert search_passages(filled.store, filled.study.id, "rekrutteringen").total == 1
    _removes_and_keeps(filled, tmp_path)
    hits = search_passages(filled.store, filled.study.id, "rekrutteringen")
    assert hits.total == 0  # the full-text index has forgotten it too


def test_a_removed_document_in_postgres(pg_filled: indsigt.Project, tmp_path: Path) -> None:
    _removes_and_keeps(pg_filled, tmp_path)


def test_an_unknown_name_removes_nothing(filled: indsigt.Project) -> None:
    before = row_counts(filled)
    with pytest.raises(IndsigtError, match=r"no document named 'findes.txt'.*nothing was removed"):
        filled.remove_documents(["første.txt", "findes.txt"])
    assert row_counts(filled) == before


def test_remove_from_the_command_line(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    with indsigt.init_study(path, anonymisation_required=False) as study:
        _fill(study, tmp_path)
    runner = CliRunner()
    result = runner.invoke(main, ["remove", str(path), "anden.txt"])
    assert result.exit_code == 0, result.output
    assert "removed 1 document(s): 'anden.txt' — 4 turns, 4 passages, 1 codings, 0 notes" in (
        result.output
    )
    result = runner.invoke(main, ["remove", str(path), "anden.txt"])
    assert result.exit_code != 0 and "no document named 'anden.txt'" in result.output
