"""A finite verb in a key point candidate, without a tagger (``verbs.rules.v1``).

No Danish, Norwegian or Swedish part-of-speech tagger ships with the package (STACK.md), so a
sentence's main clause is checked for a finite verb by rules on spaCy-style word tokens:

1. relative clauses are set aside first (", der …", ", som …", ", which …" up to the next
   comma), so "Parallelle initiativer, der ikke ved noget om hinanden." has no main verb;
2. a finite verb is a word of the small per-language lexicon (auxiliaries, modals and the
   common irregular verbs in the present and past: "er", "har", "kan", "fik", "är", "gick",
   "is", "has", "need" …), or
3. a word with a finite-verb ending (Danish/Norwegian "-er", "-ede", "-te", "-es", "-r" after
   a vowel; Swedish "-ar", "-er", "-ir", "-ade", "-de", "-te", "-s"; English "-s", "-ed" or a
   bare word) in a verb's place: next to a subject pronoun ("vi bruger", "i dag bruger vi",
   one adverb such as "ikke" or "also" may stand between; "jeg ved godt"), or second after a
   definite noun, a name or a noun that is not an inflected adjective ("Borgerne forventer",
   "Lovverket henger", "Budgeten räcker", "Folk sammenligner"), or first after
   a relative clause set aside ("Systemer, der ikke taler sammen, koster …"), or, in
   English, a bare word after a plural noun ("Legacy systems block …").

"Datadeling på tværs af sektorer." and "Parallelle initiativer, der ikke ved noget om
hinanden." have none; nor has a bare noun phrase in English ("Data sharing across sectors.").
Advice in the imperative ("Start med borgeren og ikke med teknologien.") opens with a verb of
a short list; English contractions ("I'm", "we're") hold one.
"""

from __future__ import annotations

import itertools
import re

from indsigt._words import words as _words
from indsigt.units.lexicon import FINITE_VERBS as FINITE
from indsigt.units.lexicon import SUBJECT_PRONOUNS as SUBJECTS
from indsigt.units.lexicon import VERB_ADVERBS as ADVERBS

# Forms that are a verb only beside a subject ("jeg ved godt" — "ved" is also "by", "at").
NEAR_SUBJECT = {
    "da": _words("ved"),
    "nb": _words("vet"),
    "sv": _words("vet"),
    "en": frozenset[str](),
}
# Imperatives that open advice ("Start med borgeren", "Stop med at lave nye puljer").
IMPERATIVE = {
    "da": _words(
        """giv stop start pas lyt tænk brug lav tag hav husk spørg del drop invester sørg
        vær gør lad find tal hold kom gå vent begynd prøv sæt lær glem undgå skab"""
    ),
    "nb": _words(
        """gi stopp start pass lytt tenk bruk lag ta ha husk spør del invester sørg vær gjør
        la finn snakk hold kom gå vent begynn prøv sett lær glem unngå skap"""
    ),
    "sv": _words(
        """ge sluta börja lyssna tänk använd gör ta ha fråga dela investera var låt hitta
        prata håll kom gå vänta prova sätt lär glöm undvik skapa se"""
    ),
    "en": _words(
        """give stop start listen think use make take have remember ask share invest be let
        find talk keep try begin focus don't never avoid build put get bring learn involve"""
    ),
}
# English contractions that hold a finite verb ("I'm", "we're", "it's", "they've").
CONTRACTION = re.compile(r"^(?:[a-z]+'(?:m|re|ve|ll|d)|it's|that's|there's|he's|she's|what's)$")
# Adverbs that may stand between a subject and its verb, or a verb and its inverted subject.
ENDING = {
    "da": re.compile(r"(?:er|ede|te|es|[aeiouyæøå]r)$"),
    "nb": re.compile(r"(?:er|et|te|es|[aeiouyæøå]r)$"),
    "sv": re.compile(r"(?:ar|er|ir|ade|de|te|s|[aeiouyåäö]r)$"),
    "en": re.compile(r"(?:s|ed)$|^[a-z]+$"),
}
# A definite noun (or a name) as the first word of a V2 clause: "Borgerne", "Lovverket".
DEFINITE = {
    "da": re.compile(r"(?:en|et|ne)$"),
    "nb": re.compile(r"(?:en|et|ne|a)$"),
    "sv": re.compile(r"(?:en|et|na|n|t)$"),
    "en": re.compile(r"s$"),
}
RELATIVE = {
    "da": _words("der som hvor hvis hvilket"),
    "nb": _words("som der hvor hvis hvilket"),
    "sv": _words("som där vilka vilket vars"),
    "en": _words("which who that where whose whom"),
}
_TOKEN = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*|[,;:]")
# Words never read as a verb by their ending (common nouns, adverbs, prepositions).
_NOT_VERB = {
    "da": _words("over under efter hver aldrig her der mere flere andre mange sammen hinanden"),
    "nb": _words("over under etter hver aldri her der mer flere andre mange sammen hverandre"),
    "sv": _words("över under efter här där mer fler andra många tillsammans varandra alltför"),
    "en": _words(
        """this is his its us as was has does less unless across always sometimes perhaps
        data process business analysis basis news series ago now later earlier today
        together too only"""
    ),
}


