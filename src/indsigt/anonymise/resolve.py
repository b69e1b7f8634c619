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

Tiers (highest first; each detector declares its own, ``base.TIER_*``, read by
``ranking.Ranking``): review decisions; speaker labels; validated identifiers (CPR, e-mail,
address, …); known participants; gazetteers and quasi-identifiers; the tagger, the proper-noun
detector and any detector that declares no tier.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from indsigt.anonymise.base import PER, TIER_GAZETTEER, TIER_GUESS, TIER_PARTICIPANT, Span
from indsigt.anonymise.ranking import Ranking


def resolve(
    spans: Iterable[Span], text: str | None = None, *, ranking: Ranking | None = None
) -> list[Span]:
    """Non-overlapping spans in text order (see the module docstring for the rules). With the
    ``text``, the remainder of a cut span is trimmed to its words; without it, spans that
    overlap one already taken are dropped. ``ranking``: the detectors' tiers (by default those
    of the registered detectors, built-ins and plugins, and the study's own sources)."""
    rank = ranking or Ranking.of()
    merged = _merge_persons(list(spans), rank)
    persons = [s for s in merged if s.label == PER]
    inside = {id(s) for s in merged if _inside_person(s, persons, text, rank)}
    ranked = sorted(
        merged,
        key=lambda s: (
            -(TIER_GUESS if id(s) in inside else rank.tier(s)),
            -rank.rank(s),
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


def _inside_person(span: Span, persons: list[Span], text: str | None, rank: Ranking) -> bool:
    """Is ``span`` (of the gazetteer and quasi-identifier tier) part of a longer person span
    (rule 2 of the module docstring)?"""
    if span.label == PER or rank.tier(span) != TIER_GAZETTEER:
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
    from indsigt.firstnames import first_names

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


def _merge_persons(spans: list[Span], rank: Ranking) -> list[Span]:
    def merges(span: Span) -> bool:  # persons up to the known participants' tier
        return span.label == PER and rank.tier(span) <= TIER_PARTICIPANT

    persons = sorted((s for s in spans if merges(s)), key=lambda s: (s.start, -s.end))
    others = [s for s in spans if not merges(s)]
    merged: list[Span] = []
    for span in persons:
        if merged and span.start < merged[-1].end:
            last = merged[-1]
            lead = last if rank.tier(last) >= rank.tier(span) else span
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
