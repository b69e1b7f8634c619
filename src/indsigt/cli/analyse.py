"""Analysis: `indsigt compare`, `indsigt keypoints`, `indsigt search`."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict
from textwrap import shorten
from typing import Any

import click
from rich.markup import escape

from indsigt.cli.common import UNITS, json_option, library_option, options_of, passed
from indsigt.cli.output import (
    cell_text,
    console,
    counted,
    echo_json,
    jsonable,
    print_segment_table,
    progress_bar,
)
from indsigt.nouns import RespondentNoun
from indsigt.project import open_study
from indsigt.records import MIN_GROUP

comparison = options_of("indsigt.project:Project.compare")
keypoint = options_of("indsigt.project:Project.keypoints")


@click.command()
@click.argument("study")
@comparison("--by", type=str, help="Respondent attribute to compare.")
@comparison(
    "--unit",
    type=click.Choice(["respondents", "passages"]),
    help="Count respondents (default) or passages.",
)
@comparison("--k", type=click.IntRange(min=1), help="Flag cells with fewer than k.")
@click.option("--suppress", is_flag=True, help="Hide the counts of cells below k.")
@click.option(
    "--status",
    "statuses",
    multiple=True,
    type=click.Choice(["accepted", "suggested", "rejected"]),
    help="Codings to count (repeatable; default: accepted and suggested).",
)
@click.option("--coder", "coders", multiple=True, help="Only codings by this coder (repeatable).")
@click.option(
    "--themes",
    is_flag=True,
    help="Rows: the latest emergent themes (indsigt themes), not codes: respondents whose "
    "statements fall in each (for a study with no codes yet).",
)
@json_option()
def compare(study: str, as_json: bool, themes: bool, **options: Any) -> None:
    """Codes × segments ("n of N"), tests where n allows, co-occurrence and saturation."""
    given = passed(options)
    if themes:
        _compare_themes(study, as_json, given)
        return
    with open_study(study) as project:
        result = project.compare(**given)
        noun = project.noun(language="en")
    if as_json:
        echo_json(result)
        return
    _print_comparison(jsonable(result), noun)


def _compare_themes(study: str, as_json: bool, given: dict[str, Any]) -> None:
    """``compare --themes``: the themes × segments table, each row named by its theme."""
    flags = {"unit": "--unit passages", "suppress": "--suppress", "statuses": "--status"}
    flags["coders"] = "--coder"
    wrong = [
        flag
        for name, flag in flags.items()
        if given.get(name) not in (None, False, (), "respondents")
    ]
    if wrong:
        raise click.UsageError(
            f"--themes counts the respondents of each theme; {', '.join(wrong)} does not apply"
        )
    with open_study(study) as project:
        table, themes = project.compare_themes(by=given.get("by"), k=given.get("k", MIN_GROUP))
        noun = project.noun(language="en")
    labels = {key: theme.label for key, theme in themes.items()}
    result = {"table": jsonable(table), "themes": labels}
    if as_json:
        echo_json(result)
        return
    for row in result["table"]["rows"]:
        row["code"] = f"{row['code']} {shorten(labels[row['code']], 60, placeholder=' …')}"
    print_segment_table(result["table"], noun, rows_are="theme")


def _print_comparison(result: dict[str, Any], noun: RespondentNoun) -> None:
    print_segment_table(result["table"], noun)
    curve = " → ".join(str(point["cumulative"]) for point in result["saturation"])
    console.print(f"saturation (codes after each interview): {curve}")


@click.command()
@click.argument("study")
@click.option("--code", help="Key points of this code (and the codes beneath it); default: all.")
@click.option("--theme", type=click.IntRange(min=1), help="Key points of stored theme number N.")
@click.option("--question", help="Key points of the answers to this guide question (its label).")
@keypoint("--by", type=str, help="Respondent attribute to group by.")
@keypoint(
    "--unit",
    type=UNITS,
    help="The statements key points are matched to.",
)
@keypoint("--k", type=click.IntRange(min=1), help="Flag cells below k.")
@keypoint("--max-points", type=click.IntRange(min=1), help="At most this many key points.")
@keypoint("--embedder", type=str, help="Embedder for the matching model.")
@keypoint(
    "--sample",
    type=click.IntRange(min=0),
    help="Match a scope of more respondents on a random sample of this many (0: never).",
)
@click.option("--explain", is_flag=True, help="Also show how many got through each stage.")
@json_option()
def keypoints(study: str, as_json: bool, explain: bool, **options: Any) -> None:
    """Key points: what the respondents say in their own words, and how many say it."""
    from indsigt.analyse.keypoints.study import as_dict

    scopes = [f"--{n}" for n in ("code", "theme", "question") if options[n]]
    if len(scopes) > 1:
        raise click.UsageError(f"give one scope, not {' and '.join(scopes)}")
    with open_study(study) as project, progress_bar(not as_json) as progress:
        result = project.keypoints(**options, progress=progress)
        noun = project.noun(language="en")
    if as_json:
        echo_json(as_dict(result))
        return
    console.print(
        f"key points of {escape(result.scope)}: {result.statements} statements, "
        f"{result.candidates} candidate sentences, {counted(result.respondents, noun)}",
        highlight=False,
    )
    for point in result.key_points:
        count = f"{point.total.n} of {point.total.N}"
        if point.estimate is not None and result.sampled is not None:
            count += (
                f" (about {point.estimate[0]} of {result.sampled.population}: "
                f"{point.estimate[1]}–{point.estimate[2]})"
            )
        console.print(
            f"  {count}: “{point.text}”{_by_segment(point, result.segments)}",
            highlight=False,
            markup=False,
        )
    if not result.key_points:
        console.print(f"  (no key point is shared by two or more {noun.plural})", highlight=False)
    for note in result.notes:
        if len(result.segments) > 1 or not note.startswith("cells marked *"):
            console.print(f"  {escape(note)}", highlight=False)
    if explain and result.funnel is not None:
        _print_funnel(result.funnel)


def _by_segment(point: Any, segments: Sequence[str]) -> str:
    """ " — kommune 6 of 9, stat 0 of 5; p=0.01 (Holm)", or nothing where the respondents
    make one group (no attribute to group by): its one cell repeats the count."""
    if len(segments) < 2:
        return ""
    cells = ", ".join(f"{s} {cell_text(asdict(point.cells[s]))}" for s in segments)
    test = point.test
    verdict = f"p={test.p_holm:.3g} (Holm)" if test.p_holm is not None else test.note
    return f" — {cells}; {verdict}"


def _print_funnel(funnel: Any) -> None:
    rejected = ", ".join(f"{why} {n}" for why, n in sorted(funnel.rejected.items()))
    console.print(
        f"  stages: {funnel.sentences} respondent sentences → {funnel.candidates} candidates "
        f"({funnel.split} from clauses; turned down: {rejected or 'none'}) → "
        f"{funnel.matched} matched by enough respondents at thresholds "
        f"{funnel.thresholds[0]:.3f} / {funnel.thresholds[1]:.3f}"
        f"{' (lowered)' if funnel.relaxed else ''} → {funnel.key_points} key points",
        highlight=False,
        markup=False,
    )


@click.command()
@click.argument("study")
@click.argument("query")
@library_option(
    "--limit",
    library="indsigt.analyse.retrieval:search_study",
    type=click.IntRange(min=1, max=1000),
    help="Show at most this many hits.",
)
@json_option()
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
