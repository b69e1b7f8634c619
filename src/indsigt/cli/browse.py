"""Commands that list and show what a study holds: ls (documents, respondents, speakers — also
as a respondents sheet to fill in —, passages) and show (one document turn by turn)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click
from rich.markup import escape

from indsigt.cli.common import json_option, path_option
from indsigt.cli.output import console, echo_json, print_table
from indsigt.ingest.builder import printed_label
from indsigt.ingest.turns import clock
from indsigt.project import Project, open_study


@click.command("ls")
@click.argument("study")
@click.argument(
    "what",
    type=click.Choice(["documents", "respondents", "speakers", "passages"]),
    default="documents",
)
@click.option("--document", "document_ref", help="passages: only this document (id or name).")
@click.option(
    "--limit", type=click.IntRange(min=0), default=0, help="Show at most this many rows (0 = all)."
)
@path_option(
    "--sheet",
    help="speakers: write them as a respondents sheet to fill in (.xlsx or .csv) and import "
    "with --respondents.",
)
@json_option()
def ls(
    study: str,
    what: str,
    document_ref: str | None,
    limit: int,
    sheet: Path | None,
    as_json: bool,
) -> None:
    """List documents, respondents, speakers (each document's, as a respondents sheet) or
    passages."""
    if sheet is not None and what != "speakers":
        raise click.UsageError(
            "--sheet writes the speakers: indsigt ls STUDY speakers --sheet FILE"
        )
    with open_study(study) as project:
        if sheet is not None:
            written = project.write_speaker_sheet(sheet)
            console.print(
                f"wrote {written} speaker(s) to {escape(str(sheet))}: fill in a column such as "
                "level, then: indsigt import STUDY --respondents "
                f"{escape(str(sheet))}",
                highlight=False,
            )
            return
        rows, columns = _listing(project, what, document_ref)
    if limit:
        rows = rows[:limit]
    if as_json:
        echo_json(rows)
    else:
        print_table(what, rows, columns)


def _listing(
    project: Project, what: str, ref: str | None
) -> tuple[list[dict[str, Any]], list[str]]:
    if what == "documents":
        stats = {row.document: row for row in project.statistics().documents}
        rows: list[dict[str, Any]] = [
            {
                "id": d.id,
                "name": d.name,
                "format": d.format,
                "language": d.language,
                "unit": d.unit,
                "turns": stats[d.name].turns if d.name in stats else 0,
                "passages": stats[d.name].passages if d.name in stats else 0,
                "words": stats[d.name].words if d.name in stats else 0,
            }
            for d in project.documents()
        ]
        return rows, ["id", "name", "format", "language", "turns", "passages", "words"]
    if what == "speakers":
        header, table = project.speaker_sheet()
        return [dict(zip(header, row, strict=True)) for row in table], header
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


@click.command()
@click.argument("study")
@click.argument("document")
@json_option()
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
            "label": printed_label(doc.text, t.start),
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
        echo_json(
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
        stamp = f" [{clock(int(row['start_ms']))}]" if row["start_ms"] is not None else ""
        asked = f" · {escape(str(row['guide_question']))}" if row["guide_question"] else ""
        label = row["label"] if row["label"] not in (None, row["speaker"]) else None
        member = f" · {escape(str(label))}" if label else ""
        console.print(
            f"\n[bold]{escape(str(row['speaker']))}{member}[/] ({row['role']}){stamp}{asked}",
            highlight=False,
        )
        console.print(row["text"], highlight=False, markup=False)


COMMANDS: tuple[click.Command, ...] = (ls, show)
