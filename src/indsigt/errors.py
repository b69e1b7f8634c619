"""Errors a user can act on. Every message names the file (or store) and the problem."""

from __future__ import annotations

import traceback
from pathlib import Path


class IndsigtError(Exception):
    """Base class: the CLI prints these as one line and exits non-zero."""


class InputError(IndsigtError):
    """A source file cannot be read or does not have the expected shape."""

    def __init__(self, path: str | Path, problem: str) -> None:
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")


class StoreError(IndsigtError):
    """The study store cannot be opened, upgraded or written."""


class ImportFailed(IndsigtError):
    """One or more sources could not be imported; nothing was written."""

    def __init__(self, errors: list[InputError]) -> None:
        self.errors = errors
        lines = [str(error) for error in errors]
        super().__init__(
            lines[0] if len(lines) == 1 else f"{len(lines)} problems:\n  " + "\n  ".join(lines)
        )


def describe_unexpected(exc: BaseException) -> str:
    """An unexpected error as its class and the place in indsigt where it was raised, never
    its message: the message of a database or parser error may hold study text (an SQL
    statement's parameters, a constraint's key values, a snippet of the source)."""
    where = ""
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        parts = Path(frame.filename).parts
        if "indsigt" in parts:
            inner = parts[len(parts) - 1 - parts[::-1].index("indsigt") :]
            where = f" at {'/'.join(inner)}:{frame.lineno}"
            break
    kind = type(exc)
    module = "" if kind.__module__ == "builtins" else f"{kind.__module__}."
    return f"{module}{kind.__qualname__}{where}"
