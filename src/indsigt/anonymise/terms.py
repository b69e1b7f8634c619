"""Capitalised words that name a thing, not a person: person spans the guessing detectors
found (the tagger, the name lexicon) that the words around them show to be a term, a place or
a method. Read on two real studies (stop 33): a Bangla farm word glossed in brackets ("Pani
Sech,(irrigation)"), a saying "literally translated", a word "called … in the local
context", "the Edwards neighborhood", "a Monte Carlo simulation", and "equality in Islam".

:func:`drop_terms` takes such spans out, before names are propagated. Each rule asks for
evidence in the text, never for the word itself, and none touches a span a trusted detector
found (known participants, review decisions) or a name written in full elsewhere in the text:

1. **A glossed term**: the span is followed, within two words of the same sentence, by a
   bracket whose words hold no person (no pronoun, person noun, number, transcriber's note
   or word with an agent noun's ending: "Daniel (laughs)", "Ole (her husband)", "Nasima (the
   tailor)" stay names), or within four words by "literally means/translated", "which means"
   or "in the local context/language". A first name, or a span called a person again
   elsewhere in the text, is no term ("Rafik (her husband)").
2. **A thing's name**: the span is followed by a noun for a place, a method or a category
   ("neighborhood", "simulation", "category"): "the Edwards neighborhood".
3. **After "in"**: a lone word after "in" is a place, a faith or a field, not a person
   ("equality in Islam"; "Islam" is also a first name in the lexicon).
4. **Written in lower case more often**: a one-word span, not a first name (nor "Mark", "Per":
   names that are also words), whose word the text writes in lower case more often than
   capitalised is a common noun or a term capitalised in a heading or a list ("Response
   Private voting" beside "private voting", "private company"); a surname that is also a
   noun ("King", "Skov") is capitalised more often than not where it names someone.

Not a rule: a word the detectors call a person at few of its many mentions ("Shapley", one
of twelve in a pdpilot transcript) — the detectors miss a rare foreign name as often, and
propagation masking its other mentions is then the only thing between it and the reader (the
rule unmasked GENNOVATE's "Ana’s" and "Deeni’s" before the genitive was counted; it was
dropped for that risk). Nor is a one-word span beside a capitalised word no detector took
for a name ("Monte Carlo", where a PDF's line break before "Monte" hid it from the lexicon)
half of a compound more than sometimes: on NorNE dev that rule unmasked "Forrest Gump" and
"Svindal Dagbladet.no" (a byline), gold persons both. "Monte Carlo simulation" is caught by
rule 2.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection, Sequence

from indsigt._words import words
from indsigt.anonymise.base import PER, Span
from indsigt.anonymise.frequent import NAME_WORDS, PRONOUNS
from indsigt.anonymise.tokens import tokenize
from indsigt.firstnames import STOP, first_names

# Words in a bracket after a name that say it is a person, or a transcriber's note beside
# a person's words ("Mette (laughs)").
PERSON_WORDS = words(
    """
    man men woman women boy boys girl girls husband wife wives son daughter father mother
    brother sister uncle aunt cousin child children widow widower bride groom grandfather
    grandmother friend neighbour neighbor colleague boss chief leader head member person
    people participant respondent interviewer moderator name pseudonym mr mrs ms miss sir
    mand mænd kvinde kvinder kone hustru søn datter far mor bror søster ven kollega chef leder
    kvinna kvinnor fru dotter syster vän kollega sjef kone datter venn
    laughs laughing laughter laugh inaudible unintelligible crosstalk pause pauses sighs
    coughs silence smiles interrupts interrupted overlapping indistinct unclear
    griner latter utydelig uhørligt skratt skrattar ler
    """
)
# Nouns whose name a capitalised word before them is: a place, a method, a category. None
# is also a verb in the third person ("Mette values", "Peter plots", "Ole parks" stay names).
THING_NOUNS = words(
    """
    neighborhood neighbourhood neighborhoods neighbourhoods street road avenue lane district
    county province village town city region airport river lake island
    simulation simulations method methods algorithm algorithms distribution distributions
    equation equations theorem coefficient category categories
    """
)
_GLOSS_AFTER = re.compile(
    r"(?i)^[\s’'”\"»]*(?:[^\W\d_][\w’'-]*[\s’'”\",»]+){0,4}?"
    r"(?:literally\s+(?:means?|meaning|translated|translates)|which\s+means|"
    r"in\s+(?:the\s+)?local\s+(?:context|language|dialect|terms?|words?))\b"
)
_BRACKET_AFTER = re.compile(
    r"^[\s’'”\"»]*(?:[^\W\d_][\w’'-]*[\s’'”\"»]*){0,2}?,?\s*\(([^()\n]{1,80})\)"
)


def drop_terms(
    text: str, spans: Sequence[Span], *, language: str = "da", trusted: Collection[str] = ()
) -> list[Span]:
    """The spans without the person spans the module docstring's rules read as terms."""
    persons = [s for s in spans if s.label == PER]
    if not any(s.detector not in trusted and not s.entity for s in persons):
        return list(spans)  # nothing to judge: no second tokenising of every passage
    tokens = tokenize(text)
    called = _called(text, persons)
    capitals = Counter(_base(t.text) for t in tokens if t.capitalised)
    lower = Counter(_base(t.text) for t in tokens if t.text[:1].islower())
    kept = []
    for span in spans:
        if span.label != PER or span.detector in trusted or span.entity:
            kept.append(span)
            continue
        surface = text[span.start : span.end]
        if not (
            _glossed(text, span, surface, called)
            or _thing(text, span)
            or _after_in(text, span, surface)
            or _lower_case(surface, lower, capitals)
        ):
            kept.append(span)
    return kept


