"""A small language guess for da/no/sv/en from function words (no model needed)."""

from __future__ import annotations

import re
from collections import Counter

from indsigt._words import words as _words

_MARKERS: dict[str, frozenset[str]] = {
    "da": _words(
        """
    af hvad nogle bliver meget sådan hvordan nogen synes måske også hvis der kun gøre vores
    jeres jo altså ikke
    """
    ),
    "no": _words(
        """
    av hva noen blir veldig sånn hvordan ikkje også synes kanskje bare gjøre våre deres jo
    liksom ikke hvis
    """
    ),
    "sv": _words(
        """
    jag inte är och vad några blir mycket hur också tycker kanske bara göra våra ju alltså
    liksom att
    """
    ),
    "en": _words(
        """
    the and is are what some very how also think maybe only do our you know of to that it
    """
    ),
}
_WORD = re.compile(r"[^\W\d_]+")


def guess_language(text: str, *, default: str = "da") -> str:
    return language_evidence(text, default=default)[0]


def language_evidence(text: str, *, default: str = "da") -> tuple[str, int]:
    """The guess and how many marker words it rests on (0: none, the default)."""
    words = Counter(w.lower() for w in _WORD.findall(text[:50000]))
    scores = {lang: sum(words[w] for w in markers) for lang, markers in _MARKERS.items()}
    best = max(scores, key=lambda lang: scores[lang])
    return (best, scores[best]) if scores[best] > 0 else (default, 0)


WEAK = 2  # a guess that rests on fewer marker words than this is a weak one


def guess_languages(texts: list[str]) -> list[str]:
    """Each text's language; a text whose own guess is weak (a title, a short answer: "IT-plan
    for folkeskolerne", "Dispensation til at placere containere i to lag") takes the language
    most texts of the same import have on strong evidence."""
    evidence = [language_evidence(text) for text in texts]
    strong = Counter(lang for lang, score in evidence if score >= WEAK)
    if not strong:
        return [lang for lang, _ in evidence]
    usual = strong.most_common(1)[0][0]
    return [lang if score >= WEAK else usual for lang, score in evidence]
