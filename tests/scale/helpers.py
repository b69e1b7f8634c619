"""A consultation sheet for the batch tests: sentences of the bundled (fictional) sample
interviews, respondent attributes, and personal data the anonymiser must treat consistently
across partitions (the same person in many rows, genitives, phone numbers, places)."""

from __future__ import annotations

import csv
import random
import re
from pathlib import Path

from indsigt.sample import interview_files

QUESTIONS = ("Hvad er de største muligheder?", "Hvad bekymrer dig?")
COLUMNS = ["svar_id", "level", "type", *QUESTIONS]
PEOPLE = ("Mette Hansen", "Lars Holm", "Anne Kjær", "Søren Bak", "Jens Toft")


def sentences() -> list[str]:
    found: list[str] = []
    for path in interview_files():
        if path.suffix != ".txt":
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            text = line.split(":", 1)[-1].strip()
            found += [s for s in re.split(r"(?<=[.!?])\s+", text) if len(s.split()) > 3]
    return found


def personal(rng: random.Random) -> str:
    name = rng.choice(PEOPLE)
    kind = rng.randrange(5)
    if kind == 0:
        return f"Jeg talte med {name} om det, og {name.split()[1]} var enig."
    if kind == 1:
        return f"Det var {name}s forslag fra starten."
    if kind == 2:
        return f"Ring til mig på 41 88 {rng.randrange(10, 99)} {rng.randrange(10, 99)}."
    if kind == 3:
        return "I Aarhus Kommune har vi set det samme."
    return f"Skriv til {name.split()[0].lower()}@example.dk for mere."


def write_sheet(path: Path, rows: int, *, seed: int = 3) -> Path:
    rng = random.Random(seed)
    pool = sentences()
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        for number in range(1, rows + 1):
            answers = []
            for _ in QUESTIONS:
                if rng.random() < 0.1:
                    answers.append("")
                    continue
                chosen = [rng.choice(pool) for _ in range(rng.randint(1, 3))]
                if rng.random() < 0.3:
                    chosen[rng.randrange(len(chosen))] = personal(rng)
                answers.append(" ".join(chosen))
            level = rng.choice(("stat", "region", "kommune"))
            kind = rng.choice(("borger", "organisation"))
            writer.writerow([f"S{number:05d}", level, kind, *answers])
    return path
