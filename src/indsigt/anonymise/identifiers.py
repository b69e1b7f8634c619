"""Validated Nordic identity numbers: Danish CPR, Norwegian fødselsnummer, Swedish personnummer
and samordningsnummer, Danish CVR. A candidate is matched by its layout and then checked (date,
modulus 11, Luhn); dates, years, ranges and amounts do not have these layouts or fail the
checks, so they are not taken for identity numbers."""

from __future__ import annotations

import re
from typing import ClassVar

from indsigt.anonymise import checksums
from indsigt.anonymise.base import CPR, CVR, FNR, PNR, TIER_IDENTIFIER, Span

# Not inside a longer number, an amount (1.234), a date (12/03) or a phone (+45).
_BEFORE = r"(?<![\w.,/+:-])"
_BEFORE_LOOSE = r"(?<![\w.,/+])"  # a dash before is fine ("cpr-nummer-120378-1143" is rare)
_AFTER = r"(?![\w]|[.,/-]\d)"
_SEP = r"[-–‐ \u00a0]?"

_CONTEXT = re.compile(
    r"(cpr|personnummer|person-?nr|personnr|pnr|fødselsnummer|fødselsnr|fnr|d-nummer|"
    r"samordningsnummer|personal identity|social security|cvr|org\.?\s?nr)",
    re.IGNORECASE,
)


_CVR_CUE = re.compile(r"cvr|se-?nr|moms", re.IGNORECASE)


def _has_context(text: str, start: int, width: int = 40) -> bool:
    return _CONTEXT.search(text, max(0, start - width), start) is not None


class _PersonNumber:
    """A national identity number: of the identifier tier, and within it before a CVR or a
    phone number of the same digits."""

    tier: ClassVar[int] = TIER_IDENTIFIER
    tier_rank: ClassVar[int] = 3


class CprDetector(_PersonNumber):
    """Danish CPR numbers ``DDMMYY-SSSS`` with or without the dash (or a space): the date must
    exist (century from the 7th digit); modulus 11 raises the score, but numbers that fail it
    are found too, since numbers issued after 2007 need not satisfy it."""

    name: ClassVar[str] = "cpr.v1"
    PATTERN = re.compile(_BEFORE_LOOSE + r"(\d{6})" + _SEP + r"(\d{4})" + _AFTER)

    def detect(self, text: str, *, language: str = "da") -> list[Span]:
        spans = []
        for match in self.PATTERN.finditer(text):
            digits = match.group(1) + match.group(2)
            if not checksums.cpr_date_ok(digits):
                if _has_context(text, match.start(), 25):  # a cued number with a typo
                    spans.append(Span(match.start(), match.end(), CPR, 0.5, self.name))
                continue
            if language == "sv" and checksums.pnr_ok(digits):
                continue  # the Swedish layout YYMMDD-NNNC: PnrDetector reports it
            dashed = match.group(0)[6] in "-–‐"
            score = 0.6
            if checksums.cpr_modulus11(digits):
                score += 0.3
            if dashed or _has_context(text, match.start()):
                score += 0.1
            spans.append(Span(match.start(), match.end(), CPR, round(score, 2), self.name))
        return spans


class FnrDetector(_PersonNumber):
    """Norwegian fødselsnummer and D-nummer ``DDMMYY IIIKK``: both check digits must hold."""

    name: ClassVar[str] = "fnr.v1"
    PATTERN = re.compile(_BEFORE + r"(\d{6})" + _SEP + r"(\d{5})" + _AFTER)

    def detect(self, text: str, *, language: str = "da") -> list[Span]:
        spans = []
        for match in self.PATTERN.finditer(text):
            if checksums.fnr_ok(match.group(1) + match.group(2)):
                spans.append(Span(match.start(), match.end(), FNR, 0.95, self.name))
            elif _has_context(text, match.start(), 120):  # a cued number with a typo
                spans.append(Span(match.start(), match.end(), FNR, 0.5, self.name))
        return spans


class PnrDetector(_PersonNumber):
    """Swedish personnummer and samordningsnummer: ``YYMMDD-NNNC``, ``YYMMDD+NNNC`` (100 years
    or older), ``YYYYMMDD-NNNC`` and without separator; the date and the Luhn digit must hold.
    A ten-digit ``YYMMDD-NNNC`` outside Swedish text is only taken when it is not a valid CPR
    number (CprDetector reports those)."""

    name: ClassVar[str] = "pnr.v1"
    PATTERN = re.compile(_BEFORE + r"((?:19|20)?\d{6})" + r"[-–+ ]?" + r"(\d{4})" + _AFTER)

    def detect(self, text: str, *, language: str = "da") -> list[Span]:
        spans = []
        for match in self.PATTERN.finditer(text):
            digits = match.group(1) + match.group(2)
            if not checksums.pnr_ok(digits):
                if len(digits) == 12 and _has_context(text, match.start(), 120):
                    spans.append(Span(match.start(), match.end(), PNR, 0.5, self.name))
                continue
            if len(digits) == 10 and language != "sv" and checksums.cpr_date_ok(digits):
                continue
            spans.append(Span(match.start(), match.end(), PNR, 0.95, self.name))
        return spans


class CvrDetector:
    """Danish CVR numbers (8 digits, modulus 11) after a "CVR" cue, or as ``DK12345678``. A bare
    eight-digit number is a phone number far more often, so it needs the cue."""

    name: ClassVar[str] = "cvr.v1"
    tier: ClassVar[int] = TIER_IDENTIFIER
    tier_rank: ClassVar[int] = 2  # after identity numbers, before phone numbers
    PATTERN = re.compile(r"(?:(?<!\w)DK[- ]?|(?<![\w.,/+:-]))(\d{2} ?\d{2} ?\d{2} ?\d{2})" + _AFTER)

    def detect(self, text: str, *, language: str = "da") -> list[Span]:
        spans = []
        for match in self.PATTERN.finditer(text):
            digits = match.group(1).replace(" ", "")
            prefixed = match.group(0).upper().startswith("DK")
            cue = _CVR_CUE.search(text, max(0, match.start() - 25), match.start())
            if checksums.cvr_ok(digits) and (prefixed or cue):
                spans.append(Span(match.start(), match.end(), CVR, 0.9, self.name))
        return spans
