"""Output for readers: `indsigt report`, `indsigt quotes`, `indsigt matrix`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click
from rich.markup import escape

from indsigt.cli.common import (
    UNITS,
    default_of,
    json_option,
    options_of,
    passed,
    path_option,
)
from indsigt.cli.output import console, echo_json, jsonable, progress_bar
from indsigt.codebook.model import label
from indsigt.project import Project, open_study

quote = options_of(Project.quotes)
matrix_option = options_of(Project.matrix)


@click.command()
@click.argument("study")
@click.option(
    "--format",
    "format",
    default=",".join(default_of(Project.report, "format")),
    show_default=True,
    help="Formats to write, comma-separated: html, pdf, docx, md.",
)
@click.option(
    "--lang",
    type=click.Choice(["da", "en", "no", "sv"]),
    help="Language (default: the study's language if it is one of these, else da).",
)
@path_option(
    "--template",
    file_okay=False,
    exists=True,
    help="A folder overriding templates by name (report.html, style.css, …), with an optional "
    "theme.json and logo.",
)
@path_option(
    "--output",
    file_okay=False,
    help="Folder to write report.* into (default: reports/study-N/ beside the study file).",
)
@click.option(
    "--llm-url",
    help="Also word the summary as a paragraph by a model on this OpenAI-compatible endpoint "
    "(e.g. http://localhost:11434/v1); checked sentence by sentence against the evidence.",
)
@click.option("--llm-model", help="The model name the endpoint serves.")
@click.option("--allow-remote", is_flag=True, help="Allow an endpoint that is not on this machine.")
@json_option()
def report(study: str, as_json: bool, **options: Any) -> None:
    """The white paper: summary, method, findings with quotes, differences, appendix, evidence."""
    with open_study(study) as project:
        result = project.report(**options)
    if as_json:
        echo_json(result)
        return
    console.print(
        f"report in {result.lang}: {result.sections} theme(s), "
        f"{result.evidence_passages} passage(s) of evidence in "
        f"{result.evidence_groups} evidence group(s), "
        f"{result.seconds} s",
        highlight=False,
    )
    for kind, path in result.files.items():
        console.print(f"  {kind}: {escape(path)}", highlight=False)
    for note in result.notes:
        console.print(f"  note: {escape(note)}", highlight=False)


@click.command()
@click.argument("study")
@click.option(
    "--code", "codes", multiple=True, help="Code path (repeatable; default: every top-level code)."
)
@quote("--n", type=click.IntRange(min=1), help="Quotes per code.")
@quote("--lang", help="Attribution language: da, en, no, sv (default: the study's).")
@quote(
    "--k",
    type=click.IntRange(min=1),
    help="Warn when an attribution label covers fewer than k respondents.",
)
@quote(
    "--unit",
    type=UNITS,
    help="A quote stays inside one statement, or may run over its turn (passage, turn).",
)
@json_option()
def quotes(study: str, as_json: bool, **options: Any) -> None:
    """Publishable quotes per code: representative, whole sentences, diverse, attributed."""
    with open_study(study) as project:
        result = project.quotes(**passed(options))
        language = options["lang"] or project.study.language
        titles = {c.path: label(c, language) for c in project.codebook()}
    if as_json:
        echo_json(result)
        return
    for code, found in result.items():
        title = titles.get(code, code)
        named = escape(title) + (f" [dim]({escape(code)})[/]" if title != code else "")
        console.print(f"\n[bold]{named}[/]")
        for quote in found:
            console.print(
                f"  “{quote.printed}” — {quote.attribution}", highlight=False, markup=False
            )
            for warning in quote.warnings:
                console.print(f"    ! {warning}", highlight=False, markup=False)
        if not found:
            console.print("  (no quotable passage)")


@click.command()
@click.argument("study")
@matrix_option("--rows", type=click.Choice(["respondent", "document"]))
@matrix_option(
    "--columns",
    type=click.Choice(["code", "theme", "question"]),
    help="code: the codebook's codes (a sheet per top-level code); theme: the themes "
    "`indsigt themes` stored (one sheet); question: the guide's questions (a sheet per "
    "section; needs `indsigt guide STUDY align`).",
)
@path_option("--output", required=True, help="The file: .xlsx, .csv, .md.")
@matrix_option(
    "--unit",
    type=click.Choice(["passage", "turn"]),
    help="What an excerpt is: a sentence passage or a respondent's whole turn.",
)
@matrix_option("--per-cell", help="Excerpts per cell.")
@matrix_option("--embedder", help="For choosing representative excerpts.")
@json_option("Print the matrix as JSON.")
def matrix(study: str, output: Path, as_json: bool, **options: Any) -> None:
    """The framework matrix: rows × columns, each cell the row's most representative excerpts
    for the column with their passage references (anonymised text only)."""
    with open_study(study) as project, progress_bar(not as_json) as progress:
        result = project.matrix(**options, output=output, progress=progress)
    if as_json:
        echo_json({"output": str(output), **jsonable(result)})
        return
    console.print(
        f"wrote {escape(str(output))}: {len(result.rows)} row(s) × {len(result.columns)} "
        f"column(s) in {len(result.groups())} group(s), {len(result.cells)} filled cell(s)"
    )


COMMANDS: tuple[click.Command, ...] = (
    report,
    quotes,
    matrix,
)
