"""Over-redaction on raw speech: how many words replaced by a person pseudonym are among the
500 most frequent words of their document's language (``wordfreq``: da, nb, sv, en).

    .venv/bin/python bench/overredaction.py [--model DIR | --no-tagger] [--json]

Sources (read at run time, never copied): pdpilot's 7 interview transcripts
(../shared/data/pdpilot-interviews/transcripts_txt, English), GENNOVATE's focus-group
transcripts (../shared/data/gennovate-focusgroups/transcripts/TRANSCRIPT_*.csv, the transcript
column, English) and the sample study bundled with indsigt (with its respondents sheet). Each
source is imported into a temporary study and anonymised as `indsigt anonymise` does; then every
applied PER finding is split into words and each word is looked up in the top-500 list of its
document's language. The target is 0. Counted apart: words of names from the respondents
sheet (detector ``participants.v1``: a known participant always wins, even when their name is
a frequent word), frequent words inside a full name of which another word is not frequent
("Line Kristiansen": a name, not over-redaction), and renamed speaker labels ("I:").
``--list DIR`` also writes each source's replaced person words with their context, for
reading by hand.

``--english-gold`` also measures PER token recall and precision (``indsigt eval
anonymise``'s measure) on all English transcripts (pdpilot's 7, GENNOVATE's 14 non-empty
ones), against names marked by hand (``ENGLISH_NAMES``). How they were marked: every
capitalised word of these transcripts that is not a frequent word or filler was listed (563
words) and each that could be a name was read in its context; a person's name is gold
wherever it occurs as a word, with its possessive ("Ana’s"), including the characters of the
GENNOVATE vignettes and the interviewer's speaker label ("Dan:"); products, places, datasets,
crops and local words are not persons ("Siri", "Ames", "Zillow", "Monte Carlo", "Bhutta",
"Kiron"). A name written in lower case or one that is also a frequent word would not have been
listed; none was found by a separate search for capitalised common name words mid-sentence.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import re
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

import indsigt
from indsigt.anonymise.frequent import frequent_words
from indsigt.eval.gold import read_text
from indsigt.sample import interview_files, respondents_sheet

SHARED = Path(
    os.environ.get("INDSIGT_SHARED_DATA") or Path(__file__).resolve().parents[2] / "shared" / "data"
)
_WORD = re.compile(r"\w+(?:['’]\w+)*")
ENGLISH_NAMES = [
    "Adam",
    "Ana",
    "Bashir",
    "Dan",
    "Daniel",
    "David",
    "Deeni",
    "Deeno",
    "Diana",
    "Faruk",
    "Faruq",
    "Fatima",
    "Hawa",
    "Mala",
    "Mark",
    "Mary",
    "Meeran",
    "Monir",
    "Nasima",
    "Rafik",
    "Rafiq",
]


def gennovate_files(folder: Path, into: Path) -> list[Path]:
    """Each TRANSCRIPT_*.csv's transcript column as one text file."""
    files = []
    for path in sorted(folder.glob("TRANSCRIPT_*.csv")) + sorted(folder.glob("Transcript_*.csv")):
        rows = csv.reader(io.StringIO(read_text(path)))
        next(rows, None)
        lines = [row[1].strip() for row in rows if len(row) > 1 and row[1].strip()]
        target = into / f"{path.stem}.txt"
        target.write_text("\n".join(lines) + "\n", encoding="utf-8")
        if lines:  # TRANSCRIPT_communitycode_documentcode.csv is an empty template
            files.append(target)
    return files


def measure(
    name: str, files: list[Path], *, respondents: Path | None, language: str | None,
    model: str | None, listing: Path | None,
) -> dict[str, Any]:  # fmt: skip
    with (
        tempfile.TemporaryDirectory() as folder,
        indsigt.init_study(Path(folder) / f"{name}.db") as project,
    ):
        project.import_files(files, respondents=respondents, language=language)
        started = time.perf_counter()
        project.anonymise(model=model)
        seconds = time.perf_counter() - started
        languages = {doc.name: doc.language for doc in project.documents()}
        rows = project.findings_in_context(None, label="PER", status="applied")
    frequent: Counter[str] = Counter()
    participants: Counter[str] = Counter()
    in_names: Counter[str] = Counter()
    detectors: Counter[str] = Counter()
    words = labels = 0
    lines = []
    for row in rows:
        if row.finding.detector == "speaker.v1":
            labels += 1  # a speaker label ("I:", "A:") renamed, not a word of the text
            continue
        top = frequent_words(languages.get(row.document, "en"))
        found = _WORD.findall(row.surface)
        words += len(found)
        full_name = len(found) > 1 and any(w.lower() not in top for w in found)
        for word in found:
            if word.lower() not in top:
                continue
            if row.finding.detector == "participants.v1":
                participants[word] += 1
            elif full_name:
                in_names[word] += 1
            else:
                frequent[word] += 1
                detectors[row.finding.detector] += 1
        lines.append(
            f"{row.document}\t{row.finding.detector}\t{row.before}[{row.surface}]{row.after}"
        )
    if listing is not None:
        listing.mkdir(parents=True, exist_ok=True)
        (listing / f"{name}.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return {
        "source": name,
        "documents": len(languages),
        "person_findings": len(rows) - labels,
        "speaker_labels": labels,
        "person_words_replaced": words,
        "frequent_words_replaced": sum(frequent.values()),
        "frequent_words": dict(frequent.most_common()),
        "by_detector": dict(detectors.most_common()),
        "participant_frequent_words": dict(participants.most_common()),
        "frequent_words_in_full_names": dict(in_names.most_common()),
        "anonymise_seconds": round(seconds, 1),
    }


