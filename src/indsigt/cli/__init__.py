"""The command line: thin over the library (each command calls one public function).

The group is built here; the commands live one module per command group beside this file,
and :func:`_plugin_commands` is where plugins add theirs."""

from __future__ import annotations

from types import ModuleType

import click

from indsigt.cli import (
    analyse,
    anonymise,
    batch,
    browse,
    coding,
    evaluate,
    guide,
    interchange,
    report,
    store,
    study,
    themes,
    web,
)
from indsigt.cli.common import Group
from indsigt.cli.output import error
from indsigt.version import __version__

__all__ = ["main"]

MODULES: tuple[ModuleType, ...] = (
    study,
    browse,
    guide,
    interchange,
    anonymise,
    coding,
    themes,
    analyse,
)
MODULES += (report, evaluate, store, web, batch)


@click.group(cls=Group)
@click.version_option(__version__, prog_name="indsigt")
def main() -> None:
    """indsigt — local-first engine for interview-based studies."""


def _plugin_commands(group: click.Group) -> None:
    """Add every command of the ``indsigt_commands`` hook, after the built-ins; one named like a
    built-in command is refused (an error on stderr; the built-in stays)."""
    from indsigt.plugins import implementations

    builtin = set(group.commands)
    for commands in implementations("commands"):
        for command in commands:
            if command.name in builtin:
                where = getattr(command.callback, "__module__", "?")
                error(f"plugin command {command.name!r} ({where}) has a built-in's name; not added")
                continue
            group.add_command(command)


def _build(group: click.Group) -> click.Group:
    for module in MODULES:
        for command in module.COMMANDS:
            group.add_command(command)
    _plugin_commands(group)
    return group


_build(main)