def language_key(language: str) -> str:
    if language in ("no", "nn", "nb"):
        return "nb"
    return language if language in FINITE else "da"


def main_clause(text: str, language: str) -> tuple[list[str], set[int]]:
    """(the sentence's words and commas, lower case; the indices just after a relative
    clause set aside). A relative clause runs from a comma and a relative word to the next
    comma or the end."""
    lang = language_key(language)
    tokens = [t.lower().replace("’", "'") for t in _TOKEN.findall(text)]
    kept: list[str] = []
    after: set[int] = set()
    skipping = False
    for i, token in enumerate(tokens):
        if skipping:
            if token in (",", ";", ":"):
                skipping = False
                after.add(len(kept))
            continue
        if token == "," and i + 1 < len(tokens) and tokens[i + 1] in RELATIVE[lang]:
            skipping = True
            continue
        kept.append(token)
    return kept, after


def has_finite_verb(text: str, language: str) -> bool:
    """Whether ``text``'s main clause holds a finite verb (see the module docstring)."""
    lang = language_key(language)
    tokens, after = main_clause(text, language)
    words = [t for t in tokens if t not in (",", ";", ":")]
    finite, subjects, adverbs = FINITE[lang], SUBJECTS[lang], ADVERBS[lang]
    if any(w in finite for w in words):
        return True
    if words and words[0] in IMPERATIVE[lang] and text[:1].isupper():
        return True
    if lang == "en" and any(CONTRACTION.match(w) for w in words):
        return True
    ending, never = ENDING[lang], _NOT_VERB[lang]

    def verbal(i: int, near_subject: bool = False) -> bool:
        if not 0 <= i < len(tokens) or tokens[i] in (",", ";", ":"):
            return False
        w = tokens[i]
        if near_subject and w in NEAR_SUBJECT[lang]:
            return True
        return len(w) > 2 and w not in never and w not in subjects and bool(ending.search(w))

    for i, token in enumerate(tokens):
        if token in subjects:
            # "vi bruger", "vi bruger ikke", "vi har ikke", "i dag bruger vi"
            for j in (i + 1, i + 2 if i + 1 < len(tokens) and tokens[i + 1] in adverbs else -1):
                if verbal(j, near_subject=True):
                    return True
            if i >= 1 and verbal(i - 1) and i - 1 > 0:
                return True
    if len(tokens) > 1 and _noun_first(tokens[0], text, lang) and verbal(1):
        return True
    if lang == "en" and _plural_subject(tokens):
        return True
    return any(verbal(i) for i in after)


def _noun_first(word: str, text: str, lang: str) -> bool:
    """Whether the first word can be a subject noun before a V2 verb: a definite noun
    ("Borgerne"), a name ("KL"), or a noun that is not an inflected adjective ("Folk", not
    "Parallelle" or "Flere")."""
    from indsigt.units.lexicon import function_words

    first = text.split()[0] if text.split() else ""
    if len(first) > 1 and first[1:2].isupper():
        return True  # "KL", "EU"
    if word in function_words("no" if lang == "nb" else lang) or not word.isalpha():
        return False
    if DEFINITE[lang].search(word):
        return True
    return lang != "en" and not word.endswith("e")


def _plural_subject(tokens: list[str]) -> bool:
    """English "systems block", "schools need": a plural noun and a bare verb after it."""
    from indsigt.units.lexicon import function_words

    function = function_words("en") | _NOT_VERB["en"]  # "10 years ago" has no verb
    return any(
        noun.endswith("s")
        and len(noun) > 3
        and noun not in function
        and verb.isalpha()
        and verb not in function
        and not verb.endswith(("ing", "ly", "s"))
        for noun, verb in itertools.pairwise(tokens)
    )
