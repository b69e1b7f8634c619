"""The command line: thin over the library (each command calls one public function)."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from indsigt import __version__
from indsigt.errors import IndsigtError
from indsigt.ingest.base import ImportOptions
from indsigt.progress import Progress as ProgressFn
from indsigt.project import Project, init_study, open_study

console = Console()
if not console.is_terminal:
    console = Console(width=160)  # pipes and logs: wide enough for document names
err_console = Console(stderr=True)


def _json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


@contextmanager
def progress_bar(enabled: bool = True) -> Iterator[ProgressFn]:
    """A rich progress bar behind the library's plain progress callback."""
    if not enabled or not err_console.is_terminal:
        yield _silent
        return
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err_console,
        transient=True,
    ) as bar:
        task = bar.add_task("", total=None)

        def update(done: int, total: int, what: str) -> None:
            bar.update(task, completed=done, total=total, description=what)

        yield update


def _table(title: str, rows: Sequence[dict[str, Any]], columns: Sequence[str]) -> None:
    table = Table(title=escape(title), show_lines=False)
    for column in columns:
        table.add_column(escape(column), overflow="fold")
    for row in rows:
        table.add_row(*[_cell(row.get(column)) for column in columns])
    console.print(table)


def _cell(value: Any) -> str:
    """A table cell, escaped: text such as "[griner]" or "[/]" is not rich markup."""
    if isinstance(value, dict):
        return escape(", ".join(f"{k}={v}" for k, v in value.items()))
    return "" if value is None else escape(str(value))


def _silent(done: int, total: int, what: str) -> None:
    pass


class _Group(click.Group):
    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except IndsigtError as exc:
            err_console.print(
                f"[bold red]error:[/] {escape(str(exc))}",
                highlight=False,
                markup=True,
                soft_wrap=True,
            )
            sys.exit(2)


@click.group(cls=_Group)
@click.version_option(__version__, prog_name="indsigt")
def main() -> None:
    """indsigt — local-first engine for interview-based studies."""


@main.command()
@click.argument("study")
@click.option("--name", help="Study name (default: the file name).")
@click.option("--language", default="da", show_default=True, help="Main language: da, no, sv, en.")
@click.option(
    "--no-anonymisation",
    is_flag=True,
    help="Mark the study as not needing anonymisation (the report will say so).",
)
def init(study: str, name: str | None, language: str, no_anonymisation: bool) -> None:
    """Create a study: a new SQLite file, or an empty PostgreSQL database URL."""
    with init_study(
        study, name=name, language=language, anonymisation_required=not no_anonymisation
    ) as project:
        console.print(f"created study [bold]{escape(project.study.name)}[/] in {escape(study)}")


@main.command("import")
@click.argument("study")
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--respondents",
    type=click.Path(path_type=Path),
    help="Sheet (csv/xlsx/yaml) mapping speakers to respondents and attributes.",
)
@click.option(
    "--unit",
    type=click.Choice(["sentence", "paragraph", "turn"]),
    default="sentence",
    show_default=True,
    help="Passage unit.",
)
@click.option("--language", help="Language of these documents (default: detected).")
@click.option(
    "--text-column",
    "text_columns",
    multiple=True,
    help="Sheets: a column of free text (repeatable).",
)
@click.option("--id-column", help="Sheets: the respondent id column.")
@click.option("--speaker-column", help="Sheets in turns layout: the speaker column.")
@click.option(
    "--layout",
    type=click.Choice(["auto", "answers", "turns"]),
    default="auto",
    show_default=True,
    help="Sheets: a row per respondent (answers) or per turn.",
)
@click.option("--sheet", help="Excel: the worksheet to read (default: the first).")
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
def import_(
    study: str,
    files: tuple[Path, ...],
    respondents: Path | None,
    unit: str,
    language: str | None,
    text_columns: tuple[str, ...],
    id_column: str | None,
    speaker_column: str | None,
    layout: str,
    sheet: str | None,
    as_json: bool,
) -> None:
    """Import transcripts (txt, md, docx, pdf, vtt, srt) and sheets (csv, xlsx)."""
    if not files and respondents is None:
        raise click.UsageError("name at least one file, or --respondents")
    options = ImportOptions(
        text_columns=text_columns,
        id_column=id_column,
        speaker_column=speaker_column,
        layout=layout,
        sheet=sheet,
    )
    with open_study(study) as project, progress_bar(not as_json) as progress:
        report = project.import_files(
            files,
            respondents=respondents,
            unit=unit,
            language=language,
            options=options,
            progress=progress,
        )
    if as_json:
        _json(asdict(report))
        return
    console.print(
        f"imported {len(report.imported)} document(s): {report.turns} turns, "
        f"{report.passages} passages, {report.respondents} new respondent(s)"
    )
    for name in report.skipped:
        console.print(f"  skipped {escape(name)}: identical content is already in the study")
    if report.speakers_linked:
        console.print(f"  linked {report.speakers_linked} speaker(s) to respondents")


