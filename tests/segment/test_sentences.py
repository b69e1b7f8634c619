"""SentenceSegmenter on Danish, Norwegian, Swedish and English transcript text."""

from __future__ import annotations

import pytest

from indsigt.segment import SentenceSegmenter, get_segmenter


def sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in SentenceSegmenter().split(text, 0, len(text))]


# -- abbreviations inside a sentence -------------------------------------------------------------

NO_SPLIT_AFTER_ABBREVIATION = {
    "bl.a.": "Vi har bl.a. Teams og Outlook.",
    "f.eks.": "Det gælder f.eks. Region Midtjylland.",
    "hhv.": "Det gælder hhv. Herlev og Hvidovre.",
    "dvs.": "Det er en dag om ugen, dvs. 20 procent af tiden.",
    "ca.": "Vi er ca. 400 medarbejdere.",
    "ca. (start)": "Ca. 400 medarbejdere har været på kursus.",
    "mht.": "Mht. økonomien er det svært.",
    "Mht. + capital": "Mht. Aarhus er det noget andet.",
    "jf.": "Vi gør det, jf. Databeskyttelsesloven.",
    "nr.": "Det er punkt nr. 3 på dagsordenen.",
    "kl.": "Vi mødes kl. 10 i morgen.",
    "t.ex. (sv)": "Vi har t.ex. Skolverket med i gruppen.",
    "bl.a. (sv)": "Vi samarbetar om bl.a. AI inom radiologi.",
    "s.k. (sv)": "Vi testar s.k. AI-assisterad journalföring.",
    "fr.o.m. (sv)": "Det gäller fr.o.m. Januari nästa år.",
    "f.eks. (no)": "Vi bruker f.eks. Microsoft Teams hver dag.",
    "ca. (no)": "Vi er ca. 15 000 ansatte.",
    "i.e.": "The core system, i.e. The one from 1998, is old.",
    "e.g.": "We use tools, e.g. Excel and Power BI.",
    "Dr.": "The unit is led by Dr. Hanne Vestergaard.",
    "Mr.": "We met Mr. Clarke in the morning.",
    "approx.": "We are approx. 600 people.",
    "pga.": "Det må vi ikke pga. GDPR og databeskyttelse.",
    "St.": "Det er på St. Olavs hospital.",
}


@pytest.mark.parametrize(
    "text", NO_SPLIT_AFTER_ABBREVIATION.values(), ids=NO_SPLIT_AFTER_ABBREVIATION.keys()
)
def test_no_split_after_abbreviation(text: str) -> None:
    assert sentences(text + " Det var det.") == [text, "Det var det."]


# -- dates, ordinals, addresses and initials -----------------------------------------------------

NO_SPLIT_INSIDE = {
    "d. 20. januar": "Det blev sendt d. 20. januar til alle.",
    "den 3. maj": "Vi startede den 3. maj sidste år.",
    "d. 1. september 2021": "Jeg har været her siden d. 1. september 2021, så det er længe.",
    "address": "Kom forbi på Vestergade 12, 2. th., 8000 Aarhus C, når du har tid.",
    "address (1. sal)": "Det ligger på Sct. Mathias Gade 12, 1. sal, 8800 Viborg.",
    "initial": "Jeg talte med J. Hansen i går.",
    "two initials": "Rapporten er skrevet af A. B. Jensen.",
    "ordinal + digit": "Det er d. 12. marts kl. 10 i Odense.",
    "time": "Vi mødes kl. 9.30 på Amaliegade.",
    "thousands": "Vi er ca. 1.200 i it-afdelingen.",
    "no date (no)": "Vi startet 3. mai i fjor.",
    "sv month": "Vi startade den 4. februari i år.",
}


@pytest.mark.parametrize("text", NO_SPLIT_INSIDE.values(), ids=NO_SPLIT_INSIDE.keys())
def test_no_split_inside(text: str) -> None:
    assert sentences(text) == [text]
    assert sentences(f"Ja. {text} Så er det sagt.") == ["Ja.", text, "Så er det sagt."]


# -- where a sentence does end -------------------------------------------------------------------

