"""Where a detector's spans stand: their tier in the overlap strategy (``resolve.py``), their
rank within it, and whether the frequent-word guard (``frequent.py``) trusts their person
spans. All three are read from the detector's class attributes (``tier``, ``tier_rank``,
``trusted``; see ``base.Detector``), never from a list of names, so that a plugin's detector
takes part as a built-in does. A span names its detector (``Span.detector``); the ranking maps
those names to what their detectors declare.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import ClassVar

from indsigt.anonymise.base import TIER_GUESS, TIER_REVIEW, TIER_SPEAKER, Span
from indsigt.anonymise.participants import ParticipantDetector


class SpeakerLabels:
    """Not a detector: the name and tier of the spans ``study.py`` adds for the speakers'
    labels at the start of a line ("Mette Holm: …")."""

    name: ClassVar[str] = "speaker.v1"
    tier: ClassVar[int] = TIER_SPEAKER


class ReviewDecisions:
    """Not a detector: the name and tier of the spans ``study.py`` adds for a reviewer's
    "missed" decisions; a reviewer's person is trusted."""

    name: ClassVar[str] = "review.v1"
    tier: ClassVar[int] = TIER_REVIEW
    trusted: ClassVar[bool] = True


# Built from the study, not registered: they take part by being named here.
_STUDY_SOURCES: dict[str, type] = {
    source.name: source for source in (ReviewDecisions, SpeakerLabels, ParticipantDetector)
}


@dataclass(frozen=True)
class Ranking:
    """Tier, rank and trust by detector name (a name not listed: ``TIER_GUESS``, rank 0, not
    trusted)."""

    tiers: Mapping[str, int]
    ranks: Mapping[str, int]
    trusted: frozenset[str]

    @classmethod
    def of(cls, detectors: Iterable[object] = ()) -> Ranking:
        """The ranking of the registered detectors (built-ins and plugins), the study's own
        sources (review decisions, speaker labels, known participants) and ``detectors``
        (instances or classes passed in directly, e.g. the tagger)."""
        from indsigt.plugins import components

        table: dict[str, object] = dict(_STUDY_SOURCES)
        table.update(components("detectors"))
        table.update({str(getattr(d, "name", "")): d for d in detectors})
        return cls(
            tiers={n: int(getattr(d, "tier", TIER_GUESS)) for n, d in table.items()},
            ranks={n: int(getattr(d, "tier_rank", 0)) for n, d in table.items()},
            trusted=frozenset(n for n, d in table.items() if getattr(d, "trusted", False)),
        )

    def tier(self, span: Span) -> int:
        return self.tiers.get(span.detector, TIER_GUESS)

    def rank(self, span: Span) -> int:
        return self.ranks.get(span.detector, 0)