@main.command("ls")
@click.argument("study")
@click.argument(
    "what", type=click.Choice(["documents", "respondents", "passages"]), default="documents"
)
@click.option("--document", "document_ref", help="passages: only this document (id or name).")
@click.option(
    "--limit", type=click.IntRange(min=0), default=0, help="Show at most this many rows (0 = all)."
)
@click.option("--json", "as_json", is_flag=True)
def ls(study: str, what: str, document_ref: str | None, limit: int, as_json: bool) -> None:
    """List documents, respondents or passages."""
    with open_study(study) as project:
        rows, columns = _listing(project, what, document_ref)
    if limit:
        rows = rows[:limit]
    if as_json:
        _json(rows)
    else:
        _table(what, rows, columns)


def _listing(
    project: Project, what: str, ref: str | None
) -> tuple[list[dict[str, Any]], list[str]]:
    if what == "documents":
        stats = {row["document"]: row for row in project.statistics()["documents"]}
        rows = [
            {
                "id": d.id,
                "name": d.name,
                "format": d.format,
                "language": d.language,
                "unit": d.unit,
                "turns": stats.get(d.name, {}).get("turns", 0),
                "passages": stats.get(d.name, {}).get("passages", 0),
                "words": stats.get(d.name, {}).get("words", 0),
            }
            for d in project.documents()
        ]
        return rows, ["id", "name", "format", "language", "turns", "passages", "words"]
    if what == "respondents":
        rows = [
            {"id": r.id, "key": r.key, "pseudonym": r.pseudonym, "attributes": r.attributes}
            for r in project.respondents()
        ]
        return rows, ["id", "key", "pseudonym", "attributes"]
    doc = project.document(ref) if ref else None
    rows = [
        {
            "id": p.id,
            "document_id": p.document_id,
            "seq": p.seq,
            "start": p.start,
            "end": p.end,
            "text": p.text,
        }
        for p in project.passages(doc)
    ]
    return rows, ["id", "document_id", "seq", "start", "end", "text"]


@main.command()
@click.argument("study")
@click.argument("document")
@click.option("--json", "as_json", is_flag=True)
def show(study: str, document: str, as_json: bool) -> None:
    """Show one document turn by turn, with speakers, roles and timestamps."""
    with open_study(study) as project:
        doc = project.document(document)
        speakers = {s.id: s for s in project.speakers(doc)}
        turns = project.turns(doc)
    rows = [
        {
            "seq": t.seq,
            "speaker": speakers[t.speaker_id].label,
            "role": speakers[t.speaker_id].role,
            "start": t.start,
            "end": t.end,
            "start_ms": t.start_ms,
            "end_ms": t.end_ms,
            "text": doc.text[t.start : t.end],
        }
        for t in turns
    ]
    if as_json:
        _json(
            {
                "id": doc.id,
                "name": doc.name,
                "format": doc.format,
                "language": doc.language,
                "turns": rows,
            }
        )
        return
    console.print(f"[bold]{escape(doc.name)}[/] ({doc.format}, {doc.language}, {len(rows)} turns)")
    for row in rows:
        stamp = f" [{_clock(int(row['start_ms']))}]" if row["start_ms"] is not None else ""
        console.print(
            f"\n[bold]{escape(str(row['speaker']))}[/] ({row['role']}){stamp}", highlight=False
        )
        console.print(row["text"], highlight=False, markup=False)


