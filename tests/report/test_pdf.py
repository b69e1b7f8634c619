"""The PDF as a reader sees it: pages rendered to images (none blank), the text on them."""

from __future__ import annotations

import re
from pathlib import Path

from .conftest import Written
from .reader import ink, page_images, pdf_pages, pdf_text


def test_pdf_pages_render_and_none_is_blank(sample_da: Written, tmp_path: Path) -> None:
    pdf = Path(sample_da.result.files["pdf"])
    pages = pdf_pages(pdf)
    images = page_images(pdf, tmp_path)
    assert len(images) == pages
    # title, contents, summary, method, ≥ 1 page per theme, differences, appendix, evidence
    assert 12 <= pages <= 60
    shares = [ink(image) for image in images]
    assert min(shares) > 0.005, shares  # every page has something on it
    assert shares[0] > 0.25  # the title page has its colour band


def test_pdf_text_has_the_report(sample_da: Written) -> None:
    text = pdf_text(Path(sample_da.result.files["pdf"]))
    for heading in (
        "Indhold",
        "Resumé",
        "Metode",
        "Fund",
        "Forskelle mellem grupper",
        "Bilag",
        "Kodebog",
        "Reliabilitet",
        "Mætning",
        "Evidens",
    ):
        assert heading in text, heading
    assert "Baseret på 13 interviews med 15 ledere" in text
    for section in sample_da.context.sections:
        assert section.title in text
    assert re.search(r"\d+ af 15 ledere", text)
    assert "— Leder i " in text
    assert "E1.1" in text and re.search(r"P\d+ · Interview \d+, ¶ \d+", text)
    assert "Cohens κ" in text


def test_pdf_pages_are_numbered_after_the_title_page(sample_da: Written) -> None:
    text = pdf_text(Path(sample_da.result.files["pdf"]))
    pages = text.split("\f")
    assert not re.search(r"^\s*1\s*$", pages[0], re.M)
    for number, page in enumerate(pages[1:6], start=2):
        last = [line.strip() for line in page.strip().splitlines() if line.strip()][-1]
        assert last.endswith(str(number)), (number, last)
    # the contents page gives page numbers
    assert re.search(r"Resumé\s*\.[ .]*\s*3", pages[1])


def test_english_pdf(sample_en: Written) -> None:
    text = pdf_text(Path(sample_en.result.files["pdf"]))
    assert "Summary" in text and "Method" in text and "Evidence" in text
    assert re.search(r"\d+ of 15 leaders", text)
    assert "leader" in text


def test_uncoded_pdf_has_emergent_findings(uncoded: Written, tmp_path: Path) -> None:
    pdf = Path(uncoded.result.files["pdf"])
    text = pdf_text(pdf)
    assert "Emergente temaer" in text and "Emergent tema, ikke gennemgået" in text
    assert "Ingen kodning er foretaget" not in text
    assert pdf_pages(pdf) >= 6  # title, contents, summary, method, findings, evidence
    # No page is blank: each has text beside its running head and number (the last page of
    # the evidence may hold one passage, a line's worth of ink), and some ink.
    for page in text.split("\f")[1:-1]:
        assert len([line for line in page.splitlines() if line.strip()]) >= 3, page
    assert all(ink(image) > 0.003 for image in page_images(pdf, tmp_path))
