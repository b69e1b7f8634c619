"""`indsigt batch`: a large consultation sheet as a partitioned job."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from indsigt.cli.common import (
    json_option,
    options_of,
    passed,
    path_option,
    sheet_column_options,
    tagger_choice,
    tagger_options,
)
from indsigt.cli.output import console, echo_json, print_segment_table, progress_bar
from indsigt.project import open_study

job = options_of("indsigt.project:Project.batch")


@click.command()
@click.argument("study")
@click.argument("source", metavar="SHEET", type=click.Path(path_type=Path))
@sheet_column_options(
    "A column of free-text answers (repeatable; default: guessed from the first rows, as "
    "`indsigt import` guesses them).",
    "The respondent id column (default: the row number).",
)
@path_option(
    "--respondents",
    help="A sheet of respondent attributes by id (its 'speaker' column holds the id).",
)
@click.option("--sheet", help="Excel: the worksheet to read (default: the first).")
@click.option("--language", help="Language of the answers (default: detected per answer).")
@job("--unit", type=click.Choice(["sentence", "paragraph", "turn"]), help="Passage unit.")
@click.option(
    "--coder",
    "coders",
    multiple=True,
    help="keyword (default) or supervised (learns from the study's accepted codings); repeatable.",
)
@click.option(
    "--by",
    multiple=True,
    help="Respondent attribute for the segment tables (repeatable; default: the study's).",
)
@job(
    "--engine",
    type=str,
    help="inprocess, local (Dask worker processes on this machine) or a Dask scheduler "
    "address tcp://HOST:PORT.",
)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    help="local: worker processes (default: one per core).",
)
@job("--partition-size", type=click.IntRange(min=1), help="Sheet rows per partition.")
@click.option(
    "--max-in-flight",
    type=click.IntRange(min=1),
    help="Partitions read but not yet written, at most (default: two per worker).",
)
@click.option(
    "--resume",
    type=int,
    metavar="JOB",
    help="Continue an interrupted job: its stored partitions are skipped.",
)
@tagger_options
@json_option("Print the result as JSON.")
def batch(
    study: str, source: Path, model: str | None, no_tagger: bool, as_json: bool, **options: Any
) -> None:
    """A large consultation sheet through import, anonymisation, coding and segment tables,
    as a partitioned job that can be resumed (anonymised with the study's tagger unless
    --model or --no-tagger is given)."""
    model = tagger_choice(model, no_tagger)
    with open_study(study) as project, progress_bar(not as_json) as progress:
        report = project.batch(source, **passed(options), model=model, progress=progress)
    if as_json:
        echo_json(report)
        return
    console.print(
        f"job {report.job} {report.status}: {report.documents:,} answer(s) "
        f"({report.skipped:,} already in the study), {report.passages:,} passages, "
        f"{sum(report.findings.values()):,} finding(s) anonymised, in {report.seconds} s "
        f"on {report.engine} ({report.workers} worker(s))",
        highlight=False,
    )
    for name, count in report.codings.items():
        console.print(f"  {name}: {count:,} suggestion(s)", highlight=False)
    if report.resumed:
        console.print(f"  resumed: {report.resumed} partition(s) were already stored")
    for note in report.notes:
        console.print(f"  note: {note}", highlight=False, markup=False)
    for units in report.tables.values():
        print_segment_table(units["respondents"])


COMMANDS: tuple[click.Command, ...] = (batch,)