def _clock(ms: int) -> str:
    seconds = ms // 1000
    return f"{seconds // 3600:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"


@main.command()
@click.argument("study")
@click.option("--by", default="level", show_default=True, help="Respondent attribute to group by.")
@click.option("--json", "as_json", is_flag=True)
def stats(study: str, by: str, as_json: bool) -> None:
    """Per-document and per-segment statistics."""
    with open_study(study) as project:
        result = project.statistics(by=by)
    if as_json:
        _json(result)
    else:
        _print_statistics(result)


def _print_statistics(result: dict[str, Any]) -> None:
    _table(
        "documents",
        result["documents"],
        ["document", "format", "language", "speakers", "respondents", "turns", "passages", "words"],
    )
    _table(
        f"by {result['by']}",
        result["segments"],
        [result["by"], "respondents", "documents", "passages", "words"],
    )
    totals = result["totals"]
    console.print(
        f"{totals['documents']} documents, {totals['respondents']} respondents, "
        f"{totals['passages']} passages, {totals['words']} words"
    )


@main.command()
@click.argument("outdir", default="indsigt-demo", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True)
def demo(outdir: Path, as_json: bool) -> None:
    """Run indsigt on the bundled (fictional) sample study; the study is left in OUTDIR."""
    from indsigt.demo import run_demo

    with progress_bar(not as_json) as progress:
        result = run_demo(outdir, progress=progress)
    if as_json:
        _json(result)
        return
    _print_statistics(result["statistics"])
    console.print(f"study database: {escape(result['study'])}")


