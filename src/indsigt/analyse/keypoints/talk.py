"""Conversational talk: passages that carry no content (rules per language, da/nb/sv/en).

A small predicate until issue 16's conversational-talk detector exists: ``TalkFilter`` is the
Protocol that detector will implement; :class:`TalkRules` (``talk-rules.v1``) is what key
points use now. A text is conversational when it is

- a backchannel, filler, greeting, thanks or sign-off ("Ja ja.", "Mm.", "Tak for det."),
- talk about the interview itself ("Kan du gentage spørgsmålet?", "Godt spørgsmål."),
- a pseudonym-only fragment ("Person 41."), or
- a fragment without content words (fewer than ``min_content`` words outside the stop words).
"""

from __future__ import annotations

import re
from typing import ClassVar, Protocol, runtime_checkable

from indsigt._words import words as _words


@runtime_checkable
class TalkFilter(Protocol):
    name: ClassVar[str]

    def is_conversational(self, text: str, language: str) -> bool: ...


# Words that alone make a backchannel or a filler, per language.
BACKCHANNEL = {
    "da": _words(
        """ja jah jo nej nå nåh okay ok okej øh øhm ehm hm hmm mm mhm mmm aha nemlig præcis
        netop rigtigt rigtig klart fint godt super tak ja-ja fedt enig absolut selvfølgelig
        sikkert jamen altså sådan bare lige ikke ik vel nok"""
    ),
    "nb": _words(
        """ja jo nei nå okei ok øh ehm eh hm hmm mm mhm aha akkurat nettopp riktig klart fint
        bra supert takk enig absolutt selvfølgelig sikkert altså liksom bare vel sånn ikke"""
    ),
    "sv": _words(
        """ja jo nej nä nå okej ok öh eh ehm hm hmm mm mhm aha precis exakt just visst klart
        fint bra super tack absolut självklart säkert alltså liksom typ bara väl inte"""
    ),
    "en": _words(
        """yes yeah yep yup no nope okay ok oh uh um umm uhm er erm hm hmm mm mhm uh-huh aha
        right exactly sure true fine good great cool perfect thanks absolutely definitely
        indeed well so like just really totally"""
    ),
}

# Greetings, thanks, sign-offs and talk about the interview, per language.
PHRASES = {
    "da": (
        r"\btak for\b",
        r"\bmange tak\b",
        r"\b(?:godt|interessant|svært) spørgsmål\b",
        r"\bgentage spørgsmålet\b",
        r"\bhvad var (?:det )?spørgsmålet\b",
        r"\bnæste spørgsmål\b",
        r"\b(?:kan|kunne) du (?:gentage|uddybe)\b",
        r"\bsom jeg sagde\b",
        r"\b(?:god|hav en god) (?:dag|weekend)\b",
        r"\b(?:hej|farvel|velkommen)\b",
        r"\b(?:hører|kan) du mig\b",
        r"\bdet ved jeg ikke\b",
        r"\bdet kan jeg ikke huske\b",
        r"\b(?:optage|optagelsen|interviewet)\b",
        r"\bundskyld\b",
        r"\b(?:sige det sådan|hvordan skal jeg sige)\b",
    ),
    "nb": (
        r"\btakk for\b",
        r"\btusen takk\b",
        r"\b(?:godt|interessant|vanskelig) spørsmål\b",
        r"\bgjenta spørsmålet\b",
        r"\bhva var spørsmålet\b",
        r"\bneste spørsmål\b",
        r"\bsom jeg sa\b",
        r"\b(?:hei|ha det)\b",
        r"\bhører du meg\b",
        r"\bdet vet jeg ikke\b",
        r"\b(?:opptak|opptaket|intervjuet)\b",
        r"\bunnskyld\b",
        r"\b(?:si det sånn|hvordan skal jeg si)\b",
    ),
    "sv": (
        r"\btack för\b",
        r"\btack så mycket\b",
        r"\b(?:bra|intressant|svår) fråga\b",
        r"\bupprepa frågan\b",
        r"\bvad var frågan\b",
        r"\bnästa fråga\b",
        r"\bsom jag sa\b",
        r"\b(?:hej|hejdå|välkommen)\b",
        r"\bhör du mig\b",
        r"\bdet vet jag inte\b",
        r"\b(?:inspelningen|intervjun)\b",
        r"\b(?:förlåt|ursäkta)\b",
        r"\b(?:säga det så här|hur ska jag säga)\b",
    ),
    "en": (
        r"\bthanks? (?:you )?for\b",
        r"\bthank you\b",
        r"\b(?:good|great|interesting|tough) question\b",
        r"\brepeat the question\b",
        r"\bwhat was the question\b",
        r"\bnext question\b",
        r"\bas i (?:said|mentioned)\b",
        r"\b(?:hello|hi|bye|goodbye|welcome)\b",
        r"\bcan you hear me\b",
        r"\bi don'?t know\b",
        r"\b(?:recording|the interview)\b",
        r"\bsorry\b",
        r"\b(?:put it this way|how should i put it)\b",
    ),
}

PSEUDONYM_ONLY = re.compile(
    r"^\W*(?:(?:Leder|Ledare|Leader|Person|Respondent|Interviewer|Deltager|Deltaker|Deltagare)"
    r"\s+[A-Z0-9]{1,3}\W*)+$"
)
_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")


def language_key(language: str) -> str:
    """The rules' language: Norwegian variants are ``nb``; unknown languages use Danish."""
    if language in ("no", "nn", "nb"):
        return "nb"
    return language if language in BACKCHANNEL else "da"


class TalkRules:
    """Conversational talk by rules (see the module docstring)."""

    name: ClassVar[str] = "talk-rules.v1"

    def __init__(self, *, min_content: int = 2) -> None:
        self.min_content = min_content
        self._phrases = {
            lang: re.compile("|".join(patterns), re.IGNORECASE)
            for lang, patterns in PHRASES.items()
        }

    def is_conversational(self, text: str, language: str) -> bool:
        lang = language_key(language)
        if PSEUDONYM_ONLY.match(text.strip() or "."):
            return True
        words = [w.lower() for w in _WORD.findall(text)]
        if not words or all(w in BACKCHANNEL[lang] for w in words):
            return True
        if self._phrases[lang].search(text):
            return True
        return content_words(words, lang) < self.min_content


def content_words(words: list[str], language: str) -> int:
    """How many of ``words`` are neither stop words nor backchannel words."""
    from indsigt.themes.components import stopwords

    lang = language_key(language)
    stop = stopwords("no" if lang == "nb" else lang) | BACKCHANNEL[lang]
    return sum(1 for w in words if w not in stop and len(w) > 1)
