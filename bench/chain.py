"""The whole default chain on the sample study, timed per stage, in one process.

    XDG_CACHE_HOME=/tmp/cache PYTHONPATH=src python bench/chain.py [--embedder e5|tfidf]
        [--formats html,pdf,docx,md] [--json]

Stages, as a new user runs them (``indsigt init``, ``import``, ``anonymise``, ``units``,
``codebook import --default`` + ``code``, ``themes``, ``report``): import the 15 sample
interviews with the respondents sheet; anonymise (the default detectors); mark conversational
talk and build statements; import the default codebook and code (keyword and similarity
suggestions); discover themes on statements (stored in the study); write the report (no
person has coded, so it is the inductive report built from the stored themes). The study is a
temporary file; the embedding cache is the user's, so a warm cache is what it measures after
the first run (the note says which). Prints seconds per stage and each stage's share of the
total; ``--json`` prints the same as JSON.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import indsigt
from indsigt.sample import RESPONDENT_NOUN, interview_files, respondents_sheet

STAGES = ("import", "anonymise", "statements", "code", "themes", "report")


def run_chain(*, embedder: str, formats: str) -> dict[str, Any]:
    """Seconds per stage (and a few facts about what each produced)."""
    seconds: dict[str, float] = {}
    facts: dict[str, Any] = {}

    def timed(stage: str, step: Callable[[], Any]) -> Any:
        started = time.perf_counter()
        result = step()
        seconds[stage] = time.perf_counter() - started
        return result

    with (
        tempfile.TemporaryDirectory() as folder,
        indsigt.init_study(
            Path(folder) / "study.db", language="da", respondent_noun=RESPONDENT_NOUN
        ) as project,
    ):
        imported = timed(
            "import",
            lambda: project.import_files(interview_files(), respondents=respondents_sheet()),
        )
        facts["documents"] = len(imported.imported)
        facts["passages"] = imported.passages
        timed("anonymise", project.anonymise)
        units = timed("statements", lambda: project.units(embedder=embedder))
        facts["statements"] = units.substantive
        facts["conversational_passages"] = units.conversational

        def code() -> Any:
            project.import_codebook(default=True)
            return project.code(coders=["keyword", "similarity"], embedder=embedder)

        coded = timed("code", code)
        facts["passages_coded_over"] = coded.passages  # what the coders looked at
        found = timed("themes", lambda: project.themes(embedder=embedder, unit="statement"))
        facts["themes"] = len(found["themes"])
        paper = timed(
            "report", lambda: project.report(format=formats, output=Path(folder) / "report")
        )
        facts["report_sections"] = paper.sections
    total = sum(seconds.values())
    return {
        "embedder": embedder,
        "formats": formats,
        "total_seconds": round(total, 2),
        "stages": [
            {"stage": s, "seconds": round(seconds[s], 2), "share": round(seconds[s] / total, 3)}
            for s in STAGES
        ],
        "facts": facts,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--embedder", default="e5", help="e5 (the CLI default) or tfidf")
    parser.add_argument("--formats", default="html,pdf,docx,md")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    result = run_chain(embedder=args.embedder, formats=args.formats)
    if args.json:
        print(json.dumps(result, indent=2, ensure_ascii=False))
        return
    print(f"chain on the sample study, embedder {result['embedder']}, formats {args.formats}")
    for row in result["stages"]:
        print(f"  {row['stage']:<11} {row['seconds']:8.2f} s  {row['share']:6.1%}")
    print(f"  {'total':<11} {result['total_seconds']:8.2f} s")
    print("  " + ", ".join(f"{k} {v}" for k, v in result["facts"].items()))


if __name__ == "__main__":
    main()
