"""`indsigt matrix` through the command line: the JSON keys and the written file."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from click.testing import CliRunner, Result

from indsigt.cli import main

from .helpers import make_guided_study

ANSI = re.compile(r"\x1b\[[0-9;]*m")


def run(*args: str | Path, code: int = 0) -> Result:
    result = CliRunner().invoke(main, [str(arg) for arg in args])
    assert result.exit_code == code, (result.output, result.exception)
    return result


def run_json(*args: str | Path) -> Any:
    return json.loads(run(*args, "--json").stdout)


def test_matrix_cli_json(tmp_path: Path) -> None:
    path = make_guided_study(tmp_path / "m")
    output = tmp_path / "out.md"
    result = run_json(
        "matrix", path, "--columns", "question", "--rows", "document", "--output", output,
        "--embedder", "tfidf", "--per-cell", "1",
    )  # fmt: skip
    assert set(result) == {"output", "rows_by", "columns_by", "unit", "rows", "columns", "cells"}
    assert result["rows"] == ["Interview 1", "Interview 2"]
    assert result["columns"][0] == {
        "key": "Q1",
        "label": "Q1 Hvad er de største muligheder i den digitale omstilling?",
        "group": "Muligheder",
    }
    cell = next(c for c in result["cells"] if c["row"] == "Interview 2" and c["column"] == "Q2")
    assert set(cell) == {"row", "column", "units", "excerpts"}
    assert set(cell["excerpts"][0]) == {"text", "ref", "passages"}
    assert output.read_text(encoding="utf-8").startswith("# Framework matrix")
    text = run("matrix", path, "--output", tmp_path / "c.xlsx", "--embedder", "tfidf").stdout
    assert "2 row(s) × 3 column(s) in 2 group(s)" in ANSI.sub("", text)
