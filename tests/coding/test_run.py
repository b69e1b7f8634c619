"""`indsigt code` and `indsigt codings`: the guard, storing suggestions, re-runs, review."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import sqlalchemy as sa
from click.testing import CliRunner

import indsigt
from indsigt.cli import main
from indsigt.errors import IndsigtError
from indsigt.guard import NotAnonymised
from indsigt.hookspecs import hookimpl
from indsigt.store import schema

from .conftest import write_sources


def test_coding_needs_anonymised_text(tmp_path: Path) -> None:
    with indsigt.init_study(tmp_path / "s.db") as study:
        study.import_files(write_sources(tmp_path), unit="turn", language="da")
        study.import_codebook(default=True)
        with pytest.raises(NotAnonymised, match="coding needs anonymised text"):
            study.code(coders=["keyword"])
        with study.store.begin() as connection:  # as the anonymiser marks its work
            connection.execute(
                schema.document.update().values(anonymised_at=sa.func.now(), anonymiser="test")
            )
        assert study.code(coders=["keyword"]).coders["keyword.v1"]["suggested"] > 0


def test_coding_needs_a_codebook(tmp_path: Path) -> None:
    with indsigt.init_study(tmp_path / "s.db", anonymisation_required=False) as study:
        study.import_files(write_sources(tmp_path), unit="turn", language="da")
        with pytest.raises(IndsigtError, match="no codebook"):
            study.code(coders=["keyword"])


@pytest.mark.slow
def test_suggestions_rerun_and_review(small: indsigt.Project) -> None:
    first = small.code(coders=["keyword", "similarity"], embedder="tfidf")
    assert set(first.coders) == {"keyword.v1", "similarity.v1"}
    rows = small.codings(coder="keyword.v1")
    assert rows and all(r.status == "suggested" and 0 < r.score <= 1 for r in rows)
    assert all(r.evidence["matches"] for r in rows)
    accept, reject = rows[0].id, rows[1].id
    decided = small.review_codings(accept=[accept], reject=[reject], user="anna")
    assert [d.status for d in decided] == ["accepted", "rejected"]
    assert decided[0].own_coding_id
    with pytest.raises(IndsigtError, match="not a suggestion"):
        small.review_codings(accept=[accept], user="anna")
    again = small.code(coders=["keyword"])
    counts = again.coders["keyword.v1"]
    assert counts["replaced"] == len(rows) - 2 and counts["kept"] == 2
    statuses = {r.id: r.status for r in small.codings(coder="keyword.v1")}
    assert statuses[accept] == "accepted" and statuses[reject] == "rejected"
    assert [r.coder for r in small.codings(coder="anna")] == ["anna"]
    with small.store.connect() as connection:
        actions = list(connection.scalars(sa.select(schema.event.c.action)))
    assert {"coding.run", "coding.accepted", "coding.rejected"} <= set(actions)


def test_filters(small: indsigt.Project) -> None:
    small.code(coders=["keyword"])
    everything = small.codings()
    assert small.codings(code="udfordringer") == [
        r for r in everything if r.code.startswith("udfordringer/")
    ]
    assert len(small.codings(limit=2)) == 2
    assert all(r.score >= 0.7 for r in small.codings(min_score=0.7))
    assert {r.document for r in small.codings(document="b")} == {"b.txt"}
    with pytest.raises(IndsigtError, match="status"):
        small.codings(status="maybe")


def test_cli(small: indsigt.Project) -> None:
    db = small.store.location
    runner = CliRunner()
    result = runner.invoke(main, ["code", db, "--coder", "keyword", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["coders"]["keyword.v1"]["suggested"] > 0
    listing = json.loads(
        runner.invoke(main, ["codings", db, "--status", "suggested", "--json"]).output
    )
    first = listing[0]["id"]
    result = runner.invoke(main, ["codings", db, "--accept", str(first), "--user", "bo"])
    assert result.exit_code == 0 and "accepted" in result.output
    result = runner.invoke(main, ["codings", db, "--coder", "bo", "--json"])
    assert [r["coder"] for r in json.loads(result.output)] == ["bo"]
    result = runner.invoke(main, ["codings", db, "--next", "3", "--json"])
    assert result.exit_code == 0, result.output
    assert len(json.loads(result.output)) == 3
    result = runner.invoke(main, ["code", db, "--coder", "nonsense"])
    assert result.exit_code == 2 and "unknown coder" in result.output
    result = runner.invoke(main, ["code", db, "--coder", "llm"])
    assert result.exit_code == 2 and "off by default" in result.output


@pytest.mark.slow
def test_similarity_with_e5_is_cached(small: indsigt.Project) -> None:
    first = small.code(coders=["similarity"], embedder="e5")
    assert "similarity.v1" in first.coders
    with small.store.connect() as connection:
        count = sa.select(sa.func.count()).select_from(schema.embedding)
        stored = connection.scalar(count)
        models = set(connection.scalars(sa.select(schema.embedding.c.model)))
    from indsigt.embed import E5Embedder

    assert models == {E5Embedder().model_id}
    assert stored and stored >= len(small.passages())
    small.code(coders=["similarity"], embedder="e5")
    with small.store.connect() as connection:
        assert connection.scalar(count) == stored  # nothing embedded twice


class _Shouting:
    """A third-party coder: codes every passage about robots with the first leaf code."""

    name = "shouting.v1"

    @classmethod
    def from_settings(cls, settings, *, study):  # type: ignore[no-untyped-def]
        return cls()

    def code(self, passages, codebook, *, progress=None):  # type: ignore[no-untyped-def]
        from indsigt.coding import suggestion

        leaf = codebook.leaves()[0]
        return [
            suggestion(p, leaf, self.name, 1.0, {"why": "robots"})
            for p in passages
            if "obot" in p.text
        ]


class _Plugin:
    @staticmethod
    @hookimpl
    def indsigt_coders() -> dict[str, object]:
        return {"shouting.v1": _Shouting}


def test_a_plugin_coder(small: indsigt.Project) -> None:
    from indsigt.coding import Coder
    from indsigt.plugins import get_plugin_manager

    assert isinstance(_Shouting(), Coder)
    manager = get_plugin_manager()
    manager.register(_Plugin, name="test-shouting")
    try:
        report = small.code(coders=["shouting"])
        assert report.coders["shouting.v1"]["suggested"] == 2
    finally:
        manager.unregister(name="test-shouting")
    with pytest.raises(IndsigtError, match="unknown coder"):
        small.code(coders=["shouting"])


@pytest.mark.slow
def test_ensemble_tunes_on_human_codings(small: indsigt.Project) -> None:
    untuned = small.code(coders=["ensemble"], embedder="tfidf")
    assert untuned.coders["ensemble.v1"]["suggested"] > 0 and not untuned.notes
    small.code(coders=["keyword"])
    ids = [row.id for row in small.codings(coder="keyword.v1", document="a")]
    small.review_codings(accept=ids, user="anna")
    tuned = small.code(coders=["ensemble"], embedder="tfidf")
    assert tuned.notes == [f"ensemble.v1: per-code thresholds from {len(ids)} codings"]
    rows = small.codings(coder="ensemble.v1")
    assert all(set(r.evidence["members"]) <= {"keyword.v1", "similarity.v1"} for r in rows)


@pytest.mark.postgres
def test_on_postgresql(postgres_url: str, tmp_path: Path) -> None:
    with indsigt.init_study(postgres_url, anonymisation_required=False) as study:
        study.import_files(write_sources(tmp_path), unit="turn", language="da")
        study.import_codebook(default=True)
        first = study.code(coders=["keyword"])
        rows = study.codings(coder="keyword.v1")
        assert first.coders["keyword.v1"]["suggested"] == len(rows) > 0
        study.review_codings(accept=[rows[0].id], reject=[rows[1].id], user="anna")
        again = study.code(coders=["keyword"]).coders["keyword.v1"]
        assert again["kept"] == 2 and again["replaced"] == len(rows) - 2
        assert study.import_codebook(default=True).unchanged == 21


def test_cli_undo(small: indsigt.Project) -> None:
    db = small.store.location
    runner = CliRunner()
    assert runner.invoke(main, ["code", db, "--coder", "keyword"]).exit_code == 0
    first = small.codings(status="suggested")[0].id
    assert (
        runner.invoke(main, ["codings", db, "--accept", str(first), "--user", "bo"]).exit_code == 0
    )
    refused = runner.invoke(main, ["codings", db, "--undo", str(first), "--user", "cy"])
    assert refused.exit_code != 0 and "only bo or an admin" in refused.output
    result = runner.invoke(main, ["codings", db, "--undo", str(first), "--user", "bo", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)[0]["was"] == "accepted"
    statuses = {r.id: r.status for r in small.codings()}
    assert statuses[first] == "suggested" and small.codings(coder="bo") == []
