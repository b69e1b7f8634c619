"""Gazetteers: Danish, Norwegian and Swedish municipalities, regions, ministries and agencies
(and the national parties and territories),
typed so that the policy can generalise them ("[kommune]", "[region]", "[styrelse]").

Lists live in ``data/places_*.txt``. Matching is on word tokens and case-sensitive (names are
capitalised); a genitive ``s`` and a following "Kommune"/"kommune"/"kommun"/"fylke"/"län"
belong to the match. Names that are also common words ("Vejen", "Time", "Ski", "Lund") are only
taken together with such a word. Ministries and agencies are also recognised by their endings
(``…ministeriet``, ``…styrelsen``, ``…departementet``, ``…direktoratet``, ``…verket``)."""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from importlib import resources
from typing import ClassVar

from indsigt._words import words
from indsigt.anonymise.base import (
    AGENCY,
    LOC,
    MINISTRY,
    MUNICIPALITY,
    ORG,
    REGION,
    TIER_GAZETTEER,
    Span,
)
from indsigt.anonymise.tokens import Token, tokenize

SECTIONS = {
    "country": LOC,
    "place": LOC,
    "organisation": ORG,
    "municipality": MUNICIPALITY,
    "region": REGION,
    "ministry": MINISTRY,
    "agency": AGENCY,
}
FILES = ("places_dk.txt", "places_no.txt", "places_se.txt", "companies.txt", "countries.txt")
_UNIT_WORDS = {
    "Kommune": MUNICIPALITY,
    "kommune": MUNICIPALITY,
    "Kommunes": MUNICIPALITY,
    "kommunes": MUNICIPALITY,
    "kommun": MUNICIPALITY,
    "kommuns": MUNICIPALITY,
    "Kommun": MUNICIPALITY,
    "Regionskommune": MUNICIPALITY,
    "fylkeskommune": REGION,
    "fylke": REGION,
    "län": REGION,
    "Municipality": MUNICIPALITY,
    "municipality": MUNICIPALITY,
}
# Place names that are also ordinary words or common surnames: only with a unit word.
AMBIGUOUS = words(
    "Vejen Greve Odder Skive Faxe Time Ski Mark Sel Lom Hol Gran Moss Sola Strand Lund Vik "
    "Fjord Heim Stad Vang Nes Os Bø Hå Ås Lier Hole Ale Salem Mora Boden Sala Flen Tana Vega "
    "Leka Rana Alta Kinn Aure Sande Verdal Stange Grue Sula Bokn Fedje Osen Frosta Dovre Habo "
    "Hjo Heby Tierp Aneby Lesja Dyrøy Senja Karlsøy Sveio Etne Vaksdal Meløy Steigen Vågå "
    "Stevns Brande Ikast "
    "Stryn Ørland Heim Luster Fjaler Gulen Stranda Giske Aukra Smøla Hitra Frøya Melhus Skaun "
    "Oppdal Grong Vefsn Hemnes Nesna Lurøy Rødøy Beiarn Saltdal Fauske Hadsel Andøy Bardu "
    "Lyngen Loppa Hasvik Tolga Alvdal Folldal Trysil Løten Åmot Engerdal Hurdal Marker Råde "
    "Hvaler Våler Modum Flå Gol Sigdal Rollag Tinn Vinje Nome Seljord Tokke Risør Suldal Sauda "
    "Utsira Sokndal Askvoll Tysnes Ulvik Kvam Aurland Vik Volda Ørsta Herøy Hareid Vestnes "
    "Rauma Tingvoll Aure Heim Inderøy Snåsa Lierne Leka Vega Gamvik Tana Vadsø Vardø Dals-Ed "
    "Mark Orust Tjörn Hylte Habo Tibro Hjo Skara Götene Essunga Åmål Munkedal Sotenäs Tanum "
    "Boden Kalix Pajala Ånge Åre Sala Flen Trosa Gnesta Arboga Köping Kumla Säter Mora "
    "Leksand Rättvik Hofors Timrå Lycksele Vindeln"
)
_ENDINGS = re.compile(
    r"(?<![\w-])([A-ZÆØÅÄÖ][\w-]*?(?:ministeriet|departementet|styrelsen|direktoratet|tilsynet|"
    r"verket|myndigheten|etaten|kassan|förmedlingen)s?)(?![\w-])"
    r"|(?<![\w-])((?:Ministeriet|Styrelsen|Myndigheten|Departementet) (?:for|för) [\wæøåäö]+"
    r"(?:,? (?:og|och) [\wæøåäö]+)?(?: [A-ZÆØÅÄÖ][\wæøåäö]+)*)"
)
_BARE = {"Ministeriet", "Departementet", "Styrelsen", "Direktoratet", "Tilsynet", "Verket"}


_LIST_GLUE = re.compile(r"\s*(?:,|og|och|and|eller|samt|&|/)\s*", re.IGNORECASE)


