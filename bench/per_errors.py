"""Where person recall and precision are lost: every missed gold person token and every false
person token of ``indsigt eval anonymise``'s measure, with the spans that cover it.

    .venv/bin/python bench/per_errors.py --gold FILE --format F --lang L [--sentences A:B]
        [--model DIR | --no-tagger] [--json]

The detectors, the frequent-word guard, propagation and the overlap strategy run as in
``indsigt eval anonymise`` (documents of 20 sentences). For a missed gold PER token (no span
labelled PER covers it): the resolved spans that cover it (detector, label: what won) and the
detectors that found anything there before resolution. For a false PER token (under a PER
span, gold not PER): its gold label and the detectors whose person spans covered it. The
context is printed for reading; this reads gold data only, never a study.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from typing import Any

from indsigt.anonymise.base import COARSE, PER
from indsigt.anonymise.detectors import NO_TAGGER, default_detectors, detect, load_tagger
from indsigt.anonymise.gold import parse_slice, read_gold
from indsigt.anonymise.resolve import resolve


def errors(
    gold: str, fmt: str | None, language: str, sentences: str | None, model: str | None
) -> dict[str, Any]:
    docs = read_gold(gold, fmt, sentences=parse_slice(sentences), sentences_per_document=20)
    detectors = default_detectors(tagger=load_tagger(model))
    missed: list[dict[str, Any]] = []
    false: list[dict[str, Any]] = []
    for doc in docs:
        raw = detect(doc.text, detectors, language=language)
        resolved = resolve(raw, doc.text)
        spans = doc.labelled()
        for start, end in doc.tokens:
            label = next((lab for a, b, lab in spans if a <= start and end <= b), None)
            cover = [s for s in resolved if s.start < end and start < s.end]
            found = {COARSE.get(s.label, s.label) for s in cover}
            context = doc.text[max(0, start - 40) : end + 40].replace("\n", " ")
            token = doc.text[start:end]
            if label == PER and PER not in found:
                missed.append(
                    {
                        "token": token,
                        "won": [(s.detector, s.label, doc.text[s.start : s.end]) for s in cover],
                        "found_by": sorted(
                            {(s.detector, s.label) for s in raw if s.start < end and start < s.end}
                        ),
                        "context": context,
                    }
                )
            elif PER in found and label != PER:
                false.append(
                    {
                        "token": token,
                        "gold": label or "O",
                        "found_by": sorted(
                            {
                                s.detector
                                for s in raw
                                if s.label == PER and s.start < end and start < s.end
                            }
                        ),
                        "context": context,
                    }
                )
    by_source = Counter(" + ".join(f["found_by"]) for f in false)
    by_gold = Counter(f["gold"] for f in false)
    return {
        "missed": missed,
        "false": false,
        "false_by_source": dict(by_source.most_common()),
        "false_by_gold": dict(by_gold.most_common()),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--gold", required=True)
    parser.add_argument("--format")
    parser.add_argument("--lang", default="da")
    parser.add_argument("--sentences")
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--model")
    group.add_argument("--no-tagger", action="store_true")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    model = NO_TAGGER if args.no_tagger else args.model
    found = errors(args.gold, args.format, args.lang, args.sentences, model)
    if args.json:
        print(json.dumps(found, ensure_ascii=False, indent=1))
        return
    print(f"missed person tokens: {len(found['missed'])}")
    for m in found["missed"]:
        print(f"  {m['token']!r}  won: {m['won']}  found by: {m['found_by']}  | {m['context']}")
    print(f"false person tokens: {len(found['false'])}")
    print(f"  by source: {found['false_by_source']}")
    print(f"  by gold label: {found['false_by_gold']}")
    for f in found["false"]:
        print(f"  {f['token']!r} gold {f['gold']}  by {f['found_by']}  | {f['context']}")


if __name__ == "__main__":
    main()
