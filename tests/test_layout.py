"""Small units, kept small (STYLE.md 2; issue 19): no function in the library is over 80 lines
and no command module over 400.

A function's length is ``end_lineno - lineno + 1`` of its ``def`` (decorators not counted),
for every function: module level, methods and nested functions alike."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SOURCE = REPO / "src"
CLI = SOURCE / "indsigt" / "cli"
MAX_FUNCTION = 80
MAX_COMMAND_MODULE = 400


def long_functions(root: Path, limit: int) -> list[str]:
    """``path:line name (n lines)`` of every function under ``root`` longer than ``limit``."""
    found = []
    for path in sorted(root.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        functions = [
            node
            for node in ast.walk(tree)
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        ]
        for node in sorted(functions, key=lambda node: node.lineno):
            length = (node.end_lineno or node.lineno) - node.lineno + 1
            if length > limit:
                where = path.relative_to(root.parent).as_posix()
                found.append(f"{where}:{node.lineno} {node.name} ({length} lines)")
    return found


def long_modules(root: Path, limit: int) -> list[str]:
    """``path (n lines)`` of every module under ``root`` longer than ``limit``."""
    found = []
    for path in sorted(root.rglob("*.py")):
        length = len(path.read_text(encoding="utf-8").splitlines())
        if length > limit:
            found.append(f"{path.relative_to(root.parent).as_posix()} ({length} lines)")
    return found


@pytest.mark.slow  # parses every module of the library (1–3 s here)
def test_no_function_is_over_80_lines() -> None:
    assert long_functions(SOURCE, MAX_FUNCTION) == [], "split them into helpers (STYLE.md 2)"


def test_no_command_module_is_over_400_lines() -> None:
    assert long_modules(CLI, MAX_COMMAND_MODULE) == [], "one module per command group"


SAMPLE = """\
import functools


@functools.cache
def short() -> int:
    one = 1
    two = 2
    return one + two


class Thing:
    def method(self) -> int:
        one = 1
        two = 2
        return one + two


def outer() -> int:
    def inner() -> int:
        one = 1
        return one

    return inner()
"""


def test_the_measure_counts_methods_and_nested_functions_not_decorators(tmp_path: Path) -> None:
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "m.py").write_text(SAMPLE, encoding="utf-8")
    assert long_functions(tmp_path / "pkg", 4) == ["pkg/m.py:18 outer (6 lines)"]
    assert long_functions(tmp_path / "pkg", 3) == [
        "pkg/m.py:5 short (4 lines)",
        "pkg/m.py:12 method (4 lines)",
        "pkg/m.py:18 outer (6 lines)",
    ]
    assert "pkg/m.py:19 inner (3 lines)" in long_functions(tmp_path / "pkg", 2)
    assert long_modules(tmp_path / "pkg", 23) == []
    assert long_modules(tmp_path / "pkg", 22) == ["pkg/m.py (23 lines)"]
