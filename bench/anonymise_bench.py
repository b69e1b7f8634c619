"""Anonymisation throughput: passages per second for the rule detectors alone, for the full
rule-based set (rules, gazetteers, proper-noun detector), and with a tagger when given.

    .venv/bin/python bench/anonymise_bench.py [--model DIR] [--repeat 5]

Passages are the sentences of the bundled sample study (imported into a temporary study) plus
the Danish UD dev sentences in ../shared/data when present. Detection and overlap resolution
are timed; not the store. With ``--model``, the rule-based set and the set with the tagger are
also timed on documents of 20 passages (as ``indsigt anonymise`` detects a whole document at a
time, which lets the e5 tagger batch its encoder runs), with the ratio between the two and the
peak memory of the process.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import tempfile
import time
from pathlib import Path

import indsigt
from indsigt.anonymise import default_detectors, detect, resolve, rule_detectors
from indsigt.anonymise.detectors import load_tagger
from indsigt.anonymise.gold import read_gold
from indsigt.sample import interview_files, respondents_sheet

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"


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


def rate(texts: list[str], detectors: list, repeat: int) -> tuple[float, float]:
    runs = []
    for _ in range(repeat):
        started = time.perf_counter()
        for text in texts:
            resolve(detect(text, detectors))
        runs.append(len(texts) / (time.perf_counter() - started))
    return statistics.median(runs), max(runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--model", help="tagger model directory or spaCy pipeline name")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    texts = passages()
    chars = sum(map(len, texts)) / len(texts)
    print(f"{len(texts)} passages, {chars:.0f} characters on average")
    configurations = {
        "rules (identifiers, contact details, addresses)": rule_detectors(),
        "rules + gazetteers + proper nouns": default_detectors(),
    }
    if args.model:
        configurations["… + tagger"] = default_detectors(tagger=load_tagger(args.model))
    for name, detectors in configurations.items():
        repeat = args.repeat if "tagger" not in name else 1
        median, best = rate(texts, detectors, repeat)
        print(f"{name:50s} {median:10.0f} passages/s (best {best:.0f})")
    if args.model:
        documents = ["\n".join(texts[i : i + 20]) for i in range(0, len(texts), 20)]
        rules, _ = rate(documents, configurations["rules + gazetteers + proper nouns"], 1)
        tagged, _ = rate(documents, configurations["… + tagger"], 1)
        print(
            f"documents of 20 passages: rules + gazetteers + proper nouns {rules * 20:.0f} "
            f"passages/s, with the tagger {tagged * 20:.0f} passages/s "
            f"(tagger run / rules run = {rules / tagged:.1f}x the time)"
        )
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"peak memory of this process: {peak:.0f} MB")


if __name__ == "__main__":
    main()
