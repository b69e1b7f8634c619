"""Codebook and coding: `indsigt codebook`, `indsigt code`, `indsigt codings`."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click
from rich.markup import escape

from indsigt.cli.common import json_option, library_option, llm_options, passed, schema_option
from indsigt.cli.output import console, echo_json, print_table, progress_bar
from indsigt.project import Project, open_study


@click.command()
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
@schema_option("Validate a .qdc against this Codebook.xsd (REFI-QDA).")
@json_option("Print the result as JSON.")
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
                echo_json(result)
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
                echo_json({"path": str(written), "codes": len(project.codebook())})
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
        echo_json(list(codes))
    else:
        print_table("codebook", rows, ["id", "path", "label", "keywords", "examples"])


@click.command()
@click.argument("study")
@click.option(
    "--coder",
    "coders",
    multiple=True,
    help="A coder by name (repeatable): keyword, similarity, supervised, llm, ensemble "
    "(default: keyword and similarity).",
)
@library_option(
    "--embedder",
    library=Project.code,
    help="similarity: e5 (multilingual-e5-small), tfidf, or a sentence-transformers model folder.",
)
@llm_options("llm: ")
@json_option("Print the result as JSON.")
def code(study: str, as_json: bool, **options: Any) -> None:
    """Code the study's (pseudonymised) passages; codings are stored as suggestions."""
    with open_study(study) as project, progress_bar(not as_json) as progress:
        report = project.code(**passed(options), progress=progress)
    if as_json:
        echo_json(report)
        return
    for name, counts in report.coders.items():
        console.print(
            f"{name}: {counts['suggested']} suggestion(s) on {report.passages} passages "
            f"({counts['replaced']} earlier suggestion(s) replaced)"
        )
    for note in report.notes:
        console.print(f"  note: {note}", highlight=False, markup=False)


@click.command()
@click.argument("study")
@click.option("--coder", help="Only this coder's codings (a person or e.g. keyword.v1).")
@click.option("--code", help="Only this code and the codes beneath it (a path).")
@click.option(
    "--status", type=click.Choice(["suggested", "accepted", "rejected"]), help="Only this status."
)
@click.option("--document", help="Only this document (name or id).")
@click.option("--min-score", type=float, help="Only codings scoring at least this.")
@library_option(
    "--limit",
    library="indsigt.project:Project.codings",
    type=click.IntRange(min=0),
    help="At most this many (0 = all).",
)
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
    "--next-documents",
    type=click.IntRange(min=1),
    help="Show the N documents to code next: those least like the ones people have coded.",
)
@click.option(
    "--sample",
    type=click.IntRange(min=1),
    help="With --code: a random sample of N machine suggestions to review (accept/reject), "
    "and the code's prevalence estimated from the reviews so far.",
)
@library_option(
    "--seed",
    library="indsigt.project:Project.sample_suggestions",
    type=int,
    help="Seed of --sample.",
)
@json_option("Print the result as JSON.")
def codings(
    study: str,
    accept: tuple[int, ...],
    reject: tuple[int, ...],
    undo_: tuple[int, ...],
    user: str | None,
    next_: int | None,
    next_documents: int | None,
    sample: int | None,
    seed: int,
    as_json: bool,
    **filters: Any,
) -> None:
    """List and filter codings; accept or reject suggestions (or undo); what to code next."""
    if sample and not filters["code"]:
        raise click.UsageError("--sample needs --code PATH")
    with open_study(study) as project:
        if undo_:
            _undo(project, undo_, user=user, as_json=as_json)
        elif sample:
            _sample(project, filters["code"], sample, seed=seed, as_json=as_json)
        elif accept or reject:
            _review(project, accept, reject, user=user, as_json=as_json)
        elif next_:
            _next(project, next_, as_json=as_json)
        elif next_documents:
            _next_documents(project, next_documents, as_json=as_json)
        else:
            rows = project.codings(**filters)
            if as_json:
                echo_json(rows)
            else:
                columns = ["id", "document", "code", "coder", "score", "status", "text"]
                print_table("codings", rows, columns)


def _undo(project: Project, ids: Sequence[int], *, user: str | None, as_json: bool) -> None:
    undone = [project.undo_coding(coding_id, user=_reviewer(user)) for coding_id in ids]
    if as_json:
        echo_json(undone)
        return
    for row in undone:
        console.print(f"coding {row.id}: back to suggested (was {row.was})")


