"""Errors a user can act on. Every message names the file (or store) and the problem."""

from __future__ import annotations

import traceback
from collections.abc import Iterable
from pathlib import Path

MAX_LISTED = 10  # items an error message lists before "… and N more"
MAX_ITEM = 60  # characters of one listed item
MAX_PROBLEM = 2000  # characters of one problem, a last guard against huge messages


def listing(items: Iterable[object], *, limit: int = MAX_LISTED, quote: bool = True) -> str:
    """``'a', 'b', … and 7 more``: a short list for an error message, each item cut short."""
    shown: list[str] = []
    rest = 0
    for item in items:
        if len(shown) >= limit:
            rest += 1
            continue
        text = str(item)
        if len(text) > MAX_ITEM:
            text = text[: MAX_ITEM - 1] + "…"
        shown.append(repr(text) if quote else text)
    return ", ".join(shown) + (f", … and {rest} more" if rest else "")


def _short(problem: str) -> str:
    if len(problem) <= MAX_PROBLEM:
        return problem
    return f"{problem[:MAX_PROBLEM]}… ({len(problem) - MAX_PROBLEM:,} more characters)"


class IndsigtError(Exception):
    """Base class: the CLI prints these as one line and exits non-zero."""


class InputError(IndsigtError):
    """A source file cannot be read or does not have the expected shape."""

    def __init__(self, path: str | Path, problem: str) -> None:
        self.path = str(path)
        self.problem = _short(problem)
        super().__init__(f"{self.path}: {self.problem}")


class StoreError(IndsigtError):
    """The study store cannot be opened, upgraded or written."""


class ImportFailed(IndsigtError):
    """One or more sources could not be imported; nothing was written."""

    def __init__(self, errors: list[InputError], *, sources: int | None = None) -> None:
        self.errors = errors
        self.sources = sources  # files asked for, a folder counted by the files in it
        lines = [str(error) for error in errors[:MAX_LISTED]]
        if len(errors) > MAX_LISTED:
            lines.append(f"… and {len(errors) - MAX_LISTED} more")
        super().__init__(
            lines[0] if len(errors) == 1 else f"{len(errors)} problems:\n  " + "\n  ".join(lines)
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