SPLITS = [
    pytest.param(
        "Vi har skoler, veje osv. Det koster.",
        ["Vi har skoler, veje osv.", "Det koster."],
        id="osv + capital",
    ),
    pytest.param(
        "Vi har skoler, veje osv. og meget mere.",
        ["Vi har skoler, veje osv. og meget mere."],
        id="osv + lowercase",
    ),
    pytest.param(
        "Papers, pens etc. Then we left.", ["Papers, pens etc.", "Then we left."], id="etc"
    ),
    pytest.param(
        "Papers, pens etc. and so on.", ["Papers, pens etc. and so on."], id="etc + lowercase"
    ),
    pytest.param(
        "Hvad så? Vi ved det ikke! Måske… Ja.",
        ["Hvad så?", "Vi ved det ikke!", "Måske…", "Ja."],
        id="? ! …",
    ),
    pytest.param("Virkelig?! Ja.", ["Virkelig?!", "Ja."], id="?!"),
    pytest.param(
        "Hvad tænker I? 2025 bliver svært.",
        ["Hvad tænker I?", "2025 bliver svært."],
        id="? + digit",
    ),
    pytest.param(
        "Jeg ved ikke... måske er det rigtigt. Ja.",
        ["Jeg ved ikke... måske er det rigtigt.", "Ja."],
        id="... + lowercase",
    ),
    pytest.param(
        "Jeg ved ikke … måske. Ja.",
        ["Jeg ved ikke … måske.", "Ja."],
        id="… + lowercase",
    ),
    pytest.param(
        "Jeg ved ikke... Måske er det rigtigt.",
        ["Jeg ved ikke...", "Måske er det rigtigt."],
        id="... + capital",
    ),
    pytest.param(
        'Hun sagde: "Det går ikke." Så gik hun.',
        ['Hun sagde: "Det går ikke."', "Så gik hun."],
        id="closing quote",
    ),
    pytest.param(
        "Det er (vist nok.) Så gik hun.",
        ["Det er (vist nok.)", "Så gik hun."],
        id="closing bracket",
    ),
    pytest.param(
        'Det sagde han. "Nej," sagde hun.',
        ["Det sagde han.", '"Nej," sagde hun.'],
        id="opening quote",
    ),
    pytest.param(
        "Det skete i 2019. Siden da er alt ændret.",
        ["Det skete i 2019.", "Siden da er alt ændret."],
        id="year + capital",
    ),
    pytest.param(
        "Vi starter kl. 10. Vi slutter kl. 14.",
        ["Vi starter kl. 10.", "Vi slutter kl. 14."],
        id="number + capital",
    ),
    pytest.param(
        "Det koster 5 mio. kr. om året. Det er meget.",
        ["Det koster 5 mio. kr. om året.", "Det er meget."],
        id="mio. kr.",
    ),
    pytest.param(
        "Det er ikke en kritik af KL. Det er bare et vilkår.",
        ["Det er ikke en kritik af KL.", "Det er bare et vilkår."],
        id="acronym KL",
    ),
    pytest.param(
        "Det kommer fra EU. Vi skal følge det.",
        ["Det kommer fra EU.", "Vi skal følge det."],
        id="acronym EU",
    ),
    pytest.param(
        "Det er jeg ikke helt enig i. Vi har en lille virksomhed.",
        ["Det er jeg ikke helt enig i.", "Vi har en lille virksomhed."],
        id="one-letter word i",
    ),
    pytest.param(
        "Det er der ingen, der gør, ikke I. Men vi gør.",
        ["Det er der ingen, der gør, ikke I.", "Men vi gør."],
        id="one-letter word I",
    ),
    pytest.param(
        "Vi mødes på Vestergade 12, 2. th. Der er åbent.",
        ["Vi mødes på Vestergade 12, 2. th.", "Der er åbent."],
        id="address ends in th.",
    ),
    pytest.param(
        "Adressen er Vestergade 12, 2. th., 8000 Aarhus C. Kom forbi.",
        ["Adressen er Vestergade 12, 2. th., 8000 Aarhus C.", "Kom forbi."],
        id="address ends in postal district",
    ),
    pytest.param(
        "Det ligger i 1216 København K. Der er alle velkomne.",
        ["Det ligger i 1216 København K.", "Der er alle velkomne."],
        id="postal district K",
    ),
    pytest.param(
        "Det tager en uge. Og så er vi færdige.",
        ["Det tager en uge.", "Og så er vi færdige."],
        id="uge is a word",
    ),
    pytest.param(
        "Sådan gør man. Men det er svært.",
        ["Sådan gør man.", "Men det er svært."],
        id="man is a word",
    ),
    pytest.param(
        "Jeg talte med Jan. Han var glad.",
        ["Jeg talte med Jan.", "Han var glad."],
        id="Jan is a name",
    ),
    pytest.param(
        "Det var i jan. 2024, tror jeg.",
        ["Det var i jan. 2024, tror jeg."],
        id="jan. 2024",
    ),
    pytest.param(
        "Vi ser meget tv. Det er hyggeligt.",
        ["Vi ser meget tv.", "Det er hyggeligt."],
        id="tv is a word",
    ),
    pytest.param(
        "Det ved jeg ikke. Det må du spørge om.", ["Det ved jeg ikke.", "Det må du spørge om."]
    ),
    pytest.param(
        "Vi har brug for det. Æ, Ø og Å er også bogstaver.",
        ["Vi har brug for det.", "Æ, Ø og Å er også bogstaver."],
        id="Danish capital",
    ),
    pytest.param("Ja. Nej. Måske.", ["Ja.", "Nej.", "Måske."], id="short sentences"),
    pytest.param(
        "Det är bra. Vi har ca. 40 000 medarbetare. Och det är många.",
        ["Det är bra.", "Vi har ca. 40 000 medarbetare.", "Och det är många."],
        id="sv",
    ),
    pytest.param(
        "Det er bra. Vi har bl.a. innført KI. Og det virker.",
        ["Det er bra.", "Vi har bl.a. innført KI.", "Og det virker."],
        id="no",
    ),
    pytest.param(
        "That is fine. Really? Yes! We use, e.g. Excel, etc. Then we stop.",
        ["That is fine.", "Really?", "Yes!", "We use, e.g. Excel, etc.", "Then we stop."],
        id="en",
    ),
    pytest.param(
        "10. Bygnings- og jordforureningspulje - Åben sag",
        ["10. Bygnings- og jordforureningspulje - Åben sag"],
        id="an item's number",
    ),
    pytest.param(
        "Punkterne er klar. 1. Økonomi. 2. Personale.\n3. Drift",
        ["Punkterne er klar.", "1. Økonomi.", "2. Personale.", "3. Drift"],
        id="numbered items",
    ),
    pytest.param(
        "Han sagde 10. Ja. Jeg er født i 1970. Mit navn er Per.",
        ["Han sagde 10.", "Ja.", "Jeg er født i 1970.", "Mit navn er Per."],
        id="a number ending a sentence",
    ),
    pytest.param("Ingen punktum til sidst", ["Ingen punktum til sidst"], id="no final stop"),
    pytest.param("", [], id="empty"),
    pytest.param("   \n\n  ", [], id="blank"),
]


