"""Readable theme labels: a short central statement of the theme (``central.v1``).

Of the sentences in the members nearest the theme's centre, the label is the one that says
most of the theme's top terms in few words, cleaned as a publishable quote is (fillers, stage
directions and false starts out, see :func:`indsigt.units.publishable`), its leading
conjunction dropped and cut at about ten words on a word boundary, preferring a clause
boundary. A sentence that names a pseudonym or an anonymiser's placeholder ("Person 41",
"[kommune]"), holds fewer than three content words or is a tally of table cells run together
("Very Easy 01Easy 09Neither …") is never chosen, and a question only when no statement is
left (in a focus group's record the moderator's questions stand among the answers); with no
sentence left the label falls back to the top terms. Lines wrapped inside a sentence (text
extracted from PDF) are joined first, so a label never starts mid-sentence ("Than three
cars"), and a speaker code the transcriber wrote into the text ("R 7", "R.1 =") is dropped, as
are an item's number ("12. Genoptagelse …", "Nr. 1: …") and a table of contents' dot leaders
and page ("…servicevejvisning..396").

Why a sentence and not noun phrases: noun phrases need a tagger per language (the sample
study mixes four), and read on the sample study and pdpilot's raw transcripts a central
sentence says what the theme is about where its terms do not: "penge, gevinsten, kapital"
became "Hvis jeg skal købe 200 sensorer, så skal pengene findes i mit driftsbudget",
"predictions, actual, ground" became "Comparing the predicted versus the actual".
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from typing import ClassVar

from indsigt._words import shouted
from indsigt.lexical import is_negation
from indsigt.themes.base import ThemeOptions
from indsigt.themes.components import primary, stem_words
from indsigt.units.lexicon import NONVERBAL, PSEUDONYM, function_words
from indsigt.units.publish import OMISSION, publishable
from indsigt.units.rules import content_words

_SENTENCE = re.compile(r"(?<=[.!?…])\s+(?=[\"“”'(\[]?[A-ZÆØÅÄÖ])|\n+")
# A line break inside a sentence: transcripts extracted from PDF wrap lines mid-sentence
# ("… if you have 30 or\n40 features"); a line that starts there is no sentence of its own.
_WRAP = re.compile(r"(?<![.!?…:\n])[ \t]*\n(?![ \t]*\n)[ \t]*")
# A speaker code a transcriber wrote into the text of a group's turn: "R 7", "R.1 =", "R2."
# Table cells run together by the transcriber ("Very Easy 01Easy 09Neither easy …"): a tally.
_CELLS = re.compile(r"\d[A-ZÆØÅÄÖ][a-zæøåäö]")
_SPEAKER_CODE = re.compile(r"^(?:R|P|FG)\s?\.?\s?\d{1,2}\b\s*(?:[.:=,)-]\s*)*(?=\w)")
_LEADING = re.compile(
    r"^(?:og|men|så|altså|jamen|jo|nå|og så|men altså|and|but|so|well|because|or|och|"
    r"eller|dvs|also|then|og da|men så|like|you know)\b[,]?\s+",
    re.IGNORECASE,
)
_PLACEHOLDER = re.compile(r"\[[^\[\]]{1,40}\]|\bX{2,}\b")  # "[kommune]", "XXXX" (redacted)
_DIRECTION = re.compile(r"\([^()]{0,40}\)")  # "(griner)", "(unintelligible)"
_BREAK = re.compile(r"\s[–—-]\s")
# An item's number before the text ("12. Genoptagelse af …", "Nr. 1: Godkendelse …", "5 -
# Godkendelse …", "3) Vi mener …") and a table of contents' dots and page ("…vejvisning..396").
_NUMBER = r"\d{1,4}(?:[./-]\d{1,4})*"
_ITEM = re.compile(
    rf"^(?:(?:(?:nr|no|sag|punkt|pkt)\.?\s*)+{_NUMBER}[.):]?|{_NUMBER}(?:[.):]|\s+[-–—]))"
    r"\s+(?=\w)",
    re.IGNORECASE,
)

_LEADER = re.compile(r"\s*\.{2,}[\s.]*\d*\s*$")
_CLAUSE_END = re.compile(r"[,;:–—]$")


class CentralStatementLabeller:
    """The theme's most telling central sentence, cleaned and cut (see the module docstring)."""

    name: ClassVar[str] = "central.v1"

    @classmethod
    def from_options(cls, options: ThemeOptions) -> CentralStatementLabeller:
        return cls(language=options.language)

    def __init__(
        self,
        *,
        language: str = "da",
        candidates: int = 30,
        words: int = 10,
        most: int = 13,
    ) -> None:
        self.language = language
        # Each document language's fillers; a Nordic language's lists hold the English ones
        # that are no Nordic word, and English's own ("er") would cut Danish "er" (is).
        codes = language.split("+")
        self._fillers = [c for c in codes if c == codes[0] or c != "en"]
        self.candidates = candidates
        self.words = words
        self.most = most

    def phrase(self, texts: Sequence[str], members: Sequence[int], terms: Sequence[str]) -> str:
        weights = {
            stem: 1.0 / (1 + rank)
            for rank, term in enumerate(terms)
            for stem, _ in stem_words(term, self.language)
        }
        best: tuple[bool, float, str] | None = None
        for position, member in enumerate(members[: self.candidates]):
            text = _WRAP.sub(" ", _DIRECTION.sub(" ", texts[member]))
            for sentence in _SENTENCE.split(text):
                cleaned = self.clean(sentence)
                if not cleaned:
                    continue
                label = self.cut(cleaned)
                stems = {s for s, _ in stem_words(label, self.language)}
                # What the label shows; fsum: the same score in any order of the set (a
                # plain sum's last bit, and so a tie, changed with PYTHONHASHSEED).
                score = math.fsum(weights.get(s, 0.0) for s in stems)
                score += 0.6 / (1 + position)  # central members say the theme best
                score += 0.2 if not label.endswith("…") else 0.0  # a whole sentence
                score -= 0.3 if _BREAK.search(label) else 0.0  # a false start left in
                # A question (often the moderator's, written into a group's record) names
                # what was asked, not what the theme says: only when nothing else is left.
                ranked = (not cleaned.endswith("?"), score, label)
                if best is None or ranked[:2] > best[:2]:
                    best = ranked
        return best[2] if best is not None else ", ".join(terms[:3])

    def clean(self, sentence: str) -> str:
        """The sentence as a label may show it, or "" when it may not be a label."""
        if PSEUDONYM.search(sentence) or _PLACEHOLDER.search(sentence):
            return ""
        if len(_CELLS.findall(sentence)) >= 2:
            return ""
        cleaned = NONVERBAL.sub(" ", _SPEAKER_CODE.sub("", _LEADER.sub("", sentence.strip())))
        while item := _ITEM.match(cleaned):
            cleaned = cleaned[item.end() :]
        for _ in range(2):
            for code in self._fillers:
                cleaned = publishable(cleaned, language=code)
            cleaned = cleaned.replace(OMISSION, " ").replace("...", " ").replace("…", " ")
            cleaned = _LEADING.sub("", cleaned.strip(" ,;:–—-\"“”'"))
        cleaned = " ".join(cleaned.split())
        # Content words by every document language's function words: "Jag kan ta ett
        # personligt exempel" has five by Danish words and two by Swedish ones.
        if min(content_words(cleaned, language=code) for code in self._fillers) < 3:
            return ""
        if shouted(cleaned):
            cleaned = cleaned.lower()  # "LUKKET PUNKT - ORIENTERING" reads as a heading shouted
        return cleaned[:1].upper() + cleaned[1:]

    def cut(self, text: str) -> str:
        """At most ``most`` words; longer text is cut near ``words`` words, at a clause
        boundary if one lies within reach, and marked with "…". A label does not end on a
        function word ("… I think the")."""
        words = text.split()
        cut = len(words)
        if len(words) > self.most:
            low, high = max(4, self.words - 4), min(len(words) - 1, self.most)
            cut = next(
                (i + 1 for i in range(high - 1, low - 1, -1) if _CLAUSE_END.search(words[i])),
                self.words,
            )
        # Never of a negation: "Man kan ikke gøre det alene …, det kan man simpelthen ikke."
        # was titled "… det kan man simpelthen".
        function = function_words(primary(self.language))
        while cut > 3:
            last = words[cut - 1].lower().strip(".,;:!?–—-")
            if last not in function or is_negation(last, self._fillers):
                break
            cut -= 1
        label = " ".join(words[:cut]).rstrip(".!;:,–—- ")
        return label if cut == len(words) else label + " …"
