"""Key point candidates: respondents' own sentences that can stand alone as a key point.

A sentence is first cleaned as a quote would be (stage directions such as "(griner)" and
leading fillers such as "Øh, altså," removed, spaces tidied); it is a candidate when it is

- short: ``min_words``–``max_words`` words (5–25 by default);
- complete: starts with a capital letter or a digit and ends with ".", "!" or nothing
  else (no question, no trailing "…" or dash, no "[…]" left inside);
- self-contained: does not start with a word that points back to something unsaid
  ("Men", "Så", "Han", "Dette", "Det samme") and holds no dangling reference ("som jeg sagde");
- substantive: not conversational by the :class:`~indsigt.analyse.keypoints.talk.TalkFilter`,
  with at least ``min_content`` content words.
"""

from __future__ import annotations

import re

from indsigt._words import words as _words
from indsigt.analyse.keypoints.talk import TalkFilter, TalkRules, content_words, language_key

# First words that make a sentence lean on what came before it.
LEADING = {
    "da": _words(
        """og men så eller fordi hvilket hvorfor derfor han hun de dem dette disse den denne
        ja nej jo altså øh præcis netop nemlig også heller hvor hvis når mens selvom end
        sådan ligesom der's dér her"""
    ),
    "nb": _words(
        """og men så eller fordi hvilket derfor han hun de dem dette disse den denne ja nei
        jo altså liksom også heller hvor hvis når mens selv om enn sånn"""
    ),
    "sv": _words(
        """och men så eller eftersom vilket därför han hon de dem detta dessa den denna ja
        nej ju alltså också heller där om när medan fast än sådär typ"""
    ),
    "en": _words(
        """and but so or because which therefore he she they them this these that those it
        yes no exactly um also too where if when while though than like"""
    ),
}
# Phrases that refer to something said elsewhere.
DANGLING = {
    "da": r"\b(?:som jeg sagde|som nævnt|det samme|det der|den der|de der|det her|dét)\b",
    "nb": r"\b(?:som jeg sa|som nevnt|det samme|det der|den der|det her)\b",
    "sv": r"\b(?:som jag sa|som sagt|samma sak|det där|den där|det här)\b",
    "en": r"\b(?:as i said|as mentioned|the same thing|that one|this one)\b",
}
FILLERS = {
    "da": ("øh", "øhm", "altså", "ja", "nej", "jo", "jamen", "nå", "okay", "men altså"),
    "nb": ("eh", "ehm", "øh", "altså", "ja", "nei", "jo", "liksom", "okei"),
    "sv": ("öh", "eh", "ehm", "alltså", "ja", "nej", "jo", "typ", "okej"),
    "en": ("uh", "um", "er", "well", "yeah", "yes", "so", "okay", "you know", "i mean"),
}
_STAGE = re.compile(r"\s*[\(\[][^\)\]]{0,40}[\)\]]")  # (griner), [latter], [inaudible]
_SPACES = re.compile(r"\s+")
_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")


def clean(text: str, language: str) -> str:
    """The sentence as a quote would print it: stage directions and leading fillers removed,
    repeated spaces tidied, the first letter capitalised after a removed filler."""
    lang = language_key(language)
    cleaned = _STAGE.sub("", text)
    cleaned = _SPACES.sub(" ", cleaned).strip(" ,;–-")
    fillers = sorted(FILLERS[lang], key=len, reverse=True)
    pattern = re.compile(
        r"^(?:(?:" + "|".join(re.escape(f) for f in fillers) + r")\b[\s,.…–-]*)+", re.IGNORECASE
    )
    stripped = pattern.sub("", cleaned)
    if stripped != cleaned and stripped:
        stripped = stripped[0].upper() + stripped[1:]
    return stripped.strip()


class CandidateRules:
    """The candidate predicate (see the module docstring)."""

    def __init__(
        self,
        *,
        min_words: int = 5,
        max_words: int = 25,
        min_content: int = 3,
        talk: TalkFilter | None = None,
    ) -> None:
        self.min_words = min_words
        self.max_words = max_words
        self.min_content = min_content
        self.talk = talk or TalkRules()
        self._dangling = {lang: re.compile(p, re.IGNORECASE) for lang, p in DANGLING.items()}

    def reason(self, text: str, language: str) -> str | None:
        """Why ``text`` (already cleaned) is not a candidate, or None when it is one."""
        lang = language_key(language)
        words = _WORD.findall(text)
        if not self.min_words <= len(words) <= self.max_words:
            return "length"
        if not (text[:1].isupper() or text[:1].isdigit()):
            return "fragment"
        if text.endswith(("?", "…", "...", "-", "–", ",", ":", ";")) or "[…]" in text:
            return "incomplete"
        if text[-1:] not in (".", "!") and text[-1:].isalnum() is False:
            return "incomplete"
        if words[0].lower() in LEADING[lang] or self._dangling[lang].search(text):
            return "dangling"
        if self.talk.is_conversational(text, language):
            return "conversational"
        if content_words([w.lower() for w in words], lang) < self.min_content:
            return "no content"
        return None

    def accepts(self, text: str, language: str) -> bool:
        return self.reason(text, language) is None
