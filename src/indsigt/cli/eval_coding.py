"""`indsigt eval coding`: agreement of the machine coders with human coders."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from indsigt.cli.common import (
    choice_option,
    json_option,
    llm_options,
    options_of,
    path_option,
)
from indsigt.cli.output import echo_json, progress_bar

evaluation = options_of("indsigt.eval.coding:evaluate_coding")


@click.command("coding")
@click.option(
    "--format",
    "format_",
    required=True,
    type=click.Choice(["pdpilot", "gennovate", "games", "cap", "csv", "study"]),
    help="The gold's format (csv: columns id, text, code or codes; study: an indsigt study "
    "or a REFI-QDA .qdpx project, its people's accepted codings).",
)
@path_option(
    "--train",
    required=True,
    exists=True,
    help="Gold to learn from (the dataset's file or folder).",
)
@path_option(
    "--test",
    required=True,
    exists=True,
    help="Gold to score (the same as --train: cross-validation by document or item).",
)
@evaluation(
    "--level",
    type=click.Choice(["major", "minor"]),
    help="cap: score major topics (leading digits) or minor codes.",
)
@evaluation(
    "--gold-coder",
    type=str,
    help="study: one person's codings as the gold (default: every person's, pooled).",
)
@evaluation(
    "--folds",
    type=click.IntRange(min=2),
    help="Cross-validation folds when --train and --test are the same.",
)
@evaluation("--seed", type=int, help="Seed of the folds.")
@evaluation(
    "--embedder",
    type=str,
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
    "none (default: question and neighbours, where the gold has them).",
)
@choice_option(
    "--coder",
    "coder",
    choices=["supervised", "llm"],
    default="supervised",
    help="The machine to measure: the supervised coder, or the LLM coder on --llm-url.",
)
@llm_options("--coder llm: ")
@click.option(
    "--curve-by",
    type=click.Choice(["documents"]),
    help="Add the in-study curve: trained on k = 1, 2, 3, 5 documents of the study, scored on "
    "the rest; random order against the coder's code-next order.",
)
@evaluation("--draws", type=click.IntRange(min=1), help="Random draws averaged for --curve-by.")
@click.option(
    "--ablate",
    is_flag=True,
    help="Also score the coder without each context part, and on text only.",
)
@evaluation(
    "--facets",
    type=click.Choice(["off", "auto"]),
    help="auto: codes that are a topic × a stance in the gold's codebook are also scored as "
    "P(topic) × P(stance), blended with the direct model by inner cross-validation.",
)
@evaluation(
    "--finetune",
    is_flag=True,
    help="Average in e5 fine-tuned on the training units: class probabilities (single-label "
    "gold) or per-code probabilities before the facets (multi-label) (needs torch: "
    "pip install 'indsigt[finetune]').",
)
@json_option("Print one JSON object.")
def eval_coding(
    format_: str,
    train: Path,
    test: Path,
    curve: bool,
    context: str | None,
    as_json: bool,
    **options: Any,
) -> None:
    """Agreement of the supervised coder (and baselines) with human coders."""
    from indsigt.eval import evaluate_coding, markdown
    from indsigt.eval.coding import CURVE

    with progress_bar(not as_json) as progress:
        result = evaluate_coding(
            format_,
            train,
            test,
            curve=CURVE if curve else (),
            context=_parts(context),
            **options,
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
