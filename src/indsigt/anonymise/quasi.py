"""Quasi-identifiers: what is not a name, yet with a little context points to a person.

``QuasiDetector`` ("quasi.v1") finds, generalised by type by the policy:

- a job title joined to an organisation or place ("kommunaldirektør i Viborg", "direktør for
  Digitaliseringsstyrelsen", "it-chef hos Novo Nordisk", "stadsdirektør, Aarhus Kommune",
  "kommunaldirektør her i Viborg") → ``TITLE_MUNICIPALITY``
  ("[stilling i kommune]") when the place is a municipality, else ``TITLE`` ("[stilling]"). A
  title alone ("vores direktør") is kept: it identifies nobody;
- a named local project ("projektet Borgernær Velfærd", «Digital Hverdag») → ``PROJECT``
  ("[projekt]");
- a date that pins an event ("den 12. marts 2023", "12/3-2023", "2023-03-12", "i marts 2023")
  → ``DATE`` ("[dato]"); a year alone ("i 2019") is kept;
- an organisation by its form: a capitalised name ending in an organisation word ("Hafnia
  Holding", "Aarhus Universitet", "Skovbo Friskole", "Danske Bank", "Novo Nordisk A/S") or an
  acronym of capitals ("TEBA", "DBU", "B.T.") that is not a common one ("IT", "HR", "AI") →
  ``ORG`` ("[organisation]"); acronyms only in Danish, Norwegian and Swedish text (English
  technical talk is full of them: "PDP and ICE plots");
- ``ProperNounDetector`` ("propernoun.v1"): in Danish, Norwegian and Swedish text, any other
  proper noun: a capitalised word (or run of
  them) that does not start a sentence, is not a common or function word, a title or a polite
  pronoun ("De", "Dem") → ``NAME`` ("[navn]"), at the lowest score, so that a typed span of
  the tagger or another detector wins. These languages capitalise nothing else mid-sentence;
  English does (days, months, nationalities, "I"), so English text is left to the tagger.

Places and public bodies on the gazetteers, persons, and what the policy's allow-list keeps
(Danmark, EU, KL, …) are left to the other detectors and the policy.
"""

from __future__ import annotations

import bisect
import functools
import re
from typing import ClassVar

from indsigt._words import shouted, words
from indsigt.anonymise.base import (
    AGENCY,
    DATE,
    LOC,
    MINISTRY,
    MUNICIPALITY,
    NAME,
    ORG,
    PROJECT,
    REGION,
    TIER_GAZETTEER,
    TIER_GUESS,
    TITLE,
    TITLE_MUNICIPALITY,
    Span,
)
from indsigt.anonymise.frequent import said_before_a_name
from indsigt.anonymise.gazetteer import GazetteerDetector
from indsigt.anonymise.names import SURNAME, TITLES
from indsigt.anonymise.tokens import Token, tokenize
from indsigt.firstnames import STOP, first_names

# Job titles: whole words and compound endings ("kommunaldirektør", "it-chef").
_TITLE = (
    r"(?:[\w-]*(?:direktør|direktøren|chef|chefen|leder|lederen|formand|formanden|"
    r"borgmester|borgmesteren|rådmand|rådmanden|minister|ministeren|sekretær|"
    r"konsulent|koordinator|partner|ejer|stifter|rektor|forstander|overlæge|sygeplejerske|"
    r"skoleleder|inspektør|administrerende direktør|adm\. direktør|CEO|CIO|CTO|CFO|CDO|"
    r"director|manager|officer|head|mayor|dean|"
    r"direktor|rådgiver|rådgivare|ordförande|ordfører|styreleder|rektorn|chefen|"
    r"kommundirektör|regiondirektör|kommunedirektør|fylkesdirektør))"
)
_PREPOSITION = r"(?:i|for|hos|ved|på|fra|in|at|of|with|vid|från|til)"
_WORD = r"[A-ZÆØÅÄÖ](?:[\w'’&/-]|\.(?=\w))*"  # a capitalised word, no sentence full stop
_NAME = rf"{_WORD}(?:\s+(?:og|of|for|and|&)\s+{_WORD}|\s+{_WORD}|\s+\d+\b)*"
_TITLE_AT = re.compile(
    rf"(?<![\w-])(?i:{_TITLE}(?:\s+(?:og|and|och)\s+{_TITLE})?"
    rf"(?:\s+(?:her\s+|der\s+|here\s+)?{_PREPOSITION}\s+(?:den\s+|det\s+)?|,\s*))"
    rf"(?P<name>{_NAME}|[a-zæøå][\w-]*(?:kommune|kommun|region|styrelse|styrelsen|ministeriet)\b)"
)

