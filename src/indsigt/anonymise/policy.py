"""The study policy: which operator acts on each label, the allow-list, and the words used for
placeholders and pseudonyms in the study's language.

Default: persons → pseudonyms ("Deltager A" for respondents — the study's respondent noun, see
:mod:`indsigt.nouns` —, "Person 2" for other people, "Interviewer"); identifiers → typed
redaction ("[CPR]", "[TELEFON]", "[E-MAIL]"); organisations and places → their type
("[kommune]", "[region]", "[ministerium]", "[styrelse]", "[organisation]", "[sted]"); quasi-
identifiers too: a job title at a named place ("[stilling i kommune]", "[stilling]"), a local
project ("[projekt]"), a date ("[dato]"), a proper noun no detector typed ("[navn]"); other
names (MISC) are kept. Names on the allow-list are kept: countries, continents and large foreign
cities (``data/countries.txt``), the national parliaments and governments, the associations of
municipalities and regions (KL, Danske Regioner, KS, SKR), national infrastructure (MitID,
Digital Post, …), the national political parties and international bodies. Ministries and
agencies are *not* on it: a quote naming Digitaliseringsstyrelsen points to a handful of people,
so they are generalised.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from indsigt.anonymise.base import (
    ADDRESS,
    AGENCY,
    CPR,
    CVR,
    DATE,
    EMAIL,
    FNR,
    IBAN,
    LOC,
    MINISTRY,
    MISC,
    MUNICIPALITY,
    NAME,
    ORG,
    PER,
    PHONE,
    PNR,
    PROJECT,
    REGION,
    TITLE,
    TITLE_MUNICIPALITY,
    URL,
)
from indsigt.anonymise.gazetteer import countries

ALLOW = frozenset(
    """
    Danmark|Norge|Noreg|Sverige|Finland|Island|Grønland|Færøerne|Europa|Norden|EU|
    Den Europæiske Union|Europa-Kommissionen|Folketinget|Stortinget|Riksdagen|Christiansborg|
    Regeringen|Regjeringen|Regeringen|KL|Kommunernes Landsforening|Danske Regioner|KS|SKR|
    Sveriges Kommuner och Regioner|MitID|NemID|NemLog-in|Digital Post|e-Boks|borger.dk|
    sundhed.dk|BankID|ID-porten|Altinn|FN|OECD|WHO|NATO|Google|Microsoft|Apple|Amazon|OpenAI|
    ChatGPT|Teams|Zoom|KOMBIT|Denmark|Norway|Sweden|Europe|Scandinavia|Skandinavien|
    Grønland|Færøerne|Svalbard|Åland|Socialdemokratiet|Venstre|Konservative|
    Det Konservative Folkeparti|Dansk Folkeparti|Enhedslisten|Radikale Venstre|
    Liberal Alliance|Socialistisk Folkeparti|SF|Moderaterne|Danmarksdemokraterne|Alternativet|
    Høyre|Arbeiderpartiet|Ap|Fremskrittspartiet|Frp|Senterpartiet|Kristelig Folkeparti|KrF|
    Sosialistisk Venstreparti|Miljøpartiet De Grønne|MDG|Rødt|Socialdemokraterna|Moderaterna|
    Sverigedemokraterna|Centerpartiet|Liberalerna|Kristdemokraterna|Vänsterpartiet|
    Miljöpartiet
    """.replace("\n", "").split("|")
)
ALLOW = frozenset(a.strip() for a in ALLOW if a.strip()) | countries()

PLACEHOLDERS: dict[str, dict[str, str]] = {
    "da": {
        CPR: "[CPR]", FNR: "[FØDSELSNUMMER]", PNR: "[PERSONNUMMER]", CVR: "[CVR]",
        PHONE: "[TELEFON]", EMAIL: "[E-MAIL]", URL: "[URL]", IBAN: "[KONTONUMMER]",
        ADDRESS: "[ADRESSE]", MUNICIPALITY: "[kommune]", REGION: "[region]",
        MINISTRY: "[ministerium]", AGENCY: "[styrelse]", ORG: "[organisation]", LOC: "[sted]",
        TITLE: "[stilling]", TITLE_MUNICIPALITY: "[stilling i kommune]", PROJECT: "[projekt]",
        DATE: "[dato]", NAME: "[navn]",
    },
    "no": {
        CPR: "[CPR]", FNR: "[FØDSELSNUMMER]", PNR: "[PERSONNUMMER]", CVR: "[CVR]",
        PHONE: "[TELEFON]", EMAIL: "[E-POST]", URL: "[URL]", IBAN: "[KONTONUMMER]",
        ADDRESS: "[ADRESSE]", MUNICIPALITY: "[kommune]", REGION: "[fylke]",
        MINISTRY: "[departement]", AGENCY: "[etat]", ORG: "[organisasjon]", LOC: "[sted]",
        TITLE: "[stilling]", TITLE_MUNICIPALITY: "[stilling i kommune]", PROJECT: "[prosjekt]",
        DATE: "[dato]", NAME: "[navn]",
    },
    "sv": {
        CPR: "[CPR]", FNR: "[FÖDSELSNUMMER]", PNR: "[PERSONNUMMER]", CVR: "[CVR]",
        PHONE: "[TELEFON]", EMAIL: "[E-POST]", URL: "[URL]", IBAN: "[KONTONUMMER]",
        ADDRESS: "[ADRESS]", MUNICIPALITY: "[kommun]", REGION: "[region]",
        MINISTRY: "[departement]", AGENCY: "[myndighet]", ORG: "[organisation]", LOC: "[plats]",
        TITLE: "[befattning]", TITLE_MUNICIPALITY: "[befattning i kommun]",
        PROJECT: "[projekt]", DATE: "[datum]", NAME: "[namn]",
    },
    "en": {
        CPR: "[ID NUMBER]", FNR: "[ID NUMBER]", PNR: "[ID NUMBER]", CVR: "[COMPANY NUMBER]",
        PHONE: "[PHONE]", EMAIL: "[EMAIL]", URL: "[URL]", IBAN: "[ACCOUNT]",
        ADDRESS: "[ADDRESS]", MUNICIPALITY: "[municipality]", REGION: "[region]",
        MINISTRY: "[ministry]", AGENCY: "[agency]", ORG: "[organisation]", LOC: "[place]",
        TITLE: "[job title]", TITLE_MUNICIPALITY: "[job title in a municipality]",
        PROJECT: "[project]", DATE: "[date]", NAME: "[name]",
    },
}  # fmt: skip
# Every placeholder the anonymiser writes, in any language: text a reader must still see.
PLACEHOLDER_TEXTS = frozenset(text for table in PLACEHOLDERS.values() for text in table.values())

# (respondent prefix, other person prefix, interviewer) per language; the respondent prefix is
# the language's default respondent noun unless the policy names the study's own.
PERSON_WORDS = {
    "da": ("Deltager", "Person", "Interviewer"),
    "no": ("Informant", "Person", "Intervjuer"),
    "sv": ("Informant", "Person", "Intervjuare"),
    "en": ("Respondent", "Person", "Interviewer"),
}

REDACT = "redact"
GENERALISE = "generalise"
PSEUDONYMISE = "pseudonymise"
KEEP = "keep"
DEFAULT_ACTIONS = {
    PER: PSEUDONYMISE,
    MISC: KEEP,
    LOC: GENERALISE,
    ORG: GENERALISE,
    MUNICIPALITY: GENERALISE,
    REGION: GENERALISE,
    MINISTRY: GENERALISE,
    AGENCY: GENERALISE,
    TITLE: GENERALISE,
    TITLE_MUNICIPALITY: GENERALISE,
    PROJECT: GENERALISE,
    DATE: GENERALISE,
    NAME: GENERALISE,
}


@dataclass(frozen=True)
class Policy:
    """What to do with each label. ``actions`` overrides the defaults per label (``redact``,
    ``generalise``, ``pseudonymise``, ``keep``); ``allow`` adds names to keep;
    ``respondent_word`` is the study's respondent noun ("Leder" → "Leder A")."""

    language: str = "da"
    allow: frozenset[str] = ALLOW
    actions: dict[str, str] = field(default_factory=dict)
    respondent_word: str = ""

    def action(self, label: str, surface: str, *, reviewed: bool = False) -> str:
        """The operator for a span; a reviewer's "missed" decision overrides the allow-list."""
        if label != PER and not reviewed and allowed(surface, self.allow):
            return KEEP
        if (
            label in (TITLE, TITLE_MUNICIPALITY)
            and not reviewed
            and _allowed_place(surface, self.allow)
        ):
            return KEEP  # "kommunaldirektør i Danmark", or a place the study keeps
        return self.actions.get(label, DEFAULT_ACTIONS.get(label, REDACT))

    @property
    def placeholders(self) -> dict[str, str]:
        return PLACEHOLDERS.get(self.language, PLACEHOLDERS["da"])

    @property
    def person_words(self) -> tuple[str, str, str]:
        respondent, person, interviewer = PERSON_WORDS.get(self.language, PERSON_WORDS["da"])
        return (self.respondent_word or respondent, person, interviewer)

    def describe(self) -> dict[str, object]:
        return {
            "language": self.language,
            "allow_added": sorted(self.allow - ALLOW),
            "actions": dict(sorted({**DEFAULT_ACTIONS, **self.actions}.items())),
        }


def _allowed_place(surface: str, allow: frozenset[str]) -> bool:
    """Does a title span end in a name on the allow-list ("… i Viborg Kommune")?"""
    words = surface.split()
    return any(
        allowed(" ".join(words[i:]), allow)
        for i in range(1, len(words))
        if words[i - 1].endswith(",") or (words[i - 1].islower() and len(words[i - 1]) <= 4)
    )  # the whole name after the preposition or comma ("Udbetaling Danmark" is no "Danmark")


def allowed(surface: str, allow: frozenset[str]) -> bool:
    """Is ``surface`` (or it without a genitive ending) on the allow-list?"""
    text = surface.strip()
    if text in allow:
        return True
    for ending in ("s", "'s", "’s", "'"):
        if text.endswith(ending) and text[: -len(ending)] in allow:
            return True
    return False
