"""A generated suite of valid and invalid Nordic identifiers in many layouts: valid numbers are
found (recall ≥ 0.99 per kind), invalid ones are not, and dates and amounts are never taken
for CPR numbers (or phone numbers)."""

from __future__ import annotations

import random
from collections.abc import Callable

import pytest

from indsigt.anonymise import checksums, detect, resolve, rule_detectors
from indsigt.anonymise.base import CPR, EMAIL, FNR, PHONE, PNR

RNG = random.Random(20260114)
N = 400
TEMPLATES = [
    "Mit nummer er {x}.",
    "Han oplyste {x}, og så gik han.",
    "({x})",
    "Skriv {x} i feltet",
    "{x}",
    "Det er – {x} – tror jeg.",
    "Nummeret «{x}» stod i mailen.",
]


def labels_found(text: str, language: str) -> list[tuple[str, str]]:
    spans = resolve(detect(text, rule_detectors(), language=language))
    return [(s.label, text[s.start : s.end]) for s in spans]


def recall(numbers: list[str], label: str, language: str) -> float:
    hits = 0
    for index, number in enumerate(numbers):
        text = TEMPLATES[index % len(TEMPLATES)].format(x=number)
        hits += (label, number) in labels_found(text, language)
    return hits / len(numbers)


def random_date(first: int, last: int) -> tuple[int, int, int]:
    while True:
        year, month, day = RNG.randint(first, last), RNG.randint(1, 12), RNG.randint(1, 31)
        if checksums.valid_date(year, month, day):
            return year, month, day


# -- CPR ---------------------------------------------------------------------------------------


def cpr(*, modulus11: bool) -> str:
    while True:
        year, month, day = random_date(1910, 2035)
        yy = year % 100
        if year < 2000:
            seventh = RNG.choice([0, 1, 2, 3] + ([4, 9] if yy >= 37 else []))
        else:
            seventh = RNG.choice([4, 9, 5, 6, 7, 8] if yy <= 36 else [5, 6, 7, 8])
        digits = f"{day:02d}{month:02d}{yy:02d}{seventh}{RNG.randint(0, 999):03d}"
        if checksums.cpr_modulus11(digits) == modulus11 and checksums.cpr_date_ok(digits):
            return digits


def layouts(digits: str, cut: int) -> list[str]:
    return [f"{digits[:cut]}-{digits[cut:]}", digits, f"{digits[:cut]} {digits[cut:]}"]


