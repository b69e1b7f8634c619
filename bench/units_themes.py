"""Conversational talk in themes: the sample study before and after statements, and a random
sample of theme members from the three sets to judge by hand.

    XDG_CACHE_HOME=/tmp/cache PYTHONPATH=src python bench/units_themes.py \\
        --data ../shared/data --out /tmp/units-sample.tsv [--embedder e5] [--n 200] \\
        [--representatives /tmp/units-reps.json]

The sample study is imported and anonymised into a temporary file, its units built, and
themes found twice on the same vectors: on every respondent passage (what `indsigt themes`
did before) and on substantive statements (now). The raw sets (pdpilot, GENNOVATE) run as
`indsigt eval themes --units raw` runs them. The TSV holds ``n`` theme members of the
statements runs (a third from each set, seed 0) with an empty ``judged`` column to fill in;
``--representatives`` writes every theme's label and representatives (the three members
nearest its centre, as `indsigt themes` shows them) of the three statements runs, to read.
"""

from __future__ import annotations

import argparse
import json
import random
import tempfile
from pathlib import Path
from typing import Any

import numpy as np

import indsigt
from indsigt.embed import CachedEmbedder, TfidfEmbedder
from indsigt.eval.coding import eval_embedder
from indsigt.eval.raw import load_raw
from indsigt.eval.themes_raw import statement_themes
from indsigt.progress import no_progress
from indsigt.sample import interview_files, respondents_sheet
from indsigt.themes.discover import discover_themes
from indsigt.units import RuleTalkDetector, analysis_units, build_units, marked_ids
from indsigt.units.read import _respondent_passages


def sample_study(
    embedder: str,
) -> tuple[dict[str, Any], list[tuple[int, str]], list[dict[str, Any]]]:
    with (
        tempfile.TemporaryDirectory() as folder,
        indsigt.init_study(Path(folder) / "sample.db", language="da") as project,
    ):
        project.import_files(interview_files(), respondents=respondents_sheet())
        project.anonymise()
        # e5 vectors come from the evaluation's cache (XDG_CACHE_HOME) as well as the study's
        model: Any = eval_embedder(embedder, no_progress) if embedder != "tfidf" else None
        units = build_units(project.store, project.study.id, embedder=model or embedder)

        def embed(texts: list[str]) -> np.ndarray:
            if model is None:
                return np.asarray(TfidfEmbedder().fit(texts).embed(texts))
            return np.asarray(CachedEmbedder(model, project.store).embed(texts))

        talk = marked_ids(project.store, project.study.id)
        passages = _respondent_passages(project.store, project.study.id)
        texts = [text for _, _, text in passages]
        before = discover_themes(texts, language="da", vectors=embed(texts))
        statements = analysis_units(project.store, project.study.id, unit="statement")
        stexts = [s.text for s in statements]
        after = discover_themes(stexts, language="da", vectors=embed(stexts))
        detector = RuleTalkDetector()
        whole = [
            detector.kind(t, language="da") is not None for t in stexts
        ]  # a statement as a whole
        report = {
            "units": units.__dict__,
            "before": _shares(before, [pid in talk for pid, _, _ in passages], texts),
            "after": _shares(after, whole, stexts),
        }
        members = [(a, stexts[i]) for i, a in enumerate(after.assignments) if a >= 0]
    return report, members, _representatives(stexts, after)


def _representatives(texts: list[str], result: Any) -> list[dict[str, Any]]:
    return [
        {
            "theme": t.id,
            "label": t.label,
            "size": t.size,
            "residual": getattr(t, "residual", False),
            "representatives": [" ".join(texts[i].split()) for i in t.representative],
        }
        for t in result.themes
    ]


def _shares(result: Any, talk: list[bool], texts: list[str]) -> dict[str, Any]:
    members = [i for i, a in enumerate(result.assignments) if a >= 0]
    bad = [
        [texts[i] for i in t.representative]
        for t in result.themes
        if sum(talk[i] for i in t.representative) * 2 > len(t.representative)
    ]
    return {
        "themes": len(result.themes),
        "members": len(members),
        "conversational_share": round(sum(talk[i] for i in members) / max(1, len(members)), 4),
        "conversational_themes": len(bad),
        "examples": bad[:5],
        "representatives": [
            {"label": t.label, "examples": [texts[i][:160] for i in t.representative]}
            for t in result.themes
        ],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--embedder", default="e5")
    parser.add_argument("--n", type=int, default=200)
    parser.add_argument("--representatives", type=Path)
    args = parser.parse_args()
    report, sample_members, sample_reps = sample_study(args.embedder)
    print(json.dumps({"sample": report}, ensure_ascii=False, indent=1))
    sets = {"sample": sample_members}
    reps = {"sample": sample_reps}
    for name, folder in (("pdpilot", "pdpilot-interviews"), ("gennovate", "gennovate-focusgroups")):
        texts, result = statement_themes(load_raw(name, args.data / folder), embedder=args.embedder)
        sets[name] = [(a, texts[i]) for i, a in enumerate(result.assignments) if a >= 0]
        reps[name] = _representatives(texts, result)
    if args.representatives is not None:
        args.representatives.write_text(
            json.dumps(reps, ensure_ascii=False, indent=1), encoding="utf-8"
        )
    rng = random.Random(0)
    share = {name: args.n // 3 + (1 if k < args.n % 3 else 0) for k, name in enumerate(sets)}
    with args.out.open("w", encoding="utf-8") as out:
        out.write("set\ttheme\tjudged\ttext\n")
        for name, members in sets.items():
            for theme, text in rng.sample(members, share[name]):
                out.write(f"{name}\t{theme}\t\t{' '.join(text.split())}\n")
    print(f"wrote {sum(share.values())} members to {args.out}")


if __name__ == "__main__":
    main()