def _called(text: str, persons: Sequence[Span]) -> Counter[str]:
    """How many person spans hold each word."""
    found: Counter[str] = Counter()
    for span in persons:
        found.update(set(_WORD.findall(text[span.start : span.end])))
    return found


_WORD = re.compile(r"[^\W\d_][\w-]*")


def _glossed(text: str, span: Span, surface: str, called: Counter[str]) -> bool:
    """Rule 1 of the module docstring."""
    after = text[span.end : span.end + 160]
    if sentence := re.search(r"[.!?](?:\s|$)", after):
        after = after[: sentence.start()]
    bracket = _BRACKET_AFTER.match(after)
    glossed = _GLOSS_AFTER.match(after) is not None or (
        bracket is not None and _describes_thing(bracket.group(1))
    )
    if not glossed:
        return False
    # A first name, or a name the text calls a person elsewhere ("Rafik (her husband)" …
    # "Rafik said"), stays.
    found = _WORD.findall(surface)
    return all(called[w] <= 1 and w not in first_names() for w in found)


def _describes_thing(gloss: str) -> bool:
    """A bracket's words that say what a word means: no number, pronoun, person noun,
    transcriber's note or noun that may name someone by what they do ("the tailor",
    "a farmer": the endings of agent nouns)."""
    found = [w.lower() for w in _WORD.findall(gloss)]
    return (
        bool(found)
        and not any(c.isdigit() for c in gloss)
        and not any(w in PRONOUNS or w in PERSON_WORDS or w.endswith(_AGENT) for w in found)
    )


_AGENT = ("er", "or", "ist", "ian", "ant", "ent", "man", "men", "ess")


def _thing(text: str, span: Span) -> bool:
    """Rule 2: "the Edwards neighborhood", "a Monte Carlo simulation"."""
    following = re.match(r"[ \t]+([a-z]+)\b", text[span.end : span.end + 30])
    return following is not None and following.group(1) in THING_NOUNS


def _base(word: str) -> str:
    """A word without an English or Nordic genitive ending ("Ana’s" → "Ana")."""
    return re.sub(r"['’]s?$", "", word)


def _after_in(text: str, span: Span, surface: str) -> bool:
    """Rule 3: a lone word right after "in" ("equality in Islam")."""
    if " " in surface.strip() or surface.endswith(("'s", "’s")):
        return False
    return re.search(r"(?:^|\s)in[ \t]+$", text[max(0, span.start - 5) : span.start]) is not None


def _lower_case(surface: str, lower: Counter[str], capitals: Counter[str]) -> bool:
    """Rule 4: a word the text writes in lower case more often than capitalised (not a first
    name, nor a word the name lexicon keeps as a name that is also a word: "Mark", "Per")."""
    word = _base(surface.strip())
    if " " in word or word in first_names() or word.lower() in STOP | NAME_WORDS:
        return False
    return lower.get(word.lower(), 0) > capitals.get(word, 0)
