"""Games as art (``games-as-art-coded``): survey answers on why a game was experienced as
art, with highlighted spans coded by the LLMCode authors (``games_as_art/
bopp_test_coded_texts.csv``: ``**span**<sup>code; code</sup>``) and 31 code descriptions.

The unit is the highlighted span (what the coders coded); groups are the answers, so one
answer's spans are never split between training and scoring.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from indsigt.errors import InputError
from indsigt.eval.gold import GoldSet, GoldUnit, read_text

HIGHLIGHT = re.compile(r"\*\*([^*]+?)\*\*\s*<sup>(.*?)</sup>", re.DOTALL)


def load_games(path: str | Path) -> GoldSet:
    root = Path(path)
    if root.is_file():
        texts, root = root, root.parent
    else:
        folder = root / "games_as_art" if (root / "games_as_art").is_dir() else root
        texts, root = folder / "bopp_test_coded_texts.csv", folder
    if not texts.is_file():
        raise InputError(texts, "expected games_as_art/bopp_test_coded_texts.csv")
    descriptions: dict[str, str] = {}
    described = root / "bopp_test_code_descriptions.csv"
    if described.is_file():
        for row in csv.DictReader(io.StringIO(read_text(described))):
            descriptions[row["code"].strip()] = row["description"].strip()
    units: list[GoldUnit] = []
    first: dict[str, str] = {}
    for number, row in enumerate(csv.DictReader(io.StringIO(read_text(texts)))):
        for k, match in enumerate(HIGHLIGHT.finditer(row.get("coded_text", ""))):
            written = [c.strip() for c in match.group(2).split(";") if c.strip()]
            span = match.group(1).strip()
            if span and written:
                units.append(GoldUnit(f"{number}:{k}", span, str(number), frozenset(written)))
                first[f"{number}:{k}"] = written[0]
    if not units:
        raise InputError(texts, "no coded highlights (**text**<sup>code</sup>) found")
    codes = sorted(set(descriptions) | {label for unit in units for label in unit.labels})
    return GoldSet("games", "highlight", units, codes, descriptions=descriptions, first=first)
