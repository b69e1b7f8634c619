"""Attribution labels for quotes ("— Leder i kommune") and the re-identification check that
later stages (quotes, report) call before they print a quote.

A label is generated from a respondent's attributes at a chosen generalisation level, with the
study's respondent noun (:mod:`indsigt.nouns`; "Leder" in the examples, the language's neutral
word when no noun is given):

- ``leader``: "Leder" / "Leader" (nothing about the respondent);
- ``level``: "Leder i kommune", "Leder i region", "Leder i staten" ("Municipal leader",
  "Regional leader", "Central government leader");
- ``organisation_type``: "Leder i styrelse", "Leder i ministerium", … (finer);
- ``country_level``: "Leder i kommune, Norge" (finer still).

The check warns when a label covers fewer than ``k`` respondents (default 3), and when a quote
still holds a quasi-identifier: a municipality, region, ministry or agency, a place, an
identifier, or a named local project ("projektet Borgernær Velfærd", «Digital Hverdag»).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from indsigt.anonymise.base import IDENTIFIERS, ORGANISATIONS, PER, PLACES
from indsigt.anonymise.detectors import rule_detectors
from indsigt.anonymise.gazetteer import GazetteerDetector
from indsigt.anonymise.names import NameDetector
from indsigt.anonymise.quasi import PROJECT_PATTERN
from indsigt.anonymise.resolve import resolve
from indsigt.nouns import KNOWN, RespondentNoun, default_noun
from indsigt.records import MIN_GROUP, Respondent
from indsigt.sealed import AttributeClasses, check_attributes

LEVELS = ("leader", "level", "organisation_type", "country_level")

_LANGUAGES = ("da", "no", "sv", "en")
# {noun}: "Leder"; {lower}: "leader" (after an adjective).
_BY_LEVEL = {
    "da": {"kommune": "{noun} i kommune", "region": "{noun} i region", "stat": "{noun} i staten"},
    "no": {"kommune": "{noun} i kommune", "region": "{noun} i fylke", "stat": "{noun} i staten"},
    "sv": {"kommune": "{noun} i kommun", "region": "{noun} i region", "stat": "{noun} i staten"},
    "en": {
        "kommune": "Municipal {lower}",
        "region": "Regional {lower}",
        "stat": "Central government {lower}",
    },
}
_LEVEL_ALIASES = {
    "municipal": "kommune",
    "municipality": "kommune",
    "kommun": "kommune",
    "kommunal": "kommune",
    "kommunalt": "kommune",
    "regional": "region",
    "regionalt": "region",
    "fylke": "region",
    "fylkeskommune": "region",
    "state": "stat",
    "staten": "stat",
    "statslig": "stat",
    "statlig": "stat",
    "central government": "stat",
    "national": "stat",
}
_COUNTRIES = {
    "da": {"DK": "Danmark", "NO": "Norge", "SE": "Sverige"},
    "no": {"DK": "Danmark", "NO": "Norge", "SE": "Sverige"},
    "sv": {"DK": "Danmark", "NO": "Norge", "SE": "Sverige"},
    "en": {"DK": "Denmark", "NO": "Norway", "SE": "Sweden"},
}


def attribution_label(
    attributes: Mapping[str, str],
    *,
    level: str = "level",
    language: str = "da",
    noun: RespondentNoun | None = None,
) -> str:
    """The label for one respondent at one generalisation level (see the module docstring)."""
    if level not in LEVELS:
        raise ValueError(f"unknown generalisation level {level!r} ({', '.join(LEVELS)})")
    language = language if language in _LANGUAGES else "da"
    noun = noun or default_noun(language)
    leader = noun.singular
    if level == "leader":
        return leader
    if level == "organisation_type" and attributes.get("organisation_type"):
        kind = attributes["organisation_type"].strip().lower()
        return f"{leader} in a {kind}" if language == "en" else f"{leader} i {kind}"
    raw = attributes.get("level", "").strip().lower()
    template = _BY_LEVEL[language].get(_LEVEL_ALIASES.get(raw, raw))
    by_level = template.format(noun=leader, lower=noun.lower) if template else leader
    if level == "country_level" and attributes.get("country"):
        country = _COUNTRIES[language].get(attributes["country"].upper(), attributes["country"])
        return f"{by_level}, {country}"
    return by_level


def attribution_labels(
    respondents: Iterable[Respondent],
    *,
    level: str = "level",
    language: str = "da",
    noun: RespondentNoun | None = None,
) -> dict[int, str]:
    """respondent id → label."""
    return {
        r.id: attribution_label(r.attributes, level=level, language=language, noun=noun)
        for r in respondents
    }


@dataclass(frozen=True)
class ReidentificationWarning:
    kind: str  # "small_group" or "quasi_identifier"
    message: str
    label: str = ""
    count: int = 0
    start: int = -1
    end: int = -1


def check_labels(labels: Mapping[int, str], *, k: int = MIN_GROUP) -> list[ReidentificationWarning]:
    """Warn for every label that covers fewer than ``k`` respondents."""
    counts = Counter(labels.values())
    return [
        ReidentificationWarning(
            "small_group",
            f"the label {label!r} covers {n} respondent(s), fewer than {k}: "
            "choose a coarser generalisation level",
            label=label,
            count=n,
        )
        for label, n in sorted(counts.items())
        if n < k
    ]


_PROJECT = PROJECT_PATTERN


_PSEUDONYM = re.compile(rf"(?:{'|'.join(KNOWN)}) \w+")


def check_quote(text: str, *, language: str = "da") -> list[ReidentificationWarning]:
    """Quasi-identifiers still in a (pseudonymised) quote: places, organisations, identifiers,
    names and named local projects."""
    warnings: list[ReidentificationWarning] = []
    spans = GazetteerDetector().detect(text, language=language)
    for detector in rule_detectors():
        spans += detector.detect(text, language=language)
    spans += [
        s
        for s in NameDetector().detect(text, language=language)
        if not _PSEUDONYM.fullmatch(text[s.start : s.end])
    ]
    for span in resolve(spans, text):
        kind = (
            "a place"
            if span.label in PLACES
            else "an organisation"
            if span.label in ORGANISATIONS
            else "an identifier"
            if span.label in IDENTIFIERS
            else "a name"
            if span.label == PER
            else span.label
        )
        warnings.append(
            ReidentificationWarning(
                "quasi_identifier",
                f"the quote names {kind}: {text[span.start : span.end]!r}",
                label=span.label,
                start=span.start,
                end=span.end,
            )
        )
    for match in _PROJECT.finditer(text):
        group = 1 if match.group(1) else 2
        warnings.append(
            ReidentificationWarning(
                "quasi_identifier",
                f"the quote names a local project: {match.group(group)!r}",
                label="PROJECT",
                start=match.start(group),
                end=match.end(group),
            )
        )
    return warnings


def check_reidentification(
    respondents: Iterable[Respondent],
    *,
    level: str = "level",
    k: int = MIN_GROUP,
    quote: str | None = None,
    respondent_id: int | None = None,
    language: str = "da",
    noun: RespondentNoun | None = None,
    classes: AttributeClasses | None = None,
) -> list[ReidentificationWarning]:
    """The checks: the label groups at this level (only the quoted respondent's group when
    ``respondent_id`` is given); with ``classes``, the combinations of publishable attributes
    that fewer than ``k`` respondents share; with ``quote``, the quote's quasi-identifiers."""
    respondents = list(respondents)
    labels = attribution_labels(respondents, level=level, language=language, noun=noun)
    warnings = check_labels(labels, k=k)
    if respondent_id is not None:
        own = labels.get(respondent_id)
        warnings = [w for w in warnings if w.label == own]
    if classes is not None:
        own_values = next(
            (classes.public(r.attributes) for r in respondents if r.id == respondent_id), None
        )
        for found in check_attributes(respondents, classes, k=k):
            if own_values is None or dict(found.attributes) == {
                n: v for n, v in own_values.items() if v
            }:
                warnings.append(
                    ReidentificationWarning("small_combination", found.message, count=found.count)
                )
    if quote is not None:
        warnings += check_quote(quote, language=language)
    return warnings
