"""Words that are never a person on their own: the most frequent words of Danish, Norwegian,
Swedish and English (``wordfreq``'s top 500 of each) and spoken fillers, interjections and
discourse markers ("Øh", "Jamen", "Yeah", "Okay").

:func:`guard_persons` applies it to the person spans of every detector but the known
participants and the reviewer's own decisions, before names are propagated:

- words at either end of a person span that are common and not a name word are cut off
  ("Okay Peter" → "Peter"; "Thank You" → nothing);
- a span left with one common word is dropped, unless the word is also a first name
  ("Per", "Hans", "Will") and stands capitalised inside a sentence ("så sagde Per"); so is
  a lone acronym of up to four capitals ("ICE plots");
- a span of several words stays: a full name is a name even when one part is a common word
  ("Per Hansen", "Mette Frederiksen").
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from indsigt._words import words
from indsigt.anonymise.base import PER, Span

TOP = 500
LANGUAGES = ("da", "nb", "sv", "en")
# Spoken words that wordfreq's written-text lists rank lower (or spell otherwise).
FILLERS = words(
    """
    øh øhm æh æhm eh ehm ehh hmm hm mm mmm mhm mhmm puha pyh nåh nå nåja jamen jaja jah joh jo
    jep jepper nej nix nope nja næ nææ tja tjo altså okay ok okey oki fint super tusind tak
    hov ups av aha ah åh oj hej hejsa hallo hejhej godt
    asså alltså precis visst jaha jasså nämen jamen tjena hejdå aa ah va
    javel jada joda neida nei ja hei takk
    uh uhm um umm er erm ah aah oh ooh ohh wow yeah yea yep yup yes no nah hey hi hello bye
    okay ok alright right sure well like just so thanks thank cool great nice awesome
    gonna wanna gotta kinda sorta yknow y'know
    jeres deres hendes vores hennes deras dykkar
    """
)
# Common words that are also first names: a person when capitalised inside a sentence.
NAME_WORDS = words(
    "per hans bo dag kim tom mark will john else liv mai maj ask ben bent tore guy line love "
    "mor karl ole"
)
_WORD = re.compile(r"\w+(?:['’]\w+)*")
_KEEP = {"participants.v1", "review.v1"}
_SENTENCE_BREAK = set(".!?:;…\"'«»“”„‘’-–—()[]\n")


@functools.cache
def frequent_words(language: str, n: int = TOP) -> frozenset[str]:
    """The ``n`` most frequent words of ``language`` (da, no/nb/nn, sv, en), lower case."""
    from wordfreq import top_n_list

    code = {"no": "nb", "nn": "nb"}.get(language, language)
    return frozenset(top_n_list(code, n))


@functools.cache
def common_words() -> frozenset[str]:
    found: set[str] = set(FILLERS)
    for language in LANGUAGES:
        found |= frequent_words(language)
    return frozenset(found)


def is_common(word: str) -> bool:
    """A frequent word, filler or contraction of one ("I'm", "It’s")."""
    key = word.lower().replace("’", "'")
    if key in common_words():
        return True
    base, _, rest = key.partition("'")
    return bool(rest) and base in common_words() and rest in {"m", "s", "re", "ve", "ll", "d", "t"}


def guard_persons(text: str, spans: Sequence[Span]) -> list[Span]:
    """The spans with person spans cut or dropped as the module docstring says."""
    kept: list[Span] = []
    for span in spans:
        if span.label != PER or span.detector in _KEEP:
            kept.append(span)
            continue
        found = _guarded(text, span)
        if found is not None:
            kept.append(found)
    return kept


def _guarded(text: str, span: Span) -> Span | None:
    parts = [
        (span.start + m.start(), span.start + m.end(), m.group(0))
        for m in _WORD.finditer(text[span.start : span.end])
    ]
    while parts and is_common(parts[0][2]) and parts[0][2].lower() not in NAME_WORDS:
        parts.pop(0)
    while parts and is_common(parts[-1][2]) and parts[-1][2].lower() not in NAME_WORDS:
        parts.pop()
    if not parts:
        return None
    if len(parts) == 1:
        start, end, word = parts[0]
        if is_common(word) and not (word[:1].isupper() and not _sentence_start(text, start)):
            return None
        if word.isupper() and len(word) <= 4:
            return None  # an acronym ("ICE plots", "FGD")
    start, end = parts[0][0], parts[-1][1]
    if (start, end) == (span.start, span.end):
        return span
    return Span(start, end, span.label, span.score, span.detector, span.entity)


def _sentence_start(text: str, start: int) -> bool:
    before = text[:start].rstrip(" \t")
    return not before or before[-1] in _SENTENCE_BREAK
