"""The Nordic proper-noun detector: person names in running text without a trained model.

Evidence, each a rule with its own score:
- a known first name (Nordic first names, and common first names of other countries, from the
  name dictionary shipped with ``gender-guesser``), with the capitalised words that follow it
  (surnames, middle names, particles such as "von", "af", "de");
- a title or role cue before capitalised words ("borgmester Poul Erik Toft", "direktør X",
  "statsminister X", "kontorchef X") and "hedder X" / "heter X" / "my name is X";
- a capitalised word outside a sentence start with a Nordic surname ending (-sen, -son, -søn,
  -gaard, -strøm, -qvist, …);
- once a name is found, its words elsewhere in the same text ("Toft", genitive "Tofts").
"""

from __future__ import annotations

import itertools
import re
from typing import ClassVar

from indsigt._words import words
from indsigt.anonymise.base import PER, TIER_GUESS, Span
from indsigt.anonymise.gazetteer import entries
from indsigt.anonymise.tokens import Token, tokenize
from indsigt.firstnames import STOP, WORD_NAMES, first_names, label_names, nordic_names

_ORGANISATION_WORDS = words(
    "Kommune Kommunes Region Regionen Styrelsen Ministeriet Instituttet Universitet Hospital "
    "Sygehus Gruppen Fonden Forening Foreningen Kommun Fylke Direktoratet Danmark Norge Sverige "
    "Center Centret Centre Institute University Group Company Holding Bank Banken"
)

TITLES = words(
    """
    borgmester borgmesteren borgmesterens rådmand rådmanden kommunaldirektør kommunaldirektøren
    regionsdirektør regionsdirektøren regionsrådsformand direktør direktøren vicedirektør
    koncerndirektør stadsdirektør departementschef departementschefen afdelingschef kontorchef
    chef chefen chefkonsulent konsulent minister ministeren statsminister statsministeren
    formand formanden næstformand ordfører professor lektor adjunkt dr dr. hr hr. fru frk
    sekretær sekretæren kollega kollegaen medarbejder leder lederen overlæge sygeplejerske
    journalist journalisten minister kommunedirektør kommunedirektøren fylkesordfører ordfører
    ordføreren rådmann statsråd statsråden direktøren regiondirektör kommundirektör
    landshövding generaldirektör statsrådet kommunalråd kommunalrådet regionråd ordförande
    chefen mayor director minister president professor mr mr. mrs mrs. ms ms. sir dame
    ceo cfo cio cto cdo it-chef it-direktør digitaliseringschef direktionssekretær
    """
)
# Capitalised mid-sentence, these are still not surnames ("Mette Og …" does not happen).
_FUNCTION_WORDS = words(
    "i og eller men at der det den de en et som på til fra med for om af the and of in to on "
    "och att är för jeg du han hun vi dere dem jag hon ni er"
)
PARTICLES = words("von van de der den af la le di da du bin ibn al el del")
INTRODUCERS = re.compile(
    r"(?:hedder|hed|heter|het|heder|navn er|navnet er|name is|I'm|I am|jeg er|jag är|kald(?:er|t)|"
    r"kalla(?:s|r)|kære|kjære|kära|dear|hej|hei|hallo|tak|takk|tack|thanks)\s*,?\s*$",
    re.IGNORECASE,
)
SURNAME = re.compile(
    r"^[A-ZÆØÅÄÖÜ][a-zæøåäöüé]+(?:sen|son|søn|ssen|sson|gaard|gård|gaards|strøm|ström|qvist|"
    r"quist|kvist|sens|sons)$"
)
# Definite nouns that end like surnames ("Digitaliseringsstyrelsen", "Krisen").
_NOT_SURNAMES = (
    "styrelsen",
    "kassen",
    "pressen",
    "krisen",
    "messen",
    "vissen",
    "massen",
    "brugsen",
)
_LOWER = "a-zæøåäöüéèáíóúñçëïôâ"
_LINE_START = re.compile(r"(?:^|\n)[ \t*_]*$")  # what may stand before a label on its line
_COLON_AFTER = re.compile(r"[ \t*_]*:")


def _labels_a_turn(text: str, token: Token) -> bool:
    """Whether ``token`` stands alone before a colon at the start of its line ("Kim: …",
    "**Kim**: …"), as a speaker's label does."""
    return bool(
        _COLON_AFTER.match(text, token.end)
        and _LINE_START.search(text, max(0, token.start - 8), token.start)
    )