PROJECT_PATTERN = re.compile(
    r"(?:[Pp]rojekt(?:et)?|[Pp]rosjekt(?:et)?|[Pp]rogram(?:met)?|[Pp]rojects?|[Ii]nitiativ(?:et)?)"
    r"\s+(?:[«\"“„']\s*)?((?:[A-ZÆØÅÄÖ][\w-]*)(?:\s+[A-ZÆØÅÄÖ0-9][\w-]*){0,4})"
    r"|[«“„\"]([A-ZÆØÅÄÖ][\w-]*(?:\s+[\w-]+){0,3})[»”\"]"
)

_MONTHS = (
    r"(?:januar|februar|marts|mars|april|maj|mai|juni|juli|august|september|oktober|october|"
    r"november|december|desember|january|february|march|may|june|july|jan|feb|mar|apr|jun|"
    r"jul|aug|sep|sept|okt|oct|nov|dec|des)\.?"
)
_DATE = re.compile(
    rf"(?<![\w/.-])(?:"
    rf"(?:den\s+)?\d{{1,2}}\.?\s+{_MONTHS}(?:\s+\d{{4}})?"  # 12. marts 2023, 12 March
    rf"|{_MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"  # March 12, 2023
    rf"|\d{{1,2}}[./-]\d{{1,2}}[./-](?:\d{{4}}|\d{{2}})"  # 12/3-2023, 12.03.23
    rf"|\d{{4}}-\d{{2}}-\d{{2}}"  # 2023-03-12
    rf"|(?<=\s)(?:i|in|den|sidste|næste|siden)\s+{_MONTHS}\s+\d{{4}}"  # i marts 2023
    rf")(?![\w/-])",
    re.IGNORECASE,
)

_ORG_WORDS = words(
    "A/S ApS I/S P/S K/S AB ASA AS Holding Group Gruppen Koncern Bank Banken Sparekasse "
    "Forsikring Universitet Universitetet University College Hospital Hospitalet Sygehus "
    "Sygehuset Sykehus Sjukhus Skole Skolen Friskole Efterskole Gymnasium Gymnasiet Højskole "
    "Akademi Institut Instituttet Institute Forening Foreningen Forbund Forbundet Fond Fonden "
    "Klub Klubben Kirke Kirken Museum Museet Teater Teatret Avis Avisen Tidende Posten Radio "
    "Kompagni Fabrik Fabrikker Industri Industries Consulting Partners Systems Solutions Tech "
    "Energi Energy Pharma Foods Media Invest Capital Centre Center Centret Centeret Hotel "
    "Union Rådet Råd Nævn Nævnet Selskab Selskabet Company Corporation Inc Ltd GmbH Lab Labs"
)
# Capitalised acronyms that are common words, not organisations.
_COMMON_CAPS = words(
    "IT AI HR CEO CIO CTO CFO CDO PC TV OK EU FN KL SKR KS VIP DK NO SE UK USA PDF CV ID "
    "IKT KPI API SMS GDPR NGO OECD WHO NATO NB PS OBS MR TDC BNP ATP SU RPA ML IOT IoT BI "
    "SAP ERP CRM ESDH IT-chef ROI MVP UX UI LLM AD CO2 COVID USB QR SOSU PPR FGU VUC EUD "
    "CPR CVR XP SOC EPJ DPO KOL ABT FIKTIV FIKTIVT CSV HTML SQL GPS FAQ COO CISO SLA DPIA "
    "PHD MSC BSC CAD DNA RNA HIV ADHD OCD PTSD KRAM EKG MR CT TTS WIFI LAN VPN "
    "I II III IV V VI A B C D E F G H J K L M N O P Q R S T U W X Y Z"
)
_ACRONYM = re.compile(r"(?<![\w.])(?:[A-ZÆØÅ]{2,6}(?:['’]?s)?|(?:[A-ZÆØÅ]\.){2,4})(?![\w])")
# One capitalised word that is an organisation by its ending ("Divisionsforeningen",
# "Unibank"), not at the start of a sentence (there "Byrådet" is any town's council).
_ORG_ENDING = re.compile(
    r"[A-ZÆØÅÄÖ][a-zæøåäö]{2,}(?:foreningen|forening|forbundet|forbund|fonden|banken|bank|"
    r"selskabet|klubben|skolen|gymnasiet|universitetet|hospitalet|sygehuset|kirken|museet|"
    r"teatret|kassen|koncernen|avisen|tidende|posten)"
)
_CAPITALISED_RUN = re.compile(rf"{_WORD}(?:\s+(?:&|og|of|for)\s+{_WORD}|\s+{_WORD})*")

