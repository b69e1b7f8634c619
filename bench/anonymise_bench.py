"""Anonymisation throughput: passages per second for the rule detectors alone, for the full
rule-based set (rules, gazetteers, proper-noun detector), and with a tagger when given.

    .venv/bin/python bench/anonymise_bench.py [--model DIR] [--baseline DIR] [--no-tagger]
        [--repeat 5] [--every]

Passages are the sentences of the bundled sample study (imported into a temporary study) plus
the Danish UD dev sentences in ../shared/data when present. Detection and overlap resolution
are timed; not the store. Unless ``--no-tagger``, the tagger (``--model``, default: the one
shipped with indsigt) is also timed on documents of 20 passages (as ``indsigt anonymise``
detects a whole document at a time, which lets the e5 tagger batch its encoder runs), against
the rule-based set, and an e5 tagger in the same run as it ran before stop 25 (only
sentences with a candidate word, every text's part encoded: ``reuse=False``) and as it runs
now (a part read before takes its labels), with ``--every`` also as before issue 15 (every
sentence through the encoder), with the ratios (median of ``--rounds`` interleaved runs, a
fresh tagger each run, so nothing is reused across runs) and the peak memory of the process.
With ``--baseline DIR`` the runs "before" read with that head (e.g. a copy of the head shipped
before stop 26) and "now" with ``--model``, each on an encoder of its own layers and depth.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import tempfile
import time
from pathlib import Path

import indsigt
from indsigt.anonymise import default_detectors, detect, resolve, rule_detectors
from indsigt.anonymise.detectors import load_tagger
from indsigt.anonymise.e5tagger import E5Tagger
from indsigt.anonymise.gold import read_gold
from indsigt.sample import interview_files, respondents_sheet

SHARED = Path(
    os.environ.get("INDSIGT_SHARED_DATA") or Path(__file__).resolve().parents[2] / "shared" / "data"
)


def passages() -> list[str]:
    with (
        tempfile.TemporaryDirectory() as folder,
        indsigt.init_study(Path(folder) / "bench.db") as project,
    ):
        project.import_files(interview_files(), respondents=respondents_sheet())
        texts = [p.text for p in project.passages()]
    gold = SHARED / "uner-danish-ddt" / "da_ddt-ud-dev.iob2"
    if gold.exists():
        texts += [doc.text.strip() for doc in read_gold(gold, "iob2")]
    return texts


def rate(texts: list[str], detectors: list, repeat: int, warm: bool = True) -> tuple[float, float]:
    for text in texts[:20] if warm else []:  # warm up: word lists and runtimes load on first use
        resolve(detect(text, detectors))
    runs = []
    for _ in range(repeat):
        started = time.perf_counter()
        for text in texts:
            resolve(detect(text, detectors))
        runs.append(len(texts) / (time.perf_counter() - started))
    return statistics.median(runs), max(runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--model", help="tagger model directory (default: the shipped one)")
    parser.add_argument(
        "--baseline", help="the head of the runs before (default: the --model one), e5 only"
    )
    parser.add_argument("--no-tagger", action="store_true")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--rounds", type=int, default=3, help="tagger runs, interleaved")
    parser.add_argument("--every", action="store_true", help="also every sentence (slow)")
    args = parser.parse_args()
    texts = passages()
    chars = sum(map(len, texts)) / len(texts)
    print(f"{len(texts)} passages, {chars:.0f} characters on average")
    configurations = {
        "rules (identifiers, contact details, addresses)": rule_detectors(),
        "rules + gazetteers + proper nouns": default_detectors(),
    }
    for name, detectors in configurations.items():
        median, best = rate(texts, detectors, args.repeat)
        print(f"{name:50s} {median:10.0f} passages/s (best {best:.0f})")
    if args.no_tagger:
        return
    tagger = load_tagger(args.model)
    documents = ["\n".join(texts[i : i + 20]) for i in range(0, len(texts), 20)]
    rules, _ = rate(documents, configurations["rules + gazetteers + proper nouns"], 1)
    runs = {"tagger": lambda: tagger}
    if isinstance(tagger, E5Tagger):
        encoder = tagger.encoder
        base = E5Tagger(args.baseline) if args.baseline else tagger
        old = base.encoder
        runs = {
            "e5 tagger, candidates, every part (before stop 25)": lambda: E5Tagger(
                base.model, encoder=old, reuse=False
            ),
            "e5 tagger, candidates, parts reused (now)": lambda: E5Tagger(
                tagger.model, encoder=encoder
            ),
        }
        if args.every:
            runs["e5 tagger, every sentence (before issue 15)"] = lambda: E5Tagger(
                base.model, encoder=old, candidates=False, reuse=False
            )
        print(
            f"before: {base.model} ({base.windows}, depth {base.depth}); now: {tagger.model} "
            f"({tagger.windows}, depth {tagger.depth})"
        )
        tagger.detect("Varm op.")  # build the runtimes before timing
        base.detect("Varm op.")
    rounds: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(args.rounds):  # interleaved, so that a busy machine slows both alike
        for name, make in runs.items():
            detectors = default_detectors(tagger=make())
            rounds[name].append(rate(documents, detectors, 1, warm=False)[0])
    timed = {name: statistics.median(values) for name, values in rounds.items()}
    for name in runs:
        print(
            f"documents of 20 passages, rules + gazetteers + proper nouns + {name}: "
            f"{timed[name] * 20:.0f} passages/s (rules alone {rules * 20:.0f}/s, "
            f"{rules / timed[name]:.1f}x the time)"
        )
    if len(timed) >= 2:
        old, new, *_ = timed.values()
        print(f"speed-up of the tagger path in this run (now / before stop 25): {new / old:.2f}x")
        if len(timed) == 3:
            every = list(timed.values())[2]
            print(
                f"speed-up in this run (now / every sentence, before issue 15): {new / every:.2f}x"
            )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory of this process: {peak:.0f} MB")


if __name__ == "__main__":
    main()
