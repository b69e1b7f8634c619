"""Conversational talk in themes: the sample study before and after statements, and a random
sample of theme members from the three sets to judge by hand.

    XDG_CACHE_HOME=/tmp/cache PYTHONPATH=src python bench/units_themes.py \\
        --data ../shared/data --out /tmp/units-sample.tsv [--embedder e5] [--n 200]

The sample study is imported and anonymised into a temporary file, its units built, and
themes found twice on the same vectors: on every respondent passage (what `indsigt themes`
did before) and on substantive statements (now). The raw sets (pdpilot, GENNOVATE) run as
`indsigt eval themes --units raw` runs them. The TSV holds ``n`` theme members of the
statements runs (a third from each set, seed 0) with an empty ``judged`` column to fill in.
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
from indsigt.embed import CachedEmbedder, TfidfEmbedder, get_embedder
from indsigt.eval.raw import load_raw
from indsigt.eval.themes_raw import theme_members
from indsigt.sample import interview_files, respondents_sheet
from indsigt.themes.discover import discover_themes
from indsigt.units import RuleTalkDetector, analysis_units, build_units, marked_ids
from indsigt.units.read import _respondent_passages


def sample_study(embedder: str) -> tuple[dict[str, Any], list[tuple[int, str]]]:
    with (
        tempfile.TemporaryDirectory() as folder,
        indsigt.init_study(Path(folder) / "sample.db", language="da") as project,
    ):
        project.import_files(interview_files(), respondents=respondents_sheet())
        project.anonymise()
        units = build_units(project.store, project.study.id, embedder=embedder)
        model: Any = get_embedder(embedder) if embedder != "tfidf" else None

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
    return report, members


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
    args = parser.parse_args()
    report, sample_members = sample_study(args.embedder)
    print(json.dumps({"sample": report}, ensure_ascii=False, indent=1))
    sets = {
        "sample": sample_members,
        "pdpilot": theme_members(
            load_raw("pdpilot", args.data / "pdpilot-interviews"), embedder=args.embedder
        ),
        "gennovate": theme_members(
            load_raw("gennovate", args.data / "gennovate-focusgroups"), embedder=args.embedder
        ),
    }
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
