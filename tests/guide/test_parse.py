"""Reading interview guides: each numbering style, each file format, and bad input."""

from __future__ import annotations

from pathlib import Path

import pytest

from indsigt.errors import InputError
from indsigt.guide import GuideQuestion, parse_guide, read_guide


def labels(questions: list[GuideQuestion]) -> list[str]:
    return [q.label for q in questions]


def test_bracketed_labels_with_sections_and_probes() -> None:
    text = """# Interviewguide

## Tema 1: Muligheder

[Q1] Hvad ser du som de største muligheder?
- Probe: Kan du give et eksempel?
[Q1.1] Hvad med borgernes forventninger?

## Tema 2: Udfordringer

[Q2] Hvad er de største udfordringer?
Uddyb: Hvad har I gjort ved det?
"""
    questions = parse_guide(text)
    assert labels(questions) == ["Q1", "Q1.1", "Q2"]
    first, sub, second = questions
    assert first.section == "Tema 1: Muligheder"
    assert first.probes == ("Kan du give et eksempel?",)
    assert sub.parent == "Q1" and sub.section == "Tema 1: Muligheder"
    assert second.section == "Tema 2: Udfordringer"
    assert second.probes == ("Hvad har I gjort ved det?",)


def test_dotted_numbers_under_a_numbered_heading() -> None:
    text = """2. Muligheder
2.1 Hvor ser du de største muligheder?
2.2 Kan du give et eksempel
    fra din egen organisation?
3. Udfordringer
3.1 Hvad er det sværeste?
"""
    questions = parse_guide(text)
    assert labels(questions) == ["2.1", "2.2", "3.1"]
    assert questions[0].section == "Muligheder"
    assert questions[1].text == "Kan du give et eksempel fra din egen organisation?"
    assert questions[2].section == "Udfordringer"
    assert all(q.parent is None for q in questions)


def test_plain_numbers_letters_and_bullets() -> None:
    text = """Indledning

1. Fortæl om din rolle?
3) Hvordan er I organiseret?
   a) Hvem har ansvaret?
   - hvor sidder it?
"""
    questions = parse_guide(text)
    assert labels(questions) == ["1", "3", "3a"]
    assert questions[2].parent == "3"
    assert questions[2].probes == ("hvor sidder it?",)
    assert questions[0].section == "Indledning"


def test_spoergsmaal_and_q_numbers() -> None:
    text = """Spørgsmål 1: Hvad driver udviklingen?
Spørgsmål 2. Hvordan mobiliserer du organisationen?
Q3 Hvordan måler I effekten?
Q 4) Er der noget, du vil tilføje?
[Q 5.1] Hvad med data?
5.2) Og sikkerheden?
"""
    assert labels(parse_guide(text)) == ["Spørgsmål 1", "Spørgsmål 2", "Q3", "Q4", "Q5.1", "5.2"]


def test_unnumbered_bullets_become_questions_sub_questions_and_probes() -> None:
    text = """Verification

I will ask them:

    ●   What plot shows the most important feature?
           ○   What trends do you see?
                  ■   Make sure they use sorting.
    ●   What pair of features has the most interaction?
"""
    questions = parse_guide(text)
    assert labels(questions) == ["Q1", "Q1.1", "Q2"]
    assert questions[1].parent == "Q1"
    assert questions[1].probes == ("Make sure they use sorting.",)
    assert {q.section for q in questions} == {"Verification"}


def test_paragraph_questions_without_numbers() -> None:
    text = "Tak fordi du vil deltage.\n\nHvad er din rolle?\n\nHvad er det sværeste?\n"
    assert [q.text for q in parse_guide(text)] == ["Hvad er din rolle?", "Hvad er det sværeste?"]


def test_restarted_numbering_gets_unique_labels() -> None:
    text = "# A\n1. Første?\n2. Anden?\n# B\n1. Tredje?\n"
    assert labels(parse_guide(text)) == ["1", "2", "1#2"]


GUIDE_MD = """# Guide

## Muligheder

[Q2.1] Hvad ser du som de største muligheder?
- Uddyb: Et eksempel?
"""


def test_markdown_file(tmp_path: Path) -> None:
    path = tmp_path / "guide.md"
    path.write_text(GUIDE_MD, encoding="utf-8")
    guide = read_guide(path)
    assert guide.source == "guide.md" and len(guide.sha256) == 64
    (question,) = guide.questions
    assert (question.label, question.section, question.probes) == (
        "Q2.1",
        "Muligheder",
        ("Et eksempel?",),
    )


def test_text_file_in_cp1252(tmp_path: Path) -> None:
    path = tmp_path / "guide.txt"
    path.write_bytes("Spørgsmål 1: Hvad er de største udfordringer på området?\n".encode("cp1252"))
    assert read_guide(path).questions[0].text == "Hvad er de største udfordringer på området?"


