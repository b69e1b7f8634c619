"""Overlapping writers of a study's text (issue 18, items 1 and 2).

Two real ``indsigt anonymise run`` processes are made to overlap deterministically: a gate
detector (added to the default detectors in the child process) blocks each run in its plan,
after it has read the study, until the test lets it go. The first run then writes; the second
must write nothing, exit non-zero with a clear message, and never print original text. The
study stays intact (``indsigt db check``)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

import indsigt
from indsigt.cli import main
from indsigt.sample import interview_files, respondents_sheet

CHILD = r"""
import sys, time
from pathlib import Path
import indsigt.anonymise.study as study

gate_dir, name, args = Path(sys.argv[1]), sys.argv[2], sys.argv[3:]
real = study.default_detectors


class Gate:
    name = "gate.v1"
    waited = False

    def detect(self, text, *, language="da"):
        if not Gate.waited:  # the study is read; hold the plan until the test says go
            Gate.waited = True
            (gate_dir / f"ready-{name}").touch()
            deadline = time.monotonic() + 300
            while not (gate_dir / f"go-{name}").exists():
                if time.monotonic() > deadline:
                    raise SystemExit("gate: never released")
                time.sleep(0.02)
        return []


study.default_detectors = lambda **kw: [Gate(), *real(**kw)]
from indsigt.cli import main

sys.argv = ["indsigt", *args]
main()
"""


def participants() -> list[str]:
    sheet = yaml.safe_load(respondents_sheet().read_text(encoding="utf-8"))
    return sorted({row["name"] for row in [*sheet["respondents"], *sheet["interviewers"]]})


def make_study(path: Path) -> None:
    with indsigt.init_study(path, name="race") as project:
        project.import_files(interview_files(), respondents=respondents_sheet())


def wait_for(path: Path, process: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + 300
    while not path.exists():
        if process.poll() is not None:
            out, err = process.communicate()
            pytest.fail(f"child ended before {path.name}: {process.returncode}\n{out}\n{err}")
        assert time.monotonic() < deadline, f"{path.name} never appeared"
        time.sleep(0.02)


def overlap(
    study: Path, gates: Path, first: list[str], second: list[str]
) -> tuple[subprocess.CompletedProcess[str], subprocess.CompletedProcess[str]]:
    """Run two commands that have both read the study before either writes; the first
    writes first. Returns (first, second) as finished processes."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    env.pop("INDSIGT_DEBUG", None)
    processes = {}
    for name, args in (("a", first), ("b", second)):
        processes[name] = subprocess.Popen(
            [sys.executable, "-c", CHILD, str(gates), name, *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
    results = {}
    try:
        for name in ("a", "b"):
            wait_for(gates / f"ready-{name}", processes[name])
        for name in ("a", "b"):
            (gates / f"go-{name}").touch()
            out, err = processes[name].communicate(timeout=300)
            results[name] = subprocess.CompletedProcess(
                processes[name].args, processes[name].returncode, out, err
            )
    finally:
        for process in processes.values():
            if process.poll() is None:
                process.kill()
    return results["a"], results["b"]


def check(study: Path) -> dict[str, object]:
    result = CliRunner().invoke(main, ["db", "check", str(study), "--json"])
    report: dict[str, object] = json.loads(result.stdout)
    assert (result.exit_code == 0) == report["ok"]
    return report


def assert_refused(loser: subprocess.CompletedProcess[str]) -> None:
    assert loser.returncode != 0, loser.stdout
    assert "Traceback" not in loser.stderr
    assert "another run changed this study's text" in loser.stderr
    assert "nothing was written" in loser.stderr
    for name in participants():
        for part in name.split():
            if len(part) > 3:
                assert part not in loser.stderr, "original text in the error output"


@pytest.mark.slow
def test_overlapping_reruns_leave_the_study_intact(tmp_path: Path) -> None:
    study = tmp_path / "study.db"
    make_study(study)
    with indsigt.open_study(study) as project:
        project.anonymise()
        allowed = next(
            f.surface
            for f in project.findings_in_context(status="applied")
            if f.finding.label in ("MUNICIPALITY", "ORG", "LOC")
        )
    assert check(study)["ok"]
    gates = tmp_path / "gates"
    gates.mkdir()
    # A keeps one place or organisation (its edits move later offsets); B re-runs as before.
    winner, loser = overlap(
        study,
        gates,
        ["anonymise", "run", str(study), "--allow", allowed],
        ["anonymise", "run", str(study)],
    )
    assert winner.returncode == 0, winner.stderr
    assert_refused(loser)
    report = check(study)
    assert report["ok"], report["problems"]
    with indsigt.open_study(study) as project:
        assert any(allowed in doc.text for doc in project.documents())  # A's run stands


@pytest.mark.slow
def test_overlapping_first_runs_refuse_the_second_without_original_text(tmp_path: Path) -> None:
    study = tmp_path / "study.db"
    make_study(study)
    gates = tmp_path / "gates"
    gates.mkdir()
    winner, loser = overlap(
        study, gates, ["anonymise", "run", str(study)], ["anonymise", "run", str(study)]
    )
    assert winner.returncode == 0, winner.stderr
    assert_refused(loser)
    assert check(study)["ok"]
    with indsigt.open_study(study) as project:
        texts = " ".join(doc.text for doc in project.documents())
    assert not any(name in texts for name in participants())
