"""Validation of Nordic identifiers: dates, modulus 11, Luhn, IBAN mod 97. Pure functions on
digit strings (no separators)."""

from __future__ import annotations

import calendar

CPR_WEIGHTS = (4, 3, 2, 7, 6, 5, 4, 3, 2, 1)
CVR_WEIGHTS = (2, 7, 6, 5, 4, 3, 2, 1)
FNR_K1 = (3, 7, 6, 1, 8, 9, 4, 5, 2)
FNR_K2 = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)


def valid_date(year: int, month: int, day: int) -> bool:
    if not 1 <= month <= 12 or year < 1800:
        return False
    return 1 <= day <= calendar.monthrange(year, month)[1]


def cpr_century(yy: int, seventh: int) -> int:
    """The century of a CPR birth year from the 7th digit (CPR office table)."""
    if seventh <= 3:
        return 1900
    if seventh in (4, 9):
        return 2000 if yy <= 36 else 1900
    return 2000 if yy <= 57 else 1800  # 5-8


def cpr_date_ok(digits: str) -> bool:
    """The first six digits are a real birth date (DDMMYY, century from digit 7)."""
    if len(digits) != 10 or not digits.isdigit():
        return False
    day, month, yy = int(digits[:2]), int(digits[2:4]), int(digits[4:6])
    year = cpr_century(yy, int(digits[6])) + yy
    return valid_date(year, month, day)


def cpr_modulus11(digits: str) -> bool:
    return sum(int(d) * w for d, w in zip(digits, CPR_WEIGHTS, strict=True)) % 11 == 0


def cvr_ok(digits: str) -> bool:
    if len(digits) != 8 or not digits.isdigit() or digits[0] == "0":
        return False
    return sum(int(d) * w for d, w in zip(digits, CVR_WEIGHTS, strict=True)) % 11 == 0


def _mod11_digit(digits: str, weights: tuple[int, ...]) -> int | None:
    rest = 11 - sum(int(d) * w for d, w in zip(digits, weights, strict=True)) % 11
    if rest == 11:
        return 0
    return None if rest == 10 else rest


def fnr_ok(digits: str) -> bool:
    """Norwegian fødselsnummer or D-nummer (day + 40): a date and both check digits."""
    if len(digits) != 11 or not digits.isdigit():
        return False
    day, month, yy = int(digits[:2]), int(digits[2:4]), int(digits[4:6])
    if day > 40:
        day -= 40  # D-nummer
    if month > 40:
        month -= 40  # H-nummer / synthetic test numbers
    individual = int(digits[6:9])
    if individual < 500:
        century = 1900
    elif individual < 750 and yy >= 54:
        century = 1800
    elif yy < 40:
        century = 2000
    else:
        century = 1900
    if not valid_date(century + yy, month, day) and not valid_date(2000 + yy, month, day):
        return False
    k1 = _mod11_digit(digits[:9], FNR_K1)
    if k1 is None or k1 != int(digits[9]):
        return False
    k2 = _mod11_digit(digits[:10], FNR_K2)
    return k2 is not None and k2 == int(digits[10])


def luhn_ok(digits: str) -> bool:
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2 == 1:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def pnr_ok(digits: str) -> bool:
    """Swedish personnummer or samordningsnummer (day + 60), 10 or 12 digits, with Luhn over
    the last ten."""
    if len(digits) not in (10, 12) or not digits.isdigit():
        return False
    short = digits[-10:]
    month, day = int(short[2:4]), int(short[4:6])
    if day > 60:
        day -= 60
    year = int(digits[:4]) if len(digits) == 12 else 2000 + int(short[:2])
    if not valid_date(year, month, day) and not valid_date(year - 100, month, day):
        return False
    return luhn_ok(short)


IBAN_LENGTHS = {
    "DK": 18, "NO": 15, "SE": 24, "FI": 18, "IS": 26, "DE": 22, "GB": 22, "NL": 18, "FR": 27,
    "ES": 24, "IT": 27, "BE": 16, "PL": 28, "EE": 20, "LT": 20, "LV": 21, "IE": 22, "AT": 20,
    "CH": 21, "FO": 18, "GL": 18, "PT": 25, "LU": 20,
}  # fmt: skip


def iban_ok(compact: str) -> bool:
    compact = compact.upper()
    if len(compact) < 15 or not compact[:2].isalpha() or not compact[2:4].isdigit():
        return False
    expected = IBAN_LENGTHS.get(compact[:2])
    if expected is not None and len(compact) != expected:
        return False
    rearranged = compact[4:] + compact[:4]
    number = "".join(str(int(c, 36)) for c in rearranged)
    return number.isdigit() and int(number) % 97 == 1
