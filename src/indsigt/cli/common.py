"""What the commands share: the group classes (errors shown without study text), option
decorators used by more than one command, and the library's defaults read from its
signatures (a default is written once, in the library)."""

from __future__ import annotations

import importlib
import inspect
import os
import sys
from collections.abc import Callable
from typing import Any, TypeVar

import click

from indsigt.cli.output import error
from indsigt.errors import IndsigtError, describe_unexpected

F = TypeVar("F", bound=Callable[..., Any])

DEBUG = "INDSIGT_DEBUG"


class Group(click.Group):
    """The command group: a library error is one line on stderr (exit 2); an unexpected
    error shows only its class and place, since its message may hold study text."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except IndsigtError as exc:
            error(str(exc))
            sys.exit(2)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except Exception as exc:
            # An unexpected error: its message may hold study text (an SQL statement's
            # parameters, a constraint's key values), so only its class and place are shown.
            if os.environ.get(DEBUG, "") not in ("", "0"):
                raise
            error(
                f"unexpected error ({describe_unexpected(exc)}); its message is not shown "
                f"because it may contain study text. Set {DEBUG}=1 for the full traceback."
            )
            sys.exit(1)


class DefaultGroup(Group):
    """A group whose first argument may also be the argument of its default command:
    ``indsigt anonymise STUDY`` is ``indsigt anonymise run STUDY``."""

    default_command = "run"

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ("--help", "-h"):
            args = [self.default_command, *args]
        return super().parse_args(ctx, args)


def default_of(function: Callable[..., Any], name: str) -> Any:
    """The default of ``function``'s parameter ``name``: the library's, shown by the option."""
    default = inspect.signature(function).parameters[name].default
    if default is inspect.Parameter.empty:
        raise TypeError(f"{function.__qualname__}({name}) has no default")
    return default


class LibraryDefault(click.Option):
    """An option whose default is a library function's (``library="module:function"``;
    ``keyword``: the parameter's name there, if not the option's), looked up when first
    needed: the module, which may be slow to import, is imported only when the command runs
    or shows its help. Give ``type`` explicitly."""

    def __init__(self, *args: Any, library: str, keyword: str | None = None, **kwargs: Any) -> None:
        self._library = library
        self._keyword = keyword
        self._resolved = False
        super().__init__(*args, **kwargs)

    @property
    def default(self) -> Any:
        if not self._resolved:
            module, function = self._library.split(":")
            found = getattr(importlib.import_module(module), function)
            self._default = default_of(found, self._keyword or self.name or "")
            self._resolved = True
        return self._default

    @default.setter
    def default(self, value: Any) -> None:
        """Click sets the default it was given (none): the library's is used instead."""


def json_option(help: str | None = None) -> Callable[[F], F]:
    """``--json``: print the result as JSON (``as_json``)."""
    return click.option("--json", "as_json", is_flag=True, help=help)


def tagger_options(f: Callable[..., Any]) -> Callable[..., Any]:
    f = click.option(
        "--no-tagger",
        is_flag=True,
        help="Rules, gazetteers and the proper-noun detector only (no tagger).",
    )(f)
    return click.option(
        "--model",
        help="Tagger: a model directory from `anonymise train` (e5 or spaCy) or an installed "
        "spaCy pipeline name (default: the e5 tagger shipped with indsigt).",
    )(f)


def tagger_choice(model: str | None, no_tagger: bool) -> str | None:
    from indsigt.anonymise.detectors import NO_TAGGER

    if no_tagger and model:
        raise click.UsageError("--model and --no-tagger exclude each other")
    return NO_TAGGER if no_tagger else model
