"""The study's word for its respondents: the pseudonym noun ("Deltager A") and the attribution
noun ("— Deltager i kommune", "15 deltagere"), one study setting (``respondent_noun`` in the
``setting`` table; no schema change).

Defaults by study language are neutral words — Danish "Deltager", Norwegian and Swedish
"Informant", English "Respondent" — and a study whose respondents are leaders says so
(``indsigt init --respondent-noun Leder``, as the bundled sample study and ``indsigt demo`` do).
A value may give the plural after a slash ("Borger/borgere"); without it the plural follows the
language's regular pattern (da/nb: "-er" → "-ere", else "-er"; sv: "-are" unchanged, else
"-er"; en: "-s").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from indsigt.errors import IndsigtError

SETTING = "respondent_noun"

DEFAULTS = {"da": "Deltager", "no": "Informant", "nb": "Informant", "sv": "Informant"}
DEFAULT_OTHER = "Respondent"  # English and any other language

# The same word in each language: a report (or quote) in another language than the study's
# uses the translation when the study's noun is one of these, else the noun as it is.
TRANSLATIONS = (
    {"da": "Leder", "no": "Leder", "sv": "Ledare", "en": "Leader"},
    {"da": "Deltager", "no": "Deltaker", "sv": "Deltagare", "en": "Participant"},
    {"da": "Respondent", "no": "Respondent", "sv": "Respondent", "en": "Respondent"},
    {"da": "Informant", "no": "Informant", "sv": "Informant", "en": "Informant"},
    {"da": "Borger", "no": "Innbygger", "sv": "Medborgare", "en": "Citizen"},
    {"da": "Medarbejder", "no": "Medarbeider", "sv": "Medarbetare", "en": "Employee"},
    {"da": "Fokusgruppe", "no": "Fokusgruppe", "sv": "Fokusgrupp", "en": "Focus group"},
)
# A study whose documents are focus groups (each one "respondent") and whose user named no
# noun says so: "Focus group A", "4 of 4 focus groups" (ingest.pipeline.settle_noun).
FOCUS_GROUP = TRANSLATIONS[-1]

# Every noun a pseudonym may start with (the defaults, the leader words, common choices): a
# quote check and the speaker-label check recognise "Deltager B" as a pseudonym, not a name.
KNOWN = (
    "Leder", "Ledare", "Leader", "Chef", "Deltager", "Deltaker", "Deltagare", "Participant",
    "Respondent", "Informant", "Interviewee", "Borger", "Medarbejder", "Person",
    "Focus group", "Fokusgruppe", "Fokusgrupp",
)  # fmt: skip

# A pseudonym or placeholder name in anonymised text ("Deltager B", "Person 3", "Interviewer
# A", "Organisation B"), also in the genitive ("Person 9s holdning", "Leder As", "Person 3's"):
# the one pattern every check uses that must not take one for words (quotes, key points, theme
# labels and vectors, statements, keywords).
PSEUDONYM_WORDS = (
    *KNOWN, "Interviewer", "Speaker", "Taler", "Organisation", "Organisasjon", "Sted", "Plats",
    "Place", "Kommune", "Region", "Firma", "Company",
)  # fmt: skip
_ALTERNATIVES = "|".join(sorted(set(PSEUDONYM_WORDS), key=len, reverse=True))
PSEUDONYM = re.compile(rf"\b(?:{_ALTERNATIVES})\s+[A-Z0-9]{{1,3}}(?:['’]?s)?\b")


@dataclass(frozen=True)
class RespondentNoun:
    """A noun in one language: ``singular`` as it starts a pseudonym ("Deltager"), ``plural``
    in running text ("deltagere")."""

    singular: str
    plural: str
    language: str = "da"

    @property
    def definite_plural(self) -> str:
        """Danish "deltagerne", Norwegian "informantene", Swedish "ledarna"; English "the
        respondents" is written by the sentence, so the plural itself."""
        word = self.plural
        if self.language == "en":
            return word
        if self.language == "sv":
            return (word[:-1] if word.endswith("are") else word) + "na"
        if self.language in ("no", "nb", "nn") and word.endswith("er"):
            return word[:-2] + "ene"
        return (word[:-1] if word.endswith("e") else word) + "ne"

    @property
    def lower(self) -> str:
        return self.singular[:1].lower() + self.singular[1:]


def plural(singular: str, language: str) -> str:
    """The regular plural of ``singular`` (lower case first letter)."""
    word = singular[:1].lower() + singular[1:]
    if language == "en":
        return word + ("es" if word.endswith(("s", "x", "ch", "sh")) else "s")
    if language == "sv":
        return word if word.endswith(("are", "ande", "ende")) else word + "er"
    if word.endswith("er"):
        return word + "e"
    return word + ("r" if word.endswith("e") else "er")


def parse_noun(value: str, language: str = "da") -> RespondentNoun:
    """A setting value ("Leder", "Borger/borgere") as a noun; a clear error when it is not one
    or two words."""
    text = value.strip()
    singular, _, given = (part.strip() for part in text.partition("/"))
    pattern = r"[^\W\d_][\w'’-]*(?: [^\W\d_][\w'’-]*)?"
    if not re.fullmatch(pattern, singular) or (given and not re.fullmatch(pattern, given)):
        raise IndsigtError(
            f"respondent noun {value!r}: expected a word such as 'Deltager' or 'Borger/borgere'"
        )
    singular = singular[:1].upper() + singular[1:]
    return RespondentNoun(singular, given or plural(singular, language), language)


def focus_group(language: str) -> str:
    """The word for a focus group in ``language`` ("Fokusgruppe"; English for any other)."""
    return FOCUS_GROUP.get(_base(language), FOCUS_GROUP["en"])


def names_focus_group(noun: RespondentNoun) -> bool:
    """Whether ``noun`` is the word for a focus group in one of the languages: a study whose
    user called its respondents "Fokusgruppe" has focus groups, whatever its documents'
    layout."""
    return noun.singular.casefold() in {word.casefold() for word in FOCUS_GROUP.values()}


def default_noun(language: str) -> RespondentNoun:
    return parse_noun(DEFAULTS.get(language, DEFAULT_OTHER), language)


def respondent_noun(
    value: str | None, language: str, *, study_language: str | None = None
) -> RespondentNoun:
    """The study's noun from its stored setting value (``None``: the study language's
    default), in ``language``: translated when ``language`` is not the study's and the noun
    is a known one ("Leder" → "Leader"); a plural given after a slash holds only in the
    study's language."""
    study_language = study_language or language
    text = value or DEFAULTS.get(study_language, DEFAULT_OTHER)
    if _base(language) == _base(study_language):
        return parse_noun(text, language)
    singular = parse_noun(text, study_language).singular
    for group in TRANSLATIONS:
        if group.get(_base(study_language)) == singular:
            return parse_noun(group.get(_base(language), singular), language)
    return parse_noun(singular, language)


def _base(language: str) -> str:
    return {"nb": "no", "nn": "no"}.get(language, language)