def _listed_together(text: str, span: Span, other: Span) -> bool:
    """Two place names in one enumeration ("Skive, Silkeborg og Herning")."""
    gap = text[other.end : span.start] if other.end <= span.start else text[span.end : other.start]
    return _LIST_GLUE.fullmatch(gap) is not None


def _lines() -> list[tuple[str, list[str]]]:
    """(label, variants) for every line of the gazetteer files."""
    folder = resources.files("indsigt.anonymise") / "data"
    out = []
    for name in FILES:
        label = MUNICIPALITY
        for line in (folder / name).read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            if line.startswith("["):
                label = SECTIONS[line.strip("[]")]
                continue
            out.append((label, line.split("|")))
    return out


@functools.cache
def countries() -> frozenset[str]:
    """Countries, continents and large foreign cities (``data/countries.txt``)."""
    folder = resources.files("indsigt.anonymise") / "data"
    text = (folder / "countries.txt").read_text(encoding="utf-8")
    return frozenset(
        name.strip()
        for line in text.splitlines()
        if line.strip() and not line.startswith(("#", "["))
        for name in line.split("|")
    )


@functools.cache
def entries() -> dict[str, list[tuple[tuple[str, ...], str, str]]]:
    """First token → [(tokens, label, canonical name)], longest first."""
    index: dict[str, list[tuple[tuple[str, ...], str, str]]] = {}
    for label, variants in _lines():
        for variant in variants:
            parts = tuple(t.text for t in tokenize(variant))
            for form in (parts, (*parts[:-1], parts[-1] + "s")):
                index.setdefault(form[0], []).append((form, label, variants[0]))
    for candidates in index.values():
        candidates.sort(key=lambda entry: -len(entry[0]))
    return index


class GazetteerDetector:
    name: ClassVar[str] = "gazetteer.v1"
    tier: ClassVar[int] = TIER_GAZETTEER

    def detect(self, text: str, *, language: str = "da") -> list[Span]:
        tokens = tokenize(text)
        spans = self._listed(text, tokens)
        taken = [(s.start, s.end) for s in spans]
        for match in _ENDINGS.finditer(text):
            start, end = match.span()
            surface = match.group(0)
            if surface.rstrip("s") in _BARE or any(a < end and start < b for a, b in taken):
                continue
            label = MINISTRY if re.search(r"ministeri|departement", surface, re.I) else AGENCY
            spans.append(Span(start, end, label, 0.9, self.name))
        return spans

    def _listed(self, text: str, tokens: list[Token]) -> list[Span]:
        index = entries()
        spans: list[Span] = []
        pending: list[Span] = []  # ambiguous names: taken only next to a listed place
        i = 0
        while i < len(tokens):
            found = self._match(tokens, i, index.get(tokens[i].text, ()))
            if found is None and "-" in tokens[i].text:  # "Lolland-Falster", "Aarhus-området"
                head = tokens[i].text.split("-")[0]
                for _parts, label, canonical in index.get(head, ()):
                    if len(_parts) == 1 and canonical not in AMBIGUOUS:
                        end = tokens[i].start + len(head)
                        spans.append(Span(tokens[i].start, end, label, 0.8, self.name))
                        break
            if found is None:
                i += 1
                continue
            length, label, canonical = found
            last = i + length - 1
            unit = tokens[last + 1] if last + 1 < len(tokens) else None
            with_unit = (
                unit is not None and unit.text in _UNIT_WORDS and unit.start - tokens[last].end <= 1
            )
            if with_unit and label in (MUNICIPALITY, REGION):
                assert unit is not None
                label = _UNIT_WORDS[unit.text] if label == MUNICIPALITY else label
                last += 1
            elif length == 1 and canonical in AMBIGUOUS:
                pending.append(Span(tokens[i].start, tokens[last].end, label, 0.7, self.name))
                i += 1
                continue
            score = 0.95 if with_unit or length > 1 else 0.85
            stop = len(tokens[last].text) == 2 and tokens[last].text.endswith(".")  # "M." of "H&M."
            end = tokens[last].end - stop
            spans.append(Span(tokens[i].start, end, label, score, self.name))
            i = last + 1
        places = [s for s in spans if s.label == MUNICIPALITY]
        for span in pending:
            if any(_listed_together(text, span, other) for other in places):
                spans.append(span)
        return spans

    @staticmethod
    def _match(
        tokens: list[Token], i: int, candidates: Sequence[tuple[tuple[str, ...], str, str]]
    ) -> tuple[int, str, str] | None:
        for parts, label, canonical in candidates:
            n = len(parts)
            found = tuple(t.text for t in tokens[i : i + n])
            if found == parts or (found[:-1] == parts[:-1] and found[-1] == parts[-1] + "."):
                return n, label, canonical  # "H&M." at a sentence's end: "M." is one token
        return None
