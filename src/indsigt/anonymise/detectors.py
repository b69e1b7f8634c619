"""The built-in detectors and how a text is run through a set of them."""

from __future__ import annotations

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


def rule_detectors() -> list[Detector]:
    """Validated identifiers and contact details."""
    return [
        CprDetector(),
        FnrDetector(),
        PnrDetector(),
        CvrDetector(),
        PhoneDetector(),
        EmailDetector(),
        UrlDetector(),
        IbanDetector(),
        AddressDetector(),
    ]


def default_detectors(
    *,
    participants: Iterable[Participant] = (),
    tagger: Detector | None = None,
    names: bool = True,
    gazetteer: bool = True,
    quasi: bool = True,
) -> list[Detector]:
    """Rules, known participants, gazetteers, quasi-identifiers (titles at a place, projects,
    dates, organisations by form), the proper-noun detector and (when given) a tagger."""
    found: list[Detector] = rule_detectors()
    participants = list(participants)
    if participants:
        found.append(ParticipantDetector(participants))
    if gazetteer:
        found.append(GazetteerDetector())
    if quasi:
        found.extend([QuasiDetector(), ProperNounDetector()])
    if names:
        found.append(NameDetector())
    if tagger is not None:
        found.append(tagger)
    return found


def detect(text: str, detectors: Sequence[Detector], *, language: str = "da") -> list[Span]:
    """Every span every detector finds (overlaps included; see ``resolve``), with fillers and
    frequent words taken out of person spans (``frequent.guard_persons``), and the other
    mentions of the persons they name in full (``propagate.py``)."""
    spans: list[Span] = []
    for detector in detectors:
        spans.extend(detector.detect(text, language=language))
    spans = guard_persons(text, spans, language=language)
    if any(d.name in _PERSON_DETECTORS for d in detectors):
        spans.extend(Propagation().extend(text, spans))
    return spans


_PERSON_DETECTORS = {"names.v1", "tagger.v1", "e5tagger.v1", "participants.v1"}


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
