"""What the commands print: the consoles, JSON, tables, a progress bar, and the printers more
than one command shares. User text (transcripts, names, labels) is printed as written: never
rich markup (it is escaped or printed with markup=False) and never emoji codes (":x:" stays
":x:")."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import fields, is_dataclass
from typing import Any

import click
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from indsigt.nouns import RespondentNoun
from indsigt.progress import Progress as ProgressFn

console = Console(emoji=False)
if not console.is_terminal:
    console = Console(width=160, emoji=False)  # pipes and logs: wide enough for document names
err_console = Console(stderr=True, emoji=False)


def echo_json(data: Any) -> None:
    """``--json``: a result of the library (a record, or lists and mappings of records) as
    JSON, through :func:`jsonable`."""
    click.echo(json.dumps(jsonable(data), ensure_ascii=False, indent=2, default=str))


def jsonable(value: Any) -> Any:
    """The one serialisation of a record for ``--json``: its ``as_dict()`` where it has one,
    else its fields (as ``dataclasses.asdict`` gives them), nested records likewise; tuples
    become lists. Anything else (str, numbers, datetimes) is left to ``json.dumps``."""
    if is_dataclass(value) and not isinstance(value, type):
        as_dict = getattr(value, "as_dict", None)
        if callable(as_dict):
            return jsonable(as_dict())
        return {f.name: jsonable(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, Mapping):
        return {key: jsonable(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(item) for item in value]
    return value


@contextmanager
def progress_bar(enabled: bool = True) -> Iterator[ProgressFn]:
    """A rich progress bar behind the library's plain progress callback."""
    if not enabled or not err_console.is_terminal:
        yield silent
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


def print_table(title: str, rows: Sequence[Any], columns: Sequence[str]) -> None:
    """``rows``: mappings or records, shown by ``columns`` (their keys or field names)."""
    table = Table(title=escape(title), show_lines=False)
    for column in columns:
        table.add_column(escape(column), overflow="fold")
    for row in rows:
        shown = row if isinstance(row, Mapping) else jsonable(row)
        table.add_row(*[cell(shown.get(column)) for column in columns])
    console.print(table)


def print_against_baselines(
    result: dict[str, Any], title: str, columns: Sequence[str], *, as_json: bool
) -> None:
    """An evaluation's result as JSON, or as a table: indsigt's scores, then each baseline's
    (``result["baselines"]``: name → scores)."""
    if as_json:
        echo_json(result)
        return
    rows = [{"method": "indsigt", **result}] + [
        {"method": name, **scores} for name, scores in result["baselines"].items()
    ]
    print_table(title, rows, columns)


def cell(value: Any) -> str:
    """A table cell, escaped: text such as "[griner]" or "[/]" is not rich markup."""
    if isinstance(value, dict):
        return escape(", ".join(f"{k}={v}" for k, v in value.items()))
    return "" if value is None else escape(str(value))


def silent(done: int, total: int, what: str) -> None:
    pass


def error(message: str) -> None:
    err_console.print(
        f"[bold red]error:[/] {escape(message)}", highlight=False, markup=True, soft_wrap=True
    )


def counted(n: int, noun: RespondentNoun | None) -> str:
    """ "4 focus groups", "1 respondent": a count with the study's noun (None: "respondents")."""
    if noun is None:
        return f"{n} respondent{'' if n == 1 else 's'}"
    return f"{n} {noun.lower if n == 1 else noun.plural}"


def print_statistics(result: dict[str, Any], noun: RespondentNoun | None = None) -> None:
    """The tables keep their field names as column heads; the totals line says the noun."""
    print_table(
        "documents",
        result["documents"],
        ["document", "format", "language", "speakers", "respondents", "turns", "passages", "words"],
    )
    print_table(
        f"by {result['by']}",
        result["segments"],
        [result["by"], "respondents", "documents", "passages", "words"],
    )
    totals = result["totals"]
    console.print(
        f"{totals['documents']} documents, {counted(totals['respondents'], noun)}, "
        f"{totals['passages']} passages, {totals['words']} words"
    )


def print_anonymisation(report: dict[str, Any]) -> None:
    found = ", ".join(f"{label} {n}" for label, n in report["findings"].items()) or "nothing"
    speakers = report.get("speaker_labels", 0)
    console.print(
        f"anonymised {report['documents']} document(s): {found}; "
        + (f"{speakers} speaker label(s) replaced by pseudonyms; " if speakers else "")
        + f"{report['persons']} person(s) pseudonymised, {report['kept']} kept as said "
        f"(countries, the allow-list), {report['false_positives']} false positive(s) skipped",
        highlight=False,
        soft_wrap=True,  # one line in a log, however long (was cut at 160 mid-phrase)
    )
    console.print("review with `indsigt findings STUDY`", highlight=False)


def print_segment_table(
    table: dict[str, Any], noun: RespondentNoun | None = None, *, rows_are: str = "code"
) -> None:
    """``noun``: the study's word for what ``unit`` "respondents" counts ("focus groups");
    ``rows_are``: what a row is, ``code`` or ``theme``."""
    segments = table["segments"]
    rows = []
    for row in table["rows"]:
        cells = {s: cell_text(row["cells"][s]) for s in segments}
        test = row["test"]
        if test["method"]:
            verdict = f"p={test['p']:.3g}, Holm {test['p_holm']:.3g}, V={test['effect']:.2f}"
        else:
            verdict = test["note"]
        rows.append(
            {rows_are: row["code"], **cells, "all": cell_text(row["total"]), "test": verdict}
        )
    columns = [rows_are, *segments, "all", "test"]
    counted = "in the theme" if rows_are == "theme" else "with the code"
    unit = noun.plural if noun is not None and table["unit"] == "respondents" else table["unit"]
    print_table(f"{unit} {counted}, n of N, by {table['by']}", rows, columns)
    for note in table["notes"]:
        console.print(f"  {escape(note)}")


def cell_text(cell: dict[str, Any]) -> str:
    shown = f"<{cell['n_floor']}" if cell["n"] is None else str(cell["n"])
    return f"{shown} of {cell['N']}" + (" *" if cell["small"] else "")