_PLACE_LABELS = {MUNICIPALITY: TITLE_MUNICIPALITY}
_NORDIC = {"da", "no", "nb", "nn", "sv"}
_POLITE = words("De Dem Deres Dig Du Di Ni Er Eder I")


class QuasiDetector:
    """Job titles at a named place, local projects, dates and organisations by their form
    (see the module docstring)."""

    name: ClassVar[str] = "quasi.v1"
    tier: ClassVar[int] = TIER_GAZETTEER

    def __init__(self) -> None:
        self._gazetteer = GazetteerDetector()

    def detect(self, text: str, *, language: str = "da") -> list[Span]:
        places = self._gazetteer.detect(text, language=language)
        spans = self._titles(text, places)
        spans += _everywhere(text, _projects(text))
        spans += [Span(m.start(), _date_end(m), DATE, 0.9, self.name) for m in _DATE.finditer(text)]
        spans += _organisations(text, acronyms=language in _NORDIC)
        return spans

    def _titles(self, text: str, places: list[Span]) -> list[Span]:
        spans = []
        for match in _TITLE_AT.finditer(text):
            start, end = match.start("name"), match.end("name")
            inside = [p for p in places if p.start < end and start < p.end]
            if not inside and text[match.start() : start].rstrip().endswith(","):
                continue  # "Ministeren, Camilla Friis": after a comma only a known body
            if inside:
                end = max(end, *(p.end for p in inside))
                kind = inside[0].label
            elif match.group("name")[:1].isupper():
                kind = ORG
            else:
                kind = (
                    MUNICIPALITY if re.search(r"kommune?$", match.group("name"), re.I) else AGENCY
                )
            if kind not in (MUNICIPALITY, REGION, MINISTRY, AGENCY, ORG, LOC):
                continue
            label = _PLACE_LABELS.get(kind, TITLE)
            spans.append(Span(match.start(), _trim(text, end), label, 0.85, self.name))
        return spans


def _date_end(match: re.Match[str]) -> int:
    """Without a sentence's full stop after a month written in full ("3. maj.")."""
    found = match.group()
    if found.endswith(".") and re.search(r"[a-zæøå]{3,}\.$", found, re.I):
        word = re.search(r"(\w+)\.$", found)
        if word and word.group(1).lower() in _FULL_MONTHS:
            return match.end() - 1
    return match.end()


_FULL_MONTHS = words(
    "januar februar marts mars april maj mai juni juli august september oktober october "
    "november december desember january february march may june july"
)


def _trim(text: str, end: int) -> int:
    while end > 0 and text[end - 1] in ".,;:":
        end -= 1
    return end


def _projects(text: str) -> list[Span]:
    spans = []
    for match in PROJECT_PATTERN.finditer(text):
        group = 1 if match.group(1) else 2
        spans.append(Span(match.start(group), match.end(group), PROJECT, 0.8, "quasi.v1"))
    return spans


