"""Words that are never a person on their own: the most frequent words of Danish, Norwegian,
Swedish and English (``wordfreq``'s top 500 of each), spoken fillers, interjections and
discourse markers ("Øh", "Jamen", "Yeah", "Okay") and pronouns.

:func:`guard_persons` applies it to the person spans of every detector but the trusted ones
(``trusted = True``: the known participants, the reviewer's own decisions, a plugin's that
says so), before names are propagated:

- fillers and pronouns at either end of a person span are cut off, and so are frequent words
  written in lower case ("Okay Peter" → "Peter"; "Thank You" → nothing);
- a span left with nothing but frequent words and acronyms is dropped at the start of a
  sentence or turn ("Like, …", "Even If …", "Ja.", "One-way ICE plots") and when it is all
  acronyms ("ICE plots"); inside a sentence a capitalised frequent word is written so because
  it is a name ("så sagde Per", "Sine", "Høj") — in Danish, Norwegian and Swedish; English
  capitalises headings and list items too ("Middle Class"), so there it must also be a first
  name ("Will", "Mark");
- a span after "Sankt", "Skt.", "St." (a saint's name in a place, church or holiday name:
  "Sankt Markus Nat", "St. Hanshaugen") is dropped;
- a span with a word that is not frequent stays: a full name is a name even when one part is
  a common word ("Per Hansen", "Mette Frederiksen", "H. C. Andersen", "Christian VI").
"""

from __future__ import annotations

import functools
import re
from collections.abc import Collection, Sequence

from indsigt._words import words
from indsigt.anonymise.base import PER, Span
from indsigt.anonymise.names import PARTICLES, SURNAME
from indsigt.anonymise.ranking import Ranking
from indsigt.firstnames import WORD_NAMES, label_names

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
PRONOUNS = words(
    """
    i me my mine you your yours he him his she her hers we us our ours they them their it its
    jeg mig min mit mine du dig din dit dine han ham hun hende vi os vores i jer jeres de dem
    deres den det man jag mej mitt hon henne ni er ert era dom dem deras hen
    eg meg deg hann henne oss dykk dei dere
    """
)
NEVER = FILLERS | PRONOUNS | words("may")
# Frequent English words that are also first names: a person when capitalised mid-sentence.
NAME_WORDS = words("will mark john bill guy ben tom kim bob pat sue grace hope joy rose")
_WORD = re.compile(r"\w+(?:['’]\w+)*")
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


KNOWN_ZIPF = 3.0  # at least once per million words of text


def is_known_word(word: str, language: str) -> bool:
    """A word of the language's written vocabulary (wordfreq's Zipf frequency ≥ 3): true for
    "Erfarne" and "Spiste", and for common names ("Mette", "Lund"), false for rarer names
    ("Oyelaran", "Thorsager")."""
    from wordfreq import zipf_frequency

    code = {"no": "nb", "nn": "nb"}.get(language, language)
    return zipf_frequency(word.lower(), code) >= KNOWN_ZIPF


def is_common(word: str) -> bool:
    """A frequent word, filler or contraction of one ("I'm", "It’s")."""
    key = word.lower().replace("’", "'")
    if key in common_words():
        return True
    base, _, rest = key.partition("'")
    return bool(rest) and base in common_words() and rest in {"m", "s", "re", "ve", "ll", "d", "t"}


def guard_persons(
    text: str,
    spans: Sequence[Span],
    *,
    language: str = "da",
    trusted: Collection[str] | None = None,
) -> list[Span]:
    """The spans with person spans cut or dropped as the module docstring says. ``trusted``:
    the names of the detectors whose person spans stay as they are (by default those that
    declare ``trusted = True`` among the registered detectors and the study's own sources)."""
    keep = Ranking.of().trusted if trusted is None else trusted
    kept: list[Span] = []
    for span in spans:
        if span.label != PER or span.detector in keep:
            kept.append(span)
            continue
        found = _guarded(text, span, language)
        if found is not None:
            kept.append(found)
    return kept


def _never(word: str) -> bool:
    """A filler, interjection or pronoun: never (part of) a person's name."""
    if word.isupper() and len(word) > 1:  # "OK", but not "VI" (Christian VI) or "DE"
        return word.lower() in FILLERS
    key = word.lower().replace("’", "'")
    base, _, rest = key.partition("'")
    return key in NEVER or (bool(rest) and base in NEVER)