def _sample(project: Project, code: str, size: int, *, seed: int, as_json: bool) -> None:
    from indsigt.analyse.prevalence import describe

    drawn = project.sample_suggestions(code, size, seed=seed)
    found = project.prevalence(code)
    if as_json:
        echo_json({"sample": drawn, "prevalence": found, "text": describe(found)})
        return
    print_table("review these", drawn, ["id", "document", "code", "coder", "score", "text"])
    console.print(describe(found), highlight=False, markup=False)


def _review(
    project: Project,
    accept: Sequence[int],
    reject: Sequence[int],
    *,
    user: str | None,
    as_json: bool,
) -> None:
    decided = project.review_codings(accept=accept, reject=reject, user=_reviewer(user))
    if as_json:
        echo_json(decided)
        return
    for row in decided:
        console.print(f"coding {row.id}: {row.status}")


def _reviewer(user: str | None) -> str:
    """Who reviews: ``--user``, or the login name."""
    import getpass

    return user or getpass.getuser()


def _next(project: Project, limit: int, *, as_json: bool) -> None:
    proposals = project.passages_to_code(limit=limit)
    if as_json:
        echo_json(proposals)
        return
    print_table("code these next", proposals, ["passage_id", "uncertainty", "likely", "text"])


def _next_documents(project: Project, limit: int, *, as_json: bool) -> None:
    proposals = project.documents_to_code(limit=limit)
    if as_json:
        echo_json(proposals)
        return
    print_table(
        "code these documents next", proposals, ["document_id", "name", "passages", "alike"]
    )
    console.print(
        "alike: the highest word similarity to a document people have coded (0 = none coded)",
        highlight=False,
        markup=False,
    )


def _code_id(project: Project, path: str) -> int:
    for code in project.codebook():
        if code.path == path:
            return code.id
    raise click.BadParameter(f"the codebook has no code {path!r}", param_hint="PATH")


@click.command("move-code")
@click.argument("study")
@click.argument("path")
@click.option("--under", "parent", help="The code to put it under (its path).")
@click.option("--top", is_flag=True, help="Put it at the top level.")
@click.option(
    "--position", type=click.IntRange(min=0), help="Its place there (0 first; default last)."
)
@json_option("Print the code's new path as JSON.")
def move_code(
    study: str, path: str, parent: str | None, top: bool, position: int | None, as_json: bool
) -> None:
    """Move a code (and its sub-codes) under another code or to the top level; its codings stay."""
    from indsigt.codebook import move_code as move

    if top == (parent is not None):
        raise click.UsageError("give either --under PATH or --top")
    with open_study(study) as project:
        parent_id = None if parent is None else _code_id(project, parent)
        new_path = move(
            project.store,
            project.study.id,
            _code_id(project, path),
            parent_id=parent_id,
            position=position,
        )
    if as_json:
        echo_json({"from": path, "path": new_path})
    else:
        console.print(f"{escape(path)} → {escape(new_path)}")


@click.command("merge-codes")
@click.argument("study")
@click.argument("source")
@click.argument("into")
@click.option("--yes", is_flag=True, help="Merge without asking (after showing what moves).")
@json_option("Print what moved as JSON.")
def merge_codes(study: str, source: str, into: str, yes: bool, as_json: bool) -> None:
    """Merge code SOURCE into INTO: its codings, sub-codes and memos follow; SOURCE is deleted."""
    from indsigt.codebook import merge_codes as merge
    from indsigt.codebook import plan_merge

    with open_study(study) as project:
        ids = (_code_id(project, source), _code_id(project, into))
        plan = plan_merge(project.store, project.study.id, *ids)
        if not as_json:
            console.print(
                f"{plan.codings} coding(s) of {escape(source)} move to {escape(into)} "
                f"({plan.collapsed} join a coding of the same passage by the same coder); "
                f"{plan.children} sub-code(s) and {plan.memos} memo(s) move; {escape(source)} "
                "is deleted"
            )
        if not yes and not click.confirm("merge?", default=False):
            raise click.Abort()
        done = merge(project.store, project.study.id, *ids)
    if as_json:
        echo_json(done)
    else:
        console.print(f"merged {escape(source)} into {escape(into)}")


COMMANDS: tuple[click.Command, ...] = (
    codebook,
    code,
    codings,
    move_code,
    merge_codes,
)
