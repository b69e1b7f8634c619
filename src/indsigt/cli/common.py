"""What the commands share: the group classes (errors shown without study text), option
decorators used by more than one command, and the library's defaults read from its
signatures (a default is written once, in the library)."""

from __future__ import annotations

import importlib
import inspect
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
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
    """An option whose default is a library function's (``library="module:function"`` or
    ``"module:Class.method"``;
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
            module, path = self._library.split(":")
            try:
                found: Any = importlib.import_module(module)
            except ModuleNotFoundError:  # an optional extra not installed: no default to show
                self._default, self._resolved = None, True  # (the command says what is missing)
                return None
            for name in path.split("."):  # "function", or "Class.method"
                found = getattr(found, name)
            self._default = default_of(found, self._keyword or self.name or "")
            self._resolved = True
        return self._default

    @default.setter
    def default(self, value: Any) -> None:
        """Click sets the default it was given (none): the library's is used instead."""


def library_option(
    *decls: str, library: Callable[..., Any] | str, keyword: str | None = None, **kwargs: Any
) -> Callable[[F], F]:
    """An option whose default (shown in the help) is the library's: ``library`` is the
    function whose parameter ``keyword`` (default: the option's name) holds it, or
    ``"module:function"`` for a module imported only when the default is needed."""
    if isinstance(library, str):
        return click.option(
            *decls,
            cls=LibraryDefault,
            library=library,
            keyword=keyword,
            show_default=True,
            **kwargs,
        )
    name = next((d for d in decls if not d.startswith("-")), None)
    name = keyword or name or max(decls, key=len).lstrip("-").replace("-", "_")
    return click.option(*decls, default=default_of(library, name), show_default=True, **kwargs)


def options_of(library: Callable[..., Any] | str) -> Callable[..., Callable[[F], F]]:
    """:func:`library_option` bound to one library function (a command's options):
    ``keypoint = options_of(...)``, then ``@keypoint("--k", type=..., help=...)``."""

    def option(*decls: str, **kwargs: Any) -> Callable[[F], F]:
        return library_option(*decls, library=library, **kwargs)

    return option


UNITS = click.Choice(["statement", "passage", "turn"])  # what an analysis runs on (units stage)


def choice_option(
    *decls: str, choices: Sequence[str], default: str, help: str | None = None
) -> Callable[[F], F]:
    """An option with a fixed set of values and the command's own default (a choice the
    command makes, such as which trainer to run, not an option of one library function)."""
    kind = click.Choice(list(choices))
    return click.option(*decls, type=kind, default=default, show_default=True, help=help)


def path_option(
    *decls: str,
    help: str,
    exists: bool = False,
    file_okay: bool = True,
    dir_okay: bool = True,
    **kwargs: Any,
) -> Callable[[F], F]:
    """An option naming a file or folder, given to the command as a ``Path``."""
    kind = click.Path(path_type=Path, exists=exists, file_okay=file_okay, dir_okay=dir_okay)
    return click.option(*decls, type=kind, help=help, **kwargs)


def schema_option(help: str) -> Callable[[F], F]:
    """``--schema``: a REFI-QDA schema file (``.xsd``) to validate against."""
    return path_option("--schema", dir_okay=False, help=help)


def sheet_column_options(text: str, id_column: str) -> Callable[[F], F]:
    """``--text-column`` (repeatable) and ``--id-column`` of a sheet of answers."""

    def decorate(f: F) -> F:
        f = click.option("--id-column", help=id_column)(f)
        return click.option("--text-column", "text_columns", multiple=True, help=text)(f)

    return decorate


def gold_options(*formats: str, help: str, data: str = "") -> Callable[[F], F]:
    """``--format`` (the gold's; a single one is the default) and ``--data`` (its folder)."""

    def decorate(f: F) -> F:
        f = click.option(
            "--data",
            type=click.Path(path_type=Path),
            required=True,
            help=data or "The dataset folder as it lies in ../shared/data.",
        )(f)
        one = {"default": formats[0], "show_default": True} if len(formats) == 1 else {}
        return click.option(
            "--format",
            "format_",
            type=click.Choice(list(formats)),
            required=not one,
            help=help,
            **one,  # type: ignore[arg-type]
        )(f)

    return decorate


def llm_options(prefix: str, *, cache: bool = True) -> Callable[[F], F]:
    """The LLM endpoint's options (``prefix``: which choice they belong to, e.g. "llm: ")."""

    def decorate(f: F) -> F:
        if cache:
            f = click.option(
                "--llm-cache",
                type=click.Path(file_okay=False, path_type=Path),
                help=f"{prefix}where responses are cached (default: ~/.cache/indsigt/llm).",
            )(f)
        f = click.option(
            "--allow-remote", is_flag=True, help=f"{prefix}allow an endpoint not on this machine."
        )(f)
        f = click.option("--llm-model", help=f"{prefix}the model name the endpoint serves.")(f)
        return click.option(
            "--llm-url",
            help=f"{prefix}an OpenAI-compatible endpoint, e.g. http://localhost:11434/v1.",
        )(f)

    return decorate


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


def passed(options: dict[str, Any]) -> dict[str, Any]:
    """The options to pass on: a repeatable option given no value is left out, so that the
    library's default applies."""
    return {name: value for name, value in options.items() if value != ()}
