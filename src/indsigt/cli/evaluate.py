"""`indsigt eval …`: measure a stage against human gold data."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click
from rich.markup import escape

from indsigt.cli.common import (
    choice_option,
    gold_options,
    json_option,
    library_option,
    options_of,
    tagger_choice,
    tagger_options,
)
from indsigt.cli.eval_coding import eval_coding
from indsigt.cli.output import (
    console,
    echo_json,
    print_against_baselines,
    print_table,
    progress_bar,
)

KINDS = ("token", "entity", "partial")  # the scores of eval anonymise, as the table shows them

anonymisation = options_of("indsigt.anonymise.evaluate:evaluate_anonymisation")
themes_eval = options_of("indsigt.eval.themes:evaluate_themes")


@click.group(name="eval")
def eval_() -> None:
    """Measure a stage against human gold data."""


@eval_.command("anonymise")
@click.option("--gold", required=True, type=click.Path(exists=True, dir_okay=False))
@click.option(
    "--format",
    "format_",
    type=click.Choice(["conll", "iob2", "conllu", "dab"]),
    help="Gold format (default: from the suffix).",
)
@anonymisation("--lang", "language", type=str, help="da, no, sv or en.")
@tagger_options
@click.option("--sentences", help="Only these sentences of the gold file (START:END).")
@anonymisation(
    "--per-document",
    type=click.IntRange(min=1),
    help="Consecutive gold sentences read as one document.",
)
@click.option(
    "--protection",
    is_flag=True,
    help="Also run the whole anonymiser: share of quasi-identifier tokens no longer readable "
    "and share of characters masked.",
)
@json_option()
def eval_anonymise(
    gold: str,
    format_: str | None,
    model: str | None,
    no_tagger: bool,
    as_json: bool,
    **options: Any,
) -> None:
    """Recall, precision and F2 per label (tokens and entities, strict and partial)."""
    from indsigt.anonymise.evaluate import evaluate_anonymisation

    model = tagger_choice(model, no_tagger)
    report = evaluate_anonymisation(gold, format=format_, model=model, **options)
    if as_json:
        echo_json(report)
    else:
        _print_anonymisation_eval(report)


def _print_anonymisation_eval(report: Any) -> None:
    rows = [{"label": label, **values} for label, values in report.per_label.items()]
    scores = [f"{kind}_{measure}" for kind in KINDS for measure in ("recall", "precision")]
    title = f"{report.gold} ({report.documents} documents, {report.tokens} tokens)"
    print_table(title, rows, ["label", "gold_entities", *scores])
    leaked = ", ".join(report.leaked_person_tokens[:30])
    console.print(
        f"person tokens covered by any finding: {report.person_tokens_covered}; "
        f"leaked: {escape(leaked) or '-'}",
        highlight=False,
    )
    if report.protection:
        found = report.protection
        console.print(
            f"quasi-identifier tokens no longer readable: {found['quasi_identifiers_protected']} "
            f"of {found['quasi_identifier_tokens']}; characters masked: {found['masked_share']}; "
            + ", ".join(f"{k} {v['protected']}" for k, v in found["per_label"].items()),
            highlight=False,
        )


@eval_.command("themes")
@gold_options(
    "pdpilot",
    "gennovate",
    "games",
    help="The gold: pdpilot-interviews, gennovate-focusgroups or games-as-art-coded (the "
    "answers' highlighted spans, each with the code written first).",
    data="The dataset folder (or its coded file) as it lies in ../shared/data.",
)
@themes_eval("--seed", type=int)
@themes_eval(
    "--embedder",
    type=str,
    help="The vectors both methods cluster: an embedder such as e5 (cached), or tfidf.",
)
@click.option("--no-baselines", is_flag=True, help="Skip BERTopic.")
@choice_option(
    "--units",
    "units_",
    choices=["coded", "raw"],
    default="coded",
    help="coded: the segments human coders cut out; raw: every passage of the transcripts, "
    "as substantive statements (gold from the coded segments they overlap).",
)
@json_option()
def eval_themes(
    format_: str, data: Path, no_baselines: bool, units_: str, as_json: bool, **options: Any
) -> None:
    """Themes against human code families (NMI, ARI, unassigned share), BERTopic beside."""
    from indsigt.eval.themes import LOADERS, evaluate_themes

    options["baselines"] = not no_baselines
    if units_ == "raw":
        if format_ == "games":
            raise click.UsageError("--units raw reads transcripts: pdpilot or gennovate")
        _eval_raw_themes(format_, data, as_json, **options)
        return
    texts, gold = LOADERS[format_](data)
    with progress_bar(not as_json) as progress:
        result = evaluate_themes(texts, gold, language="en", **options, progress=progress)
    print_against_baselines(
        result,
        f"themes vs {result['gold_families']} human code families, {result['texts']} texts",
        ["method", "nmi", "ari", "unassigned_share", "themes", "twins_gold", "twins_e5", "seconds"],
        as_json=as_json,
    )


def _eval_raw_themes(format_: str, data: Path, as_json: bool, **options: Any) -> None:
    from indsigt.eval.raw import load_raw
    from indsigt.eval.themes_raw import evaluate_raw_themes

    with progress_bar(not as_json) as progress:
        result = evaluate_raw_themes(load_raw(format_, data), **options, progress=progress)
    if as_json:
        echo_json(result)
        return
    coverage = result["coverage"]
    console.print(
        f"{result['passages']} passages, {result['conversational_passages']} conversational; "
        f"{result['statements']} substantive statements, {result['scored_statements']} "
        f"overlap a coded segment; coded characters in substantive statements: "
        f"{coverage['share']:.2%}",
        highlight=False,
    )
    rows = [
        {"run": "indsigt, all passages (before)", **result["before"]},
        {"run": "indsigt, statements", **result["after"]},
    ]
    if "bertopic" in result:
        rows.append({"run": "BERTopic, statements", **result["bertopic"]})
    print_table(
        "themes on raw transcripts",
        rows,
        [
            "run",
            "nmi",
            "ari",
            "themes",
            "unassigned_share",
            "conversational_share",
            "conversational_themes",
            "twins_gold",
            "twins_e5",
        ],
    )


@eval_.command("keypoints")
@gold_options(
    "argkp",
    help="The gold: ArgKP 2021 (arguments_SPLIT.csv, key_points_SPLIT.csv, labels_SPLIT.csv).",
)
@library_option(
    "--split",
    library="indsigt.eval.keypoints:evaluate_keypoints",
    type=click.Choice(["train", "dev", "test"]),
    help="Which split's files to evaluate on.",
)
@json_option()
def eval_keypoints(format_: str, data: Path, split: str, as_json: bool) -> None:
    """Key point matching (mAP strict/relaxed), generation (ROUGE, coverage), baselines."""
    from indsigt.eval.keypoints import evaluate_keypoints

    with progress_bar(not as_json) as progress:
        result = evaluate_keypoints(data, split=split, progress=progress)
    print_against_baselines(
        result,
        f"key points on ArgKP {split}: {result['groups']} topic/stance groups, "
        f"{result['arguments']} arguments, {result['key_points']} expert key points",
        ["method", "map_strict", "map_relaxed", "rouge1", "rouge2", "rougeL", "coverage"],
        as_json=as_json,
    )


@eval_.command("quotes")
@gold_options(
    "gennovate", help="The gold: quotes human coders picked (gennovate-focusgroups templates)."
)
@click.option(
    "--k",
    "ks",
    default="1,3,5",
    show_default=True,
    help="Comma-separated numbers of quotes to pick per code.",
)
@json_option()
def eval_quotes(format_: str, data: Path, ks: str, as_json: bool) -> None:
    """Our quotes against the quotes human coders picked (precision@k), baselines beside."""
    from indsigt.eval.quotes import evaluate_quotes

    try:
        wanted = tuple(sorted({int(k) for k in ks.split(",") if k.strip()}))
    except ValueError:
        raise click.BadParameter(
            f"expected numbers like 1,3,5, got {ks!r}", param_hint="--k"
        ) from None
    if not wanted or min(wanted) < 1:
        raise click.BadParameter("every k must be 1 or more", param_hint="--k")
    with progress_bar(not as_json) as progress:
        result = evaluate_quotes(data, ks=wanted, progress=progress)
    print_against_baselines(
        result,
        f"quotes vs {result['quotes_picked_by_coders']} quotes picked by coders, "
        f"{result['tasks']} (group, indicator) tasks",
        ["method"] + [f"p@{k}" for k in wanted],
        as_json=as_json,
    )


eval_.add_command(eval_coding)

COMMANDS: tuple[click.Command, ...] = (eval_,)