def test_docx_headings_and_lists(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_heading("Udfordringer", level=1)
    document.add_paragraph("Hvad er det sværeste?", style="List Number")
    document.add_paragraph("Har du et eksempel?", style="List Bullet 2")
    document.add_paragraph("Hvad med lovgivningen?", style="List Number")
    document.add_heading("Drivkræfter", level=1)
    document.add_paragraph("[Q5] Hvad driver udviklingen?")
    path = tmp_path / "guide.docx"
    document.save(str(path))
    questions = read_guide(path).questions
    assert labels(list(questions)) == ["1", "2", "Q5"]
    assert questions[0].section == "Udfordringer"
    assert questions[0].probes == ("Har du et eksempel?",)
    assert questions[2].section == "Drivkræfter"


GUIDE_WITH_LISTS = """# Indledning

1. Hvad er din rolle?
    - Hvor længe har du haft den?
2. Hvad betyder digitalisering for jer?

# Udfordringer

3. Hvad er de største udfordringer?
    - Kompetencer?
    - Økonomi?
"""


@pytest.mark.parametrize("suffix", [".odt", ".rtf"])
def test_odt_and_rtf_read_like_the_markdown_they_were_written_from(
    tmp_path: Path, suffix: str
) -> None:
    """pandoc writes the guide as OpenDocument and RTF: the same questions, numbers, probes
    and sections as the Markdown it was written from."""
    import subprocess

    source = tmp_path / "guide.md"
    source.write_text(GUIDE_WITH_LISTS, encoding="utf-8")
    target = tmp_path / f"guide{suffix}"
    subprocess.run(["pandoc", str(source), "-s", "-o", str(target)], check=True)
    expected = read_guide(source).questions
    questions = read_guide(target).questions
    assert labels(list(questions)) == labels(list(expected)) == ["1", "2", "3"]
    assert [(q.text, q.probes) for q in questions] == [(q.text, q.probes) for q in expected]
    assert [q.section for q in questions] == ["Indledning", "Indledning", "Udfordringer"]


def test_pdf_keeps_numbering_and_indented_probes(tmp_path: Path) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    path = tmp_path / "guide.pdf"
    pdf = canvas.Canvas(str(path), pagesize=A4)
    lines = [
        (72, "Interviewguide"),
        (72, ""),
        (72, "Muligheder"),
        (72, ""),
        (72, "1. Hvor ser du de største muligheder?"),
        (100, "- Kan du give et eksempel?"),
        (72, "2. Hvad med borgernes forventninger?"),
    ]
    y = 800
    for x, line in lines:
        pdf.drawString(x, y, line)
        y -= 16
    pdf.save()
    questions = read_guide(path).questions
    assert labels(list(questions)) == ["1", "2"]
    assert questions[0].text == "Hvor ser du de største muligheder?"
    assert questions[0].probes == ("Kan du give et eksempel?",)


@pytest.mark.parametrize(
    ("name", "data", "problem"),
    [
        ("guide.txt", b"", "the file is empty"),
        ("guide.doc", b"x", "unsupported guide file type"),
        ("guide.odt", b"x", "not a readable OpenDocument .odt file"),
        ("guide.rtf", b"x", "not an RTF file"),
        ("guide.txt", b"Velkommen til interviewet.\n", "no questions found"),
        ("guide.docx", b"not a zip", "not a readable Word .docx file"),
        ("guide.pdf", b"%PDF-1.4 broken", "PDF"),
    ],
)
def test_bad_guides_name_the_file_and_the_problem(
    tmp_path: Path, name: str, data: bytes, problem: str
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(InputError) as caught:
        read_guide(path)
    assert str(path) in str(caught.value) and problem in str(caught.value)


def test_the_sample_guide() -> None:
    from indsigt.sample import guide_file

    guide = read_guide(guide_file())
    assert len(guide.questions) == 16
    assert guide.questions[0].label == "Q1.1"
    assert {q.section for q in guide.questions} >= {"2. Muligheder", "6. Afrunding"}


@pytest.mark.slow  # parses the real pdpilot protocol PDF
def test_pdpilot_protocol_pdf() -> None:
    """A real protocol: unnumbered bullets in three levels, found by their indentation (pypdf's
    plain mode puts this PDF's every word on its own line)."""
    from conftest import shared

    guide = read_guide(shared("pdpilot-interviews", "protocol.pdf"))
    assert len(guide.questions) == 18
    assert {q.section for q in guide.questions} == {"Verification"}
    first, sub = guide.questions[:2]
    assert (
        first.label == "Q1" and first.text == "What one-way plot shows the most important feature?"
    )
    assert sub.label == "Q1.1" and sub.parent == "Q1"
    clusters = next(q for q in guide.questions if q.label == "Q3.1")
    assert clusters.text == "What feature has the most different clusters of ICE lines?"
    assert len(clusters.probes) == 4
