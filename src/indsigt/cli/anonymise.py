"""`indsigt anonymise` (run, train) and `indsigt findings`."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click
from rich.markup import escape

from indsigt.cli.common import (
    DefaultGroup,
    choice_option,
    default_of,
    json_option,
    library_option,
    tagger_choice,
    tagger_options,
)
from indsigt.cli.output import (
    console,
    echo_json,
    jsonable,
    print_anonymisation,
    print_table,
    progress_bar,
)
from indsigt.project import init_study, open_study


@click.group(cls=DefaultGroup)
def anonymise() -> None:
    """Anonymise a study (`indsigt anonymise STUDY`), or train a tagger for it."""


@anonymise.command("run")
@click.argument("study")
@tagger_options
@click.option("--allow", multiple=True, help="A name to keep as it is (repeatable; remembered).")
@json_option()
def anonymise_run(
    study: str, model: str | None, no_tagger: bool, allow: tuple[str, ...], as_json: bool
) -> None:
    """Detect personal data on the original text and write the pseudonymised text (the
    tagger choice is remembered by the study)."""
    model = tagger_choice(model, no_tagger)
    with open_study(study) as project, progress_bar(not as_json) as progress:
        report = project.anonymise(model=model, allow=allow, progress=progress)
    if as_json:
        echo_json(report)
        return
    print_anonymisation(jsonable(report))


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
@library_option("--lang", "language", library=init_study, help="da, no, sv or en.")
@click.option("--output", required=True, type=click.Path(), help="Model directory to write.")
@click.option("--dev", type=click.Path(exists=True, dir_okay=False), help="Gold dev file.")
@choice_option(
    "--engine",
    choices=["e5", "spacy"],
    default="e5",
    help="e5: a linear head on multilingual-e5-small's hidden states (needs indsigt[onnx]); "
    "spacy: a spaCy NER trained from scratch.",
)
@library_option(
    "--iterations",
    library="indsigt.anonymise.tagger:train_tagger",
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
@json_option()
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

    train, extra = _trainer(engine, iterations)
    with progress_bar(not as_json) as progress:
        report = train(
            files,
            language=language,
            output=output,
            format=format_,
            dev=dev,
            sentences=parse_slice(sentences),
            augment=default_of(train, "augment") if augment is None else augment,
            progress=progress,
            **extra,
        )
    if as_json:
        echo_json(report)
        return
    console.print(
        f"trained on {report.sentences} sentences in {report.seconds} s; "
        f"model in {escape(report.output)} (iteration {report.best_iteration}) {report.dev}",
        highlight=False,
    )


def _trainer(engine: str, iterations: int) -> tuple[Callable[..., Any], dict[str, Any]]:
    """The training function of ``engine`` and the options only it takes."""
    if engine == "e5":
        from indsigt.anonymise.e5tagger import train_e5_tagger

        return train_e5_tagger, {}
    from indsigt.anonymise.tagger import train_tagger

    return train_tagger, {"iterations": iterations}


@click.command()
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
@json_option()
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
            project.review_finding(
                decision=decision,
                surface=surface,
                label=label or "",
                document_id=doc.id if doc else None,
            )
            console.print(
                f"recorded: {decision.replace('_', ' ')} (applies from the next "
                "`indsigt anonymise`)"
            )
            return
        rows = [
            f.row() | {"context": f"{f.before} [{f.surface}] {f.after}"}
            for f in project.findings_in_context(
                document_id=doc.id if doc else None,
                label=label,
                status=status,
                limit=limit or None,
            )
        ]
    if as_json:
        echo_json(rows)
    else:
        print_table("findings", rows, ["document", "label", "detector", "status", "context"])


COMMANDS: tuple[click.Command, ...] = (
    anonymise,
    findings,
)
