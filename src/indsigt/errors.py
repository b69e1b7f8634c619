"""Errors a user can act on. Every message names the file (or store) and the problem."""

from __future__ import annotations

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
