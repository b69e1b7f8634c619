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
    words = Counter(w.lower() for w in _WORD.findall(text[:50000]))
    if not words:
        return default
    scores = {lang: sum(words[w] for w in markers) for lang, markers in _MARKERS.items()}
    best = max(scores, key=lambda lang: scores[lang])
    return best if scores[best] > 0 else default
