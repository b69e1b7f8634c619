"""Contact details: e-mail addresses, URLs, IBANs and Danish, Norwegian and Swedish phone
numbers in their usual groupings, with or without country code.

Phone candidates are digit groups; a candidate is rejected when it reads as an amount (thousands
groups of three), a date or a year range, unless a country code or a phone cue ("tlf.", "ring",
"mobil", …) vouches for it."""

from __future__ import annotations

import re
from typing import ClassVar

from indsigt.anonymise import checksums
from indsigt.anonymise.base import EMAIL, IBAN, PHONE, TIER_IDENTIFIER, URL, Span

_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[^\W\d_]{2,}(?![\w-])", re.UNICODE)
_URL = re.compile(r"(?:(?<![\w@])(?:https?://|ftp://|www\.)[^\s<>\"'»«()\[\]]+)", re.IGNORECASE)
_TRAILING = ".,;:!?)]}'\"»”"


class EmailDetector:
    name: ClassVar[str] = "email.v1"
    tier: ClassVar[int] = TIER_IDENTIFIER

    def detect(self, text: str, *, language: str = "da") -> list[Span]:
        return [Span(m.start(), m.end(), EMAIL, 0.99, self.name) for m in _EMAIL.finditer(text)]


class UrlDetector:
    name: ClassVar[str] = "url.v1"
    tier: ClassVar[int] = TIER_IDENTIFIER

    def detect(self, text: str, *, language: str = "da") -> list[Span]:
        spans = []
        for match in _URL.finditer(text):
            end = match.end()
            while end > match.start() and text[end - 1] in _TRAILING:
                end -= 1
            if end - match.start() > 4:
                spans.append(Span(match.start(), end, URL, 0.95, self.name))
        return spans


_IBAN = re.compile(r"(?<![\w])([A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,3})?)(?!\w)")


class IbanDetector:
    name: ClassVar[str] = "iban.v1"
    tier: ClassVar[int] = TIER_IDENTIFIER

    def detect(self, text: str, *, language: str = "da") -> list[Span]:
        spans = []
        for match in _IBAN.finditer(text):
            if checksums.iban_ok(match.group(1).replace(" ", "")):
                spans.append(Span(match.start(), match.end(), IBAN, 0.99, self.name))
        return spans


# A country code (+45, 0045, (+45), +46 (0)…), then digit groups joined by one space, dash,
# dot or nothing.
_CC = (
    r"(?:(?:\+|00)(?P<cc>45|46|47|298|299|354|358)|\(\+(?P<cc2>45|46|47)\))[ \u00a0]?(?:\(0\)[ ]?)?"
)
_PHONE = re.compile(
    r"(?<![\w+.,/-])(?:"
    + _CC
    + r")?(?P<number>\d{1,4}(?:[ \u00a0.\-–/]?\d{1,4}){0,5})(?![\w]|[.,]\d)"
)
_CUE = re.compile(
    r"(tlf|telefon|tel\b|mobil|mob\b|ring|ringe|ringer|nummer|nr\.|phone|call|mobile|sms|"
    r"direkte|fax|sekretariat|kontakt|numret|nummeret|ring meg|ring mig|ring mej)",
    re.IGNORECASE,
)
_AMOUNT_AFTER = re.compile(
    r"\s*(kr\b|kroner|dkk|nok|sek|eur|euro|mio|mia|mill|%|pct|procent|prosent|personer|borgere|"
    r"medarbejdere|ansatte|indbyggere|timer|år\b|dage|km|m2|m²)",
    re.IGNORECASE,
)


class PhoneDetector:
    """Danish and Norwegian phone numbers (8 digits: ``12 34 56 78``, ``1234 5678``,
    ``412 34 567``), Swedish numbers (``070-123 45 67``, ``08-123 456 78``, ``+46 70 123 45
    67``) and these with country codes."""

    name: ClassVar[str] = "phone.v1"
    tier: ClassVar[int] = TIER_IDENTIFIER
    tier_rank: ClassVar[int] = 1  # after identity and CVR numbers of the same digits

    def detect(self, text: str, *, language: str = "da") -> list[Span]:
        spans = []
        for match in _PHONE.finditer(text):
            number = match.group("number")
            digits = re.sub(r"\D", "", number)
            cc = match.group("cc") or match.group("cc2")
            groups = re.split(r"[ \u00a0.\-–/]", number)
            score = self._score(text, match.start(), match.end(), digits, groups, cc, number)
            if score:
                spans.append(Span(match.start(), match.end(), PHONE, score, self.name))
        return spans

    def _score(
        self,
        text: str,
        start: int,
        end: int,
        digits: str,
        groups: list[str],
        cc: str | None,
        number: str,
    ) -> float:
        cue = _CUE.search(text, max(0, start - 40), start) is not None
        if cc in ("45", "47", "298", "299", "354"):
            return 0.95 if len(digits) in (6, 7, 8) else 0.0
        if cc in ("46", "358"):
            return 0.95 if 7 <= len(digits.lstrip("0")) <= 10 else 0.0
        if _AMOUNT_AFTER.match(text, end):
            return 0.0
        if len(groups) > 1 and len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:]):
            # thousands grouping (12 345 678): an amount, unless a cue says phone
            return 0.7 if cue and len(digits) >= 8 else 0.0
        if _is_date(number) or _is_year_range(groups):
            return 0.0
        if len(digits) == 8 and digits[0] != "0":
            if len(groups) == 1:  # 12345678: dates in compact form are not phones
                if _compact_date(digits) and not cue:
                    return 0.0
                return 0.8 if cue else 0.6
            dotted = "." in number
            if dotted and (not all(len(g) == 2 for g in groups) or re.search(r"[-– /]", number)):
                return 0.0  # 10.30-12.00 is a time span, 1.23.45.67 nothing

            return 0.9
        national = digits.startswith("0") and 8 <= len(digits) <= 10 and 2 <= len(groups[0]) <= 4
        if national and ("-" in number or " " in number):
            # Swedish national format: area code with a leading zero, then the subscriber number
            return 0.9
        if cue and 8 <= len(digits) <= 10 and len(groups) >= 3 and max(map(len, groups)) <= 4:
            return 0.7
        return 0.0


def _is_date(number: str) -> bool:
    match = re.fullmatch(r"(\d{1,4})[.\-/ ](\d{1,2})[.\-/ ](\d{1,4})", number)
    if not match:
        return False
    a, b, c = (int(x) for x in match.groups())
    if len(match.group(1)) == 4:
        return checksums.valid_date(a, b, c)
    year = c if len(match.group(3)) == 4 else 2000 + c
    return checksums.valid_date(year, b, a)


def _is_year_range(groups: list[str]) -> bool:
    return len(groups) == 2 and all(len(g) == 4 and g[:2] in ("19", "20") for g in groups)


def _compact_date(digits: str) -> bool:
    day, month, year = int(digits[:2]), int(digits[2:4]), int(digits[4:])
    if 1900 <= year <= 2099 and checksums.valid_date(year, month, day):
        return True
    year, month, day = int(digits[:4]), int(digits[4:6]), int(digits[6:])
    return 1900 <= year <= 2099 and checksums.valid_date(year, month, day)
