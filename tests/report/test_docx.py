"""The DOCX opened with python-docx: real heading styles, quotes, charts with alt text,
evidence ids linked to bookmarks."""

from __future__ import annotations

from pathlib import Path

from docx.oxml.ns import qn

from .conftest import Written
from .reader import docx_document, docx_text


def _headings(document: object, level: int) -> list[str]:
    return [
        p.text
        for p in document.paragraphs
        if p.style.name == f"Heading {level}"  # type: ignore[attr-defined]
    ]


def test_docx_uses_real_heading_styles(sample_da: Written) -> None:
    document = docx_document(Path(sample_da.result.files["docx"]))
    titles = [p.text for p in document.paragraphs if p.style.name == "Title"]
    assert titles == [sample_da.context.title]
    assert _headings(document, 1) == [
        "Indhold",
        "Resumé",
        "Metode",
        "Fund",
        "Forskelle mellem grupper",
        "Bilag",
        "Evidens",
    ]
    level2 = _headings(document, 2)
    for number, section in enumerate(sample_da.context.sections, start=1):
        assert f"{number}. {section.title}" in level2
    assert "A. Kodebog" in level2 and "B. Reliabilitet" in level2
    assert document.styles["Heading 1"].paragraph_format.page_break_before


def test_docx_has_the_pull_quotes_with_attribution(sample_da: Written) -> None:
    document = docx_document(Path(sample_da.result.files["docx"]))
    paragraphs = document.paragraphs
    quotes = [(i, p.text) for i, p in enumerate(paragraphs) if p.style.name == "Quote"]
    expected = [q for s in sample_da.context.sections for q in s.quotes]
    assert len(quotes) == len(expected) > 0
    for (index, text), quote in zip(quotes, expected, strict=True):
        assert text == f"»{quote.text}«"
        assert paragraphs[index + 1].text.startswith(f"— {quote.attribution} [P")


def test_docx_charts_have_alt_text(sample_da: Written) -> None:
    document = docx_document(Path(sample_da.result.files["docx"]))
    assert len(document.inline_shapes) == len(sample_da.context.charts())
    descriptions = [element.get("descr") for element in document.element.body.iter(qn("wp:docPr"))]
    assert all(d and "diagram" in d.lower() for d in descriptions), descriptions


def test_docx_evidence_ids_link_to_bookmarks(sample_da: Written) -> None:
    document = docx_document(Path(sample_da.result.files["docx"]))
    body = document.element.body
    bookmarks = {b.get(qn("w:name")) for b in body.iter(qn("w:bookmarkStart"))}
    links = [h.get(qn("w:anchor")) for h in body.iter(qn("w:hyperlink"))]
    assert links and set(links) <= bookmarks
    text = docx_text(Path(sample_da.result.files["docx"]))
    assert "[E1]" in text and "E1.1" in text
    for group in sample_da.context.evidence[:3]:
        for passage in group.passages[:5]:
            assert passage.text in text


def test_docx_has_page_numbers_and_contents(sample_da: Written) -> None:
    document = docx_document(Path(sample_da.result.files["docx"]))
    footer = document.sections[0].footer.paragraphs[0]._p
    instructions = [i.text for i in footer.iter(qn("w:instrText"))]
    assert any("PAGE" in i for i in instructions)
    body = [i.text for i in document.element.body.iter(qn("w:instrText"))]
    assert any(i.strip().startswith("TOC") for i in body)


def test_english_docx(sample_en: Written) -> None:
    document = docx_document(Path(sample_en.result.files["docx"]))
    assert "Summary" in _headings(document, 1)
    text = docx_text(Path(sample_en.result.files["docx"]))
    assert "of 15 leaders" in text
    assert any(label in text for label in ("— Municipal leader", "— Regional leader"))