def english_gold(texts: dict[str, str], model: str | None) -> dict[str, Any]:
    """PER token recall and precision against ``ENGLISH_NAMES`` (see the module docstring)."""
    from indsigt.anonymise.detectors import default_detectors, load_tagger
    from indsigt.anonymise.evaluate import score
    from indsigt.anonymise.gold import GoldDoc

    name = re.compile(r"\b(?:" + "|".join(ENGLISH_NAMES) + r")(?:['’]s)?\b")
    docs = [
        GoldDoc(
            text,
            tuple((m.start(), m.end()) for m in _WORD.finditer(text)),
            tuple((m.start(), m.end(), "PER") for m in name.finditer(text)),
        )
        for text in texts.values()
    ]
    report = score(docs, default_detectors(tagger=load_tagger(model)), language="en")
    per = report.per_label["PER"]
    return {
        "documents": len(docs),
        "gold_person_tokens": per["gold_tokens"],
        "token_recall": per["token_recall"],
        "token_precision": per["token_precision"],
        "leaked": report.leaked_person_tokens,
    }


def english_texts(folder: Path) -> dict[str, str]:
    texts = {
        p.stem: read_text(p)
        for p in sorted((SHARED / "pdpilot-interviews" / "transcripts_txt").glob("P*.txt"))
    }
    for path in gennovate_files(SHARED / "gennovate-focusgroups" / "transcripts", folder):
        texts[path.stem] = path.read_text(encoding="utf-8")
    return texts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--model", help="tagger model directory (default: the shipped tagger)")
    group.add_argument("--no-tagger", action="store_true")
    parser.add_argument("--sources", default="pdpilot,gennovate,sample")
    parser.add_argument("--list", dest="listing", type=Path, help="write the findings here")
    parser.add_argument("--english-gold", action="store_true", help="also recall/precision")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    model = "none" if args.no_tagger else args.model
    wanted = args.sources.split(",")
    results = []
    with tempfile.TemporaryDirectory() as folder:
        if "pdpilot" in wanted:
            files = sorted((SHARED / "pdpilot-interviews" / "transcripts_txt").glob("P*.txt"))
            results.append(measure("pdpilot", files, respondents=None, language="en",
                                   model=model, listing=args.listing))  # fmt: skip
        if "gennovate" in wanted:
            files = gennovate_files(SHARED / "gennovate-focusgroups" / "transcripts", Path(folder))
            results.append(measure("gennovate", files, respondents=None, language="en",
                                   model=model, listing=args.listing))  # fmt: skip
        if "sample" in wanted:
            results.append(measure("sample", interview_files(), respondents=respondents_sheet(),
                                   language=None, model=model, listing=args.listing))  # fmt: skip
        gold = english_gold(english_texts(Path(folder)), model) if args.english_gold else None
    if args.json:
        print(json.dumps({"sources": results, "english_gold": gold}, indent=2, ensure_ascii=False))
        return
    for r in results:
        print(
            f"{r['source']:10s} {r['documents']:3d} documents, {r['person_findings']:5d} person "
            f"findings, {r['person_words_replaced']:5d} words replaced, of which frequent: "
            f"{r['frequent_words_replaced']} {r['frequent_words'] or ''} "
            f"(known participants: {r['participant_frequent_words'] or 'none'}; inside full "
            f"names: {r['frequent_words_in_full_names'] or 'none'}) "
            f"[{r['anonymise_seconds']} s]"
        )
    if gold is not None:
        print(
            f"English transcripts, hand-marked names: {gold['gold_person_tokens']} person tokens "
            f"in {gold['documents']} documents, PER token recall {gold['token_recall']:.3f}, "
            f"precision {gold['token_precision']:.3f}; still readable: {gold['leaked']}"
        )


if __name__ == "__main__":
    main()
