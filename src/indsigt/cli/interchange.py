"""REFI-QDA: `indsigt export` and `indsigt import-qdpx`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click
from rich.markup import escape

from indsigt.cli.common import json_option, options_of, path_option, schema_option
from indsigt.cli.output import console, echo_json, progress_bar
from indsigt.project import Project, open_study

exporting = options_of(Project.export)


@click.command()
@click.argument("study")
@exporting(
    "--format",
    "format",
    type=click.Choice(["qdpx"]),
    help="qdpx: a REFI-QDA project for NVivo, ATLAS.ti, MAXQDA, QualCoder.",
)
@path_option("--output", required=True, help="The file to write.")
@exporting(
    "--line-endings",
    type=click.Choice(["lf", "crlf"]),
    help="Line endings of the exported text sources (positions follow them).",
)
@schema_option("Validate project.qde against this Project.xsd (REFI-QDA) before writing.")
@json_option("Print the result as JSON.")
def export(study: str, output: Path, as_json: bool, **options: Any) -> None:
    """Export the study: documents, codes, codings, respondents and notes."""
    with open_study(study) as project:
        report = project.export(output, **options)
    if as_json:
        echo_json(report)
        return
    console.print(
        f"wrote {escape(str(report.path))}: {report.sources} source(s), {report.codes} code(s), "
        f"{report.codings} coding(s), {report.users} user(s), {report.cases} case(s), "
        f"{report.notes} note(s)" + (" — valid against the schema" if report.validated else "")
    )
    for warning in report.warnings:
        console.print(f"warning: {escape(warning)}", highlight=False)


@click.command("import-qdpx")
@click.argument("file", type=click.Path(path_type=Path))
@click.argument("study")
@click.option("--name", help="Study name (default: the project's name).")
@click.option("--language", help="Language of every document (default: detected per document).")
@click.option(
    "--no-anonymisation",
    is_flag=True,
    help="Mark the new study as not needing anonymisation.",
)
@schema_option("Validate project.qde against this Project.xsd (REFI-QDA) first.")
@json_option("Print the result as JSON.")
def import_qdpx(
    file: Path, study: str, no_anonymisation: bool, as_json: bool, **options: Any
) -> None:
    """Create a NEW study at STUDY from a REFI-QDA project (.qdpx)."""
    from indsigt.interchange import import_qdpx as run_import

    with progress_bar(not as_json) as progress:
        report = run_import(
            file,
            study,
            anonymisation_required=not no_anonymisation,
            **options,
            progress=progress,
        )
    if as_json:
        echo_json(report)
        return
    console.print(
        f"created study [bold]{escape(report.name)}[/] in {escape(report.study)}: "
        f"{report.documents} document(s), {report.passages} passages, {report.codes} code(s), "
        f"{report.codings} coding(s), {report.respondents} respondent(s), {report.notes} note(s)"
    )
    for warning in report.warnings:
        console.print(f"  note: {warning}", highlight=False, markup=False)


COMMANDS: tuple[click.Command, ...] = (
    export,
    import_qdpx,
)