_INITIALS = re.compile(r"^(?:[A-ZÆØÅÄÖÜ]\.){1,3}$")
_NAME_WORD = re.compile(
    rf"^[A-ZÆØÅÄÖÜ][{_LOWER}'’]+(?:-[A-ZÆØÅÄÖÜ]?[{_LOWER}'’]+)*$|^(?:[A-ZÆØÅÄÖÜ]\.){{1,3}}$"
)


# What follows "Hans" (his) written with a capital before a royal's or a dignitary's title.
_HONOURS = words(
    "Majestæt Majestet Majestät Kongelige Kongelig Kungliga Højhed Høyhet Höghet Excellence "
    "Eksellense Excellens Majesty Royal Highness Excellency Eminence"
)

# Sentence-initial verbs that look like a first name in the genitive ("Finns det …").
_S_VERBS = frozenset({"finns", "fins", "syns", "hörs", "känns", "fås", "görs", "ses", "tas"})


class NameDetector:
    """Person names by first-name lexicon, title cues, surname endings and propagation."""

    name: ClassVar[str] = "names.v1"
    tier: ClassVar[int] = TIER_GUESS
    propagates: ClassVar[bool] = True  # its full person names seed propagation

    def detect(self, text: str, *, language: str = "da") -> list[Span]:
        tokens = tokenize(text)
        names = first_names()
        found: dict[tuple[int, int], float] = {}
        for i, token in enumerate(tokens):
            if not token.capitalised or not token.text[:1].isalpha():
                continue
            score = self._evidence(text, tokens, i, names)
            if score:
                first, last = self._extend(tokens, i, names)
                key = (first, last)
                found[key] = max(found.get(key, 0.0), score)
        spans = [
            Span(tokens[a].start, tokens[b].end, PER, score, self.name)
            for (a, b), score in found.items()
        ]
        spans += _lowercase_pairs(tokens)
        spans += [Span(m.start(), m.end(), PER, 0.8, self.name) for m in _HANDLE.finditer(text)]
        return _merge(spans + self._propagate(text, tokens, spans))

    def _evidence(self, text: str, tokens: list[Token], i: int, names: frozenset[str]) -> float:
        token = tokens[i]
        word = _base(token.text)
        lower = word.lower()
        if is_title(word):
            return 0.0
        if i > 0 and not token.sentence_start and _NAME_WORD.match(word):
            previous = tokens[i - 1]
            if is_title(previous.text) and token.start - previous.end <= 3:
                return 0.85
        if word in label_names() and _labels_a_turn(text, token):
            return 0.85  # "Kim: Alle borgere …": a name that is a word, labelling one turn
        honour = i + 1 < len(tokens) and tokens[i + 1].text in _HONOURS  # "Hans Majestæt"
        if word in WORD_NAMES and not token.sentence_start and not honour:
            return 0.8  # "så sagde Per", "with Will": capitalised inside a sentence
        if lower in STOP:
            return 0.0
        following = i + 1 < len(tokens) and _is_name_word(tokens[i + 1], tokens[i])
        if _INITIALS.match(word) and following:
            after = tokens[i + 1].text
            # "E. FGD": a section letter before an acronym (focus-group discussion), unless
            # the short word in capitals is a name ("J. LEE")
            acronym = after.isupper() and len(after) <= 4 and after.title() not in names
            if not _INITIALS.match(after) and after not in entries() and not acronym:
                return 0.85  # "H.L. Houmark", "J. Hansen"
        head = word.split("-")[0]
        capitals = word.isupper() and following and word.title() in names  # "LONE DAMGAARD"
        if word in names or head in names or capitals:
            if not token.sentence_start or following:
                return 0.9 if following else 0.8
            return 0.6 if word in nordic_names() else 0.0
        if i > 0 and not token.sentence_start:
            before = text[max(0, token.start - 25) : token.start]
            if INTRODUCERS.search(before) and _NAME_WORD.match(word):
                return 0.8
        if not token.sentence_start and SURNAME.match(word) and not word.endswith(_NOT_SURNAMES):
            return 0.8
        if word.endswith("s") and word[:-1] in nordic_names():
            if not token.sentence_start:
                return 0.75  # a first name in the genitive: "Kelds", "Susannes"
            noun = tokens[i + 1] if i + 1 < len(tokens) else None
            if (
                noun is not None
                and noun.text.islower()
                and not noun.sentence_start
                and lower not in _S_VERBS
            ):
                return 0.7  # "Kelds oplæg blev fulgt": a genitive before its noun
        return 0.0

    def _extend(self, tokens: list[Token], i: int, names: frozenset[str]) -> tuple[int, int]:
        first = i
        while (
            first > 0
            and _is_name_word(tokens[first - 1], None)
            and (not tokens[first].sentence_start)
        ):
            previous = tokens[first - 1]
            if previous.sentence_start and _base(previous.text) not in names:
                break
            if tokens[first].start - previous.end > 1:
                break
            first -= 1
        last = i
        while last + 1 < len(tokens) and _is_name_word(tokens[last + 1], tokens[last], True):
            last += 1
        while last > i and tokens[last].text.lower() in PARTICLES:
            last -= 1
        return first, last

    def _propagate(self, text: str, tokens: list[Token], spans: list[Span]) -> list[Span]:
        """Words of the names found, wherever else they occur (also in the genitive)."""
        places = entries()
        words = {
            _base(w)
            for span in spans
            if span.score >= 0.8
            for w in text[span.start : span.end].split()
            if len(_base(w)) >= 3
            and _base(w).lower() not in STOP
            and _base(w) not in places
            and _base(w) not in _ORGANISATION_WORDS
        }
        return [
            Span(t.start, t.end, PER, 0.7, self.name)
            for t in tokens
            if t.capitalised
            and (_base(t.text) in words or (t.text.endswith("s") and t.text[:-1] in words))
        ]


