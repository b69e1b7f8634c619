"""Respondent attributes and document names are personal data too.

Each respondent attribute is **publishable** (it may appear in exports, reports and to every
user: level, sector, country, …) or **identifying** (sealed like a name: organisation, name,
role, e-mail, …). The default comes from the attribute's name (:data:`PUBLISHABLE`,
:data:`IDENTIFYING`); an attribute the lists do not know is identifying until the study marks
it publishable (``indsigt settings STUDY attribute:NAME publishable``; the overrides are the
study setting ``attributes``). Identifying attributes are never exported (REFI-QDA cases and
variables, reports, JSON, CSV) and never shown to a non-admin in the web app.

Document names leak as well ("dk01_kommune_viborg.txt"): outside the admin view and in every
export a document is known by its neutral name, "Interview N" in the study's import order.

:func:`check_attributes` is the attribution check on the publishable attributes: it warns when
their values together single out fewer than ``k`` respondents.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from indsigt.records import MIN_GROUP, Respondent
from indsigt.store import schema

SETTING = "attributes"
PUBLISHABLE_KIND = "publishable"
IDENTIFYING_KIND = "identifying"
KINDS = (PUBLISHABLE_KIND, IDENTIFYING_KIND)


def _names(text: str) -> frozenset[str]:
    return frozenset(text.split())


PUBLISHABLE = _names(
    """
    level niveau nivå sector sektor country land language sprog språk organisation_type
    organization_type org_type organisationstype type kind segment group gruppe grupp
    gender køn kjønn kön sex age_group aldersgruppe åldersgrupp size størrelse storlek
    """
)
IDENTIFYING = _names(
    """
    name navn namn full_name fornavn efternavn surname organisation organization org
    organisasjon arbejdsgiver employer workplace arbejdsplads arbeidsplass arbetsplats
    institution company virksomhed firma bedrift företag myndighed myndighet kommune kommun
    municipality city by sted place location adresse address adress role rolle roll title
    titel tittel stilling position job job_title jobtitel department afdeling avdeling
    email e_mail mail epost e_post phone telefon tlf mobil mobile cpr id birthdate
    fødselsdato age alder ålder
    """
)


def _canonical(name: str) -> str:
    return re.sub(r"[\s\-.]+", "_", name.strip().casefold())


def default_kind(name: str) -> str:
    """``publishable`` or ``identifying`` from the attribute's name alone."""
    key = _canonical(name)
    if key in PUBLISHABLE and key not in IDENTIFYING:
        return PUBLISHABLE_KIND
    return IDENTIFYING_KIND  # named in IDENTIFYING, or unknown: sealed until marked


@dataclass(frozen=True)
class AttributeClasses:
    """The study's classes: the name-based defaults with the study's overrides."""

    overrides: Mapping[str, str] = field(default_factory=dict)

    def kind(self, name: str) -> str:
        return self.overrides.get(name) or default_kind(name)

    def publishable(self, name: str) -> bool:
        return self.kind(name) == PUBLISHABLE_KIND

    def public(self, attributes: Mapping[str, str]) -> dict[str, str]:
        """Only the publishable attributes."""
        return {k: v for k, v in attributes.items() if self.publishable(k)}

    def sealed(self, attributes: Mapping[str, str]) -> list[str]:
        return sorted(k for k in attributes if not self.publishable(k))


def attribute_classes(connection: Connection, study_id: int) -> AttributeClasses:
    value = connection.scalar(
        sa.select(schema.setting.c.value).where(
            schema.setting.c.study_id == study_id, schema.setting.c.key == SETTING
        )
    )
    overrides = {str(k): str(v) for k, v in dict(value or {}).items() if v in KINDS}
    return AttributeClasses(overrides)


def attribute_names(connection: Connection, study_id: int) -> list[str]:
    rows = connection.execute(
        sa.select(schema.respondent.c.attributes).where(schema.respondent.c.study_id == study_id)
    ).scalars()
    return sorted({key for attributes in rows for key in dict(attributes or {})})


def public_respondents(
    respondents: Iterable[Respondent], classes: AttributeClasses
) -> list[Respondent]:
    """The respondents with their publishable attributes only."""
    return [Respondent(r.id, r.key, r.pseudonym, classes.public(r.attributes)) for r in respondents]


# -- document names -------------------------------------------------------------------------

NEUTRAL = {"da": "Interview", "no": "Intervju", "nb": "Intervju", "sv": "Intervju"}


def neutral_name(position: int, language: str = "da") -> str:
    """ "Interview 3" for the third document (1-based position in import order)."""
    return f"{NEUTRAL.get(language, 'Interview')} {position}"


def neutral_names(connection: Connection, study_id: int) -> dict[int, str]:
    """document id → its neutral name, numbered in import (id) order."""
    language = connection.scalar(
        sa.select(schema.study.c.language).where(schema.study.c.id == study_id)
    )
    ids = connection.execute(
        sa.select(schema.document.c.id)
        .where(schema.document.c.study_id == study_id)
        .order_by(schema.document.c.id)
    ).scalars()
    return {doc_id: neutral_name(n, language or "da") for n, doc_id in enumerate(ids, 1)}


# -- the attribution check on publishable attributes ----------------------------------------


@dataclass(frozen=True)
class CombinationWarning:
    """A combination of publishable attribute values that fewer than ``k`` respondents share."""

    attributes: tuple[tuple[str, str], ...]
    count: int
    k: int

    @property
    def message(self) -> str:
        values = ", ".join(f"{name}={value}" for name, value in self.attributes)
        return (
            f"the publishable attributes {values} together single out {self.count} "
            f"respondent(s), fewer than {self.k}: mark one of them identifying or coarsen it"
        )


def check_attributes(
    respondents: Iterable[Respondent], classes: AttributeClasses, *, k: int = MIN_GROUP
) -> list[CombinationWarning]:
    """Warn for every combination of publishable attribute values (all of a respondent's
    publishable attributes together) held by fewer than ``k`` respondents."""
    found: list[Respondent] = list(respondents)
    names = sorted({n for r in found for n in r.attributes if classes.publishable(n)})
    if not names:
        return []
    combos = Counter(
        tuple((n, str(r.attributes.get(n, ""))) for n in names if r.attributes.get(n))
        for r in found
    )
    return [
        CombinationWarning(combo, count, k)
        for combo, count in sorted(combos.items())
        if combo and count < k
    ]
