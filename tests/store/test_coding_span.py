"""A coding's own span (``coding.start``/``coding.end``, migration 0011): stored, checked by
``indsigt db check``, moved through anonymisation, and gone again on a downgrade."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa

import indsigt
from indsigt.store import migrate, schema
from indsigt.store.store import now

TRANSCRIPT = (
    "I: Hvad mangler I?\n"
    "R: Ring på 20 30 40 50 hvis du vil vide mere. Men kompetencerne mangler stadig. "
    "Det er svært.\n"
)


def _study(path: Path) -> indsigt.Project:
    source = path.parent / "a.txt"
    source.write_text(TRANSCRIPT, encoding="utf-8")
    project = indsigt.init_study(path, name="spans", anonymisation_required=False)
    project.import_files([source])
    with project.store.begin() as connection:
        connection.execute(
            schema.code.insert().values(
                study_id=project.study.id,
                parent_id=None,
                path="kompetencer",
                labels={},
                definition="",
                include_rule="",
                exclude_rule="",
                keywords=[],
                examples=[],
                color="",
            )
        )
    return project


def _code_span(project: indsigt.Project, phrase: str) -> int:
    """Code ``phrase`` (which may run over several passages) as one coding; its id."""
    doc = project.documents()[0]
    start = doc.text.index(phrase)
    end = start + len(phrase)
    anchor = next(p for p in project.passages(doc) if p.start <= start < p.end)
    with project.store.begin() as connection:
        code_id = connection.scalar(sa.select(schema.code.c.id))
        return int(
            connection.execute(
                schema.coding.insert()
                .values(
                    passage_id=anchor.id,
                    code_id=code_id,
                    coder="anna",
                    score=None,
                    status="accepted",
                    evidence={},
                    created_at=now(),
                    start=start,
                    end=end,
                )
                .returning(schema.coding.c.id)
            ).scalar_one()
        )


def _span(project: indsigt.Project, coding_id: int) -> tuple[int, int]:
    with project.store.connect() as connection:
        row = connection.execute(
            sa.select(schema.coding.c.start, schema.coding.c.end).where(
                schema.coding.c.id == coding_id
            )
        ).one()
    return row.start, row.end


def test_a_span_moves_with_the_text_when_anonymised(tmp_path: Path) -> None:
    with _study(tmp_path / "study.db") as project:
        coding = _code_span(project, "kompetencerne mangler stadig. Det er")
        project.anonymise(names=False)
        doc = project.documents()[0]
        assert "20 30 40 50" not in doc.text  # the phone number before the span was replaced
        start, end = _span(project, coding)
        assert doc.text[start:end] == "kompetencerne mangler stadig. Det er"
        project.anonymise(names=False)  # a second run maps through the first run's edit
        start, end = _span(project, coding)
        assert project.documents()[0].text[start:end] == "kompetencerne mangler stadig. Det er"
        assert project.check().ok


def test_db_check_finds_a_broken_span(tmp_path: Path) -> None:
    with _study(tmp_path / "study.db") as project:
        coding = _code_span(project, "kompetencerne mangler")
        assert project.check().ok
        with project.store.begin() as connection:
            connection.execute(
                schema.coding.update().where(schema.coding.c.id == coding).values(end=10_000)
            )
        report = project.check()
        assert not report.ok
        assert [(p.kind, p.id) for p in report.problems] == [("coding.span", coding)]
        assert "not within the document" in report.problems[0].detail
        assert "kompetencer" not in report.problems[0].detail  # numbers only, never text


def test_downgrade_drops_the_span_and_upgrade_brings_the_columns_back(tmp_path: Path) -> None:
    path = tmp_path / "study.db"
    with _study(path) as project:
        _code_span(project, "kompetencerne mangler")
        migrate.downgrade(project.store.engine, "0009")
        with project.store.connect() as connection:
            columns = {c["name"] for c in sa.inspect(connection).get_columns("coding")}
            assert {"start", "end"}.isdisjoint(columns)
            assert connection.scalar(sa.select(sa.func.count()).select_from(schema.coding)) == 1
    with indsigt.open_study(path) as project:  # upgraded on open (a .bak copy first)
        assert migrate.current_revision(project.store.engine) == migrate.head_revision()
        with project.store.connect() as connection:
            row = connection.execute(sa.select(schema.coding.c.start, schema.coding.c.end)).one()
        assert (row.start, row.end) == (None, None)  # a whole-passage coding again
