"""Known participants: every respondent and interviewer named in the respondents sheet (the
``identity`` table) is found in every inflected form: the full name in any case, first name
and surname alone and together, middle names, the genitive ("Hansens", "Hansen's"), and the
name in capitals ("METTE HOLM"). Partial names must be capitalised; full names match in any
case. Every span carries the participant's entity key, so all mentions get one pseudonym."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import ClassVar

from indsigt.anonymise.base import PER, TIER_PARTICIPANT, Span

_GENITIVE = r"(?:s|'s|’s|')?"


@dataclass(frozen=True)
class Participant:
    name: str
    entity: str  # "respondent:<id>" or "interviewer:<name>"
    # The name only as written ("Bo", not "bo"): a one-word speaker label, which in any case
    # would also be a word ("bo", "per").
    exact_case: bool = False


def name_variants(name: str) -> tuple[list[str], list[str]]:
    """(full forms, partial forms) of a name: "Mette Kjærgaard Holm" → full ["Mette Kjærgaard
    Holm"], partial ["Mette Holm", "Kjærgaard Holm", "Mette Kjærgaard", "Mette", "Holm",
    "Kjærgaard"]."""
    words = name.split()
    full = [" ".join(words)]
    partial: list[str] = []
    if len(words) >= 2:
        first, last = words[0], words[-1]
        partial += [f"{first} {last}", " ".join(words[1:]), " ".join(words[:-1])]
        partial += words
        # hyphenated parts: "Anne-Sofie" → "Anne", "Sofie"
        partial += [p for w in words if "-" in w for p in w.split("-") if len(p) > 2]
    partial = [p for p in dict.fromkeys(partial) if p not in full and len(p) > 1]
    return full, partial


class ParticipantDetector:
    name: ClassVar[str] = "participants.v1"
    tier: ClassVar[int] = TIER_PARTICIPANT
    trusted: ClassVar[bool] = True  # a known participant is a person, frequent word or not
    propagates: ClassVar[bool] = True  # its full person names seed propagation

    def __init__(self, participants: Iterable[Participant]) -> None:
        self.participants = [p for p in participants if p.name.strip()]
        self._patterns: list[tuple[re.Pattern[str], re.Pattern[str] | None, str]] = []
        for participant in self.participants:
            full, partial = name_variants(participant.name)
            self._patterns.append(
                (
                    _pattern(full, 0 if participant.exact_case else re.IGNORECASE),
                    _pattern([*partial, *(p.upper() for p in partial)], 0) if partial else None,
                    participant.entity,
                )
            )

    def detect(self, text: str, *, language: str = "da") -> list[Span]:
        spans: list[Span] = []
        for full, partial, entity in self._patterns:
            for match in full.finditer(text):
                spans.append(Span(match.start(), match.end(), PER, 1.0, self.name, entity))
            if partial is not None:
                for match in partial.finditer(text):
                    spans.append(Span(match.start(), match.end(), PER, 0.9, self.name, entity))
        return _longest_first(spans)


def _pattern(forms: Sequence[str], flags: int) -> re.Pattern[str]:
    ordered = sorted(set(forms), key=len, reverse=True)
    body = "|".join(re.escape(f).replace(r"\ ", r"\s+") for f in ordered)
    return re.compile(rf"(?<![\w-])(?:{body}){_GENITIVE}(?![\w-])", flags)


def _longest_first(spans: list[Span]) -> list[Span]:
    """Drop spans inside a longer span of the same participant (and exact duplicates)."""
    spans.sort(key=lambda s: (s.start, -s.end))
    kept: list[Span] = []
    for span in spans:
        if kept and span.start >= kept[-1].start and span.end <= kept[-1].end:
            continue
        kept.append(span)
    return kept
