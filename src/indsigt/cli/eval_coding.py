"""`indsigt eval coding`: agreement of the machine coders with human coders."""

from __future__ import annotations

from pathlib import Path

import click

from indsigt.cli.common import LibraryDefault
from indsigt.cli.output import (
    echo_json,
    progress_bar,
)


@click.command("coding")
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
    show_default=True,
    help="cap: score major topics (leading digits) or minor codes.",
    cls=LibraryDefault,
    library="indsigt.eval.coding:evaluate_coding",
)
@click.option(
    "--folds",
    type=click.IntRange(min=2),
    show_default=True,
    help="Cross-validation folds when --train and --test are the same.",
    cls=LibraryDefault,
    library="indsigt.eval.coding:evaluate_coding",
)
@click.option(
    "--seed",
    type=int,
    show_default=True,
    help="Seed of the folds.",
    cls=LibraryDefault,
    library="indsigt.eval.coding:evaluate_coding",
)
@click.option(
    "--embedder",
    show_default=True,
    help="Add embedding features: none, e5, or a sentence-transformers model folder.",
    cls=LibraryDefault,
    library="indsigt.eval.coding:evaluate_coding",
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
    show_default=True,
    help="Random draws averaged for --curve-by.",
    cls=LibraryDefault,
    library="indsigt.eval.coding:evaluate_coding",
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
        echo_json(result)
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
