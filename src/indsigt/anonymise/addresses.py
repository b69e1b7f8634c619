"""Street addresses: a street name ending in a Nordic street word (-gade, -vej, Allé, -gate,
-veien, -gatan, -vägen, …), a house number, optionally floor and side (``2. th.``, ``1. sal``,
``st. tv.``), and a postcode with town (``8000 Aarhus C``, ``0150 Oslo``, ``114 55
Stockholm``). With a postcode the score is high; street and number alone still count."""

from __future__ import annotations

import re
from typing import ClassVar

from indsigt.anonymise.base import ADDRESS, TIER_IDENTIFIER, Span

_SUFFIX = (
    "gade|gaden|vej|vejen|allé|alle|plads|pladsen|torv|torvet|stræde|strædet|boulevard|vænge|"
    "vænget|vang|vangen|bakke|bakken|park|parken|sti|stien|kaj|kajen|brygge|bryggen|have|"
    "haven|høj|toft|toften|løkke|ager|agervej|kvarter|skov|hegn|gate|gata|veien|vei|vegen|veg|"
    "plass|plassen|gatan|vägen|väg|gränd|gränden|torget|stigen|allén|backe|backen|platsen|"
    "street|road|avenue|lane"
)
_WORD = r"[A-ZÆØÅÄÖÜ][\w'’.-]*"
_STREET = (
    r"(?:(?:(?:" + _WORD + r"|H\.\s?C\.)\s+){0,3}" + _WORD + r"(?:" + _SUFFIX + r")"
    r"|(?:(?:" + _WORD + r"|H\.\s?C\.)\s+){1,3}(?:" + _SUFFIX + r"|" + _SUFFIX.title() + r"))"
)
_NUMBER = r"\s+\d{1,4}(?:\s?[A-Za-z](?![\w]))?(?:-\d{1,4})?"
_FLOOR = (
    r"(?:,?\s+(?:(?:st|kl|\d{1,2})\.(?:\s?(?:sal|etage|tv|th|mf)\.?)?|stuen|"
    r"\d{1,2}\s?(?:sal|etage|tv|th|mf)\.?)(?:,?\s?(?:tv|th|mf|dør\s?\d+)\.?)?)?"
)
_POSTCODE = (
    r"(?:,?\s+(?:(?:DK|N|NO|S|SE)-)?(?:\d{4}|\d{3}\s\d{2})\s+"
    r"[A-ZÆØÅÄÖ][\w-]*(?:\s[A-ZÆØÅÄÖ][\w-]+)?(?:\s(?:C|K|V|N|S|Ø|NV|NØ|SV|SØ)\b)?)?"
)
_ADDRESS = re.compile(r"(?<![\w])" + _STREET + _NUMBER + r"(?![\d])" + _FLOOR + _POSTCODE)


class AddressDetector:
    name: ClassVar[str] = "address.v1"
    tier: ClassVar[int] = TIER_IDENTIFIER

    def detect(self, text: str, *, language: str = "da") -> list[Span]:
        spans = []
        for match in _ADDRESS.finditer(text):
            end = match.end()
            while end > match.start() and text[end - 1] in ",. ":
                end -= 1
            surface = text[match.start() : end]
            has_postcode = re.search(r"\d{4}\s+[A-ZÆØÅ]|\d{3}\s\d{2}\s+[A-ZÄÖÅ]", surface)
            score = 0.95 if has_postcode else 0.7
            spans.append(Span(match.start(), end, ADDRESS, score, self.name))
        return spans
