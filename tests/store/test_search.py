"""Full-text search in the store (issue 21): the query language, FTS5 kept in sync with the
passages, Danish stem prefixes, and the same hits on PostgreSQL (Danish stemming there)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import indsigt
from indsigt.store import Store, schema
from indsigt.store.search import rebuild_index, search_passages
from indsigt.store.searchquery import (
    QuerySyntaxError,
    fts5_expression,
    highlight,
    parse_query,
    tsquery_expression,
)

TEXT = """Interviewer: Hvordan går det med kompetencerne?
Mette: Kompetencer mangler. Rekruttering af it-folk er svært. Ledelsen følger med.
Interviewer: Og borgerne?
Mette: Borgerne forventer digitale løsninger. Data er et problem.
"""


def _study(location: str | Path, folder: Path) -> tuple[int, dict[str, int]]:
    source = folder / "a.txt"
    source.write_text(TEXT, encoding="utf-8")
    with indsigt.init_study(location, name="s", anonymisation_required=False) as study:
        study.import_files([source])
        return study.study.id, {p.text: p.id for p in study.passages()}


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("", "empty"),
        ('"kompetencer', "unclosed quote"),
        ("OR data", "OR needs"),
        ("data OR", "OR needs"),
        ("-data", "at least one word"),
        ("*** ---", "no words"),
        ("x" * 501, "longer than"),
    ],
)
def test_bad_queries_get_a_clear_message(text: str, problem: str) -> None:
    with pytest.raises(QuerySyntaxError, match=problem):
        parse_query(text)


def test_query_words_never_reach_the_database_as_syntax() -> None:
    query = parse_query('it-folk "NEAR(a b)" data* -"x\'y" a OR b')
    assert fts5_expression(query) == (
        '(("it folk") AND ("near a b") AND ("data"*) AND ("a" OR "b")) NOT ("x y")'
    )
    assert tsquery_expression(query) == (
        "(('it' <-> 'folk')) & (('near' <-> 'a' <-> 'b')) & ('data':*) & ('a' | 'b') "
        "& !('x' <-> 'y')"
    )


def test_danish_words_search_their_stem_on_sqlite() -> None:
    assert fts5_expression(parse_query("kompetencer")) == '(("kompetenc"*))'
    assert fts5_expression(parse_query("led")) == '(("led"))'  # too short a stem: as typed
    assert fts5_expression(parse_query("strategi")) == '(("strategi"*))'  # finds strategier
    assert fts5_expression(parse_query('"strategi"')) == '(("strategi"))'  # quoted: exactly


def test_highlight_marks_the_words_found() -> None:
    pieces = highlight("Kompetencerne mangler, ikke kompetence.", parse_query("kompetencer"))
    assert [text for text, hit in pieces if hit] == ["Kompetencerne", "kompetence"]
    assert "".join(text for text, _ in pieces) == "Kompetencerne mangler, ikke kompetence."


def test_sqlite_search_and_sync(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    study_id, passages = _study(path, tmp_path)
    store = Store.open(path)
    try:
        found = search_passages(store, study_id, "kompetencer")
        assert found.total == 2  # kompetencerne (question) and Kompetencer (answer)
        assert set(found.passage_ids) == {
            passages["Hvordan går det med kompetencerne?"],
            passages["Kompetencer mangler."],
        }
        assert search_passages(store, study_id, '"it folk"').total == 1
        assert search_passages(store, study_id, "borgerne -digitale").passage_ids == (
            passages["Og borgerne?"],
        )
        assert search_passages(store, study_id, "data OR ledelsen").total == 2
        assert search_passages(store, study_id, "kompetencer", document_ids=[]).total == 0
        # The index follows updates and deletes of passages (triggers).
        data = passages["Data er et problem."]
        with store.begin() as connection:
            connection.execute(
                schema.passage.update()
                .where(schema.passage.c.id == data)
                .values(text="Fjernet tekst.")
            )
        assert search_passages(store, study_id, "data").total == 0
        assert search_passages(store, study_id, "fjernet").passage_ids == (data,)
        with store.begin() as connection:
            connection.execute(schema.passage.delete().where(schema.passage.c.id == data))
        assert search_passages(store, study_id, "fjernet").total == 0
        rebuild_index(store)
        assert search_passages(store, study_id, "kompetencer").total == 2
        # A document's passages leave the index with it (the cascade fires the triggers).
        with store.begin() as connection:
            connection.execute(schema.document.delete())
        assert search_passages(store, study_id, "kompetencer").total == 0
        with store.connect() as connection:
            assert connection.exec_driver_sql("SELECT count(*) FROM passage_fts").scalar() == 0
    finally:
        store.close()


def test_search_is_per_study(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    study_id, _ = _study(path, tmp_path)
    store = Store.open(path)
    try:
        assert search_passages(store, study_id + 1, "kompetencer").total == 0
    finally:
        store.close()


def test_upgrade_from_0008_indexes_stored_passages(tmp_path: Path) -> None:
    from indsigt.store import migrate

    path = tmp_path / "s.db"
    study_id, _ = _study(path, tmp_path)
    store = Store.open(path)
    migrate.downgrade(store.engine, "0008")
    migrate.upgrade(store.engine)
    try:
        assert search_passages(store, study_id, "borgerne").total == 2
    finally:
        store.close()


@pytest.mark.postgres
def test_postgres_search_stems_danish(postgres_url: str, tmp_path: Path) -> None:
    study_id, passages = _study(postgres_url, tmp_path)
    store = Store.open(postgres_url)
    try:
        found = search_passages(store, study_id, "kompetencer")
        assert set(found.passage_ids) == {
            passages["Hvordan går det med kompetencerne?"],
            passages["Kompetencer mangler."],
        }
        assert search_passages(store, study_id, '"it folk"').total == 1
        assert search_passages(store, study_id, "borgerne -digitale").passage_ids == (
            passages["Og borgerne?"],
        )
        assert search_passages(store, study_id, "digital*").total == 1
        assert search_passages(store, study_id, "data OR ledelsen").total == 2
        with store.connect() as connection:
            indexes = connection.exec_driver_sql(
                "SELECT indexname FROM pg_indexes WHERE tablename = 'passage'"
            ).scalars()
            assert {"ix_passage_text_danish", "ix_passage_text_simple"} <= set(indexes)
    finally:
        store.close()


def test_cli_search(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from indsigt.cli import main

    path = tmp_path / "s.db"
    _study(path, tmp_path)
    runner = CliRunner()
    result = runner.invoke(main, ["search", str(path), "kompetencer", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["total"] == 2
    assert {tuple(hit["found"]) for hit in data["hits"]} == {("kompetencerne",), ("Kompetencer",)}
    assert data["hits"][0]["document"] == "a.txt"
    shown = runner.invoke(main, ["search", str(path), "borgerne", "--limit", "1"])
    assert shown.exit_code == 0 and "2 passage(s) match; showing 1." in shown.output
    bad = runner.invoke(main, ["search", str(path), '"open'])
    assert bad.exit_code == 2 and "unclosed quote" in bad.output
