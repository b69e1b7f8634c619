"""A killed ``indsigt import-qdpx`` leaves its partial study (and a WAL holding the imported
text) beside the target; the next import removes them and says so (issue 18, item 4)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from indsigt.cli import main
from indsigt.interchange import import_qdpx

from .helpers import qdpx

REPO = Path(__file__).resolve().parents[2]
SOURCE = "50000000-0000-4000-8000-000000000001"
TEXT = "Hej med dig, Lars Kjær fra Ærø."
QDE = (
    '<?xml version="1.0" encoding="utf-8"?>\n'
    '<Project xmlns="urn:QDA-XML:project:1.0" name="P"><Sources>'
    f'<TextSource guid="{SOURCE}" name="Kilde" plainTextPath="internal://{SOURCE}.txt"/>'
    "</Sources></Project>\n"
)
KILLED = """
import os, signal, sys
from indsigt.interchange import qdpx_import as module
real = module.write_plan
def write_then_die(*args, **kwargs):
    real(*args, **kwargs)
    os.kill(os.getpid(), signal.SIGKILL)  # killed after writing, before moving into place
module.write_plan = write_then_die
module.import_qdpx(sys.argv[1], sys.argv[2])
"""


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if ".importing-" in p.name)


def killed_import(file: Path, target: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    done = subprocess.run(
        [sys.executable, "-c", KILLED, str(file), str(target)], env=env, capture_output=True
    )
    assert done.returncode == -9, done.stderr.decode()


def test_the_next_import_removes_what_a_killed_one_left(tmp_path: Path) -> None:
    file = qdpx(tmp_path / "p.qdpx", QDE, {f"sources/{SOURCE}.txt": TEXT})
    target = tmp_path / "ny.db"
    killed_import(file, target)
    left = leftovers(tmp_path)
    assert any(name.endswith("-wal") for name in left), left
    wal = next(tmp_path / name for name in left if name.endswith("-wal"))
    assert "Lars Kjær".encode() in wal.read_bytes()  # the imported text, beside the target
    assert not target.exists()

    report = import_qdpx(file, target)

    assert target.exists() and report.documents == 1
    assert leftovers(tmp_path) == []
    assert report.warnings[0] == (
        f"removed {', '.join(left)}: left beside ny.db by an import that was stopped"
    )


def test_the_cli_says_what_it_removed(tmp_path: Path) -> None:
    file = qdpx(tmp_path / "p.qdpx", QDE, {f"sources/{SOURCE}.txt": TEXT})
    target = tmp_path / "ny.db"
    killed_import(file, target)
    result = CliRunner().invoke(main, ["import-qdpx", str(file), str(target)])
    assert result.exit_code == 0, result.output
    output = " ".join(result.output.split())  # rich wraps long lines
    assert "note: removed .ny.db.importing-" in output
    assert "left beside ny.db by an import that was stopped" in output
    assert leftovers(tmp_path) == []


def test_files_of_an_import_still_running_are_left_alone(tmp_path: Path) -> None:
    file = qdpx(tmp_path / "p.qdpx", QDE, {f"sources/{SOURCE}.txt": TEXT})
    live = tmp_path / f".ny.db.importing-{os.getpid()}-0badc0de"
    live.write_bytes(b"")
    old = tmp_path / ".ny.db.importing-0badc0de-wal"  # the name older versions gave
    old.write_bytes(b"")
    report = import_qdpx(file, tmp_path / "ny.db")
    assert live.exists() and not old.exists()
    assert report.warnings[0].startswith("removed .ny.db.importing-0badc0de-wal:")