def _everywhere(text: str, spans: list[Span]) -> list[Span]:
    """The spans and every other occurrence of their surfaces ("Jobkompas" once quoted)."""
    out = list(spans)
    for surface, label in {(text[s.start : s.end], s.label) for s in spans}:
        for match in re.finditer(rf"(?<!\w){re.escape(surface)}(?!\w)", text):
            if not any(s.start <= match.start() < s.end for s in out):
                out.append(Span(match.start(), match.end(), label, 0.8, "quasi.v1"))
    return out


def _organisations(text: str, *, acronyms: bool) -> list[Span]:
    spans = []
    for match in _CAPITALISED_RUN.finditer(text):
        parts = [(m.start(), m.end(), m.group()) for m in re.finditer(r"\S+", match.group())]
        while parts and parts[0][2].lower() in _OPENERS:
            parts.pop(0)  # "Og Danske Bank" at a sentence's start: the bank, not "Og"
        found = [i for i, (_, _, p) in enumerate(parts) if p.rstrip(".,") in _ORG_WORDS]
        if not found or len(parts) == 1 or _a_kind_of_group(parts):
            continue
        # Up to and including the last organisation word; "Center for Digitalisering",
        # "Banken Nordea": the word first, then the whole run.
        last = max(found) if max(found) > 0 else len(parts) - 1
        end = _trim(text, match.start() + parts[last][1])
        spans.append(Span(match.start() + parts[0][0], end, ORG, 0.7, "quasi.v1"))
    for word in tokenize(text):
        if not word.sentence_start and _ORG_ENDING.fullmatch(word.text):
            spans.append(Span(word.start, word.end, ORG, 0.6, "quasi.v1"))
    capitals = _shouted_lines(text) if acronyms else []
    starts = [start for start, _ in capitals]
    for match in _ACRONYM.finditer(text) if acronyms else ():
        line = bisect.bisect_right(starts, match.start()) - 1
        if line >= 0 and match.start() < capitals[line][1]:
            continue
        token = match.group()
        bare = re.sub(r"['’]?s$", "", token) if not token.isupper() else token
        if bare in _COMMON_CAPS or bare.replace(".", "") in _COMMON_CAPS:
            continue
        spans.append(Span(match.start(), match.end(), ORG, 0.6, "quasi.v1"))
    return spans


# "Focus Group", "Working Group", "Target Group": a kind of group, not an organisation.
_GROUP_KINDS = words("focus working target control age peer reference study user expert")


def _a_kind_of_group(parts: list[tuple[int, int, str]]) -> bool:
    return (
        len(parts) == 2
        and parts[0][2].lower() in _GROUP_KINDS
        and parts[1][2].rstrip(".,:;").lower() in {"group", "groups"}
    )


def _shouted_lines(text: str) -> list[tuple[int, int]]:
    """The lines written in capitals (:func:`~indsigt._words.shouted`), as (start, end)."""
    return [line.span() for line in re.finditer(r"[^\n]+", text) if shouted(line.group())]


class ProperNounDetector:
    """Any other proper noun in Danish, Norwegian and Swedish text (see the module docstring);
    its own name, so that it ranks below persons in the overlap strategy."""

    name: ClassVar[str] = "propernoun.v1"
    tier: ClassVar[int] = TIER_GUESS

    def detect(self, text: str, *, language: str = "da") -> list[Span]:
        return _proper_nouns(text, language) if language in _NORDIC else []


def _proper_nouns(text: str, language: str) -> list[Span]:
    """Capitalised words outside a sentence start (runs of them as one span); then the same
    words wherever else they stand, a sentence start included, so that a name is masked
    everywhere or nowhere."""
    spans: list[Span] = []
    run: list[Token] = []
    previous: Token | None = None
    tokens = tokenize(text)
    for word in [*tokens, None]:
        after_stop = word is not None and text[: word.start].rstrip()[-1:] in (".", "!", "?", "…")
        if word is not None and _proper(word.text) and not word.sentence_start and not after_stop:
            if run and word.start - run[-1].end > 1:
                spans.append(_span(run))
                run = []
            if not run and previous is not None and _joins(previous, word, language):
                run.append(previous)  # "Danske Regioner" at a sentence start: one name
            run.append(word)
            previous = word
            continue
        previous = word
        if run:
            spans.append(_span(run))
            run = []
    references = {text[s.start : s.end] for s in spans if _names_a_document(text, s)}
    spans = [s for s in spans if text[s.start : s.end] not in references]
    found = {text[s.start : s.end] for s in spans if " " not in text[s.start : s.end]}
    taken = {(s.start, s.end) for s in spans}
    for word in tokens:
        if word.text in found and (word.start, word.end) not in taken:
            covered = any(s.start <= word.start and word.end <= s.end for s in spans)
            if not covered:
                spans.append(Span(word.start, word.end, NAME, 0.3, ProperNounDetector.name))
    return spans


