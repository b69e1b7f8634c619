"""A consultation-answers sheet of N passages, built from REAL text read at run time.

Sentences come from ../shared/data (never copied into this repository): GENNOVATE focus-group
quotes (``gennovate-focusgroups/transcripts/*.csv``), the pdpilot interviews
(``pdpilot-interviews/transcripts_txt/*.txt``), the games-as-art answers
(``games-as-art-coded/bopp_test.csv``), the Danish municipal agenda titles
(``dk-municipal-agendas-cap/*.csv``), and the sample interviews bundled with indsigt (Danish).
Each row is one respondent: an id, attributes (``level``, ``type``, ``region``, ``age``,
``language``) and answers to two questions, each one to four sentences of one language.
About 4 % of the answers get personal data the anonymiser must find (a name, a phone number,
an e-mail address, a CPR number, a municipality), as real consultation answers have.

The sheet is written row by row (nothing but the sentence pool is held in memory); the number
of passages is counted as the sentences written, which the segmenter may cut slightly
differently. Seeded: the same ``--seed`` gives the same bytes.

    .venv/bin/python bench/corpus.py --passages 1000000 --output /tmp/answers-1m.csv
"""

from __future__ import annotations

import argparse
import csv
import io
import random
import re
import sys
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO.parent / "shared" / "data"
QUESTIONS = (
    "Hvad er de største muligheder i forslaget?",
    "Hvad bekymrer dig ved forslaget?",
)
SPLIT = re.compile(r"(?<=[.!?])\s+")
csv.field_size_limit(sys.maxsize)


def _sentences(text: str) -> Iterator[str]:
    for sentence in SPLIT.split(" ".join(text.split())):
        words = len(sentence.split())
        if 4 <= words <= 60 and not sentence.isupper():
            yield sentence if sentence[-1] in ".!?" else sentence + "."


def _csv_column(path: Path, column: str) -> Iterator[str]:
    from indsigt.ingest.encoding import decode  # the sources mix UTF-8 and cp1252

    text, _ = decode(path.read_bytes(), path)
    for row in csv.DictReader(io.StringIO(text)):
        yield row.get(column) or ""


def pools(data: Path) -> dict[str, list[str]]:
    """Sentences by language: ``da`` and ``en``."""
    da: list[str] = []
    en: list[str] = []
    for path in sorted((data / "gennovate-focusgroups" / "transcripts").glob("TRANSCRIPT_*.csv")):
        for text in _csv_column(path, "transcript"):
            en.extend(_sentences(text))
    for path in sorted((data / "pdpilot-interviews" / "transcripts_txt").glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            en.extend(_sentences(line.split(":", 1)[-1]))
    games = data / "games-as-art-coded" / "bopp_test.csv"
    if games.exists():
        for column in ("experience", "why_art"):
            for text in _csv_column(games, column):
                en.extend(_sentences(text))
    for name in ("training_agendas.csv", "test_agendas.csv"):
        path = data / "dk-municipal-agendas-cap" / name
        if path.exists():
            for text in _csv_column(path, "text"):
                title = re.sub(r"^[\d\s./()-]+", "", " ".join(text.split())).strip(" .")
                if len(title.split()) >= 4 and "...." not in title:
                    da.append(title + ".")
    from indsigt.sample import interview_files

    for path in interview_files():
        if path.suffix == ".txt":
            for line in path.read_text(encoding="utf-8").splitlines():
                da.extend(_sentences(line.split(":", 1)[-1]))
    if not en or not da:
        raise SystemExit(f"{data}: the shared data is missing (need ../shared/data)")
    return {"da": da, "en": en}


FIRST = ("Mette", "Lars", "Anne", "Jens", "Sofie", "Henrik", "Camilla", "Søren", "Line", "Peter")
LAST = ("Hansen", "Nielsen", "Jensen", "Pedersen", "Andersen", "Christensen", "Larsen", "Holm")
PLACES = ("Aarhus Kommune", "Region Midtjylland", "Odense", "Vejle Kommune", "Region Sjælland")


def _personal(rng: random.Random) -> str:
    """A sentence with personal data (synthetic: the detectors must find it)."""
    name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    kind = rng.randrange(5)
    if kind == 0:
        return f"Jeg har talt med {name} om det, og hun var enig."
    if kind == 1:
        digits = " ".join(str(rng.randrange(10, 99)) for _ in range(3))
        return f"Ring gerne til mig på {rng.randrange(20, 99)} {digits}."
    if kind == 2:
        return f"Skriv til {name.split()[0].lower()}.{rng.randrange(100)}@example.dk for mere."
    if kind == 3:
        return f"Mit CPR-nummer er 010203-{rng.randrange(1000, 9999)}, hvis I skal bruge det."
    return f"I {rng.choice(PLACES)} har vi set det samme problem."


def rows(passages: int, seed: int, data: Path) -> Iterator[list[str]]:
    rng = random.Random(seed)
    pool = pools(data)
    levels = ("stat", "region", "kommune")
    types = ("borger", "organisation", "virksomhed")
    regions = ("Hovedstaden", "Sjælland", "Syddanmark", "Midtjylland", "Nordjylland")
    ages = ("18-29", "30-49", "50-64", "65+")
    written = 0
    number = 0
    while written < passages:
        number += 1
        language = "da" if rng.random() < 0.6 else "en"
        answers = []
        for _ in QUESTIONS:
            if rng.random() < 0.1:
                answers.append("")  # skipped question
                continue
            count = min(rng.randint(1, 4), passages - written)
            if count <= 0:
                answers.append("")
                continue
            sentences = [rng.choice(pool[language]) for _ in range(count)]
            if rng.random() < 0.04:
                sentences[rng.randrange(count)] = _personal(rng)
            written += count
            answers.append(" ".join(sentences))
        if not any(answers):
            continue
        yield [
            f"S{number:07d}",
            rng.choice(levels),
            rng.choice(types),
            rng.choice(regions),
            rng.choice(ages),
            language,
            *answers,
        ]


def write(path: Path, passages: int, *, seed: int = 1, data: Path = DEFAULT_DATA) -> int:
    """Write the sheet; returns the number of rows."""
    path.parent.mkdir(parents=True, exist_ok=True)
    count = 0
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["svar_id", "level", "type", "region", "age", "language", *QUESTIONS])
        for row in rows(passages, seed, data):
            writer.writerow(row)
            count += 1
    return count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--passages", type=int, default=10_000)
    parser.add_argument("--output", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    args = parser.parse_args()
    count = write(args.output, args.passages, seed=args.seed, data=args.data)
    print(f"{args.output}: {count} rows, about {args.passages} passages")


if __name__ == "__main__":
    main()
