"""Quasi-identifiers: what a whole anonymisation run leaves readable, and what it masks, with
and without the quasi-identifier detector (``quasi.v1``) and the tagger.

    PYTHONPATH=src .venv/bin/python bench/quasi_protection.py [--model DIR] [--data DIR]

For each Danish NER dev set in ../shared/data (UNER DDT, DaNE, DaN+ news, arto, twitter) every
gold document (20 sentences) goes through ``indsigt.anonymise.protection`` — detectors,
overlap resolution, the policy and the operators, as ``indsigt anonymise`` runs them — under
four detector sets: the rules (identifiers, gazetteers, proper-noun detector), the rules with
``quasi.v1``, and both again with the tagger when ``--model`` is given. Reported: the share
of ORG/LOC/MISC gold tokens no longer readable (all, and without the gold entities the
allow-list keeps on purpose), the share of characters masked, and PER for comparison. The
tagger runs once per document (its spans are cached), so four sets cost one tagger pass.
"""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path
from typing import Any, ClassVar

from indsigt.anonymise.base import Detector, Span
from indsigt.anonymise.detectors import default_detectors, load_tagger
from indsigt.anonymise.gold import read_gold
from indsigt.anonymise.protection import measure_protection

SHARED = Path(
    os.environ.get("INDSIGT_SHARED_DATA", Path(__file__).resolve().parents[2] / "shared" / "data")
)
SETS = {
    "UNER DDT dev": ("uner-danish-ddt/da_ddt-ud-dev.iob2", "iob2"),
    "DaNE dev": ("dane-plank2019/da_ddt-ud-ner-dev.conll", "conll"),
    "DaN+ news dev": ("danplus-nested-ner/da_news_dev.tsv", "conll"),
    "DaN+ arto dev": ("danplus-nested-ner/da_arto_dev.tsv", "conll"),
    "DaN+ twitter dev": ("danplus-nested-ner/da_twitter_dev.tsv", "conll"),
}


class Cached:
    """A detector whose spans are remembered per text (the tagger, run once per document)."""

    name: ClassVar[str] = "cached"

    def __init__(self, inner: Detector) -> None:
        self.inner = inner
        self.name = inner.name  # type: ignore[misc]
        self.memo: dict[str, list[Span]] = {}

    def detect(self, text: str, *, language: str = "da") -> list[Span]:
        if text not in self.memo:
            self.memo[text] = self.inner.detect(text, language=language)
        return self.memo[text]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--model", help="a tagger directory (indsigt anonymise train)")
    parser.add_argument("--data", type=Path, default=SHARED)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    tagger = load_tagger(args.model)
    cached = Cached(tagger) if tagger is not None else None
    configs: dict[str, list[Detector]] = {
        "rules": default_detectors(quasi=False),
        "rules + quasi.v1 + propernoun.v1": default_detectors(),
    }
    if cached is not None:
        configs["rules + tagger"] = default_detectors(quasi=False, tagger=cached)
        configs["rules + quasi.v1 + propernoun.v1 + tagger"] = default_detectors(tagger=cached)
    results: dict[str, dict[str, Any]] = {}
    for label, (relative, format) in SETS.items():
        path = args.data / relative
        if not path.exists():
            continue
        docs = read_gold(path, format, sentences_per_document=20)
        results[label] = {
            name: measure_protection(docs, detectors, language="da").as_dict()
            for name, detectors in configs.items()
        }
    if args.json:
        print(json.dumps(results, indent=1, ensure_ascii=False))
        return
    print(
        "| dev set | detectors | quasi-identifier tokens | protected (all) | protected "
        "(without allow-listed) | characters masked | PER protected |"
    )
    print("|---|---|---:|---:|---:|---:|---:|")
    for label, by_config in results.items():
        for name, found in by_config.items():
            per = found["per_label"].get("PER", {}).get("protected", 0.0)
            print(
                f"| {label} | {name} | {found['quasi_identifier_tokens']} | "
                f"{found['quasi_identifiers_protected']:.1%} | "
                f"{found['identifying_quasi_identifiers_protected']:.1%} | "
                f"{found['masked_share']:.1%} | {per:.1%} |"
            )


if __name__ == "__main__":
    main()