# What follows a document's name: its number ("Lokalplan 314", "Kommuneplan 2010-2021",
# "Tillæg nr. 14", "Budget 2012", "Lokalplan LK 08", "Lokalplan SAE.E.05.25.01").
_NUMBERED = re.compile(r"\s+(?:nr\.?\s*|no\.?\s*)?(?:[A-ZÆØÅ]{1,4}[.\s-]?)*\d")


def _names_a_document(text: str, span: Span) -> bool:
    """A capitalised word before a number names a plan, a budget, an appendix, not a person
    (nor is it anyone's first name or a surname by its form): a consultation answer or an
    agenda's "Forslag til Lokalplan 314" keeps its words."""
    if not _NUMBERED.match(text, span.end):
        return False
    parts = text[span.start : span.end].split()
    return not any(p in first_names() or SURNAME.match(p) for p in parts)


def _joins(previous: Token, word: Token, language: str) -> bool:
    """Does a capitalised word that starts a sentence belong to the name after it ("Danske
    Regioner"; not "Hils" in "Hils Mette")?"""
    return (
        word.start - previous.end == 1
        and previous.text[:1].isupper()
        and previous.text.lower() not in _NOT_NAMES
        and not said_before_a_name(previous.text, word.text, language)
    )


def _span(run: list[Token]) -> Span:
    return Span(run[0].start, run[-1].end, NAME, 0.3, ProperNounDetector.name)


def _proper(token: str) -> bool:
    bare = re.sub(r"['’]?s$", "", token) if len(token) > 3 else token
    return (
        token[:1].isupper()
        and any(c.islower() for c in token)
        and len(bare) > 1
        and not {token.lower(), bare.lower()} & _NOT_NAMES
        and bare.lower() not in TITLES
        and bare not in _POLITE
        and not _ACRONYM_COMPOUND.match(token)
    )


# "AI-model", "IT-projekt", "DDoS-angreb": an acronym before a common noun is a common noun.
_ACRONYM_COMPOUND = re.compile(r"^[A-ZÆØÅ]{2}[\w]*-(?:[\w-]*-)?[a-zæøåäö]+$|^[A-Z]-")


@functools.cache
def _common_words() -> frozenset[str]:
    try:
        import stopwordsiso
    except ImportError:  # pragma: no cover - a core dependency
        return frozenset()
    return frozenset(w for code in ("da", "no", "sv") for w in stopwordsiso.stopwords(code))


# Fillers and interjections a transcript may capitalise mid-sentence.
_FILLERS = words(
    "øh øhm æh æhm hmm hm mm mhm nå nåh tja aha ah oh eh ehm okay ok precis altså jamen jaja "
    "nej neej ja jo joo nja haha hehe yes yeah nope tack takk tak hej hei hallo"
)
# Units every organisation has, capitalised as names ("direktør for Børn og Unge",
# "Borgerservice"): they identify nobody.
_UNITS = words(
    "økonomi personale sundhed omsorg børn unge familie familier beskæftigelse digitalisering "
    "kultur fritid miljø teknik natur social sociale forhold ældre skole skoler uddannelse "
    "borgerservice jobcenter jobcentret ledelse strategi udvikling innovation stab direktion "
    "byråd byrådet kommunalbestyrelsen regionsrådet handicap psykiatri velfærd plan it "
    "helse oppvekst velferd kommunalsektor omsorg vård skola utbildning ekonomi personal"
)
_COMMON = _common_words() | _FILLERS | _UNITS
_NOT_NAMES = STOP | _COMMON  # read per token: the union once, not at every call
_OPENERS = STOP | _common_words()  # what opens a sentence before an organisation's name