_TITLE_ENDINGS = (
    "minister", "ministeren", "direktør", "direktøren", "direktör", "chef", "chefen", "formand",
    "formanden", "ordfører", "ordføreren", "borgmester", "borgmesteren", "rådmand", "konsulent",
    "leder", "lederen", "sekretær", "ordförande", "director", "officer",
)  # fmt: skip


def is_title(word: str) -> bool:
    lower = word.lower()
    return lower in TITLES or lower.endswith(_TITLE_ENDINGS)


# Social media handles name a person (or an organisation) as surely as a name does.
_HANDLE = re.compile(r"(?<![\w@.])@[A-Za-z0-9_]{2,30}(?![\w@])")
_LOWER_SURNAME = re.compile(r"^[a-zæøåäö]{2,}(?:sen|son|søn|sson|ssen|gaard|gård|strøm|ström)$")


def _lowercase_pairs(tokens: list[Token]) -> list[Span]:
    """Names typed in lower case, as in chat: a common first name followed by a surname with a
    Nordic ending ("ida jensen", "matilde sandgaard")."""
    names = nordic_names()
    spans = []
    for first, second in itertools.pairwise(tokens):
        if (
            first.text.islower()
            and second.start - first.end == 1
            and first.text.title() in names
            and _LOWER_SURNAME.match(second.text)
        ):
            spans.append(Span(first.start, second.end, PER, 0.75, NameDetector.name))
    return spans


def _base(word: str) -> str:
    """A word without a genitive ending: "Tofts" → "Toft", "Hansen's" → "Hansen"."""
    for ending in ("'s", "’s", "'"):
        if word.endswith(ending):
            return word[: -len(ending)]
    return word


def _is_name_word(token: Token, previous: Token | None, surname: bool = False) -> bool:
    """Can ``token`` continue (or, without ``surname``, precede) a name?"""
    if previous is not None and token.start - previous.end > 1:
        return False
    if token.sentence_start:
        return False
    lower = token.text.lower()
    if is_title(token.text) or token.text in _ORGANISATION_WORDS:
        return False
    if lower in STOP and not (surname and len(token.text) > 1 and lower not in _FUNCTION_WORDS):
        return False
    if lower in PARTICLES:
        return True
    return bool(_NAME_WORD.match(token.text)) or (token.text.isupper() and len(token.text) > 2)


def _merge(spans: list[Span]) -> list[Span]:
    """Overlapping or touching person spans become one (highest score)."""
    spans = sorted(spans, key=lambda s: (s.start, -s.end))
    merged: list[Span] = []
    for span in spans:
        if merged and span.start <= merged[-1].end:
            last = merged[-1]
            if span.end > last.end or span.score > last.score:
                merged[-1] = Span(
                    last.start,
                    max(last.end, span.end),
                    PER,
                    max(last.score, span.score),
                    last.detector,
                )
            continue
        merged.append(span)
    return merged
