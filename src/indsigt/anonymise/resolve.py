"""The overlap strategy: which of several overlapping spans is acted on.

1. Person spans (``PER``) that overlap are merged into their union, so that a name two
   detectors cut differently is covered whole; a participant's entity link is kept.
2. A place, organisation or other span of the gazetteer and quasi-identifier tier that lies
   inside a longer person span loses its tier (ranks with the tagger, where persons come
   first) when the person span begins before it ("Arne Sandnes", "FRANCIS FORD COPPOLAS") or
   begins with it and it is a first name or initials ("JENS Sandfeld Søndergaard", "H.L.
   Hansen"): a surname that is also a town, or capitals the acronym rule took for an
   organisation, are part of the person's name. A place before a name stays a place
   ("Kristiansund Håvard Krane").
3. Then spans are taken greedily by tier, and within a tier persons before other labels, then
   the longer span, then the higher score. A span that overlaps one already taken keeps what
   is left of it outside the taken ones, when that still holds a word ("Kristiansund Håvard
   Krane": the place wins "Kristiansund", the person keeps "Håvard Krane").

Tiers (highest first): review decisions; speaker labels; validated identifiers (CPR, e-mail,
address, …); known participants; gazetteers and quasi-identifiers; the tagger and the
proper-noun detector.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from indsigt.anonymise.base import PER, Span

TIERS = {
    "review.v1": 6,
    "speaker.v1": 5,
    "cpr.v1": 4,
    "fnr.v1": 4,
    "pnr.v1": 4,
    "iban.v1": 4,
    "email.v1": 4,
    "url.v1": 4,
    "address.v1": 4,
    "cvr.v1": 4,
    "phone.v1": 4,
    "participants.v1": 3,
    "gazetteer.v1": 2,
    "quasi.v1": 2,
}
# Within the identifier tier: an identity number beats a phone number of the same digits.
_IDENTIFIER_ORDER = {"cpr.v1": 3, "fnr.v1": 3, "pnr.v1": 3, "cvr.v1": 2, "phone.v1": 1}


def tier(span: Span) -> int:
    return TIERS.get(span.detector, 1)


def resolve(spans: Iterable[Span], text: str | None = None) -> list[Span]:
    """Non-overlapping spans in text order (see the module docstring for the rules). With the
    ``text``, the remainder of a cut span is trimmed to its words; without it, spans that
    overlap one already taken are dropped."""
    merged = _merge_persons(list(spans))
    persons = [s for s in merged if s.label == PER]
    inside = {id(s) for s in merged if _inside_person(s, persons, text)}
    ranked = sorted(
        merged,
        key=lambda s: (
            -(1 if id(s) in inside else tier(s)),
            -_IDENTIFIER_ORDER.get(s.detector, 0),
            s.label != PER,
            -s.length,
            -s.score,
            s.start,
        ),
    )
    taken: list[Span] = []
    for span in ranked:
        blocking = [t for t in taken if span.overlaps(t)]
        if not blocking:
            taken.append(span)
        elif text is not None:
            taken.extend(_remainder(span, blocking, text))
    return sorted(taken, key=lambda s: s.start)


_INITIALS = re.compile(r"(?:[A-ZÆØÅÄÖ]\.\s?)+")


def _inside_person(span: Span, persons: list[Span], text: str | None) -> bool:
    """Is ``span`` (of the gazetteer and quasi-identifier tier) part of a longer person span
    (rule 2 of the module docstring)?"""
    if span.label == PER or tier(span) != 2:
        return False
    for person in persons:
        if not (person.start <= span.start and span.end <= person.end) or (
            person.length == span.length
        ):
            continue
        if person.start < span.start:
            return True
        if text is not None and _name_start(text[span.start : span.end]):
            return True
    return False


def _name_start(surface: str) -> bool:
    """A first name ("JENS", "Arne") or initials ("H.L.", "H. C.")."""
    from indsigt.anonymise.names import first_names

    first = surface.split()[0] if surface.split() else ""
    return bool(_INITIALS.fullmatch(surface.strip())) or first.capitalize() in first_names()


def _remainder(span: Span, blocking: list[Span], text: str) -> list[Span]:
    """The parts of ``span`` outside the spans already taken, trimmed to word characters."""
    pieces = [(span.start, span.end)]
    for other in blocking:
        pieces = [
            part
            for a, b in pieces
            for part in ((a, min(b, other.start)), (max(a, other.end), b))
            if part[0] < part[1]
        ]
    out = []
    for a, b in pieces:
        while a < b and not text[a].isalnum():
            a += 1
        while b > a and not text[b - 1].isalnum():
            b -= 1
        if b - a >= 2:
            out.append(Span(a, b, span.label, span.score, span.detector, span.entity))
    return out


def _merge_persons(spans: list[Span]) -> list[Span]:
    persons = sorted(
        (s for s in spans if s.label == PER and tier(s) <= 3), key=lambda s: (s.start, -s.end)
    )
    others = [s for s in spans if not (s.label == PER and tier(s) <= 3)]
    merged: list[Span] = []
    for span in persons:
        if merged and span.start < merged[-1].end:
            last = merged[-1]
            lead = last if tier(last) >= tier(span) else span
            merged[-1] = Span(
                last.start,
                max(last.end, span.end),
                PER,
                max(last.score, span.score),
                lead.detector,
                last.entity or span.entity,
            )
        else:
            merged.append(span)
    return merged + others
