"""The layers are enforced: the import contracts in pyproject.toml ([tool.importlinter]) hold.

The library never imports the web app or the command line; stages never import the Project
facade or the evaluation; stages import only the stages before them in the pipeline
(DESIGN.md); the top-level packages have no import cycles."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
PACKAGE = REPO / "src" / "indsigt"
APPS = {"indsigt.web", "indsigt.cli", "indsigt.__main__"}


def _contracts() -> dict[str, dict[str, Any]]:
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    return {c["id"]: c for c in config["tool"]["importlinter"]["contracts"]}


def test_the_import_contracts_hold() -> None:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO / "src"), *sys.path])}
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys\n"
            "from importlinter.cli import lint_imports\n"
            "sys.exit(lint_imports(config_filename='pyproject.toml', no_cache=True, "
            "no_logo=True))\n",
        ],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 broken" in done.stdout


def test_every_module_of_the_library_is_under_the_contract() -> None:
    """A new top-level module is checked too: it must be listed as a source."""
    found = {
        f"indsigt.{path.stem if path.is_file() else path.name}"
        for path in PACKAGE.iterdir()
        if (path.suffix == ".py" and path.stem != "__init__") or (path / "__init__.py").exists()
    }
    listed = set(_contracts()["library-not-web-or-cli"]["source_modules"])
    assert found - APPS - listed == set(), "add them to pyproject.toml's first contract"
    assert listed <= found
