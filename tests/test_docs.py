"""README.md documents every command, subcommand and option of the command line (and mentions
no command or option that does not exist)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import click
import pytest

from indsigt.cli import main

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")

# Known gaps, to be documented in README.md; remove an entry once it is (the test then fails
# as XPASS(strict) to say so).
README_TODO: set[tuple[str, str]] = set()


def commands(group: click.Group = main, prefix: str = "") -> Iterator[tuple[str, click.Command]]:
    """(path, command) for every command and subcommand, e.g. ("db upgrade", …)."""
    for name, command in sorted(group.commands.items()):
        path = f"{prefix} {name}".strip()
        yield path, command
        if isinstance(command, click.Group):
            yield from commands(command, path)


def options(command: click.Command) -> list[str]:
    return [
        opt
        for param in command.params
        if isinstance(param, click.Option)
        for opt in [*param.opts, *param.secondary_opts]
        if opt != "--help"
    ]


def choices(command: click.Command) -> list[str]:
    return [
        choice
        for param in command.params
        if isinstance(param.type, click.Choice)
        for choice in param.type.choices
        if isinstance(choice, str)
    ]


def table_rows() -> dict[str, str]:
    """The rows of the "Commands" table, by the command path in their first cell."""
    section = README.split("### Commands", 1)[1].split("\n#", 1)[0]
    rows = {}
    for line in section.splitlines():
        match = re.match(r"\|\s*`([a-z][a-z -]*?)(?:\s+[A-Z\[].*?)?`\s*\|", line)
        if match:
            rows[match.group(1)] = line
    return rows


def usage_lines(path: str) -> list[str]:
    return [
        line
        for line in README.splitlines()
        if re.match(rf"\s*indsigt {re.escape(path)}(\s|$)", line)
    ]


def documentation(path: str) -> str:
    """What README says about one command: its table row and its usage lines."""
    if not path:
        return README
    return "\n".join([table_rows().get(path, ""), *usage_lines(path)])


def mentioned(word: str, text: str) -> bool:
    return re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text) is not None


def todo(path: str, word: str) -> list[pytest.MarkDecorator]:
    if (path, word) in README_TODO:
        return [pytest.mark.xfail(reason="not yet in README.md", strict=True)]
    return []


COMMANDS = list(commands())
OPTIONS = [
    pytest.param(path, opt, id=f"{path or 'indsigt'} {opt}", marks=todo(path, opt))
    for path, command in [("", main), *COMMANDS]
    for opt in options(command)
]
CHOICES = [
    pytest.param(path, choice, id=f"{path} {choice}", marks=todo(path, choice))
    for path, command in COMMANDS
    for choice in choices(command)
]


def test_commands_found() -> None:
    paths = [path for path, _ in COMMANDS]
    assert {"init", "import", "ls", "show", "stats", "demo", "db", "db upgrade"} <= set(paths)
    assert len(OPTIONS) > 10


@pytest.mark.parametrize("path", [path for path, _ in COMMANDS])
def test_command_is_documented(path: str) -> None:
    command = dict(COMMANDS)[path]
    if isinstance(command, click.Group):
        # A group is documented through its subcommands ("db upgrade").
        assert any(row.startswith(f"{path} ") for row in table_rows()), path
        return
    assert path in table_rows(), f"no row for `{path}` in the Commands table of README.md"
    assert usage_lines(path), f"no `indsigt {path} …` line in the Usage block of README.md"


@pytest.mark.parametrize(("path", "option"), OPTIONS)
def test_option_is_documented(path: str, option: str) -> None:
    assert mentioned(option, documentation(path)), f"README.md: `{path}` lacks {option}"


@pytest.mark.parametrize(("path", "choice"), CHOICES)
def test_choice_is_documented(path: str, choice: str) -> None:
    assert mentioned(choice, documentation(path)), f"README.md: `{path}` lacks {choice!r}"


def test_readme_mentions_no_unknown_command() -> None:
    known = {path for path, _ in COMMANDS}
    assert set(table_rows()) <= known
    for line in README.splitlines():
        match = re.match(r"\s*indsigt ([a-z][a-z-]*(?: [a-z][a-z-]*)?)", line)
        if match:
            words = match.group(1).split()
            assert words[0] in known, line
            if isinstance(main.commands[words[0]], click.Group):
                assert " ".join(words) in known, line


def test_readme_mentions_no_unknown_option() -> None:
    commands_by_path = dict(COMMANDS)
    for path, row in table_rows().items():
        for option in re.findall(r"(?<![\w-])--[a-z][\w-]*", row):
            assert option in options(commands_by_path[path]), f"{path}: {option} does not exist"
