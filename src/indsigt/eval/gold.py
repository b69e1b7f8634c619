"""Gold standards for coding evaluation: units of text with the codes human coders gave them,
read by one adapter per dataset (``pdpilot``, ``gennovate``, ``games``, ``cap``, ``csv``)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from indsigt.errors import InputError
from indsigt.ingest.encoding import decode


@dataclass(frozen=True)
class GoldUnit:
    """One unit of the gold (a turn, a quote, a title …). ``group`` is what must never be split
    between training and scoring (its document, or the unit itself). Where the source has
    them, its context (see :mod:`indsigt.coding.context`): ``question`` (what prompted it),
    ``neighbours`` (the text around it) and ``previous`` (the id of the unit before it in its
    document, "" for none); ``position``: its place in its group's order (0, 1, …) where the
    units have one, −1 where not (the learner smooths scores over neighbouring positions)."""

    id: str
    text: str
    group: str
    labels: frozenset[str]
    question: str = ""
    neighbours: str = ""
    previous: str = ""
    position: int = -1


@dataclass(frozen=True)
class GoldSet:
    name: str
    unit: str
    units: list[GoldUnit]
    codes: list[str]
    single_label: bool = False
    descriptions: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    # The codebook's hierarchy where the source gives one: code → its parent, code → its label.
    parents: dict[str, str] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)
    # Where the source orders a unit's codes: unit id → the code written first (the theme
    # evaluation's one gold label per unit; ``labels`` of a unit is a set and has no order).
    first: dict[str, str] = field(default_factory=dict)


def read_text(path: Path) -> str:
    """A text file in any of the encodings indsigt detects, NFC, ``\\n`` line endings."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(path, f"cannot read ({exc.strerror})") from exc
    return decode(data, path)[0]


def normalise(text: str) -> str:
    return unicodedata.normalize("NFC", re.sub(r"\s+", " ", text)).strip().lower()


def codes_of(units: list[GoldUnit]) -> list[str]:
    return sorted({label for unit in units for label in unit.labels})