def _guarded(text: str, span: Span, language: str) -> Span | None:
    parts = [
        (span.start + m.start(), span.start + m.end(), m.group(0))
        for m in _WORD.finditer(text[span.start : span.end])
    ]

    def weak(part: tuple[int, int, str]) -> bool:  # cut off the ends of a span
        _, end, word = part
        return _never(word) or (
            not word[:1].isupper()
            and (is_common(word) or _said(word, language))
            and not _initial(text, end, word)
        )

    def nameless(part: tuple[int, int, str]) -> bool:  # a common word or an acronym
        _, end, word = part
        if _initial(text, end, word):
            return False
        return is_common(word) or (word.isupper() and len(word) <= 4)

    count = len(parts)
    while parts and (weak(parts[0]) or _said_before_a_name(text, parts, language)):
        parts.pop(0)
    front = count - len(parts)
    while parts and weak(parts[-1]):
        parts.pop()
    if not parts or _after_saint(text, parts[0][0]) or parts[0][2] in _SAINTS:
        return None
    back = count - front - len(parts)
    if all(nameless(p) for p in parts):
        start, _, word = parts[0]
        if all(w.isupper() for _, _, w in parts):
            return None  # acronyms ("ICE plots", "FGD")
        opening = _sentence_start(text, start) and not _named_first(text, parts, span)
        if not word[:1].isupper() or opening:
            return None  # "Like, …", "Even If …", "Ja."
        if language == "en" and not all(
            w.lower() in NAME_WORDS or w in WORD_NAMES for _, _, w in parts
        ):
            return None  # English capitalises headings and list items ("Middle Class")
    start = parts[0][0] if front else span.start
    end = parts[-1][1] if back else span.end
    if (start, end) == (span.start, span.end):
        return span
    return Span(start, end, span.label, span.score, span.detector, span.entity)


# What follows "Per", "Will", "Mark" … where they are the word, not the name: "Per capita",
# "Per the agreement", "Will you …", "Mark the date", "Per person koster det".
_NOT_AFTER_A_NAME = words(
    """
    capita cent se the a an this that these those each every year month week day hour person
    unit household you we they it i he she there my your our their us them
    dag år måned uge uke time stk styk indbygger innbygger invånare månad vecka timme
    """
)
_NEXT_WORD = re.compile(r"\W*(\w+)")


def _named_first(text: str, parts: list[tuple[int, int, str]], span: Span) -> bool:
    """A first name that is also a word, alone at a sentence's start, that a detector is sure
    of and that the next word does not make the word ("Per ran the pilot", not "Per capita"):
    a name, though frequent ("per" is among the 500 most frequent words); not before a number
    ("Per 1. januar")."""
    if len(parts) != 1 or parts[0][2] not in WORD_NAMES or span.score < 0.8:
        return False
    after = _NEXT_WORD.match(text, parts[0][1])
    said = after.group(1) if after else ""
    return bool(said) and not said.isdigit() and said.lower() not in _NOT_AFTER_A_NAME


def _said(word: str, language: str) -> bool:
    """A word in lower case that the language writes ("hils" in "og hils Søs", a tagger's
    guess "hils Søs"), and no name written small ("mette frederiksen" in a machine's
    transcript), nor a particle of one ("af", "von")."""
    return word.lower() not in PARTICLES and _no_name(word.capitalize(), language)


def _said_before_a_name(text: str, parts: list[tuple[int, int, str]], language: str) -> bool:
    """The span's first word opens the sentence and is said before a name
    (:func:`said_before_a_name`)."""
    return (
        len(parts) >= 2
        and _sentence_start(text, parts[0][0])
        and said_before_a_name(parts[0][2], parts[1][2], language)
    )


def said_before_a_name(word: str, following: str, language: str) -> bool:
    """``word``, capitalised at a sentence's start, is a word of the language, no name, and
    a first name follows it: "Hils Mette Frederiksen", "Kære Anders" (a tagger took the verb or
    the greeting in). A word written like a surname ("Skov Larsen") or before a surname only
    stays with the name: cutting it could leave part of a name readable."""
    return word[:1].isupper() and following in label_names() and _no_name(word, language)


def _no_name(word: str, language: str) -> bool:
    """``word`` (capitalised) is a word of the language and neither a first name nor written
    like a surname."""
    return word not in label_names() and not SURNAME.match(word) and is_known_word(word, language)


# A saint's name in the name of a place, church or holiday ("Sankt Markus Nat", "St.
# Hanshaugen", "Skt. Hans") is no person: the gold of every NER set here says so.
_SAINTS = {"Sankt", "Sankta", "Skt", "Sct", "St", "Saint", "Sainte", "Santa"}
_SAINT = re.compile(r"(?:\b(?:Sankt|Sankta|Skt|Sct|St|S:t|Saint|Sainte|Santa)\.?)\s+$")


def _after_saint(text: str, start: int) -> bool:
    return _SAINT.search(text[max(0, start - 12) : start]) is not None


def _initial(text: str, end: int, word: str) -> bool:
    return len(word) == 1 and word.isupper() and text[end : end + 1] == "."


def _sentence_start(text: str, start: int) -> bool:
    index = start - 1
    while index >= 0 and text[index] in " \t":
        index -= 1
    return index < 0 or text[index] in _SENTENCE_BREAK
