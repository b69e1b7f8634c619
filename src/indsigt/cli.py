"""The command line: thin over the library (each command calls one public function)."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Iterator, Sequence
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
from indsigt.errors import IndsigtError, describe_unexpected
from indsigt.ingest.base import ImportOptions
from indsigt.progress import Progress as ProgressFn
from indsigt.project import Project, init_study, open_study

# User text (transcripts, names, labels) is printed as written: never rich markup (it is
# escaped or printed with markup=False) and never emoji codes (":x:" stays ":x:").
console = Console(emoji=False)
if not console.is_terminal:
    console = Console(width=160, emoji=False)  # pipes and logs: wide enough for document names
err_console = Console(stderr=True, emoji=False)


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


DEBUG = "INDSIGT_DEBUG"


class _Group(click.Group):
    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except IndsigtError as exc:
            _error(str(exc))
            sys.exit(2)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except Exception as exc:
            # An unexpected error: its message may hold study text (an SQL statement's
            # parameters, a constraint's key values), so only its class and place are shown.
            if os.environ.get(DEBUG, "") not in ("", "0"):
                raise
            _error(
                f"unexpected error ({describe_unexpected(exc)}); its message is not shown "
                f"because it may contain study text. Set {DEBUG}=1 for the full traceback."
            )
            sys.exit(1)


def _error(message: str) -> None:
    err_console.print(
        f"[bold red]error:[/] {escape(message)}", highlight=False, markup=True, soft_wrap=True
    )


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
@click.option(
    "--respondent-noun",
    help="The word for a respondent in pseudonyms, quotes and the report, e.g. Leder "
    "(default by language: Deltager, Informant, Respondent).",
)
def init(
    study: str,
    name: str | None,
    language: str,
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


@main.command()
@click.argument("study")
@click.argument("key", required=False)
@click.argument("value", required=False)
@click.option("--json", "as_json", is_flag=True, help="Print the settings as JSON.")
def settings(study: str, key: str | None, value: str | None, as_json: bool) -> None:
    """Show the study's settings, or set KEY to VALUE: respondent-noun (e.g. Leder, or
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
        _json(shown)
        return
    console.print(f"respondent-noun: {escape(shown['respondent-noun'])}", highlight=False)
    for name, kind in shown["attributes"].items():
        console.print(f"attribute:{escape(name)}: {kind}", highlight=False)
    for name, label in shown.get("attribute-labels", {}).items():
        console.print(f"attribute-label:{escape(name)}: {escape(label)}", highlight=False)


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
@click.option(
    "--encoding",
    help="Text files and CSV: their encoding (e.g. cp1252, utf-16), instead of detecting it.",
)
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
    encoding: str | None,
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
        encoding=encoding,
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
    for note in report.notes:
        console.print(f"  note: {note}", highlight=False, markup=False)
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
    """Show one document turn by turn, with speakers, roles, timestamps and, once aligned,
    the guide question of each turn (``guide_question``)."""
    with open_study(study) as project:
        doc = project.document(document)
        speakers = {s.id: s for s in project.speakers(doc)}
        turns = project.turns(doc)
        questions = project.turn_questions(doc)
    rows = [
        {
            "seq": t.seq,
            "speaker": speakers[t.speaker_id].label,
            "role": speakers[t.speaker_id].role,
            "start": t.start,
            "end": t.end,
            "start_ms": t.start_ms,
            "end_ms": t.end_ms,
            "guide_question": questions.get(t.id),
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
        asked = f" · {escape(str(row['guide_question']))}" if row["guide_question"] else ""
        console.print(
            f"\n[bold]{escape(str(row['speaker']))}[/] ({row['role']}){stamp}{asked}",
            highlight=False,
        )
        console.print(row["text"], highlight=False, markup=False)


def _clock(ms: int) -> str:
    seconds = ms // 1000
    return f"{seconds // 3600:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"


@main.command("guide")
@click.argument("study")
@click.argument("action", type=click.Choice(["import", "align", "show"]))
@click.argument("file", required=False, type=click.Path(path_type=Path))
@click.option(
    "--embedder",
    default="e5",
    show_default=True,
    help="align: e5 (multilingual, cached in the store), tfidf, or a model directory.",
)
@click.option(
    "--follow-ups",
    type=click.Choice(["question", "none"]),
    default="question",
    show_default=True,
    help="align: a follow-up question carries the guide question it follows up, or none.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
def guide(
    study: str, action: str, file: Path | None, embedder: str, follow_ups: str, as_json: bool
) -> None:
    """The interview guide: import FILE (txt, md, docx, pdf), align every turn to it, show it."""
    with open_study(study) as project:
        if action == "import":
            if file is None:
                raise click.UsageError("guide import needs a FILE")
            result: Any = project.import_guide(file).as_dict()
        elif action == "align":
            with progress_bar(not as_json) as progress:
                result = asdict(
                    project.align_guide(embedder=embedder, follow_ups=follow_ups, progress=progress)
                )
        else:
            found = project.guide()
            if found is None:
                raise IndsigtError(
                    "the study has no interview guide; run `indsigt guide STUDY import FILE`"
                )
            result = found.as_dict()
    if as_json:
        _json(result)
        return
    if action == "align":
        console.print(
            f"aligned {result['documents']} document(s): {result['aligned_interviewer_turns']} "
            f"of {result['interviewer_turns']} interviewer turns and {result['aligned_turns']} "
            f"of {result['turns']} turns carry a guide question"
        )
        _table(
            "turns per question",
            [{"question": k, "interviewer turns": v} for k, v in result["per_question"].items()],
            ["question", "interviewer turns"],
        )
        return
    console.print(f"guide {escape(result['source'])}: {len(result['questions'])} question(s)")
    _table(
        "questions",
        [
            {**q, "probes": "; ".join(q["probes"]), "parent": q["parent"] or ""}
            for q in result["questions"]
        ],
        ["label", "section", "parent", "text", "probes"],
    )


@main.command()
@click.argument("study")
@click.option(
    "--rows", type=click.Choice(["respondent", "document"]), default="respondent", show_default=True
)
@click.option(
    "--columns",
    type=click.Choice(["code", "theme", "question"]),
    default="code",
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
    default="passage",
    show_default=True,
    help="What an excerpt is: a sentence passage or a respondent's whole turn.",
)
@click.option("--per-cell", default=2, show_default=True, help="Excerpts per cell.")
@click.option(
    "--embedder", default="e5", show_default=True, help="For choosing representative excerpts."
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
        _json({"output": str(output), **result.as_dict()})
        return
    console.print(
        f"wrote {escape(str(output))}: {len(result.rows)} row(s) × {len(result.columns)} "
        f"column(s) in {len(result.groups())} group(s), {len(result.cells)} filled cell(s)"
    )


@main.command()
@click.argument("study")
@click.argument("query")
@click.option(
    "--limit",
    type=click.IntRange(min=1, max=1000),
    default=20,
    show_default=True,
    help="Show at most this many hits.",
)
@click.option("--json", "as_json", is_flag=True)
def search(study: str, query: str, limit: int, as_json: bool) -> None:
    """Full-text search across the study's passages: words (all must occur), "a phrase",
    a OR b, -word (not), word* (any ending); Danish words match their other forms."""
    from indsigt.analyse.retrieval import search_study

    with open_study(study) as project:
        result = search_study(project.store, project.study, query, limit=limit)
    hits = [
        {
            "passage_id": hit.passage_id,
            "document_id": hit.document_id,
            "document": hit.document,
            "turn": hit.turn_seq,
            "speaker": hit.speaker,
            "role": hit.role,
            "text": hit.text,
            "before": hit.before,
            "after": hit.after,
            "found": [piece for piece, found in result.marked(hit.text) if found],
        }
        for hit in result.hits
    ]
    if as_json:
        _json({"query": query, "total": result.total, "hits": hits})
        return
    console.print(f"{result.total} passage(s) match; showing {len(hits)}.", highlight=False)
    for hit in result.hits:
        marked = "".join(
            f"[bold reverse]{escape(piece)}[/]" if found else escape(piece)
            for piece, found in result.marked(hit.text)
        )
        console.print(
            f"[dim]{escape(hit.document)} · turn {hit.turn_seq} · {escape(hit.speaker)} "
            f"(p{hit.passage_id})[/]\n  {marked}",
            highlight=False,
            soft_wrap=True,
        )


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
@click.option(
    "--model",
    help="Anonymisation tagger: a model directory from `anonymise train` or a spaCy pipeline name.",
)
@click.option("--json", "as_json", is_flag=True)
def demo(outdir: Path, model: str | None, as_json: bool) -> None:
    """Run indsigt on the bundled (fictional) sample study; the study is left in OUTDIR."""
    from indsigt.demo import run_demo

    with progress_bar(not as_json) as progress:
        result = run_demo(outdir, model=model, progress=progress)
    if as_json:
        _json(result)
        return
    _print_statistics(result["statistics"])
    _print_anonymisation(result["anonymisation"])
    console.print(f"study database: {escape(result['study'])}")
    for kind, path in result.get("report", {}).get("files", {}).items():
        console.print(f"report ({kind}): {escape(path)}", highlight=False)


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
        f"wrote {escape(str(report.path))}: {report.sources} source(s), {report.codes} code(s), "
        f"{report.codings} coding(s), {report.users} user(s), {report.cases} case(s), "
        f"{report.notes} note(s)" + (" — valid against the schema" if report.validated else "")
    )
    for warning in report.warnings:
        console.print(f"warning: {escape(warning)}", highlight=False)


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
        f"created study [bold]{escape(report.name)}[/] in {escape(report.study)}: "
        f"{report.documents} document(s), {report.passages} passages, {report.codes} code(s), "
        f"{report.codings} coding(s), {report.respondents} respondent(s), {report.notes} note(s)"
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
    _print_segment_table(result["table"])
    curve = " → ".join(str(point["cumulative"]) for point in result["saturation"])
    console.print(f"saturation (codes after each interview): {curve}")


def _print_segment_table(table: dict[str, Any]) -> None:
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


def _cell_text(cell: dict[str, Any]) -> str:
    shown = f"<{cell['n_floor']}" if cell["n"] is None else str(cell["n"])
    return f"{shown} of {cell['N']}" + (" *" if cell["small"] else "")


@main.command()
@click.argument("study")
@click.option("--code", help="Key points of this code (and the codes beneath it); default: all.")
@click.option("--theme", type=click.IntRange(min=1), help="Key points of stored theme number N.")
@click.option("--question", help="Key points of the answers to this guide question (its label).")
@click.option("--by", default="level", show_default=True, help="Respondent attribute to group by.")
@click.option(
    "--unit",
    type=click.Choice(["statement", "passage", "turn"]),
    default="statement",
    show_default=True,
    help="The statements key points are matched to.",
)
@click.option(
    "--k", default=3, show_default=True, type=click.IntRange(min=1), help="Flag cells below k."
)
@click.option(
    "--max-points",
    default=6,
    show_default=True,
    type=click.IntRange(min=1),
    help="At most this many key points.",
)
@click.option(
    "--embedder", default="e5", show_default=True, help="Embedder for the matching model."
)
@click.option("--json", "as_json", is_flag=True)
def keypoints(
    study: str,
    code: str | None,
    theme: int | None,
    question: str | None,
    by: str,
    unit: str,
    k: int,
    max_points: int,
    embedder: str,
    as_json: bool,
) -> None:
    """Key points: what the respondents say in their own words, and how many say it."""
    from indsigt.analyse.keypoints.study import as_dict

    scopes = [f"--{n}" for n, v in (("code", code), ("theme", theme), ("question", question)) if v]
    if len(scopes) > 1:
        raise click.UsageError(f"give one scope, not {' and '.join(scopes)}")
    with open_study(study) as project, progress_bar(not as_json) as progress:
        result = project.keypoints(
            code=code,
            theme=theme,
            question=question,
            by=by,
            unit=unit,
            k=k,
            max_points=max_points,
            embedder=embedder,
            progress=progress,
        )
    if as_json:
        _json(as_dict(result))
        return
    console.print(
        f"key points of {escape(result.scope)}: {result.statements} statements, "
        f"{result.candidates} candidate sentences, {result.respondents} respondents",
        highlight=False,
    )
    for point in result.key_points:
        cells = ", ".join(f"{s} {_cell_text(asdict(point.cells[s]))}" for s in result.segments)
        test = point.test
        verdict = f"p={test.p_holm:.3g} (Holm)" if test.p_holm is not None else test.note
        console.print(
            f"  {point.total.n} of {point.total.N}: “{point.text}” — {cells}; {verdict}",
            highlight=False,
            markup=False,
        )
    if not result.key_points:
        console.print("  (no key point is shared by two or more respondents)")
    for note in result.notes:
        console.print(f"  {escape(note)}", highlight=False)


@main.command()
@click.argument("study")
@click.option(
    "--code", "codes", multiple=True, help="Code path (repeatable; default: every top-level code)."
)
@click.option(
    "--n", default=3, show_default=True, type=click.IntRange(min=1), help="Quotes per code."
)
@click.option("--lang", default="da", show_default=True, help="Attribution language: da, en, …")
@click.option(
    "--k",
    default=3,
    show_default=True,
    type=click.IntRange(min=1),
    help="Warn when an attribution label covers fewer than k respondents.",
)
@click.option(
    "--unit",
    type=click.Choice(["statement", "passage", "turn"]),
    default="statement",
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
        _json({code: [asdict(q) for q in found] for code, found in result.items()})
        return
    for code, found in result.items():
        console.print(f"\n[bold]{escape(code)}[/]")
        for quote in found:
            console.print(f"  “{quote.text}” — {quote.attribution}", highlight=False, markup=False)
            for warning in quote.warnings:
                console.print(f"    ! {warning}", highlight=False, markup=False)
        if not found:
            console.print("  (no quotable passage)")


@main.command()
@click.argument("study")
@click.option(
    "--format",
    "format_",
    default="html,pdf,docx,md",
    show_default=True,
    help="Formats to write, comma-separated: html, pdf, docx, md.",
)
@click.option(
    "--lang", type=click.Choice(["da", "en"]), default="da", show_default=True, help="Language."
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
        _json(asdict(result))
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


class _DefaultGroup(_Group):
    """A group whose first argument may also be the argument of its default command:
    ``indsigt anonymise STUDY`` is ``indsigt anonymise run STUDY``."""

    default_command = "run"

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ("--help", "-h"):
            args = [self.default_command, *args]
        return super().parse_args(ctx, args)


@main.group(cls=_DefaultGroup)
def anonymise() -> None:
    """Anonymise a study (`indsigt anonymise STUDY`), or train a tagger for it."""


def _tagger_options(f: Callable[..., Any]) -> Callable[..., Any]:
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


def _tagger(model: str | None, no_tagger: bool) -> str | None:
    from indsigt.anonymise.detectors import NO_TAGGER

    if no_tagger and model:
        raise click.UsageError("--model and --no-tagger exclude each other")
    return NO_TAGGER if no_tagger else model


@anonymise.command("run")
@click.argument("study")
@_tagger_options
@click.option("--allow", multiple=True, help="A name to keep as it is (repeatable; remembered).")
@click.option("--json", "as_json", is_flag=True)
def anonymise_run(
    study: str, model: str | None, no_tagger: bool, allow: tuple[str, ...], as_json: bool
) -> None:
    """Detect personal data on the original text and write the pseudonymised text (the
    tagger choice is remembered by the study)."""
    model = _tagger(model, no_tagger)
    with open_study(study) as project, progress_bar(not as_json) as progress:
        report = project.anonymise(model=model, allow=allow, progress=progress)
    if as_json:
        _json(asdict(report))
        return
    _print_anonymisation(asdict(report))


def _print_anonymisation(report: dict[str, Any]) -> None:
    found = ", ".join(f"{label} {n}" for label, n in report["findings"].items()) or "nothing"
    console.print(
        f"anonymised {report['documents']} document(s): {found}; "
        f"{report['persons']} person(s) pseudonymised, {report['kept']} name(s) kept "
        f"(allow-list), {report['false_positives']} false positive(s) skipped",
        highlight=False,
    )
    console.print("review with `indsigt findings STUDY`", highlight=False)


@anonymise.command("train")
@click.option(
    "--conll",
    "files",
    multiple=True,
    required=True,
    type=click.Path(exists=True, dir_okay=False),
    help="Gold training file (CoNLL/IOB2/CoNLL-U; repeatable).",
)
@click.option(
    "--format",
    "format_",
    type=click.Choice(["conll", "iob2", "conllu"]),
    help="Format of the files (default: from the suffix).",
)
@click.option("--lang", "language", default="da", show_default=True, help="da, no, sv or en.")
@click.option("--output", required=True, type=click.Path(), help="Model directory to write.")
@click.option("--dev", type=click.Path(exists=True, dir_okay=False), help="Gold dev file.")
@click.option(
    "--engine",
    type=click.Choice(["e5", "spacy"]),
    default="e5",
    show_default=True,
    help="e5: a linear head on multilingual-e5-small's hidden states (needs indsigt[onnx]); "
    "spacy: a spaCy NER trained from scratch.",
)
@click.option(
    "--iterations",
    default=20,
    show_default=True,
    type=click.IntRange(min=1),
    help="Training passes (spacy engine).",
)
@click.option("--sentences", help="Use only these sentences of each file (START:END).")
@click.option(
    "--augment",
    type=click.IntRange(min=0),
    help="Copies of the training sentences with every person name swapped for another "
    "(default: 1 for e5, 0 for spacy).",
)
@click.option("--json", "as_json", is_flag=True)
def anonymise_train(
    files: tuple[str, ...],
    format_: str | None,
    language: str,
    output: str,
    dev: str | None,
    engine: str,
    iterations: int,
    sentences: str | None,
    augment: int | None,
    as_json: bool,
) -> None:
    """Train the sequence tagger from gold files into a model directory the study points at
    (`indsigt anonymise STUDY --model DIR`)."""
    from indsigt.anonymise.gold import parse_slice

    with progress_bar(not as_json) as progress:
        if engine == "e5":
            from indsigt.anonymise.e5tagger import train_e5_tagger

            report = train_e5_tagger(
                files,
                language=language,
                output=output,
                format=format_,
                dev=dev,
                sentences=parse_slice(sentences),
                augment=1 if augment is None else augment,
                progress=progress,
            )
        else:
            from indsigt.anonymise.tagger import train_tagger

            report = train_tagger(
                files,
                language=language,
                output=output,
                format=format_,
                dev=dev,
                iterations=iterations,
                sentences=parse_slice(sentences),
                augment=augment or 0,
                progress=progress,
            )
    if as_json:
        _json(asdict(report))
        return
    console.print(
        f"trained on {report.sentences} sentences in {report.seconds} s; "
        f"model in {escape(report.output)} (iteration {report.best_iteration}) {report.dev}",
        highlight=False,
    )


@main.command()
@click.argument("study")
@click.option("--document", "document_ref", help="Only this document (id or name).")
@click.option(
    "--label", help="Only this label (PER, CPR, MUNICIPALITY, …); with --missed: its label."
)
@click.option(
    "--status", type=click.Choice(["applied", "kept", "false_positive"]), help="Only this status."
)
@click.option("--false-positive", "false_positive", help="Mark this text as not personal data.")
@click.option("--missed", help="Mark this text as personal data the detectors missed (--label).")
@click.option("--limit", type=click.IntRange(min=0), default=0, help="At most this many rows.")
@click.option("--json", "as_json", is_flag=True)
def findings(
    study: str,
    document_ref: str | None,
    label: str | None,
    status: str | None,
    false_positive: str | None,
    missed: str | None,
    limit: int,
    as_json: bool,
) -> None:
    """Anonymisation findings in context (shows the original text: admin use), and review
    decisions that every later `indsigt anonymise` applies."""
    with open_study(study) as project:
        doc = project.document(document_ref) if document_ref else None
        if false_positive or missed:
            decision = "false_positive" if false_positive else "missed"
            surface = false_positive or missed or ""
            project.review_finding(surface, decision=decision, label=label or "", doc=doc)
            console.print(
                f"recorded: {decision.replace('_', ' ')} (applies from the next "
                "`indsigt anonymise`)"
            )
            return
        rows = [
            {
                "id": f.finding.id,
                "document": f.document,
                "start": f.finding.start,
                "end": f.finding.end,
                "label": f.finding.label,
                "detector": f.finding.detector,
                "score": f.finding.score,
                "status": f.finding.status,
                "surface": f.surface,
                "context": f"{f.before} [{f.surface}] {f.after}",
            }
            for f in project.findings_in_context(doc, label=label, status=status)
        ]
    if limit:
        rows = rows[:limit]
    if as_json:
        _json(rows)
    else:
        _table("findings", rows, ["document", "label", "detector", "status", "context"])


@main.group(name="eval")
def eval_() -> None:
    """Measure a stage against human gold data."""


@eval_.command("anonymise")
@click.option("--gold", required=True, type=click.Path(exists=True, dir_okay=False))
@click.option(
    "--format",
    "format_",
    type=click.Choice(["conll", "iob2", "conllu", "dab"]),
    help="Gold format (default: from the suffix).",
)
@click.option("--lang", "language", default="da", show_default=True, help="da, no, sv or en.")
@_tagger_options
@click.option("--sentences", help="Only these sentences of the gold file (START:END).")
@click.option(
    "--per-document",
    default=20,
    show_default=True,
    type=click.IntRange(min=1),
    help="Consecutive gold sentences read as one document.",
)
@click.option(
    "--protection",
    is_flag=True,
    help="Also run the whole anonymiser: share of quasi-identifier tokens no longer readable "
    "and share of characters masked.",
)
@click.option("--json", "as_json", is_flag=True)
def eval_anonymise(
    gold: str,
    format_: str | None,
    language: str,
    model: str | None,
    no_tagger: bool,
    sentences: str | None,
    per_document: int,
    protection: bool,
    as_json: bool,
) -> None:
    """Recall, precision and F2 per label (tokens and entities, strict and partial)."""
    from indsigt.anonymise.evaluate import evaluate_anonymisation

    report = evaluate_anonymisation(
        gold,
        format=format_,
        language=language,
        model=_tagger(model, no_tagger),
        sentences=sentences,
        per_document=per_document,
        protection=protection,
    )
    if as_json:
        _json(report.as_dict())
        return
    rows = [{"label": label, **values} for label, values in report.per_label.items()]
    _table(
        f"{report.gold} ({report.documents} documents, {report.tokens} tokens)",
        rows,
        [
            "label",
            "gold_entities",
            "token_recall",
            "token_precision",
            "entity_recall",
            "entity_precision",
            "partial_recall",
            "partial_precision",
        ],
    )
    leaked = ", ".join(report.leaked_person_tokens[:30])
    console.print(
        f"person tokens covered by any finding: {report.person_tokens_covered}; "
        f"leaked: {escape(leaked) or '-'}",
        highlight=False,
    )
    if report.protection:
        found = report.protection
        console.print(
            f"quasi-identifier tokens no longer readable: {found['quasi_identifiers_protected']} "
            f"of {found['quasi_identifier_tokens']}; characters masked: {found['masked_share']}; "
            + ", ".join(f"{k} {v['protected']}" for k, v in found["per_label"].items()),
            highlight=False,
        )


@main.command()
@click.argument("study")
@click.option("--code", help="Only passages coded with this code (and its sub-codes).")
@click.option("--k", type=click.IntRange(min=2), help="Number of themes (default: chosen).")
@click.option("--seed", default=0, show_default=True, type=int, help="Random seed.")
@click.option(
    "--promote",
    type=int,
    help="Make theme N of the stored run a code (with --as); runs nothing.",
)
@click.option("--as", "as_path", help="The code path for --promote, e.g. Temaer/Data.")
@click.option(
    "--list", "list_", is_flag=True, help="Show the stored themes (the latest run); runs nothing."
)
@click.option(
    "--rename",
    type=(int, str),
    metavar="N LABEL",
    help="Give theme N of the stored run your own label.",
)
@click.option(
    "--merge",
    type=(int, int),
    metavar="N M",
    help="Merge theme M into theme N (stored run).",
)
@click.option(
    "--embedder",
    default="e5",
    show_default=True,
    help="e5 (multilingual-e5-small; better themes; cached in the study) or tfidf (instant).",
)
@click.option(
    "--unit",
    type=click.Choice(["statement", "passage", "turn"]),
    default="statement",
    show_default=True,
    help="What to cluster: substantive statements, non-conversational passages, or turns.",
)
@click.option("--json", "as_json", is_flag=True)
def themes(
    study: str,
    code: str | None,
    k: int | None,
    seed: int,
    promote: int | None,
    as_path: str | None,
    list_: bool,
    rename: tuple[int, str] | None,
    merge: tuple[int, int] | None,
    embedder: str,
    unit: str,
    as_json: bool,
) -> None:
    """Emergent themes in what respondents said, stored in the study: a readable label,
    terms, size, representative statements. --list, --rename, --merge and --promote work on
    the stored themes without running again."""
    chosen = [name for name, value in _theme_actions(list_, rename, merge, promote) if value]
    if len(chosen) > 1:
        raise click.UsageError(f"use one of {', '.join(chosen)} at a time")
    if promote is not None and not as_path:
        raise click.UsageError("--promote needs --as PATH")
    with open_study(study) as project:
        if rename is not None or merge is not None or promote is not None:
            if rename is not None:
                theme = project.rename_theme(rename[0], rename[1], code=code)
                done = f"theme {theme.number} is now “{theme.label}”"
                record: dict[str, Any] = {"id": theme.number, "theme_id": theme.id}
            elif merge is not None:
                theme = project.merge_themes(merge[0], merge[1], code=code)
                done = f"merged theme {merge[1]} into theme {theme.number} ({theme.size} {unit}s)"
                record = {"id": theme.number, "theme_id": theme.id, "size": theme.size}
            else:
                assert promote is not None
                code_id = project.promote_theme(promote, path=str(as_path), code=code)
                done = f"promoted theme {promote} to code {as_path}"
                record = {"id": promote, "promoted": code_id}
            if as_json:
                _json(record)
            else:
                console.print(done, highlight=False, markup=False)
            return
        if list_:
            result = project.stored_themes(code=code)
        else:
            with progress_bar(not as_json) as progress:
                result = project.themes(
                    code=code, k=k, seed=seed, embedder=embedder, unit=unit, progress=progress
                )
    if as_json:
        _json(result)
        return
    shown = result["unit"]
    for theme in result["themes"]:
        status = theme.get("status", "emergent")
        note = ""
        if status == "merged":
            note = escape(" [merged]")
        elif status == "promoted":
            note = escape(f" [code {theme['code']}]")
        console.print(
            f"\n[bold]{theme['id']}. {escape(theme['label'])}[/]{note} "
            f"({theme['size']} {shown}s, {theme['respondents']} respondents): "
            f"{escape(', '.join(theme['terms']))}"
        )
        if status == "merged":
            continue
        for text in theme["examples"]:
            console.print(f"  “{text}”", highlight=False, markup=False)
    console.print(f"\nunassigned: {result['unassigned_share']:.0%}; stored as run {result['run']}")


def _theme_actions(
    list_: bool,
    rename: tuple[int, str] | None,
    merge: tuple[int, int] | None,
    promote: int | None,
) -> list[tuple[str, bool]]:
    return [
        ("--list", list_),
        ("--rename", rename is not None),
        ("--merge", merge is not None),
        ("--promote", promote is not None),
    ]


@main.command()
@click.argument("study")
@click.option(
    "--embedder",
    default="e5",
    show_default=True,
    help="Sentence vectors for topic shifts: e5 (cached in the study) or tfidf.",
)
@click.option(
    "--show",
    help="Only list, do not rebuild: 'conversational' (all marks), one kind "
    "(backchannel, filler, greeting, signoff, interview, pseudonym, nonverbal, no_content), "
    "or 'statements'.",
)
@click.option("--limit", default=50, show_default=True, type=int, help="Rows shown (0: all).")
@click.option("--json", "as_json", is_flag=True)
def units(study: str, embedder: str, show: str | None, limit: int, as_json: bool) -> None:
    """Mark conversational talk and build statements (the unit of analysis); or review them."""
    from indsigt.units import KINDS, ensure_units

    if show is not None and show not in ("conversational", "statements", *KINDS):
        raise click.BadParameter(f"unknown --show {show!r}", param_hint="--show")
    with open_study(study) as project, progress_bar(not as_json) as progress:
        if show is None:
            report = project.units(embedder=embedder, progress=progress)
            if as_json:
                _json(asdict(report))
                return
            console.print(
                f"{report.passages} passages in {report.documents} documents: "
                f"{report.conversational} conversational ({_kinds(report.kinds)}); "
                f"{report.statements} statements, {report.substantive} substantive "
                f"({escape(report.detector)}, {escape(report.embedder)})",
                highlight=False,
            )
            return
        ensure_units(project.store, project.study.id, embedder=embedder, progress=progress)
        if show == "statements":
            rows = [
                {
                    "id": s.id,
                    "document_id": s.document_id,
                    "turn_id": s.turn_id,
                    "question_turn_id": s.question_turn_id,
                    "words": s.words,
                    "passages": list(s.passage_ids),
                    "text": s.text,
                }
                for s in project.statements()
            ]
        else:
            kind = None if show == "conversational" else show
            rows = [
                {
                    "passage": m.mark.passage_id,
                    "kind": m.mark.kind,
                    "document": m.document,
                    "text": m.text,
                }
                for m in project.marks(kind=kind)
            ]
    shown = rows[:limit] if limit else rows
    if as_json:
        _json(shown)
        return
    columns = list(rows[0]) if rows else ["text"]
    _table(f"{show}: {len(rows)} (showing {len(shown)})", shown, columns)


def _kinds(kinds: dict[str, int]) -> str:
    return escape(", ".join(f"{kind} {count}" for kind, count in kinds.items())) or "-"


@eval_.command("themes")
@click.option(
    "--format",
    "format_",
    type=click.Choice(["pdpilot", "gennovate"]),
    required=True,
    help="The gold: pdpilot-interviews or gennovate-focusgroups.",
)
@click.option(
    "--data",
    type=click.Path(path_type=Path),
    required=True,
    help="The dataset folder (or its coded file) as it lies in ../shared/data.",
)
@click.option("--seed", default=0, show_default=True, type=int)
@click.option(
    "--embedder",
    default="e5",
    show_default=True,
    help="The vectors both methods cluster: an embedder such as e5 (cached), or tfidf.",
)
@click.option("--no-baselines", is_flag=True, help="Skip BERTopic.")
@click.option(
    "--units",
    "units_",
    type=click.Choice(["coded", "raw"]),
    default="coded",
    show_default=True,
    help="coded: the segments human coders cut out; raw: every passage of the transcripts, "
    "as substantive statements (gold from the coded segments they overlap).",
)
@click.option("--json", "as_json", is_flag=True)
def eval_themes(
    format_: str,
    data: Path,
    seed: int,
    embedder: str,
    no_baselines: bool,
    units_: str,
    as_json: bool,
) -> None:
    """Themes against human code families (NMI, ARI, unassigned share), BERTopic beside."""
    from indsigt.eval.themes import LOADERS, evaluate_themes

    if units_ == "raw":
        _eval_raw_themes(format_, data, seed, embedder, no_baselines, as_json)
        return
    texts, gold = LOADERS[format_](data)
    with progress_bar(not as_json) as progress:
        result = evaluate_themes(
            texts,
            gold,
            language="en",
            seed=seed,
            baselines=not no_baselines,
            embedder=embedder,
            progress=progress,
        )
    if as_json:
        _json(result)
        return
    rows = [{"method": "indsigt", **result}] + [
        {"method": name, **scores} for name, scores in result["baselines"].items()
    ]
    _table(
        f"themes vs {result['gold_families']} human code families, {result['texts']} texts",
        rows,
        ["method", "nmi", "ari", "unassigned_share", "themes", "seconds"],
    )


@eval_.command("keypoints")
@click.option(
    "--format",
    "format_",
    type=click.Choice(["argkp"]),
    default="argkp",
    show_default=True,
    help="The gold: ArgKP 2021 (arguments_SPLIT.csv, key_points_SPLIT.csv, labels_SPLIT.csv).",
)
@click.option(
    "--data",
    type=click.Path(path_type=Path),
    required=True,
    help="The dataset folder as it lies in ../shared/data.",
)
@click.option(
    "--split",
    type=click.Choice(["train", "dev", "test"]),
    default="dev",
    show_default=True,
    help="Which split's files to evaluate on.",
)
@click.option("--json", "as_json", is_flag=True)
def eval_keypoints(format_: str, data: Path, split: str, as_json: bool) -> None:
    """Key point matching (mAP strict/relaxed), generation (ROUGE, coverage), baselines."""
    from indsigt.eval.keypoints import evaluate_keypoints

    with progress_bar(not as_json) as progress:
        result = evaluate_keypoints(data, split=split, progress=progress)
    if as_json:
        _json(result)
        return
    columns = ["method", "map_strict", "map_relaxed", "rouge1", "rouge2", "rougeL", "coverage"]
    rows = [{"method": "indsigt", **result}] + [
        {"method": name, **scores} for name, scores in result["baselines"].items()
    ]
    _table(
        f"key points on ArgKP {split}: {result['groups']} topic/stance groups, "
        f"{result['arguments']} arguments, {result['key_points']} expert key points",
        rows,
        columns,
    )


def _eval_raw_themes(
    format_: str, data: Path, seed: int, embedder: str, no_baselines: bool, as_json: bool
) -> None:
    from indsigt.eval.raw import load_raw
    from indsigt.eval.themes_raw import evaluate_raw_themes

    with progress_bar(not as_json) as progress:
        result = evaluate_raw_themes(
            load_raw(format_, data),
            seed=seed,
            baselines=not no_baselines,
            embedder=embedder,
            progress=progress,
        )
    if as_json:
        _json(result)
        return
    coverage = result["coverage"]
    console.print(
        f"{result['passages']} passages, {result['conversational_passages']} conversational; "
        f"{result['statements']} substantive statements, {result['scored_statements']} "
        f"overlap a coded segment; coded characters in substantive statements: "
        f"{coverage['share']:.2%}",
        highlight=False,
    )
    rows = [
        {"run": "indsigt, all passages (before)", **result["before"]},
        {"run": "indsigt, statements", **result["after"]},
    ]
    if "bertopic" in result:
        rows.append({"run": "BERTopic, statements", **result["bertopic"]})
    _table(
        "themes on raw transcripts",
        rows,
        [
            "run",
            "nmi",
            "ari",
            "themes",
            "unassigned_share",
            "conversational_share",
            "conversational_themes",
        ],
    )


@eval_.command("quotes")
@click.option(
    "--format",
    "format_",
    type=click.Choice(["gennovate"]),
    default="gennovate",
    show_default=True,
    help="The gold: quotes human coders picked (gennovate-focusgroups templates).",
)
@click.option(
    "--data",
    type=click.Path(path_type=Path),
    required=True,
    help="The dataset folder as it lies in ../shared/data.",
)
@click.option(
    "--k",
    "ks",
    default="1,3,5",
    show_default=True,
    help="Comma-separated numbers of quotes to pick per code.",
)
@click.option("--json", "as_json", is_flag=True)
def eval_quotes(format_: str, data: Path, ks: str, as_json: bool) -> None:
    """Our quotes against the quotes human coders picked (precision@k), baselines beside."""
    from indsigt.eval.quotes import evaluate_quotes

    try:
        wanted = tuple(sorted({int(k) for k in ks.split(",") if k.strip()}))
    except ValueError:
        raise click.BadParameter(
            f"expected numbers like 1,3,5, got {ks!r}", param_hint="--k"
        ) from None
    if not wanted or min(wanted) < 1:
        raise click.BadParameter("every k must be 1 or more", param_hint="--k")
    with progress_bar(not as_json) as progress:
        result = evaluate_quotes(data, ks=wanted, progress=progress)
    if as_json:
        _json(result)
        return
    columns = ["method"] + [f"p@{k}" for k in wanted]
    rows = [{"method": "indsigt", **result}] + [
        {"method": name, **scores} for name, scores in result["baselines"].items()
    ]
    _table(
        f"quotes vs {result['quotes_picked_by_coders']} quotes picked by coders, "
        f"{result['tasks']} (group, indicator) tasks",
        rows,
        columns,
    )


@main.command()
@click.argument("study")
@click.argument("action", type=click.Choice(["import", "export", "show"]))
@click.argument("file", required=False, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "format_",
    type=click.Choice(["yaml", "csv", "qdc"]),
    help="File format (default: from the suffix .yaml, .csv, .qdc).",
)
@click.option("--default", "default", is_flag=True, help="import: the bundled default codebook.")
@click.option(
    "--language", help="export: the language of REFI-QDA code names (default: the study's)."
)
@click.option(
    "--schema",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Validate a .qdc against this Codebook.xsd (REFI-QDA).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
def codebook(
    study: str,
    action: str,
    file: Path | None,
    format_: str | None,
    default: bool,
    language: str | None,
    schema: Path | None,
    as_json: bool,
) -> None:
    """The study's codebook: import (YAML, CSV, REFI-QDA .qdc, or --default), export, show."""
    with open_study(study) as project:
        if action == "import":
            result = project.import_codebook(file, format=format_, schema=schema, default=default)
            if as_json:
                _json(asdict(result))
                return
            console.print(
                f"codebook {escape(result.source)}: {len(result.added)} code(s) added, "
                f"{len(result.updated)} updated, {result.unchanged} unchanged"
            )
            return
        if action == "export":
            if file is None:
                raise click.UsageError("export needs a FILE to write")
            written = project.export_codebook(
                file, format=format_, language=language, schema=schema
            )
            if as_json:
                _json({"path": str(written), "codes": len(project.codebook())})
            else:
                console.print(f"wrote {escape(str(written))}")
            return
        codes = project.codebook()
    from indsigt.codebook import label

    rows = [
        {
            "id": code.id,
            "path": code.path,
            "label": label(code, project.study.language),
            "keywords": len(code.keywords),
            "examples": len(code.examples),
        }
        for code in codes
    ]
    if as_json:
        _json([asdict(code) for code in codes])
    else:
        _table("codebook", rows, ["id", "path", "label", "keywords", "examples"])


@main.command()
@click.argument("study")
@click.option(
    "--coder",
    "coders",
    multiple=True,
    help="A coder by name (repeatable): keyword, similarity, supervised, llm, ensemble "
    "(default: keyword and similarity).",
)
@click.option(
    "--embedder",
    default="e5",
    show_default=True,
    help="similarity: e5 (multilingual-e5-small), tfidf, or a sentence-transformers model folder.",
)
@click.option(
    "--llm-url", help="llm: an OpenAI-compatible endpoint, e.g. http://localhost:11434/v1."
)
@click.option("--llm-model", help="llm: the model name the endpoint serves.")
@click.option(
    "--allow-remote", is_flag=True, help="llm: allow an endpoint that is not on this machine."
)
@click.option(
    "--llm-cache",
    type=click.Path(file_okay=False, path_type=Path),
    help="llm: where responses are cached (default: ~/.cache/indsigt/llm).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
def code(
    study: str,
    coders: tuple[str, ...],
    embedder: str,
    llm_url: str | None,
    llm_model: str | None,
    allow_remote: bool,
    llm_cache: Path | None,
    as_json: bool,
) -> None:
    """Code the study's (pseudonymised) passages; codings are stored as suggestions."""
    with open_study(study) as project, progress_bar(not as_json) as progress:
        report = project.code(
            coders=coders or ("keyword.v1", "similarity.v1"),
            embedder=embedder,
            llm_url=llm_url,
            llm_model=llm_model,
            allow_remote=allow_remote,
            llm_cache=llm_cache,
            progress=progress,
        )
    if as_json:
        _json(asdict(report))
        return
    for name, counts in report.coders.items():
        console.print(
            f"{name}: {counts['suggested']} suggestion(s) on {report.passages} passages "
            f"({counts['replaced']} earlier suggestion(s) replaced)"
        )
    for note in report.notes:
        console.print(f"  note: {note}", highlight=False, markup=False)


@main.command()
@click.argument("study")
@click.option("--coder", help="Only this coder's codings (a person or e.g. keyword.v1).")
@click.option("--code", "code_path", help="Only this code and the codes beneath it (a path).")
@click.option(
    "--status", type=click.Choice(["suggested", "accepted", "rejected"]), help="Only this status."
)
@click.option("--document", help="Only this document (name or id).")
@click.option("--min-score", type=float, help="Only codings scoring at least this.")
@click.option("--limit", type=click.IntRange(min=0), default=0, help="At most this many (0 = all).")
@click.option(
    "--accept", "accept", multiple=True, type=int, help="Accept a suggestion by id (repeatable)."
)
@click.option(
    "--reject", "reject", multiple=True, type=int, help="Reject a suggestion by id (repeatable)."
)
@click.option(
    "--undo",
    "undo_",
    multiple=True,
    type=int,
    help="Take back the decision on a coding by id, its twins too (repeatable).",
)
@click.option("--user", help="Who reviews (default: your login name).")
@click.option(
    "--next",
    "next_",
    type=click.IntRange(min=1),
    help="Show the N passages to code next (where the supervised coder is least sure).",
)
@click.option(
    "--sample",
    type=click.IntRange(min=1),
    help="With --code: a random sample of N machine suggestions to review (accept/reject), "
    "and the code's prevalence estimated from the reviews so far.",
)
@click.option("--seed", type=int, default=0, show_default=True, help="Seed of --sample.")
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
def codings(
    study: str,
    coder: str | None,
    code_path: str | None,
    status: str | None,
    document: str | None,
    min_score: float | None,
    limit: int,
    accept: tuple[int, ...],
    reject: tuple[int, ...],
    undo_: tuple[int, ...],
    user: str | None,
    next_: int | None,
    sample: int | None,
    seed: int,
    as_json: bool,
) -> None:
    """List and filter codings; accept or reject suggestions (or undo); what to code next."""
    import getpass

    if sample and not code_path:
        raise click.UsageError("--sample needs --code PATH")
    with open_study(study) as project:
        if undo_:
            undone = [
                project.undo_coding(coding_id, user=user or getpass.getuser())
                for coding_id in undo_
            ]
            if as_json:
                _json(undone)
            else:
                for row in undone:
                    console.print(f"coding {row['id']}: back to suggested (was {row['was']})")
            return
        if sample and code_path:
            from indsigt.analyse.prevalence import describe

            drawn = project.sample_suggestions(code_path, sample, seed=seed)
            found = project.prevalence(code_path)
            if as_json:
                _json({"sample": drawn, "prevalence": asdict(found), "text": describe(found)})
            else:
                _table("review these", drawn, ["id", "document", "code", "coder", "score", "text"])
                console.print(describe(found), highlight=False, markup=False)
            return
        if accept or reject:
            decided = project.review_codings(
                accept=accept, reject=reject, user=user or getpass.getuser()
            )
            if as_json:
                _json(decided)
            else:
                for row in decided:
                    console.print(f"coding {row['id']}: {row['status']}")
            return
        if next_:
            proposals = project.passages_to_code(limit=next_)
            if as_json:
                _json(proposals)
            else:
                _table(
                    "code these next", proposals, ["passage_id", "uncertainty", "likely", "text"]
                )
            return
        rows = project.codings(
            coder=coder,
            code=code_path,
            status=status,
            document=document,
            min_score=min_score,
            limit=limit,
        )
    if as_json:
        _json(rows)
    else:
        _table("codings", rows, ["id", "document", "code", "coder", "score", "status", "text"])


@eval_.command("coding")
@click.option(
    "--format",
    "format_",
    required=True,
    type=click.Choice(["pdpilot", "gennovate", "games", "cap", "csv"]),
    help="The gold's format (csv: columns id, text, code or codes).",
)
@click.option(
    "--train",
    required=True,
    type=click.Path(exists=True, path_type=Path),
    help="Gold to learn from (the dataset's file or folder).",
)
@click.option(
    "--test",
    required=True,
    type=click.Path(exists=True, path_type=Path),
    help="Gold to score (the same as --train: cross-validation by document or item).",
)
@click.option(
    "--level",
    type=click.Choice(["major", "minor"]),
    default="major",
    show_default=True,
    help="cap: score major topics (leading digits) or minor codes.",
)
@click.option(
    "--folds",
    type=click.IntRange(min=2),
    default=5,
    show_default=True,
    help="Cross-validation folds when --train and --test are the same.",
)
@click.option("--seed", type=int, default=0, show_default=True, help="Seed of the folds.")
@click.option(
    "--embedder",
    default="none",
    show_default=True,
    help="Add embedding features: none, e5, or a sentence-transformers model folder.",
)
@click.option(
    "--curve",
    is_flag=True,
    help="Add a learning curve: the coder trained on 25, 50 and 75 % of the training units.",
)
@click.option(
    "--target",
    type=click.FloatRange(0, 1, min_open=True, max_open=True),
    help="With the curve: how many training units this accuracy (micro-F1 for multi-label "
    "gold) would need, extrapolated (implies --curve).",
)
@click.option(
    "--context",
    help="Context parts the coder sees, comma-separated: question, neighbours, previous, or "
    "none (default: all the gold has).",
)
@click.option(
    "--coder",
    "coder_",
    type=click.Choice(["supervised", "llm"]),
    default="supervised",
    show_default=True,
    help="The machine to measure: the supervised coder, or the LLM coder on --llm-url.",
)
@click.option("--llm-url", help="--coder llm: an OpenAI-compatible endpoint on this machine.")
@click.option("--llm-model", help="--coder llm: the model name the endpoint serves.")
@click.option(
    "--allow-remote", is_flag=True, help="--coder llm: allow an endpoint not on this machine."
)
@click.option(
    "--llm-cache",
    type=click.Path(file_okay=False, path_type=Path),
    help="--coder llm: where responses are cached (default: ~/.cache/indsigt/llm).",
)
@click.option(
    "--curve-by",
    type=click.Choice(["documents"]),
    help="Add the in-study curve: trained on k = 1, 2, 3, 5 documents of the study, scored on "
    "the rest; random order against the coder's code-next order.",
)
@click.option(
    "--draws",
    type=click.IntRange(min=1),
    default=3,
    show_default=True,
    help="Random draws averaged for --curve-by.",
)
@click.option(
    "--ablate",
    is_flag=True,
    help="Also score the coder without each context part, and on text only.",
)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
def eval_coding(
    format_: str,
    train: Path,
    test: Path,
    level: str,
    folds: int,
    seed: int,
    embedder: str,
    curve: bool,
    target: float | None,
    context: str | None,
    ablate: bool,
    coder_: str,
    llm_url: str | None,
    llm_model: str | None,
    allow_remote: bool,
    llm_cache: Path | None,
    curve_by: str | None,
    draws: int,
    as_json: bool,
) -> None:
    """Agreement of the supervised coder (and baselines) with human coders."""
    from indsigt.eval import evaluate_coding, markdown
    from indsigt.eval.coding import CURVE

    with progress_bar(not as_json) as progress:
        result = evaluate_coding(
            format_,
            train,
            test,
            level=level,
            folds=folds,
            seed=seed,
            embedder=embedder,
            curve=CURVE if curve else (),
            target=target,
            context=_parts(context),
            ablate=ablate,
            curve_by=curve_by,
            draws=draws,
            coder=coder_,
            llm_url=llm_url,
            llm_model=llm_model,
            allow_remote=allow_remote,
            llm_cache=llm_cache,
            progress=progress,
        )
    if as_json:
        _json(result)
    else:
        click.echo(markdown(result))


def _parts(option: str | None) -> tuple[str, ...] | None:
    if option is None:
        return None
    parts = tuple(p.strip() for p in option.split(",") if p.strip() and p.strip() != "none")
    from indsigt.coding.context import check_parts

    try:
        return check_parts(parts)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--context") from exc


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


@db.command()
@click.argument("study")
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
def check(study: str, as_json: bool) -> None:
    """Check a study's records: offsets within their documents, stored passage text, turns,
    codings, anonymisation edits. Exits with 1 when it finds damage."""
    with open_study(study) as project:
        report = project.check()
    if as_json:
        _json({**asdict(report), "ok": report.ok})
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


@main.command()
@click.argument("study", required=False)
@click.option("--db", help="Store URL instead of STUDY (e.g. postgresql+psycopg://…).")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind.")
@click.option("--port", default=8000, show_default=True, type=int, help="Port to bind.")
@click.option("--server", is_flag=True, help="Server mode: login and roles (implied off loopback).")
@click.option("--user", help="Local mode: the coder name (default: your login name).")
@click.option("--max-upload-mb", default=20.0, show_default=True, help="Upload size limit.")
@click.option(
    "--templates",
    multiple=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="A folder of templates overriding the built-in ones (repeatable).",
)
@click.option(
    "--reports",
    type=click.Path(file_okay=False, path_type=Path),
    help="Reports root: study N's reports are in study-N/ (default: reports/ beside the study).",
)
@click.option(
    "--secure-cookies",
    is_flag=True,
    help="Mark the session cookie Secure (HTTPS only; behind an HTTPS reverse proxy).",
)
def serve(
    study: str | None,
    db: str | None,
    host: str,
    port: int,
    server: bool,
    user: str | None,
    max_upload_mb: float,
    templates: tuple[Path, ...],
    reports: Path | None,
    secure_cookies: bool,
) -> None:
    """Serve the review web app (local mode on 127.0.0.1 unless --server or another --host)."""
    from indsigt.web import serve as serve_app

    if (study is None) == (db is None):
        raise click.UsageError("name a STUDY or give --db URL (not both)")
    serve_app(
        study or str(db),
        host=host,
        port=port,
        server=server,
        user=user,
        max_upload_mb=max_upload_mb,
        templates=templates,
        reports=reports,
        secure_cookies=secure_cookies,
        announce=click.echo,
    )


@main.group()
def user() -> None:
    """Users of the web app in server mode (roles admin, coder, viewer)."""


@user.command("add")
@click.argument("study")
@click.argument("name")
@click.option(
    "--role",
    type=click.Choice(["admin", "coder", "viewer"]),
    default="coder",
    show_default=True,
)
def user_add(study: str, name: str, role: str) -> None:
    """Add a user; the password is prompted for, or read from standard input when piped."""
    from indsigt.web import require_web

    require_web()
    from indsigt.web.auth import add_user

    if sys.stdin.isatty():
        password = click.prompt("password", hide_input=True, confirmation_prompt=True)
    else:
        password = sys.stdin.readline().rstrip("\r\n")
    with open_study(study) as project:
        add_user(project.store, name, password, role=role)
    console.print(f"added {role} [bold]{escape(name)}[/]", highlight=False)


@user.command("ls")
@click.argument("study")
@click.option("--json", "as_json", is_flag=True)
def user_ls(study: str, as_json: bool) -> None:
    """List the web app's users and their roles."""
    from indsigt.web import require_web

    require_web()
    from indsigt.web.auth import list_users

    with open_study(study) as project:
        rows = list_users(project.store)
    if as_json:
        _json(rows)
    else:
        _table("users", rows, ["username", "role", "created_at"])


@user.command("remove")
@click.argument("study")
@click.argument("name")
def user_remove(study: str, name: str) -> None:
    """Remove a user (their codings stay, under their name)."""
    from indsigt.web import require_web

    require_web()
    from indsigt.web.auth import remove_user

    with open_study(study) as project:
        remove_user(project.store, name)
    console.print(f"removed [bold]{escape(name)}[/]", highlight=False)


@user.command("logout")
@click.argument("study")
@click.argument("name")
def user_logout(study: str, name: str) -> None:
    """End every web session of a user (e.g. a lost laptop); they log in again."""
    from indsigt.web import require_web

    require_web()
    from indsigt.web.auth import end_user_sessions

    with open_study(study) as project:
        end_user_sessions(project.store, name, actor="cli")
    console.print(f"ended every session of [bold]{escape(name)}[/]", highlight=False)


@main.command()
@click.argument("study")
@click.argument("source", metavar="SHEET", type=click.Path(path_type=Path))
@click.option(
    "--text-column",
    "text_columns",
    multiple=True,
    help="A column of free-text answers (repeatable; needed for a new job).",
)
@click.option("--id-column", help="The respondent id column (default: the row number).")
@click.option(
    "--respondents",
    type=click.Path(path_type=Path),
    help="A sheet of respondent attributes by id (its 'speaker' column holds the id).",
)
@click.option("--sheet", help="Excel: the worksheet to read (default: the first).")
@click.option("--language", help="Language of the answers (default: detected per answer).")
@click.option(
    "--unit",
    type=click.Choice(["sentence", "paragraph", "turn"]),
    default="sentence",
    show_default=True,
    help="Passage unit.",
)
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
@click.option(
    "--engine",
    default="local",
    show_default=True,
    help="inprocess, local (Dask worker processes on this machine) or a Dask scheduler "
    "address tcp://HOST:PORT.",
)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    help="local: worker processes (default: one per core).",
)
@click.option(
    "--partition-size",
    type=click.IntRange(min=1),
    default=2000,
    show_default=True,
    help="Sheet rows per partition.",
)
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
@_tagger_options
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
def batch(
    study: str,
    source: Path,
    text_columns: tuple[str, ...],
    id_column: str | None,
    respondents: Path | None,
    sheet: str | None,
    language: str | None,
    unit: str,
    coders: tuple[str, ...],
    by: tuple[str, ...],
    engine: str,
    workers: int | None,
    partition_size: int,
    max_in_flight: int | None,
    resume: int | None,
    model: str | None,
    no_tagger: bool,
    as_json: bool,
) -> None:
    """A large consultation sheet through import, anonymisation, coding and segment tables,
    as a partitioned job that can be resumed (anonymised with the study's tagger unless
    --model or --no-tagger is given)."""
    model = _tagger(model, no_tagger)
    with open_study(study) as project, progress_bar(not as_json) as progress:
        report = project.batch(
            source,
            text_columns=text_columns,
            id_column=id_column,
            respondents=respondents,
            sheet=sheet,
            language=language,
            unit=unit,
            coders=coders or ("keyword",),
            by=by,
            engine=engine,
            workers=workers,
            partition_size=partition_size,
            max_in_flight=max_in_flight,
            resume=resume,
            model=model,
            progress=progress,
        )
    if as_json:
        _json(asdict(report))
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
        _print_segment_table(units["respondents"])


def _plugin_commands(group: click.Group) -> None:
    """Add every command of the ``indsigt_commands`` hook; one named like a built-in command
    is refused (an error on stderr; the built-in stays)."""
    from indsigt.plugins import implementations

    builtin = set(group.commands)
    for commands in implementations("commands"):
        for command in commands:
            if command.name in builtin:
                where = getattr(command.callback, "__module__", "?")
                _error(
                    f"plugin command {command.name!r} ({where}) has a built-in's name; not added"
                )
                continue
            group.add_command(command)


_plugin_commands(main)

if __name__ == "__main__":  # pragma: no cover
    main()