@main.command()
@click.argument("study")
@click.option(
    "--format",
    "format_",
    type=click.Choice(["qdpx"]),
    default="qdpx",
    show_default=True,
    help="qdpx: a REFI-QDA project for NVivo, ATLAS.ti, MAXQDA, QualCoder.",
)
@click.option("--output", required=True, type=click.Path(path_type=Path), help="The file to write.")
@click.option(
    "--line-endings",
    type=click.Choice(["lf", "crlf"]),
    default="lf",
    show_default=True,
    help="Line endings of the exported text sources (positions follow them).",
)
@click.option(
    "--schema",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Validate project.qde against this Project.xsd (REFI-QDA) before writing.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
def export(
    study: str,
    format_: str,
    output: Path,
    line_endings: str,
    schema: Path | None,
    as_json: bool,
) -> None:
    """Export the study: documents, codes, codings, respondents and notes."""
    with open_study(study) as project:
        report = project.export(
            output,
            format=format_,
            line_endings=line_endings,  # type: ignore[arg-type]
            schema=schema,
        )
    if as_json:
        _json(asdict(report))
        return
    console.print(
        f"wrote {report.path}: {report.sources} source(s), {report.codes} code(s), "
        f"{report.codings} coding(s), {report.users} user(s), {report.cases} case(s), "
        f"{report.notes} note(s)" + (" — valid against the schema" if report.validated else "")
    )


@main.command("import-qdpx")
@click.argument("file", type=click.Path(path_type=Path))
@click.argument("study")
@click.option("--name", help="Study name (default: the project's name).")
@click.option("--language", help="Language of every document (default: detected per document).")
@click.option(
    "--no-anonymisation",
    is_flag=True,
    help="Mark the new study as not needing anonymisation.",
)
@click.option(
    "--schema",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Validate project.qde against this Project.xsd (REFI-QDA) first.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
def import_qdpx(
    file: Path,
    study: str,
    name: str | None,
    language: str | None,
    no_anonymisation: bool,
    schema: Path | None,
    as_json: bool,
) -> None:
    """Create a NEW study at STUDY from a REFI-QDA project (.qdpx)."""
    from indsigt.interchange import import_qdpx as run_import

    with progress_bar(not as_json) as progress:
        report = run_import(
            file,
            study,
            name=name,
            language=language,
            anonymisation_required=not no_anonymisation,
            schema=schema,
            progress=progress,
        )
    if as_json:
        _json(asdict(report))
        return
    console.print(
        f"created study [bold]{report.name}[/] in {report.study}: {report.documents} "
        f"document(s), {report.passages} passages, {report.codes} code(s), {report.codings} "
        f"coding(s), {report.respondents} respondent(s), {report.notes} note(s)"
    )
    for warning in report.warnings:
        console.print(f"  note: {warning}", highlight=False, markup=False)


@main.command()
@click.argument("study")
@click.option("--by", default="level", show_default=True, help="Respondent attribute to compare.")
@click.option(
    "--unit",
    type=click.Choice(["respondents", "passages"]),
    default="respondents",
    show_default=True,
    help="Count respondents (default) or passages.",
)
@click.option(
    "--k",
    default=3,
    show_default=True,
    type=click.IntRange(min=1),
    help="Flag cells with fewer than k.",
)
@click.option("--suppress", is_flag=True, help="Hide the counts of cells below k.")
@click.option(
    "--status",
    "statuses",
    multiple=True,
    type=click.Choice(["accepted", "suggested", "rejected"]),
    help="Codings to count (repeatable; default: accepted and suggested).",
)
@click.option("--coder", "coders", multiple=True, help="Only codings by this coder (repeatable).")
@click.option("--json", "as_json", is_flag=True)
def compare(
    study: str,
    by: str,
    unit: str,
    k: int,
    suppress: bool,
    statuses: tuple[str, ...],
    coders: tuple[str, ...],
    as_json: bool,
) -> None:
    """Codes × segments ("n of N"), tests where n allows, co-occurrence and saturation."""
    with open_study(study) as project:
        result = project.compare(
            by=by,
            unit=unit,
            k=k,
            suppress=suppress,
            statuses=statuses or ("accepted", "suggested"),
            coders=coders,
        )
    if as_json:
        _json(result)
        return
    _print_comparison(result)


def _print_comparison(result: dict[str, Any]) -> None:
    table = result["table"]
    segments = table["segments"]
    rows = []
    for row in table["rows"]:
        cells = {s: _cell_text(row["cells"][s]) for s in segments}
        test = row["test"]
        if test["method"]:
            verdict = f"p={test['p']:.3g}, Holm {test['p_holm']:.3g}, V={test['effect']:.2f}"
        else:
            verdict = test["note"]
        rows.append(
            {"code": row["code"], **cells, "all": _cell_text(row["total"]), "test": verdict}
        )
    columns = ["code", *segments, "all", "test"]
    _table(f"{table['unit']} with the code, n of N, by {table['by']}", rows, columns)
    for note in table["notes"]:
        console.print(f"  {escape(note)}")
    curve = " → ".join(str(point["cumulative"]) for point in result["saturation"])
    console.print(f"saturation (codes after each interview): {curve}")


def _cell_text(cell: dict[str, Any]) -> str:
    shown = f"<{cell['n_floor']}" if cell["n"] is None else str(cell["n"])
    return f"{shown} of {cell['N']}" + (" *" if cell["small"] else "")


@main.group()
def db() -> None:
    """Store maintenance."""


@db.command()
@click.argument("study")
def upgrade(study: str) -> None:
    """Upgrade a study's schema (the only way for PostgreSQL; SQLite upgrades itself)."""
    from indsigt.store import upgrade_store

    before, after = upgrade_store(study)
    console.print(f"{escape(study)}: schema {before or '(empty)'} → {after}")


if __name__ == "__main__":  # pragma: no cover
    main()
