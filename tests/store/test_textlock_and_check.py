"""The study's text lock (generation counter), ``indsigt db check``, and errors that never
show SQL parameters (issue 18, items 1 and 2)."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest
import sqlalchemy as sa
from click.testing import CliRunner

import indsigt
from indsigt.cli import main
from indsigt.store import Store, schema
from indsigt.store.textlock import StaleStudyError, read_generation, text_write

SECRET = "jeg hedder Lars Kjær og bor på Nørrebrogade 12"


def make_study(path: Path | str) -> indsigt.Project:
    project = indsigt.init_study(path, name="lock")
    source = Path(str(path) + ".txt") if "://" not in str(path) else None
    if source is not None:
        source.write_text(
            "I: Hvad hedder du?\n\nR: Tak. Jeg hedder Lars Kjær. Det er fint.\n", encoding="utf-8"
        )
        project.import_files([source])
    return project


def generation(store: Store, study_id: int) -> int:
    with store.connect() as connection:
        return read_generation(connection, study_id)


def stale_write_is_refused(store: Store, study_id: int) -> None:
    read = generation(store, study_id)
    with text_write(store, study_id, expected=read, what="first") as connection:
        store.log(connection, "test.first", entity="study", entity_id=study_id)
    assert generation(store, study_id) == read + 1
    with (
        pytest.raises(StaleStudyError, match="another run changed this study's text"),
        text_write(store, study_id, expected=read, what="second") as connection,
    ):
        store.log(connection, "test.second", entity="study", entity_id=study_id)
    with store.connect() as connection:
        actions = list(connection.scalars(sa.select(schema.event.c.action)))
    assert "test.first" in actions and "test.second" not in actions
    assert generation(store, study_id) == read + 1


def test_stale_text_write_is_refused_sqlite(tmp_path: Path) -> None:
    with make_study(tmp_path / "s.db") as project:
        stale_write_is_refused(project.store, project.study.id)


def test_anonymise_bumps_the_generation(tmp_path: Path) -> None:
    with make_study(tmp_path / "s.db") as project:
        before = generation(project.store, project.study.id)
        project.anonymise()
        assert generation(project.store, project.study.id) == before + 1
        assert project.check().ok


def lock_waits(store: Store, study_id: int) -> None:
    """A second writer waits for the first one's lock, then sees its write as stale."""
    read = generation(store, study_id)
    outcome: list[BaseException | None] = []

    def second() -> None:
        try:
            with text_write(store, study_id, expected=read, what="second"):
                pass
            outcome.append(None)
        except BaseException as exc:  # reported to the test thread
            outcome.append(exc)

    with text_write(store, study_id, expected=read, what="first"):
        thread = threading.Thread(target=second)
        thread.start()  # holds: the first writer has the lock until this block ends
    thread.join(timeout=60)
    assert len(outcome) == 1 and isinstance(outcome[0], StaleStudyError)


def test_second_writer_waits_then_is_refused_sqlite(tmp_path: Path) -> None:
    with make_study(tmp_path / "s.db") as project:
        lock_waits(project.store, project.study.id)


@pytest.mark.postgres
def test_text_lock_on_postgres(postgres_url: str) -> None:
    with make_study(postgres_url) as project:
        stale_write_is_refused(project.store, project.study.id)
        lock_waits(project.store, project.study.id)


# -- indsigt db check -----------------------------------------------------------------------------


def run_check(path: Path) -> tuple[int, dict[str, object]]:
    result = CliRunner().invoke(main, ["db", "check", str(path), "--json"])
    return result.exit_code, json.loads(result.stdout)


def test_db_check_finds_moved_passages_and_broken_edits(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    with make_study(path) as project:
        project.anonymise()
        code, report = run_check(path)
        assert code == 0 and report["ok"] and report["passages"] == 4, report
        with project.store.begin() as connection:
            p = schema.passage
            first, second = connection.execute(
                sa.select(p.c.id, p.c.start, p.c.end).order_by(p.c.start).limit(2)
            ).all()[-2:]
            # A passage moved by a stale edit: its snippet recomputed, so it agrees with the
            # text, but it now overlaps its neighbour and leaves words outside any passage.
            connection.execute(p.update().where(p.c.id == second.id).values(start=second.start - 2))
            connection.execute(
                p.update().where(p.c.id == first.id).values(end=first.end + 500, text="x")
            )
            d = schema.document
            meta = connection.scalar(sa.select(d.c.meta))
            meta["anonymisation"]["edits"] = [[0, 3, 1]]
            connection.execute(d.update().values(meta=meta))
    code, report = run_check(path)
    assert code == 1 and not report["ok"]
    kinds = set(report["counts"])  # type: ignore[arg-type]
    assert {"passage.bounds", "passage.text", "passage.overlap", "anonymisation.edit"} <= kinds
    out = CliRunner().invoke(main, ["db", "check", str(path)])
    assert out.exit_code == 1 and "DAMAGED" in out.stdout
    assert "Lars" not in out.stdout and "Kjær" not in out.stdout


def test_db_check_finds_uncovered_text(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    with make_study(path) as project, project.store.begin() as connection:
        p = schema.passage
        last = connection.execute(sa.select(p.c.id).order_by(p.c.start.desc())).first()
        assert last is not None
        connection.execute(p.delete().where(p.c.id == last.id))
    code, report = run_check(path)
    assert code == 1 and "turn.gap" in report["counts"]  # type: ignore[operator]


# -- errors never show SQL parameters -------------------------------------------------------------


def test_engine_errors_hide_parameters(tmp_path: Path) -> None:
    with make_study(tmp_path / "s.db") as project:
        doc_id = project.documents()[0].id
        with pytest.raises(sa.exc.IntegrityError) as caught, project.store.begin() as c:
            for _ in range(2):
                c.execute(schema.original_text.insert().values(document_id=doc_id, text=SECRET))
        assert "Lars" not in str(caught.value) and "hidden" in str(caught.value)


def test_cli_reports_unexpected_errors_without_their_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "s.db"
    make_study(path).close()

    def fails(self: indsigt.Project, **_: object) -> None:
        raise sa.exc.IntegrityError("INSERT INTO original_text …", (1, SECRET), Exception(SECRET))

    monkeypatch.setattr(indsigt.Project, "anonymise", fails)
    monkeypatch.delenv("INDSIGT_DEBUG", raising=False)
    result = CliRunner().invoke(main, ["anonymise", "run", str(path)])
    assert result.exit_code == 1
    assert "Lars" not in result.output and "Nørrebrogade" not in result.output
    assert "Traceback" not in result.output
    assert "sqlalchemy.exc.IntegrityError" in result.stderr
    assert "INDSIGT_DEBUG=1" in result.stderr
    monkeypatch.setenv("INDSIGT_DEBUG", "1")
    result = CliRunner().invoke(main, ["anonymise", "run", str(path)])
    assert isinstance(result.exception, sa.exc.IntegrityError)  # the traceback, on request


@pytest.mark.postgres
def test_anonymise_on_postgres_renames_speakers(postgres_url: str) -> None:
    """Speakers are renamed through an interim label; it held NUL, which PostgreSQL text
    refuses, so anonymising any study with speakers failed there."""
    from indsigt.sample import interview_files

    with indsigt.init_study(postgres_url, name="pg") as project:
        project.import_files(interview_files()[:2])
        report = project.anonymise()
        assert report.documents == 2 and report.speakers_renamed > 0
        assert project.check().ok
