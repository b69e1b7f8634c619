"""OpenDocument (.odt) and RTF transcripts, written by pandoc (a real tool: LibreOffice, Google
Docs, NVivo and WordPad users hand in these): turns, bold labels, speaker tables with their times,
Danish letters; notes are not speech; damaged files are refused naming the file."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

import indsigt
from indsigt.errors import ImportFailed

from .helpers import import_one, turn_texts

TRANSCRIPT = """Interview 4, 3. marts 2026

**Anne Holm**

Hvad betyder tillid for dig, Søren?

**Søren Ørsted**

At man kan stole på hinanden.[^1] Æblet falder ikke langt fra stammen.

Anne Holm: Og i praksis?

Søren Ørsted: Færre kontroller, mere ansvar.

| Tid      | Taler        | Tekst                    |
|----------|--------------|--------------------------|
| 00:01:02 | Anne Holm    | Hvorfor det?             |
| 00:01:09 | Søren Ørsted | Fordi vi stoler på folk. |

[^1]: Transskribentens note: uklar lyd.
"""
TURNS = [
    ("Anne Holm", "Hvad betyder tillid for dig, Søren?"),
    ("Søren Ørsted", "At man kan stole på hinanden. Æblet falder ikke langt fra stammen."),
    ("Anne Holm", "Og i praksis?"),
    ("Søren Ørsted", "Færre kontroller, mere ansvar."),
    ("Anne Holm", "Hvorfor det?"),
    ("Søren Ørsted", "Fordi vi stoler på folk."),
]


def pandoc(tmp_path: Path, markdown: str, name: str) -> Path:
    source = tmp_path / "kilde.md"
    source.write_text(markdown, encoding="utf-8")
    target = tmp_path / name
    standalone = ["-s"] if target.suffix == ".rtf" else []  # a whole RTF file, not a fragment
    subprocess.run(["pandoc", str(source), *standalone, "-o", str(target)], check=True)
    return target


@pytest.mark.parametrize("name", ["interview.odt", "interview.rtf"])
def test_a_transcript_in_the_format(study: indsigt.Project, tmp_path: Path, name: str) -> None:
    doc = import_one(study, pandoc(tmp_path, TRANSCRIPT, name))
    assert doc.format == name.rsplit(".", 1)[1]
    texts = turn_texts(study, doc)
    assert [(speaker, " ".join(said.split())) for speaker, said in texts] == TURNS
    assert "Transskribentens" not in doc.text  # a note is not speech
    starts = [turn.start_ms for turn in study.turns(doc)]
    assert starts[-2:] == [62_000, 69_000]  # the table's times are the turns' starts
    roles = {speaker.label: speaker.role for speaker in study.speakers(doc)}
    assert roles == {"Anne Holm": "interviewer", "Søren Ørsted": "respondent"}


def test_a_bold_name_above_the_turn_in_odt_is_a_label_seen_once(
    study: indsigt.Project, tmp_path: Path
) -> None:
    """Bold is read from the document's styles: a bold name alone on its line labels the turn
    below even where the name occurs once (as in Word files)."""
    markdown = (
        "**Mette Lund**\n\nVi digitaliserer sagsbehandlingen.\n\nI: Hvorfor?\n\nMette Lund: Tid.\n"
    )
    doc = import_one(study, pandoc(tmp_path, markdown, "bold.odt"))
    assert turn_texts(study, doc) == [
        ("Mette Lund", "Vi digitaliserer sagsbehandlingen."),
        ("I", "Hvorfor?"),
        ("Mette Lund", "Tid."),
    ]


def test_lists_and_headings_in_odt_are_read_in_order(
    study: indsigt.Project, tmp_path: Path
) -> None:
    markdown = "# Tema 1\n\nI: Hvad er vigtigst?\n\nR: Tre ting:\n\n- data\n- folk\n- penge\n"
    doc = import_one(study, pandoc(tmp_path, markdown, "liste.odt"))
    assert turn_texts(study, doc)[-1] == ("R", "Tre ting:\n\ndata\n\nfolk\n\npenge")
    assert doc.text.startswith("Tema 1")


def test_an_rtf_file_in_its_own_code_page(study: indsigt.Project, tmp_path: Path) -> None:
    """WordPad and Word write Danish letters as code-page bytes (\\'f8), not as Unicode, and
    may store a picture as raw bytes (\\bin), which is no text."""
    path = tmp_path / "wordpad.rtf"
    path.write_bytes(
        b"{\\rtf1\\ansi\\ansicpg1252\\deff0{\\fonttbl{\\f0\\fnil Calibri;}}\n"
        b"\\pard I: Hvordan g\\'e5r det med \\'e6ndringerne?\\par\n"
        b"{\\*\\shppict{\\pict\\pngblip\\bin8 \x89PNG\r\n\x1a\n}}"  # a picture as raw bytes
        b"R: Det g\\'e5r st\\'f8t fremad.\\par\n}"
    )
    doc = import_one(study, path)
    assert turn_texts(study, doc) == [
        ("I", "Hvordan går det med ændringerne?"),
        ("R", "Det går støt fremad."),
    ]


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("tom.odt", b"", "the file is empty"),
        ("zip.odt", b"PK\x05\x06" + b"\x00" * 18, "not a readable OpenDocument .odt file"),
        ("tom.rtf", b"  \n", "the file is empty"),
        ("tekst.rtf", b"I: Hej?\nR: Hej.\n", "not an RTF file"),
    ],
)
def test_a_broken_file_is_refused_by_name(
    study: indsigt.Project, tmp_path: Path, name: str, content: bytes, problem: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ImportFailed) as failed:
        study.import_files([path])
    assert name in str(failed.value) and problem in str(failed.value)
    assert study.documents() == []


def test_an_odt_without_a_text_body(study: indsigt.Project, tmp_path: Path) -> None:
    """A spreadsheet saved as .odt, say: its content.xml has no office:text."""
    import zipfile

    path = tmp_path / "regneark.odt"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(
            "content.xml",
            '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:'
            'office:1.0"><office:body><office:spreadsheet/></office:body>'
            "</office:document-content>",
        )
    with pytest.raises(ImportFailed, match=r"regneark\.odt.*no text body"):
        study.import_files([path])


def test_an_odt_whose_xml_multiplies_itself_is_refused(
    study: indsigt.Project, tmp_path: Path
) -> None:
    """Hostile input: entities that expand to gigabytes ("billion laughs") in content.xml."""
    import zipfile

    entities = "".join(
        f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(9)
    )
    path = tmp_path / "latter.odt"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(
            "content.xml", f'<!DOCTYPE l [<!ENTITY a "aaaaaaaaaa">{entities}]><l>&j;</l>'
        )
    with pytest.raises(ImportFailed, match=r"latter\.odt.*damaged OpenDocument"):
        study.import_files([path])
