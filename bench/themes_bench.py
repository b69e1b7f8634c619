"""Benchmark: theme discovery on N real passages, BERTopic on the same vectors in the same run.

    .venv/bin/python bench/themes_bench.py [--passages 10000] [--no-bertopic] [--data DIR]

Passages (not timed): the sentences of the real transcripts in ../shared/data
(pdpilot-interviews, gennovate-focusgroups), imported and segmented by indsigt, plus the
human-coded GENNOVATE quotes and the Danish agenda titles of dk-municipal-agendas-cap's
training file — read in place, never copied. When there are fewer distinct texts than asked
for, the list is repeated (said in the output as ``distinct``).

Timed, each on the same TF-IDF + SVD vectors (their time reported apart): indsigt's
``discover_themes`` (reduce → k-means with k chosen by silhouette → c-TF-IDF labels) and
BERTopic with its defaults (UMAP + HDBSCAN + its c-TF-IDF). Prints one JSON object with the
seconds of each and the ratio BERTopic / indsigt.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
import tempfile
import time
from pathlib import Path

import indsigt
from indsigt.eval.gold import read_text
from indsigt.eval.themes import _bertopic, load_gennovate
from indsigt.themes.components import SvdReducer, TfidfVectoriser
from indsigt.themes.discover import discover_themes

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


def real_texts(data: Path) -> list[str]:
    transcripts = sorted((data / "pdpilot-interviews" / "transcripts_txt").glob("*.txt"))
    transcripts += [
        f
        for f in sorted((data / "gennovate-focusgroups" / "transcripts").glob("*.csv"))
        if f.name.lower().startswith("transcript_") and "communitycode" not in f.name
    ]
    with tempfile.TemporaryDirectory() as tmp:
        project = indsigt.init_study(Path(tmp) / "s.db", anonymisation_required=False)
        with project:
            project.import_files(transcripts, language="en")
            texts = [p.text for p in project.passages() if len(p.text.split()) >= 4]
    texts += load_gennovate(data / "gennovate-focusgroups")[0]
    cap = data / "dk-municipal-agendas-cap" / "training_agendas.csv"
    texts += [row.get("text", "") for row in csv.DictReader(io.StringIO(read_text(cap)))]
    return list(dict.fromkeys(t for t in texts if t and t.strip()))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--passages", type=int, default=10_000)
    parser.add_argument("--no-bertopic", action="store_true")
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()

    distinct = real_texts(args.data)
    texts = (distinct * (args.passages // len(distinct) + 1))[: args.passages]

    started = time.perf_counter()
    vectors = SvdReducer(seed=args.seed).fit_transform(
        TfidfVectoriser(language="en").vectors(texts)
    )
    vectorised = time.perf_counter() - started

    started = time.perf_counter()
    result = discover_themes(texts, language="en", seed=args.seed, vectors=vectors)
    ours = time.perf_counter() - started
    report: dict[str, object] = {
        "passages": len(texts),
        "distinct": min(len(distinct), len(texts)),
        "vectors_seconds": round(vectorised, 2),
        "indsigt": {
            "seconds": round(ours, 2),
            "themes": len(result.themes),
            "unassigned_share": round(result.unassigned_share, 4),
        },
    }
    if not args.no_bertopic:
        started = time.perf_counter()
        topics = _bertopic(texts, vectors, args.seed)
        theirs = time.perf_counter() - started
        report["bertopic"] = {
            "seconds": round(theirs, 2),
            "themes": len({t for t in topics if t >= 0}),
            "unassigned_share": round(sum(t < 0 for t in topics) / len(topics), 4),
        }
        report["bertopic_over_indsigt"] = round(theirs / ours, 2)
    json.dump(report, sys.stdout, indent=2)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
