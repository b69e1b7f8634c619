"""The built-in detectors and how a text is run through a set of them."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from indsigt.anonymise.addresses import AddressDetector
from indsigt.anonymise.base import Detector, Span
from indsigt.anonymise.contact import EmailDetector, IbanDetector, PhoneDetector, UrlDetector
from indsigt.anonymise.frequent import guard_persons
from indsigt.anonymise.gazetteer import GazetteerDetector
from indsigt.anonymise.identifiers import CprDetector, CvrDetector, FnrDetector, PnrDetector
from indsigt.anonymise.names import NameDetector
from indsigt.anonymise.participants import Participant, ParticipantDetector
from indsigt.anonymise.propagate import Propagation
from indsigt.anonymise.quasi import ProperNounDetector, QuasiDetector
from indsigt.anonymise.ranking import Ranking
from indsigt.anonymise.terms import drop_terms

RULES: tuple[type[Detector], ...] = (
    CprDetector,
    FnrDetector,
    PnrDetector,
    CvrDetector,
    PhoneDetector,
    EmailDetector,
    UrlDetector,
    IbanDetector,
    AddressDetector,
)
# The built-in detectors built with no arguments, registered like plugins (builtins.py); the
# study's known participants and the tagger are built from the study and its model.
BUILTIN_DETECTORS: tuple[type[Detector], ...] = (
    *RULES,
    GazetteerDetector,
    QuasiDetector,
    ProperNounDetector,
    NameDetector,
)


def detector_classes() -> dict[str, type[Detector]]:
    """Detector classes by name, built-ins and plugins (a plugin's detector overrides a
    built-in of the same name)."""
    from indsigt.plugins import components

    found: dict[str, type[Detector]] = components("detectors")
    return found


def rule_detectors() -> list[Detector]:
    """Validated identifiers and contact details."""
    table = detector_classes()
    return [table[cls.name]() for cls in RULES]


def default_detectors(
    *,
    participants: Iterable[Participant] = (),
    tagger: Detector | None = None,
    names: bool = True,
    gazetteer: bool = True,
    quasi: bool = True,
) -> list[Detector]:
    """Rules, known participants, gazetteers, quasi-identifiers (titles at a place, projects,
    dates, organisations by form), the proper-noun detector, every plugin's detectors and
    (when given) a tagger."""
    table = detector_classes()
    found: list[Detector] = rule_detectors()
    participants = list(participants)
    if participants:
        found.append(ParticipantDetector(participants))
    chosen = {
        GazetteerDetector.name: gazetteer,
        QuasiDetector.name: quasi,
        ProperNounDetector.name: quasi,
        NameDetector.name: names,
    }
    found += [table[name]() for name, wanted in chosen.items() if wanted]
    builtin = {cls.name for cls in BUILTIN_DETECTORS}
    found += [cls() for name, cls in table.items() if name not in builtin]
    if tagger is not None:
        found.append(tagger)
    return found


def propagates(detector: Detector) -> bool:
    """Do the full person names this detector finds seed name propagation
    (``propagate.py``)? A detector says so with the class attribute ``propagates = True``."""
    return bool(getattr(detector, "propagates", False))


def guesses(detector: Detector) -> bool:
    """Is this detector a statistical tagger, whose person names seed propagation only with a
    known first name or surname? Its class attribute ``guesses = True`` says so."""
    return bool(getattr(detector, "guesses", False))


# What a transcriber wrote in place of something already taken out ("our XX gave loans",
# "countries like XX, XX", "[XXX]", "***"): nothing left to protect, and a placeholder or a
# pseudonym put over it would say something the transcript does not ("countries like
# [project]").
PLACEHOLDER = re.compile(r"[\[(]?\s*(?:[Xx]{2,}(?:[-.\s][Xx]{2,})*|\*{2,}|_{2,})\s*[\])]?")


def detect(text: str, detectors: Sequence[Detector], *, language: str = "da") -> list[Span]:
    """Every span every detector finds (overlaps included; see ``resolve``), with fillers and
    frequent words taken out of person spans (``frequent.guard_persons``), without the
    person spans the words around them show to be a term, place or method
    (``terms.drop_terms``), and the other
    mentions of the persons they name in full (``propagate.py``; when any detector
    ``propagates``)."""
    spans: list[Span] = []
    for detector in detectors:
        spans.extend(detector.detect(text, language=language))
    spans = [s for s in spans if not PLACEHOLDER.fullmatch(text[s.start : s.end])]
    trusted = Ranking.of(detectors).trusted
    spans = guard_persons(text, spans, language=language, trusted=trusted)
    spans = drop_terms(text, spans, language=language, trusted=trusted)
    if any(propagates(d) for d in detectors):
        guessers = frozenset(d.name for d in detectors if guesses(d))
        spans.extend(Propagation(guessers).extend(text, spans))
    return spans


NO_TAGGER = "none"


def load_tagger(model: str | None) -> Detector | None:
    """The tagger shipped in the package (``model`` None), none (``"none"``), or the tagger in
    a model directory (an e5 tagger or a spaCy pipeline) or an installed spaCy pipeline of that
    name."""
    if model == NO_TAGGER or model == "":
        return None
    from indsigt.anonymise.e5tagger import E5Tagger, default_model, is_e5_tagger
    from indsigt.anonymise.tagger import SpacyTagger

    if model is None:
        return E5Tagger(default_model())
    if is_e5_tagger(model):
        return E5Tagger(model)
    return SpacyTagger(model)
