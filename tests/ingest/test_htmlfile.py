"""HTML transcripts: noScribe's numbered speakers, a word processor's bold labels in styles,
speaker | text tables, and what a page holds that is no speech (head, scripts, styles). The real
PDPilot interviews as HTML (pandoc) are in test_layouts."""

from __future__ import annotations

from pathlib import Path

import pytest

from indsigt.errors import InputError
from indsigt.ingest.base import ImportOptions, ParsedDocument
from indsigt.ingest.htmlfile import HtmlImporter


def _parse(tmp_path: Path, html: str, encoding: str = "utf-8") -> ParsedDocument:
    path = tmp_path / "interview.html"
    path.write_bytes(html.encode(encoding))
    return HtmlImporter().parse(path, path.read_bytes(), options=ImportOptions())[0]


def _turns(doc: ParsedDocument) -> list[tuple[str, str]]:
    return [(t.speaker, " ".join(doc.text[t.start : t.end].split())) for t in doc.turns]


def test_numbered_speakers_as_noscribe_writes_them(tmp_path: Path) -> None:
    page = (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>S00: not speech</title>"
        "<style>p { margin: 0 }</style></head><body>"
        "<p>S00: Hvad fylder mest i din hverdag?</p>"
        "<p>S01: Økonomien. <i>Og</i> rekrutteringen.</p>"
        "<p>S00: Hvorfor?</p><p>S01: Fordi vi er en udkantskommune<br>og det mærker vi.</p>"
        "<script>var s = 'S00: nor this';</script></body></html>"
    )
    doc = _parse(tmp_path, page)
    assert _turns(doc) == [
        ("S00", "Hvad fylder mest i din hverdag?"),
        ("S01", "Økonomien. Og rekrutteringen."),
        ("S00", "Hvorfor?"),
        ("S01", "Fordi vi er en udkantskommune og det mærker vi."),
    ]
    assert doc.roles == {"S00": "interviewer", "S01": "respondent"}
    assert "not speech" not in doc.text and "nor this" not in doc.text and "margin" not in doc.text


def test_bold_labels_from_styles_and_entities(tmp_path: Path) -> None:
    """Google Docs' and Word's web pages mark bold in a style, not a <b>."""
    page = (
        "<html><body><h1>Interview med kommunaldirekt&oslash;r</h1>"
        "<p><span style='font-weight:700'>Anne Holm</span></p><p>Hvad fylder mest?</p>"
        "<p><span style='FONT-WEIGHT: bold'>Bo Berg</span></p>"
        "<p>Det g&aring;r &amp; det kommer &#8211; som altid.</p>"
        "<p><strong>Anne Holm:</strong> Tak.</p></body></html>"
    )
    doc = _parse(tmp_path, page, "cp1252")
    assert doc.text.startswith("Interview med kommunaldirektør")
    assert _turns(doc)[1:] == [
        ("Bo Berg", "Det går & det kommer – som altid."),
        ("Anne Holm", "Tak."),
    ]


def test_a_self_closed_element_closes_at_once(tmp_path: Path) -> None:
    """An empty bold span written self-closed ("<span style='font-weight:700'/>") made all the
    text after it bold, and a bold word alone on its line ("Ja") a speaker."""
    page = (
        "<p><br/>Interviewer: Hvad fylder mest?</p><p>Mette: Økonomien. <img src=x/></p>"
        "<p><a name=ts1 /><b/>Interviewer: Hvorfor?</p><p>Mette: Fordi.</p>"
        "<p><span style='font-weight:700'/>Ja</p><p>Nej.</p>"
    )
    assert _turns(_parse(tmp_path, page)) == [
        ("Interviewer", "Hvad fylder mest?"),
        ("Mette", "Økonomien."),
        ("Interviewer", "Hvorfor?"),
        ("Mette", "Fordi. Ja Nej."),
    ]


def test_a_speaker_table_with_times(tmp_path: Path) -> None:
    page = (
        "<table><tr><th>Tid</th><th>Taler</th><th>Tekst</th></tr>"
        "<tr><td>00:00:03</td><td>Interviewer</td><td>Hvad <b>fylder</b> mest?</td></tr>"
        "<tr><td>00:00:09</td><td>Mette</td><td>Økonomien.<table><tr><td>x</td></tr></table>"
        "</td></tr></table><p>Slut på optagelsen.</p>"
    )
    doc = _parse(tmp_path, page)
    assert [(t.speaker, t.start_ms) for t in doc.turns[:2]] == [
        ("Interviewer", 3000),
        ("Mette", 9000),
    ]
    assert "Hvad fylder mest?" in doc.text and "Slut på optagelsen." in doc.text


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("<html><head><title>Optagelse</title></head><body> </body></html>", "no text in the page"),
        ("Interviewer: Hvad fylder mest?\nMette: Økonomien.\n", "not an HTML page"),
        ("<script>" + "Interviewer: x " * 1000 + "</script>", "no text in the page"),
    ],
)
def test_a_page_without_a_transcript_is_refused_naming_the_file(
    tmp_path: Path, content: str, message: str
) -> None:
    with pytest.raises(InputError) as refused:
        _parse(tmp_path, content)
    assert str(refused.value).startswith(str(tmp_path / "interview.html"))
    assert message in str(refused.value)


def test_deeply_nested_and_unclosed_markup_loses_no_text(tmp_path: Path) -> None:
    page = "<div>" * 50_000 + "<p>Interviewer: Hvad fylder mest?<p>Respondent: <b>Økonomien"
    page += "</em>" * 50_000 + "<span>"  # end tags of nothing open: no search of 50,000 each
    doc = _parse(tmp_path, page)
    assert _turns(doc) == [("Interviewer", "Hvad fylder mest?"), ("Respondent", "Økonomien")]
