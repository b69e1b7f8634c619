"""Detectors find personal data in a text and return spans; they never change the text.

A detector is a component with a versioned ``name`` and one method, ``detect``. It receives a
text (a ``str``) and the language, and returns :class:`Span` records: offsets are Python ``str``
code points into the text it was given, half open. What happens to a span (pseudonymise,
generalise, redact, keep) is decided later by the policy and the operators (``operators.py``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar, Protocol

# Labels. Persons, organisations and places use the CoNLL names; identifiers and the typed
# gazetteer entries have their own so that the policy can treat each kind on its own.
PER = "PER"
ORG = "ORG"
LOC = "LOC"
MISC = "MISC"
MUNICIPALITY = "MUNICIPALITY"
REGION = "REGION"
MINISTRY = "MINISTRY"
AGENCY = "AGENCY"
CPR = "CPR"
FNR = "FNR"  # Norwegian fødselsnummer / D-nummer
PNR = "PNR"  # Swedish personnummer / samordningsnummer
CVR = "CVR"
PHONE = "PHONE"
EMAIL = "EMAIL"
URL = "URL"
IBAN = "IBAN"
ADDRESS = "ADDRESS"
# Quasi-identifiers (``quasi.py``): a job title at a named place or organisation, a named
# local project, a date that pins an event.
TITLE = "TITLE"
TITLE_MUNICIPALITY = "TITLE_MUNICIPALITY"
PROJECT = "PROJECT"
DATE = "DATE"
NAME = "NAME"  # a proper noun no other detector typed: "[navn]"

IDENTIFIERS = frozenset({CPR, FNR, PNR, CVR, PHONE, EMAIL, URL, IBAN, ADDRESS})
PLACES = frozenset({LOC, MUNICIPALITY, REGION})
ORGANISATIONS = frozenset({ORG, MINISTRY, AGENCY})
QUASI_IDENTIFIERS = frozenset({TITLE, TITLE_MUNICIPALITY, PROJECT, DATE, NAME})
LABELS = frozenset({PER, MISC}) | IDENTIFIERS | PLACES | ORGANISATIONS | QUASI_IDENTIFIERS

# The CoNLL label a finer label counts as when compared with NER gold data.
COARSE = {
    MUNICIPALITY: LOC,
    REGION: LOC,
    ADDRESS: LOC,
    MINISTRY: ORG,
    AGENCY: ORG,
    TITLE: ORG,
    TITLE_MUNICIPALITY: ORG,
    PROJECT: MISC,
    NAME: MISC,
}


@dataclass(frozen=True)
class Span:
    """One detection: ``text[start:end]`` is personal data of kind ``label``.

    ``entity`` optionally links the span to a known person (e.g. ``"respondent:3"``), so that the
    pseudonymiser gives every mention of that person the same pseudonym."""

    start: int
    end: int
    label: str
    score: float
    detector: str
    entity: str = ""

    def __post_init__(self) -> None:
        if not 0 <= self.start < self.end:
            raise ValueError(f"bad span {self.start}:{self.end}")

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end

    @property
    def length(self) -> int:
        return self.end - self.start


# Tiers of the overlap strategy (``resolve.py``), highest first. A detector declares its own
# (class attribute ``tier``); one that declares none is in the lowest, with the taggers.
TIER_REVIEW = 6  # the reviewer's own decisions
TIER_SPEAKER = 5  # speaker labels
TIER_IDENTIFIER = 4  # validated identifiers and contact details
TIER_PARTICIPANT = 3  # the study's known participants
TIER_GAZETTEER = 2  # gazetteers and quasi-identifiers
TIER_GUESS = 1  # the taggers, the proper-noun detector and any detector without a tier


class Detector(Protocol):
    """Finds spans of personal data. ``name`` is versioned, e.g. ``"cpr.v1"``.

    Optional class attributes, a plugin's as a built-in's (read by ``detectors.detect`` and
    ``ranking.Ranking``):

    - ``propagates = True``: the full person names it finds seed name propagation
      (``propagate.py``); ``guesses = True``: a statistical tagger, whose names seed only
      with a known first name or surname;
    - ``tier`` (one of the ``TIER_*`` above; ``TIER_GUESS`` if not declared): which of
      overlapping spans wins (``resolve.py``), and ``tier_rank`` (0 if not declared): within
      the tier, the higher rank first (an identity number before a phone number of the same
      digits);
    - ``trusted = True``: its person spans are never cut or dropped as frequent words
      (``frequent.py``), as the known participants' are."""

    name: ClassVar[str]

    def detect(self, text: str, *, language: str = "da") -> list[Span]: ...


class NullDetector:
    """Finds nothing (the shipped do-nothing detector, for tests and for switching one off)."""

    name: ClassVar[str] = "null.v1"

    def detect(self, text: str, *, language: str = "da") -> list[Span]:
        return []