@pytest.mark.parametrize("modulus11", [True, False], ids=["modulus11", "post-2007"])
def test_cpr_recall(modulus11: bool) -> None:
    numbers = [layout for _ in range(N // 3) for layout in layouts(cpr(modulus11=modulus11), 6)]
    assert recall(numbers, CPR, "da") >= 0.99


def test_cpr_with_an_impossible_date_is_not_a_cpr_number() -> None:
    for bad in ("320178-1234", "311178-1234", "290221-4321", "001299-1234", "151378-1234"):
        assert not [found for found in labels_found(f"Nummeret er {bad}.", "da") if found[0] == CPR]


NOT_CPR = [
    "Mødet er 14-01-2026 kl. 10.",
    "Den 14.01.2026 sendte vi brevet.",
    "Fra 2026-01-14 til 2026-02-01.",
    "Det kostede 1.234.567 kr. i alt.",
    "Budgettet er 12 345 678 kr.",
    "I perioden 1990-2000 og 2001-2010.",
    "Aftalen af 140126 gælder.",
    "Vi har ca. 97.000 indbyggere og 7.000 medarbejdere.",
    "Fra 50.000-100.000 kr. pr. projekt.",
    "Skoleåret 2023/2024 og 12/03/1978.",
    "Effektiviseringskrav på 0,5 pct. om året, 380 fagsystemer.",
    "Sagsnummer 2024-123456 er lukket.",
    "Beløbet 1.120.378,50 kr. blev betalt 3.4.2025.",
    "Kl. 10.30-12.00 og 13.15-14.45.",
    "Mellem 1.000.000 og 2.500.000 borgere.",
]


@pytest.mark.parametrize("text", NOT_CPR)
def test_dates_and_amounts_are_not_identifiers(text: str) -> None:
    assert [f for f in labels_found(text, "da") if f[0] in (CPR, FNR, PNR, PHONE)] == []


# -- fødselsnummer -----------------------------------------------------------------------------


def fnr(*, valid: bool = True) -> str:
    while True:
        year, month, day = random_date(1920, 1999)
        if RNG.random() < 0.2:
            day += 40  # D-nummer
        base = f"{day:02d}{month:02d}{year % 100:02d}{RNG.randint(0, 499):03d}"
        k1 = 11 - sum(int(d) * w for d, w in zip(base, checksums.FNR_K1, strict=True)) % 11
        k1 = 0 if k1 == 11 else k1
        if k1 == 10:
            continue
        with_k1 = base + str(k1)
        k2 = 11 - sum(int(d) * w for d, w in zip(with_k1, checksums.FNR_K2, strict=True)) % 11
        k2 = 0 if k2 == 11 else k2
        if k2 == 10:
            continue
        digits = f"{base}{k1}{k2}"
        if not valid:
            digits = digits[:-1] + str((int(digits[-1]) + 1) % 10)
        return digits


def test_fodselsnummer_recall() -> None:
    numbers = [x for _ in range(N // 2) for x in (fnr(), (lambda d: f"{d[:6]} {d[6:]}")(fnr()))]
    assert recall(numbers, FNR, "no") >= 0.99


def test_fodselsnummer_with_a_wrong_check_digit_is_not_found() -> None:
    numbers = [fnr(valid=False) for _ in range(100)]
    assert recall(numbers, FNR, "no") == 0.0


# -- personnummer ------------------------------------------------------------------------------


def pnr(*, valid: bool = True, coordination: bool = False) -> str:
    year, month, day = random_date(1925, 2015)
    if coordination:
        day += 60
    nine = f"{year % 100:02d}{month:02d}{day:02d}{RNG.randint(0, 999):03d}"
    check = next(c for c in range(10) if checksums.luhn_ok(nine + str(c)))
    if not valid:
        check = (check + 1) % 10
    return f"{year // 100}{nine}{check}"  # twelve digits; layouts cut them


def pnr_layouts(twelve: str) -> list[str]:
    return [
        f"{twelve[2:8]}-{twelve[8:]}",
        f"{twelve[:8]}-{twelve[8:]}",
        f"{twelve[2:8]}+{twelve[8:]}",
        twelve,
        twelve[2:],
    ]


@pytest.mark.parametrize("coordination", [False, True], ids=["personnummer", "samordning"])
def test_personnummer_recall(coordination: bool) -> None:
    numbers = [x for _ in range(N // 5) for x in pnr_layouts(pnr(coordination=coordination))]
    assert recall(numbers, PNR, "sv") >= 0.99


def test_personnummer_with_a_wrong_luhn_digit_is_not_found() -> None:
    numbers = [pnr_layouts(pnr(valid=False))[1] for _ in range(100)]
    assert recall(numbers, PNR, "sv") == 0.0


# -- phones and e-mails ------------------------------------------------------------------------


def digits(n: int, first: str = "23456789") -> str:
    return RNG.choice(first) + "".join(RNG.choice("0123456789") for _ in range(n - 1))


def dk_phone() -> str:
    d = digits(8)
    pairs = " ".join(d[i : i + 2] for i in range(0, 8, 2))
    return RNG.choice(
        [pairs, f"+45 {pairs}", f"+45{d}", f"0045 {d}", f"{d[:4]} {d[4:]}", f"(+45) {pairs}"]
    )


def no_phone() -> str:
    d = digits(8, "2345679")
    return RNG.choice(
        [f"{d[:3]} {d[3:5]} {d[5:]}", f"+47 {d[:3]} {d[3:5]} {d[5:]}", f"+47 {d}",
         f"{d[:2]} {d[2:4]} {d[4:6]} {d[6:]}"]
    )  # fmt: skip


def se_phone() -> str:
    mobile = "07" + digits(8, "023569")[:8]
    area = "08" + digits(8)[:7]
    return RNG.choice(
        [
            f"{mobile[:3]}-{mobile[3:6]} {mobile[6:8]} {mobile[8:]}",
            f"+46 {mobile[1:3]} {mobile[3:6]} {mobile[6:8]} {mobile[8:]}",
            f"{area[:2]}-{area[2:5]} {area[5:8]} {area[8:]}",
            f"+46 (0)8 {area[2:5]} {area[5:8]} {area[8:]}",
            f"031-{digits(6)[:2]} {digits(4)[:2]} {digits(4)[:2]}",
        ]
    )


@pytest.mark.parametrize(
    ("make", "language"),
    [(dk_phone, "da"), (no_phone, "no"), (se_phone, "sv")],
    ids=["dk", "no", "se"],
)
def test_phone_recall(make: Callable[[], str], language: str) -> None:
    numbers = [make() for _ in range(N)]
    hits = sum(
        (PHONE, number) in labels_found(f"Ring på {number} i morgen.", language)
        for number in numbers
    )
    assert hits / len(numbers) >= 0.99


def test_eight_digit_phone_without_spaces_needs_no_cue_unless_it_is_a_date() -> None:
    assert (PHONE, "87875521") in labels_found("Tlf. 87875521.", "da")
    assert (PHONE, "14012026") not in labels_found("Aftalt 14012026.", "da")


def email() -> str:
    local = RNG.choice(["rasmus.ebbesen", "jpm", "a.b+nyhed", "ingrid.solberg.haugen", "cfr_01"])
    domain = RNG.choice(["viborg.dk", "digst.dk", "trondheim.kommune.no", "skane.se", "gov.co.uk"])
    return f"{local}{RNG.randint(0, 99)}@{domain}"


def test_email_recall() -> None:
    numbers = [email() for _ in range(N)]
    assert recall(numbers, EMAIL, "da") >= 0.99
