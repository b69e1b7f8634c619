"""Output for readers: `indsigt report`, `indsigt quotes`, `indsigt matrix`."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

import click
from rich.markup import escape

from indsigt.cli.common import default_of
from indsigt.cli.output import (
    console,
    echo_json,
    progress_bar,
)
from indsigt.project import Project, open_study


@click.command()
@click.argument("study")
@click.option(
    "--format",
    "format_",
    default=",".join(default_of(Project.report, "format")),
    show_default=True,
    help="Formats to write, comma-separated: html, pdf, docx, md.",
)
@click.option(
    "--lang",
    type=click.Choice(["da", "en"]),
    default=default_of(Project.report, "lang"),
    show_default=True,
    help="Language.",
)
@click.option(
    "--template",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    help="A folder overriding templates by name (report.html, style.css, …), with an optional "
    "theme.json and logo.",
)
@click.option(
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder to write report.* into (default: reports/study-N/ beside the study file).",
)
@click.option(
    "--llm-url",
    help="Also word the summary as a paragraph by a model on this OpenAI-compatible endpoint "
    "(e.g. http://localhost:11434/v1); checked sentence by sentence against the evidence.",
)
@click.option("--llm-model", help="The model name the endpoint serves.")
@click.option("--allow-remote", is_flag=True, help="Allow an endpoint that is not on this machine.")
@click.option("--json", "as_json", is_flag=True)
def report(
    study: str,
    format_: str,
    lang: str,
    template: Path | None,
    output: Path | None,
    llm_url: str | None,
    llm_model: str | None,
    allow_remote: bool,
    as_json: bool,
) -> None:
    """The white paper: summary, method, findings with quotes, differences, appendix, evidence."""
    with open_study(study) as project:
        result = project.report(
            format=format_,
            lang=lang,
            template=template,
            output=output,
            llm_url=llm_url,
            llm_model=llm_model,
            allow_remote=allow_remote,
        )
    if as_json:
        echo_json(asdict(result))
        return
    console.print(
        f"report in {lang}: {result.sections} theme(s), {result.evidence_passages} passage(s) "
        f"of evidence in {result.evidence_groups} group(s), {result.seconds} s",
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
@click.option(
    "--n",
    default=default_of(Project.quotes, "n"),
    show_default=True,
    type=click.IntRange(min=1),
    help="Quotes per code.",
)
@click.option(
    "--lang",
    default=default_of(Project.quotes, "lang"),
    show_default=True,
    help="Attribution language: da, en, …",
)
@click.option(
    "--k",
    default=default_of(Project.quotes, "k"),
    show_default=True,
    type=click.IntRange(min=1),
    help="Warn when an attribution label covers fewer than k respondents.",
)
@click.option(
    "--unit",
    type=click.Choice(["statement", "passage", "turn"]),
    default=default_of(Project.quotes, "unit"),
    show_default=True,
    help="A quote stays inside one statement, or may run over its turn (passage, turn).",
)
@click.option("--json", "as_json", is_flag=True)
def quotes(
    study: str, codes: tuple[str, ...], n: int, lang: str, k: int, unit: str, as_json: bool
) -> None:
    """Publishable quotes per code: representative, whole sentences, diverse, attributed."""
    with open_study(study) as project:
        result = project.quotes(codes=codes, n=n, lang=lang, k=k, unit=unit)
    if as_json:
        echo_json({code: [asdict(q) for q in found] for code, found in result.items()})
        return
    for code, found in result.items():
        console.print(f"\n[bold]{escape(code)}[/]")
        for quote in found:
            console.print(f"  “{quote.text}” — {quote.attribution}", highlight=False, markup=False)
            for warning in quote.warnings:
                console.print(f"    ! {warning}", highlight=False, markup=False)
        if not found:
            console.print("  (no quotable passage)")


@click.command()
@click.argument("study")
@click.option(
    "--rows",
    type=click.Choice(["respondent", "document"]),
    default=default_of(Project.matrix, "rows"),
    show_default=True,
)
@click.option(
    "--columns",
    type=click.Choice(["code", "theme", "question"]),
    default=default_of(Project.matrix, "columns"),
    show_default=True,
    help="code: the codebook's codes (a sheet per top-level code); theme: the themes "
    "`indsigt themes` stored (one sheet); question: the guide's questions (a sheet per "
    "section; needs `indsigt guide STUDY align`).",
)
@click.option(
    "--output", required=True, type=click.Path(path_type=Path), help="The file: .xlsx, .csv, .md."
)
@click.option(
    "--unit",
    type=click.Choice(["passage", "turn"]),
    default=default_of(Project.matrix, "unit"),
    show_default=True,
    help="What an excerpt is: a sentence passage or a respondent's whole turn.",
)
@click.option(
    "--per-cell",
    default=default_of(Project.matrix, "per_cell"),
    show_default=True,
    help="Excerpts per cell.",
)
@click.option(
    "--embedder",
    default=default_of(Project.matrix, "embedder"),
    show_default=True,
    help="For choosing representative excerpts.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the matrix as JSON.")
def matrix(
    study: str,
    rows: str,
    columns: str,
    output: Path,
    unit: str,
    per_cell: int,
    embedder: str,
    as_json: bool,
) -> None:
    """The framework matrix: rows × columns, each cell the row's most representative excerpts
    for the column with their passage references (anonymised text only)."""
    with open_study(study) as project, progress_bar(not as_json) as progress:
        result = project.matrix(
            rows=rows,
            columns=columns,
            unit=unit,
            per_cell=per_cell,
            embedder=embedder,
            output=output,
            progress=progress,
        )
    if as_json:
        echo_json({"output": str(output), **result.as_dict()})
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
