"""`indsigt batch` on the command line: the JSON report, the printed summary with its segment
table, resuming a finished job, and errors as one line."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from indsigt.cli import main

from .helpers import QUESTIONS


def invoke(*args: str | Path) -> tuple[int, str]:
    result = CliRunner().invoke(main, [str(arg) for arg in args])
    return result.exit_code, result.output


def test_batch_command(tmp_path: Path, sheet: Path) -> None:
    study = tmp_path / "study.db"
    assert invoke("init", study)[0] == 0
    assert invoke("codebook", study, "import", "--default")[0] == 0
    columns = [arg for question in QUESTIONS for arg in ("--text-column", question)]
    code, output = invoke(
        "batch", study, sheet, *columns, "--id-column", "svar_id", "--engine", "inprocess",
        "--partition-size", "100", "--by", "level", "--by", "type", "--json",
    )  # fmt: skip
    assert code == 0, output
    report = json.loads(output)
    assert report["status"] == "done" and report["partitions"] == 3
    assert report["rows"] == 240 and 230 < report["documents"] <= 240
    assert report["codings"]["keyword.v1"] > 50
    assert set(report["tables"]) == {"level", "type"}
    assert report["tables"]["level"]["respondents"]["totals"].keys() == {
        "kommune",
        "region",
        "stat",
    }
    code, output = invoke("batch", study, sheet, "--engine", "inprocess", "--resume", "1")
    assert code == 0, output
    assert f"job 1 done: {report['documents']} answer(s)" in output
    assert "resumed: 3 partition(s) were already stored" in output
    assert "respondents with the code, n of N, by level" in output
    code, output = invoke("batch", study, tmp_path / "missing.csv", *columns)
    assert code == 2 and "missing.csv: no such file" in output
