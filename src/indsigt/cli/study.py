"""Commands that make and fill a study: init, settings, import, remove, stats, demo (ls and show
are in :mod:`indsigt.cli.browse`)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click
from rich.markup import escape

from indsigt.cli.common import (
    default_of,
    json_option,
    library_option,
    path_option,
    sheet_column_options,
)
from indsigt.cli.output import (
    console,
    echo_json,
    jsonable,
    print_anonymisation,
    print_statistics,
    progress_bar,
)
from indsigt.demo import run_demo
from indsigt.errors import ImportFailed, IndsigtError, listing
from indsigt.ingest.base import ImportOptions
from indsigt.project import init_study, open_study
from indsigt.themes import latest_run


@click.command()
@click.argument("study")
@click.option("--name", help="Study name (default: the file name).")
@library_option(
    "--language",
    library=init_study,
    type=click.Choice(["da", "no", "sv", "en"]),
    help="Main language (default: the language of the first documents imported).",
)
@click.option(
    "--no-anonymisation",
    is_flag=True,
    help="Mark the study as not needing anonymisation (the report will say so).",
)
@click.option(
    "--respondent-noun",
    help="The word for a respondent in pseudonyms, quotes and the report, e.g. Leder "
    "(default by language: Deltager, Informant, Respondent).",
)
def init(
    study: str,
    name: str | None,
    language: str | None,
    no_anonymisation: bool,
    respondent_noun: str | None,
) -> None:
    """Create a study: a new SQLite file, or an empty PostgreSQL database URL."""
    with init_study(
        study,
        name=name,
        language=language,
        anonymisation_required=not no_anonymisation,
        respondent_noun=respondent_noun,
    ) as project:
        console.print(f"created study [bold]{escape(project.study.name)}[/] in {escape(study)}")


@click.command()
@click.argument("study")
@click.argument("key", required=False)
@click.argument("value", required=False)
@json_option("Print the settings as JSON.")
def settings(study: str, key: str | None, value: str | None, as_json: bool) -> None:
    """Show the study's settings, or set KEY to VALUE: name (the report's title),
    respondent-noun (e.g. Leder, or
    Borger/borgere; "default" for the language's word), attribute:NAME (publishable,
    identifying or default) or attribute-label:NAME (the label shown for the attribute, e.g.
    "Organisationstype"; "default" for the field name)."""
    with open_study(study) as project:
        if key is not None:
            if value is None:
                raise click.UsageError(f"give a value for {key}")
            project.change_setting(key, value)
        shown = project.settings()
    if as_json:
        echo_json(shown)
        return
    console.print(f"name: {escape(shown.name)}", highlight=False)
    console.print(f"respondent-noun: {escape(shown.respondent_noun)}", highlight=False)
    for name, kind in shown.attributes.items():
        console.print(f"attribute:{escape(name)}: {kind}", highlight=False)
    for name, label in shown.attribute_labels.items():
        console.print(f"attribute-label:{escape(name)}: {escape(label)}", highlight=False)
    console.print(f"segment-by: {escape(shown.segment_by)}", highlight=False)


@click.command("import")
@click.argument("study")
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
@path_option(
    "--respondents",
    help="Sheet (csv/xlsx/yaml) mapping speakers to respondents and attributes.",
)
@library_option(
    "--unit",
    library="indsigt.project:Project.import_files",
    type=click.Choice(["sentence", "paragraph", "turn"]),
    help="Passage unit.",
)
@click.option("--language", help="Language of these documents (default: detected).")
@sheet_column_options(
    "Sheets: a column of free text (repeatable).", "Sheets: the respondent id column."
)
@click.option("--speaker-column", help="Sheets in turns layout: the speaker column.")
@library_option(
    "--layout",
    library=ImportOptions,
    type=click.Choice(["auto", "answers", "turns"]),
    help="Sheets: a row per respondent (answers) or per turn.",
)
@click.option("--sheet", help="Excel: the worksheet to read (default: the first).")
@click.option(
    "--encoding",
    help="Text files and CSV: their encoding (e.g. cp1252, utf-16), instead of detecting it.",
)
@json_option("Print the result as JSON.")
def import_(
    study: str,
    files: tuple[Path, ...],
    respondents: Path | None,
    unit: str,
    language: str | None,
    as_json: bool,
    **sheets: Any,
) -> None:
    """Import transcripts (txt, md, docx, odt, rtf, pdf, vtt, srt) and sheets (csv, xlsx)."""
    if not files and respondents is None:
        raise click.UsageError("name at least one file, or --respondents")
    options = ImportOptions(**sheets)
    with open_study(study) as project, progress_bar(not as_json) as progress:
        try:
            report = project.import_files(
                files,
                respondents=respondents,
                unit=unit,
                language=language,
                options=options,
                progress=progress,
            )
        except ImportFailed as failed:
            given = failed.sources if failed.sources is not None else len(files)
            told = _nothing_imported(failed, given, respondents)
            raise IndsigtError(f"{failed}{told}") from failed
    if as_json:
        echo_json(report)
        return
    console.print(
        f"imported {len(report.imported)} document(s): {report.turns} turns, "
        f"{report.passages} passages, {report.respondents} new respondent(s)"
    )
    for name in report.skipped:
        console.print(f"  skipped {escape(name)}: identical content is already in the study")
    for note in report.notes:
        console.print(f"  note: {note}", highlight=False, markup=False)
    if report.speakers_linked:
        console.print(f"  linked {report.speakers_linked} speaker(s) to respondents")


def _nothing_imported(failed: ImportFailed, files: int, sheet: Path | None) -> str:
    """What the user should know besides the problems: none of the files was imported (the
    respondents sheet is none of them: a sheet alone that fails said -1 files)."""
    named = {error.path for error in failed.errors} - {str(sheet)}
    read = files - len(named)
    if read <= 0:
        return ""
    where = "; " if len(failed.errors) == 1 else "\n"
    return (
        f"{where}nothing was imported, {read} other file(s) included: fix or leave out "
        f"what is named and run the command again"
    )


@click.command()
@click.argument("study")
@library_option(
    "--by",
    library="indsigt.project:Project.statistics",
    type=str,
    help="Respondent attribute to group by.",
)
@json_option()
def stats(study: str, by: str, as_json: bool) -> None:
    """Per-document and per-segment statistics."""
    with open_study(study) as project:
        result = project.statistics(by=by)
        noun = project.noun(language="en")
    if as_json:
        echo_json(result)
    else:
        print_statistics(jsonable(result), noun)


@click.command()
@click.argument("outdir", default=default_of(run_demo, "outdir"), type=click.Path(path_type=Path))
@click.option(
    "--model",
    help="Anonymisation tagger: a model directory from `anonymise train` or a spaCy pipeline name.",
)
@json_option()
def demo(outdir: Path, model: str | None, as_json: bool) -> None:
    """Run indsigt on the bundled (fictional) sample study; the study is left in OUTDIR."""
    with progress_bar(not as_json) as progress:
        result = run_demo(outdir, model=model, progress=progress)
    if as_json:
        echo_json(result)
        return
    print_statistics(result["statistics"])
    print_anonymisation(result["anonymisation"])
    console.print(f"study database: {escape(result['study'])}")
    for kind, path in result.get("report", {}).get("files", {}).items():
        console.print(f"report ({kind}): {escape(path)}", highlight=False)


@click.command()
@click.argument("study")
@click.argument("documents", nargs=-1, required=True)
@json_option()
def remove(study: str, documents: tuple[str, ...], as_json: bool) -> None:
    """Remove documents (by name, as `indsigt ls STUDY documents` lists them) with their turns,
    passages, codings, statements, findings and notes, and the respondents who spoke in no
    other document — one imported by mistake, or a transcript to import again once
    corrected. A name the study does not have is an error, and nothing is removed."""
    with open_study(study) as project:
        removed = project.remove_documents(list(documents))
        themed = latest_run(project.store, project.study.id) is not None
    if as_json:
        echo_json({**removed.__dict__, "documents": list(removed.documents)})
        return
    console.print(
        f"removed {len(removed.documents)} document(s): {listing(removed.documents)} — "
        f"{removed.turns} turns, {removed.passages} passages, {removed.codings} codings, "
        f"{removed.notes} notes, {removed.respondents} respondent(s) who spoke in no other "
        "document",
        highlight=False,
    )
    if themed:
        console.print("the stored themes were found with them: run `indsigt themes STUDY` again")


COMMANDS: tuple[click.Command, ...] = (
    init,
    settings,
    import_,
    remove,
    stats,
    demo,
)
