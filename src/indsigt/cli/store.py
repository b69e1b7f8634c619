"""`indsigt db`: store maintenance."""

from __future__ import annotations

import sys

import click
from rich.markup import escape

from indsigt.cli.common import json_option
from indsigt.cli.output import console, echo_json, jsonable
from indsigt.project import open_study


@click.group()
def db() -> None:
    """Store maintenance."""


@db.command()
@click.argument("study")
def upgrade(study: str) -> None:
    """Upgrade a study's schema (the only way for PostgreSQL; SQLite upgrades itself)."""
    from indsigt.store import upgrade_store

    before, after = upgrade_store(study)
    console.print(f"{escape(study)}: schema {before or '(empty)'} → {after}")


@db.command()
@click.argument("study")
@json_option("Print the result as JSON.")
def check(study: str, as_json: bool) -> None:
    """Check a study's records: offsets within their documents, stored passage text, turns,
    codings, anonymisation edits. Exits with 1 when it finds damage."""
    with open_study(study) as project:
        report = project.check()
    if as_json:
        echo_json({**jsonable(report), "ok": report.ok})
    else:
        console.print(
            f"{escape(study)}: {report.documents} document(s), {report.turns} turns, "
            f"{report.passages} passages, {report.codings} coding(s), {report.findings} "
            "finding(s) checked",
            highlight=False,
        )
        for problem in report.problems:
            console.print(
                f"  {problem.kind}: {problem.entity} {problem.id}"
                + (f" (document {problem.document_id})" if problem.document_id else "")
                + f": {problem.detail}",
                highlight=False,
                markup=False,
            )
        total = sum(report.counts.values())
        if total > len(report.problems):
            console.print(f"  … {total - len(report.problems)} more problem(s)", highlight=False)
        console.print(
            "ok: no problems found"
            if report.ok
            else f"DAMAGED: {total} problem(s) ({', '.join(report.counts)})",
            highlight=False,
            markup=False,
        )
    if not report.ok:
        sys.exit(1)


COMMANDS: tuple[click.Command, ...] = (db,)
