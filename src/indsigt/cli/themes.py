"""`indsigt themes` and `indsigt units`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click
from rich.markup import escape

from indsigt.cli.common import UNITS, json_option, library_option, options_of
from indsigt.cli.output import (
    console,
    counted,
    echo_json,
    jsonable,
    print_table,
    progress_bar,
)
from indsigt.nouns import RespondentNoun
from indsigt.project import Project, open_study

if TYPE_CHECKING:
    from indsigt.themes.runs import NewThemeRun, StoredThemeRun

theme = options_of("indsigt.project:Project.themes")


@click.command()
@click.argument("study")
@click.option("--code", help="Only passages coded with this code (and its sub-codes).")
@click.option("--k", type=click.IntRange(min=2), help="Number of themes (default: chosen).")
@theme("--seed", type=int, help="Random seed.")
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
@theme(
    "--embedder",
    type=str,
    help="e5 (multilingual-e5-small; better themes; cached in the study) or tfidf (instant).",
)
@theme(
    "--unit",
    type=UNITS,
    help="What to cluster: substantive statements, non-conversational passages, or turns.",
)
@json_option()
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
            done, record = _change_stored(project, rename, merge, promote, as_path, code, unit)
            if as_json:
                echo_json(record)
            else:
                console.print(done, highlight=False, markup=False)
            return
        result: NewThemeRun | StoredThemeRun
        if list_:
            result = project.stored_themes(code=code)
        else:
            with progress_bar(not as_json) as progress:
                result = project.themes(
                    code=code, k=k, seed=seed, embedder=embedder, unit=unit, progress=progress
                )
        noun = project.noun(language="en")
    if as_json:
        echo_json(result)
    else:
        _print_themes(jsonable(result), noun)


def _change_stored(
    project: Project,
    rename: tuple[int, str] | None,
    merge: tuple[int, int] | None,
    promote: int | None,
    as_path: str | None,
    code: str | None,
    unit: str,
) -> tuple[str, dict[str, Any]]:
    """Rename, merge or promote a stored theme: what was done, in words and as a record."""
    if rename is not None:
        theme = project.rename_theme(rename[0], rename[1], code=code)
        done = f"theme {theme.number} is now “{theme.label}”"
        return done, {"id": theme.number, "theme_id": theme.id}
    if merge is not None:
        theme = project.merge_themes(merge[0], merge[1], code=code)
        done = f"merged theme {merge[1]} into theme {theme.number} ({theme.size} {unit}s)"
        return done, {"id": theme.number, "theme_id": theme.id, "size": theme.size}
    assert promote is not None
    code_id = project.promote_theme(promote, path=str(as_path), code=code)
    return f"promoted theme {promote} to code {as_path}", {"id": promote, "promoted": code_id}


def _print_themes(result: dict[str, Any], noun: RespondentNoun) -> None:
    shown = result["unit"]
    for theme in result["themes"]:
        status = theme.get("status", "emergent")
        note = ""
        if status == "merged":
            note = escape(" [merged]")
        elif status == "promoted":
            note = escape(f" [code {theme['code']}]")
        people = escape(counted(theme["respondents"], noun))
        console.print(
            f"\n[bold]{theme['id']}. {escape(theme['label'])}[/]{note} "
            f"({theme['size']} {shown}s, {people}): "
            f"{escape(', '.join(theme['terms']))}"
        )
        if status == "merged":
            continue
        for text in theme["examples"]:
            # A transcript saved from a PDF keeps the page's hard line breaks inside a
            # sentence ("Uh, that\nexplain why"): the example is printed as one line of text.
            console.print(f"  “{' '.join(text.split())}”", highlight=False, markup=False)
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


@click.command()
@click.argument("study")
@library_option(
    "--embedder",
    library="indsigt.project:Project.units",
    type=str,
    help="Sentence vectors for topic shifts: e5 (cached in the study) or tfidf.",
)
@click.option(
    "--show",
    help="Only list, do not rebuild: 'conversational' (all marks), one kind "
    "(backchannel, filler, greeting, signoff, interview, pseudonym, nonverbal, no_content, "
    "non_answer), or 'statements'.",
)
@click.option("--limit", default=50, show_default=True, type=int, help="Rows shown (0: all).")
@json_option()
def units(study: str, embedder: str, show: str | None, limit: int, as_json: bool) -> None:
    """Mark conversational talk and build statements (the unit of analysis); or review them."""
    from indsigt.units import KINDS, ensure_units

    if show is not None and show not in ("conversational", "statements", *KINDS):
        raise click.BadParameter(f"unknown --show {show!r}", param_hint="--show")
    with open_study(study) as project, progress_bar(not as_json) as progress:
        if show is None:
            report = project.units(embedder=embedder, progress=progress)
            if as_json:
                echo_json(report)
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
        echo_json(shown)
        return
    columns = list(rows[0]) if rows else ["text"]
    print_table(f"{show}: {len(rows)} (showing {len(shown)})", shown, columns)


def _kinds(kinds: dict[str, int]) -> str:
    return escape(", ".join(f"{kind} {count}" for kind, count in kinds.items())) or "-"


COMMANDS: tuple[click.Command, ...] = (
    themes,
    units,
)
