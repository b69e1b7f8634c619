"""Analysis: `indsigt compare`, `indsigt keypoints`, `indsigt search`."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

import click
from rich.markup import escape

from indsigt.cli.common import LibraryDefault, default_of
from indsigt.cli.output import (
    cell_text,
    console,
    echo_json,
    print_segment_table,
    progress_bar,
)
from indsigt.project import Project, open_study


@click.command()
@click.argument("study")
@click.option(
    "--by",
    default=default_of(Project.compare, "by"),
    show_default=True,
    help="Respondent attribute to compare.",
)
@click.option(
    "--unit",
    type=click.Choice(["respondents", "passages"]),
    default=default_of(Project.compare, "unit"),
    show_default=True,
    help="Count respondents (default) or passages.",
)
@click.option(
    "--k",
    default=default_of(Project.compare, "k"),
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
            statuses=statuses or default_of(Project.compare, "statuses"),
            coders=coders,
        )
    if as_json:
        echo_json(result)
        return
    _print_comparison(result)


def _print_comparison(result: dict[str, Any]) -> None:
    print_segment_table(result["table"])
    curve = " → ".join(str(point["cumulative"]) for point in result["saturation"])
    console.print(f"saturation (codes after each interview): {curve}")


@click.command()
@click.argument("study")
@click.option("--code", help="Key points of this code (and the codes beneath it); default: all.")
@click.option("--theme", type=click.IntRange(min=1), help="Key points of stored theme number N.")
@click.option("--question", help="Key points of the answers to this guide question (its label).")
@click.option(
    "--by",
    default=default_of(Project.keypoints, "by"),
    show_default=True,
    help="Respondent attribute to group by.",
)
@click.option(
    "--unit",
    type=click.Choice(["statement", "passage", "turn"]),
    default=default_of(Project.keypoints, "unit"),
    show_default=True,
    help="The statements key points are matched to.",
)
@click.option(
    "--k",
    default=default_of(Project.keypoints, "k"),
    show_default=True,
    type=click.IntRange(min=1),
    help="Flag cells below k.",
)
@click.option(
    "--max-points",
    default=default_of(Project.keypoints, "max_points"),
    show_default=True,
    type=click.IntRange(min=1),
    help="At most this many key points.",
)
@click.option(
    "--embedder",
    default=default_of(Project.keypoints, "embedder"),
    show_default=True,
    help="Embedder for the matching model.",
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
        echo_json(as_dict(result))
        return
    console.print(
        f"key points of {escape(result.scope)}: {result.statements} statements, "
        f"{result.candidates} candidate sentences, {result.respondents} respondents",
        highlight=False,
    )
    for point in result.key_points:
        cells = ", ".join(f"{s} {cell_text(asdict(point.cells[s]))}" for s in result.segments)
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


@click.command()
@click.argument("study")
@click.argument("query")
@click.option(
    "--limit",
    type=click.IntRange(min=1, max=1000),
    show_default=True,
    help="Show at most this many hits.",
    cls=LibraryDefault,
    library="indsigt.analyse.retrieval:search_study",
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
        echo_json({"query": query, "total": result.total, "hits": hits})
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


COMMANDS: tuple[click.Command, ...] = (
    compare,
    keypoints,
    search,
)
