"""`indsigt guide`: the interview guide."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import click
from rich.markup import escape

from indsigt.cli.common import json_option, options_of
from indsigt.cli.output import console, echo_json, jsonable, print_table, progress_bar
from indsigt.errors import IndsigtError
from indsigt.project import open_study

if TYPE_CHECKING:
    from indsigt.guide.align import FollowUps

alignment = options_of("indsigt.project:Project.align_guide")


@click.command("guide")
@click.argument("study")
@click.argument("action", type=click.Choice(["import", "align", "show"]))
@click.argument("file", required=False, type=click.Path(path_type=Path))
@alignment(
    "--embedder",
    type=str,
    help="align: e5 (multilingual, cached in the store), tfidf, or a model directory.",
)
@alignment(
    "--follow-ups",
    type=click.Choice(["question", "none"]),
    help="align: a follow-up question carries the guide question it follows up, or none.",
)
@json_option("Print the result as JSON.")
def guide(
    study: str,
    action: str,
    file: Path | None,
    embedder: str,
    follow_ups: FollowUps,
    as_json: bool,
) -> None:
    """The interview guide: import FILE (txt, md, docx, odt, rtf, pdf), align every turn to
    it, show it."""
    with open_study(study) as project:
        if action == "import":
            if file is None:
                raise click.UsageError("guide import needs a FILE")
            result: Any = jsonable(project.import_guide(file))
        elif action == "align":
            with progress_bar(not as_json) as progress:
                result = jsonable(
                    project.align_guide(embedder=embedder, follow_ups=follow_ups, progress=progress)
                )
        else:
            found = project.guide()
            if found is None:
                raise IndsigtError(
                    "the study has no interview guide; run `indsigt guide STUDY import FILE`"
                )
            result = jsonable(found)
    if as_json:
        echo_json(result)
        return
    if action == "align":
        console.print(
            f"aligned {result['documents']} document(s): {result['aligned_interviewer_turns']} "
            f"of {result['interviewer_turns']} interviewer turns and {result['aligned_turns']} "
            f"of {result['turns']} turns carry a guide question"
        )
        print_table(
            "turns per question",
            [{"question": k, "interviewer turns": v} for k, v in result["per_question"].items()],
            ["question", "interviewer turns"],
        )
        return
    console.print(f"guide {escape(result['source'])}: {len(result['questions'])} question(s)")
    print_table(
        "questions",
        [
            {**q, "probes": "; ".join(q["probes"]), "parent": q["parent"] or ""}
            for q in result["questions"]
        ],
        ["label", "section", "parent", "text", "probes"],
    )


COMMANDS: tuple[click.Command, ...] = (guide,)