@pytest.mark.parametrize(("text", "expected"), SPLITS)
def test_splits(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


# -- blank lines ---------------------------------------------------------------------------------

BLANK_LINES = [
    pytest.param("Første linje\n\nanden linje", ["Første linje", "anden linje"], id="plain"),
    pytest.param("Vi har bl.a.\n\nTeams", ["Vi har bl.a.", "Teams"], id="after abbreviation"),
    pytest.param("Den 3.\n\nmaj", ["Den 3.", "maj"], id="after ordinal"),
    pytest.param("Hvad?\n\nja", ["Hvad?", "ja"], id="after ? + lowercase"),
    pytest.param("J.\n\nHansen", ["J.", "Hansen"], id="after initial"),
    pytest.param("osv.\n \t\n  og mere", ["osv.", "og mere"], id="whitespace on blank line"),
    pytest.param("en\n\n\n\nto", ["en", "to"], id="several blank lines"),
    pytest.param("en linje\nog en til", ["en linje\nog en til"], id="single newline"),
]


@pytest.mark.parametrize(("text", "expected"), BLANK_LINES)
def test_blank_line_ends_passage(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


# -- offsets -------------------------------------------------------------------------------------


def test_spans_are_offsets_into_the_whole_text() -> None:
    text = "I: Hvad laver I?\n\nR: Vi har bl.a. Teams. Det virker! Ja…\n"
    start = text.index("Vi")
    end = text.index("\n", start)
    spans = SentenceSegmenter().split(text, start, end)
    assert [text[s:e] for s, e in spans] == ["Vi har bl.a. Teams.", "Det virker!", "Ja…"]
    assert spans[0][0] == start
    assert spans[-1][1] == end


def test_split_stays_inside_the_range() -> None:
    text = "Før. Vi har bl.a. Teams. Det virker. Efter."
    start, end = text.index("Vi"), text.index(" Efter")
    spans = SentenceSegmenter().split(text, start, end)
    assert all(start <= s < e <= end for s, e in spans)
    assert [text[s:e] for s, e in spans] == ["Vi har bl.a. Teams.", "Det virker."]


def test_get_segmenter_returns_the_sentence_segmenter() -> None:
    segmenter = get_segmenter("sentence")
    assert isinstance(segmenter, SentenceSegmenter)
    assert segmenter.name == "sentence.v1"


def test_long_text_is_fast() -> None:
    """A single regex pass: a long turn is segmented quickly (not quadratic)."""
    import time

    unit = "Vi har bl.a. Teams, f.eks. d. 20. januar kl. 10. Det virker! Måske… ja. "
    text = unit * 5000  # about 370,000 characters
    began = time.perf_counter()
    spans = SentenceSegmenter().split(text, 0, len(text))
    assert time.perf_counter() - began < 2.0
    assert len(spans) == 5000 * 3
