"""The study's codebook: import (merge by path), export, show, through the API and the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import sqlalchemy as sa
from click.testing import CliRunner

import indsigt
from indsigt.cli import main
from indsigt.store import schema


def test_import_merges_by_path(tmp_path: Path) -> None:
    with indsigt.init_study(tmp_path / "s.db", anonymisation_required=False) as study:
        first = study.import_codebook(default=True)
        assert len(first.added) == 21 and not first.updated
        again = study.import_codebook(default=True)
        assert not again.added and not again.updated and again.unchanged == 21
        path = tmp_path / "more.yaml"
        path.write_text(
            "codes:\n  - path: mobilisering/kompetencer\n    labels: {da: Kompetencer}\n"
            "  - path: udfordringer/nyt\n    labels: {da: Nyt}\n",
            encoding="utf-8",
        )
        merged = study.import_codebook(path)
        assert merged.added == ["udfordringer/nyt"]
        assert merged.updated == ["mobilisering/kompetencer"]
        codebook = study.codebook()
        assert len(codebook) == 22
        new = codebook.get("udfordringer/nyt")
        parent = codebook.get("udfordringer")
        assert new is not None and parent is not None and new.parent_id == parent.id
        with study.store.connect() as connection:
            actions = list(connection.scalars(sa.select(schema.event.c.action)))
        assert actions.count("codebook.imported") == 3


def test_cli(tmp_path: Path, codebook_xsd: Path) -> None:
    runner = CliRunner()
    db = str(tmp_path / "s.db")
    assert runner.invoke(main, ["init", db, "--no-anonymisation"]).exit_code == 0
    result = runner.invoke(main, ["codebook", db, "import", "--default", "--json"])
    assert result.exit_code == 0, result.output
    assert len(json.loads(result.output)["added"]) == 21
    result = runner.invoke(main, ["codebook", db, "show", "--json"])
    assert {row["path"] for row in json.loads(result.output)} >= {"muligheder/ny-teknologi"}
    out = tmp_path / "export.qdc"
    result = runner.invoke(
        main, ["codebook", db, "export", str(out), "--schema", str(codebook_xsd)]
    )
    assert result.exit_code == 0, result.output
    other = str(tmp_path / "other.db")
    runner.invoke(main, ["init", other, "--no-anonymisation"])
    result = runner.invoke(main, ["codebook", other, "import", str(out), "--format", "qdc"])
    assert result.exit_code == 0, result.output
    assert "21 code(s) added" in result.output
    bad = tmp_path / "bad.yaml"
    bad.write_text("codes:\n  - key: a\n    colour: red\n", encoding="utf-8")
    result = runner.invoke(main, ["codebook", db, "import", str(bad)])
    assert result.exit_code == 2
    assert "line 3" in result.output and "colour" in result.output
