"""The web app: `indsigt serve` and `indsigt user`."""

from __future__ import annotations

import sys
from collections.abc import Callable
from functools import partial
from types import ModuleType
from typing import Any

import click
from rich.markup import escape

from indsigt.cli.common import choice_option, json_option, options_of, path_option
from indsigt.cli.output import console, echo_json, print_table
from indsigt.project import open_study

served = options_of("indsigt.web.server:serve")  # the web app's defaults (extra `web`)


@click.command()
@click.argument("study", required=False)
@click.option("--db", help="Store URL instead of STUDY (e.g. postgresql+psycopg://…).")
@served("--host", type=str, help="Address to bind.")
@served("--port", type=int, help="Port to bind.")
@click.option("--server", is_flag=True, help="Server mode: login and roles (implied off loopback).")
@click.option("--user", help="Local mode: the coder name (default: your login name).")
@served("--max-upload-mb", type=float, help="Upload size limit.")
@path_option(
    "--templates",
    multiple=True,
    file_okay=False,
    help="A folder of templates overriding the built-in ones (repeatable).",
)
@path_option(
    "--reports",
    file_okay=False,
    help="Reports root: study N's reports are in study-N/ (default: reports/ beside the study).",
)
@click.option(
    "--secure-cookies",
    is_flag=True,
    help="Mark the session cookie Secure (HTTPS only; behind an HTTPS reverse proxy).",
)
def serve(study: str | None, db: str | None, **options: Any) -> None:
    """Serve the review web app (local mode on 127.0.0.1 unless --server or another --host)."""
    from indsigt.web import serve as serve_app

    if (study is None) == (db is None):
        raise click.UsageError("name a STUDY or give --db URL (not both)")
    serve_app(study or str(db), **options, announce=click.echo)


@click.group()
def user() -> None:
    """Users of the web app in server mode (roles admin, coder, viewer)."""


@user.command("add")
@click.argument("study")
@click.argument("name")
@choice_option("--role", choices=["admin", "coder", "viewer"], default="coder")
def user_add(study: str, name: str, role: str) -> None:
    """Add a user; the password is prompted for, or read from standard input when piped."""
    add_user = _auth().add_user

    if sys.stdin.isatty():
        password = click.prompt("password", hide_input=True, confirmation_prompt=True)
    else:
        password = sys.stdin.readline().rstrip("\r\n")
    with open_study(study) as project:
        add_user(project.store, name, password, role=role)
    console.print(f"added {role} [bold]{escape(name)}[/]", highlight=False)


@user.command("ls")
@click.argument("study")
@json_option()
def user_ls(study: str, as_json: bool) -> None:
    """List the web app's users and their roles."""
    list_users = _auth().list_users

    with open_study(study) as project:
        rows = list_users(project.store)
    if as_json:
        echo_json(rows)
    else:
        print_table("users", rows, ["username", "role", "created_at"])


@user.command("remove")
@click.argument("study")
@click.argument("name")
def user_remove(study: str, name: str) -> None:
    """Remove a user (their codings stay, under their name)."""
    _change_user(study, name, _auth().remove_user, "removed")


@user.command("logout")
@click.argument("study")
@click.argument("name")
def user_logout(study: str, name: str) -> None:
    """End every web session of a user (e.g. a lost laptop); they log in again."""
    _change_user(
        study, name, partial(_auth().end_user_sessions, actor="cli"), "ended every session of"
    )


def _change_user(study: str, name: str, change: Callable[..., object], done: str) -> None:
    """``change(store, name)`` on the study's users; then say it was ``done``."""
    with open_study(study) as project:
        change(project.store, name)
    console.print(f"{done} [bold]{escape(name)}[/]", highlight=False)


def _auth() -> ModuleType:
    """The web app's users (``indsigt.web.auth``), or the clear error that it is not installed."""
    from indsigt.web import require_web

    require_web()
    from indsigt.web import auth

    return auth


COMMANDS: tuple[click.Command, ...] = (
    serve,
    user,
)
