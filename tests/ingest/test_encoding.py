"""Encodings: the same Danish text in every encoding analysts send, imported end to end."""

from __future__ import annotations

import codecs
import os
import unicodedata
from pathlib import Path

import pytest

import indsigt
from indsigt.errors import ImportFailed, InputError
from indsigt.ingest.base import ImportOptions
from indsigt.ingest.encoding import decode

from .helpers import DANISH, DANISH_CP1252, import_one, row_counts, turn_texts

DANISH_WORDS = ("Ærø", "Højtaler", "på", "blå", "æbler", "øl", "ÆBLE", "ØL", "ÅEN", "Ærøskøbing")

ENCODED = {
    "utf-8": DANISH_CP1252.encode("utf-8"),
    "utf-8-bom": codecs.BOM_UTF8 + DANISH_CP1252.encode("utf-8"),
    "utf-16-le-bom": codecs.BOM_UTF16_LE + DANISH_CP1252.encode("utf-16-le"),
    "utf-16-be-bom": codecs.BOM_UTF16_BE + DANISH_CP1252.encode("utf-16-be"),
    "cp1252": DANISH_CP1252.encode("cp1252"),
    "latin-1": DANISH.encode("latin-1"),
}


@pytest.mark.parametrize("encoding", sorted(ENCODED))
def test_danish_text_survives_every_encoding(
    study: indsigt.Project, tmp_path: Path, encoding: str
) -> None:
    data = ENCODED[encoding]
    if encoding == "latin-1":
        assert not any(0x80 <= byte <= 0x9F for byte in data)  # a true latin-1 file
    expected = DANISH if encoding == "latin-1" else DANISH_CP1252
    path = tmp_path / f"interview-{encoding}.txt"
    path.write_bytes(data)

    doc = import_one(study, path)

    assert doc.text == expected
    assert "\ufeff" not in doc.text
    assert "\ufffd" not in doc.text
    for word in DANISH_WORDS:
        assert word in doc.text
    if expected is DANISH_CP1252:
        assert "“Blå” – ikke grøn." in doc.text
    turns = turn_texts(study, doc)
    assert turns[0] == ("I", "Hvordan gik turen til Ærø?")
    assert turns[1][0] == "R1"
    assert turns[1][1].startswith("Højtaler på færgen, blå himmel")
    assert {label for label, _ in turns} == {"I", "R1"}
    # Passages are slices of the stored text, with the same characters.
    assert any("Ærøskøbing" in passage.text for passage in study.passages(doc))


def test_cp1252_is_detected_and_recorded(study: indsigt.Project, tmp_path: Path) -> None:
    path = tmp_path / "windows.txt"
    path.write_bytes(DANISH_CP1252.encode("cp1252"))
    doc = import_one(study, path)
    assert doc.metadata["encoding"] == "cp1252"
    assert "“Blå”" in doc.text and "–" in doc.text


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (DANISH.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + DANISH.encode("utf-8"), "utf-8-sig"),
        (codecs.BOM_UTF16_LE + DANISH.encode("utf-16-le"), "utf-16"),
        (DANISH_CP1252.encode("cp1252"), "cp1252"),
    ],
)
def test_decode_reports_the_encoding(data: bytes, encoding: str) -> None:
    text, found = decode(data, "x.txt")
    assert found == encoding
    assert "Ærø" in text


def test_latin1_bytes_outside_cp1252_still_decode() -> None:
    # 0x81 and 0x8d are undefined in cp1252: the file is latin-1 (one stray control char).
    data = "Ærø er en ø.\n\x81 og mere tekst om Ærø og Højtaler.\n".encode("latin-1")
    text, encoding = decode(data, "x.txt")
    assert encoding == "latin-1"
    assert text.startswith("Ærø er en ø.")


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_windows_and_old_mac_line_endings_become_newlines(
    study: indsigt.Project, tmp_path: Path, newline: str
) -> None:
    path = tmp_path / "crlf.txt"
    path.write_bytes(DANISH.replace("\n", newline).encode("cp1252"))
    doc = import_one(study, path)
    assert "\r" not in doc.text
    assert doc.text == DANISH
    assert turn_texts(study, doc)[0] == ("I", "Hvordan gik turen til Ærø?")


def test_text_is_nfc_normalised(study: indsigt.Project, tmp_path: Path) -> None:
    decomposed = unicodedata.normalize("NFD", DANISH)
    assert decomposed != DANISH  # å is decomposed into a + ring
    path = tmp_path / "nfd.txt"
    path.write_text(decomposed, encoding="utf-8")
    doc = import_one(study, path)
    assert doc.text == DANISH


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, id="png"),
        pytest.param(bytes((i * 37 + 11) % 256 for i in range(4000)), id="bytes"),
        pytest.param(os.urandom(4000).replace(b"\x00", b"\x01"), id="random-no-nul"),
        pytest.param(bytes(b for b in range(1, 32) if b not in b"\t\n\r\f\v") * 50, id="controls"),
    ],
)
def test_binary_file_named_txt_is_rejected(
    study: indsigt.Project, tmp_path: Path, data: bytes
) -> None:
    path = tmp_path / "not-text.txt"
    path.write_bytes(data)
    before = row_counts(study)
    with pytest.raises(ImportFailed) as failed:
        study.import_files([path])
    assert "not-text.txt" in str(failed.value)
    assert "binary data" in str(failed.value)
    assert row_counts(study) == before


def test_decode_rejects_empty_and_whitespace() -> None:
    for data in (b"", b"   \n\r\n\t "):
        with pytest.raises(InputError, match="empty") as error:
            decode(data, "tom.txt")
        assert error.value.path == "tom.txt"


# -- guesses are said, weak guesses refused, UTF-16 without BOM (issue 18) -------------------


def test_a_guessed_encoding_is_reported(study: indsigt.Project, tmp_path: Path) -> None:
    path = tmp_path / "windows.txt"
    path.write_bytes(DANISH_CP1252.encode("cp1252"))
    report = study.import_files([path])
    assert report.notes == (
        "windows.txt: not UTF-8; read as cp1252 (give --encoding if that is wrong)",
    )
    utf8 = tmp_path / "utf8.txt"
    utf8.write_text(DANISH.replace("Ærø", "Samsø"), encoding="utf-8")
    assert study.import_files([utf8]).notes == ()


def test_malformed_utf8_is_refused_not_read_as_cp1252(
    study: indsigt.Project, tmp_path: Path
) -> None:
    # A UTF-8 transcript with one damaged byte used to be imported as cp1252 mojibake
    # ("Ã†rÃ¸") without a word.
    data = DANISH.encode("utf-8").replace(b"Og bagefter", b"Og \xe6 bagefter")
    path = tmp_path / "skadet.txt"
    path.write_bytes(data)
    before = row_counts(study)
    with pytest.raises(ImportFailed) as failed:
        study.import_files([path])
    message = str(failed.value)
    assert message.startswith(f"{path}: not valid UTF-8 at line 3 (byte ")
    assert "--encoding" in message
    assert "Ærø" not in message and "bagefter" not in message
    assert row_counts(study) == before
    # Named explicitly, the encoding is used as given.
    doc = import_one(study, path, options=ImportOptions(encoding="cp1252"))
    assert doc.metadata["encoding"] == "cp1252"


def test_another_code_page_is_refused_unless_named(study: indsigt.Project, tmp_path: Path) -> None:
    text = "I: Как вы оцениваете цифровизацию?\nR: Очень хорошо, спасибо большое.\n" * 3
    path = tmp_path / "russisk.txt"
    path.write_bytes(text.encode("cp1251"))
    with pytest.raises(ImportFailed, match="cannot tell the encoding") as failed:
        study.import_files([path])
    assert "--encoding" in str(failed.value)
    doc = import_one(study, path, options=ImportOptions(encoding="cp1251"))
    assert "цифровизацию" in doc.text


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_detected(study: indsigt.Project, tmp_path: Path, codec: str) -> None:
    path = tmp_path / f"{codec}.txt"
    path.write_bytes(DANISH_CP1252.encode(codec))
    report = study.import_files([path])
    assert report.notes == (
        f"{codec}.txt: not UTF-8; read as {codec} (give --encoding if that is wrong)",
    )
    doc = study.document(report.imported[0])
    assert doc.text == DANISH_CP1252


def test_utf32_with_bom(tmp_path: Path) -> None:
    text, found = decode(codecs.BOM_UTF32_LE + DANISH.encode("utf-32-le"), "x.txt")
    assert (text, found) == (DANISH, "utf-32")


@pytest.mark.parametrize(
    ("encoding", "problem"),
    [("utf-8", "line 1: not valid utf-8 (byte 2)"), ("klingon", "unknown encoding 'klingon'")],
)
def test_a_named_encoding_that_does_not_fit(encoding: str, problem: str) -> None:
    data = "Første linje\nanden linje med æøå\n".encode("cp1252")
    with pytest.raises(InputError) as error:
        decode(data, "x.txt", encoding=encoding)
    assert error.value.problem.startswith(problem)


@pytest.mark.parametrize(
    "name",
    ["interview.csv", "interview.vtt", "interview.srt", "interview.md"],
)
def test_encoding_option_reaches_every_text_importer(
    study: indsigt.Project, tmp_path: Path, name: str
) -> None:
    body = {
        ".csv": "id,svar\n1,Jeg synes at digitaliseringen går godt – især på ældreområdet\n",
        ".vtt": "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v A>Velkommen til – på Ærø.\n",
        ".srt": "1\n00:00:01,000 --> 00:00:02,000\nA: Velkommen til – på Ærø.\n",
        ".md": "I: Hvordan – på Ærø?\nR: Godt.\n",
    }[Path(name).suffix]
    path = tmp_path / name
    path.write_bytes(body.encode("cp1252"))
    with pytest.raises(ImportFailed, match="not valid utf-8"):
        study.import_files([path], options=ImportOptions(encoding="utf-8"))
    report = study.import_files([path], options=ImportOptions(encoding="cp1252"))
    assert report.notes == ()
    assert any("–" in study.document(n).text for n in report.imported)


def test_cli_encoding_option(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from indsigt.cli import main

    study_file = tmp_path / "s.db"
    indsigt.init_study(study_file, name="s").close()
    path = tmp_path / "skadet.txt"
    path.write_bytes(DANISH.encode("utf-8").replace(b"Og bagefter", b"Og \xe6 bagefter"))
    refused = CliRunner().invoke(main, ["import", str(study_file), str(path)])
    assert refused.exit_code != 0 and "not valid UTF-8" in refused.output
    done = CliRunner().invoke(main, ["import", str(study_file), str(path), "--encoding", "cp1252"])
    assert done.exit_code == 0, done.output
    guessed = tmp_path / "windows.txt"
    guessed.write_bytes(DANISH_CP1252.encode("cp1252"))
    noted = CliRunner().invoke(main, ["import", str(study_file), str(guessed)])
    assert "note: windows.txt: not UTF-8; read as cp1252" in noted.output


@pytest.mark.parametrize(
    "data",
    [
        codecs.BOM_UTF16_LE + "Ærø".encode("utf-16-le") + b"\x00",  # odd length
        codecs.BOM_UTF8 + "Ærø og ".encode() + b"\xff mere",
        codecs.BOM_UTF32_LE + b"abc",
    ],
)
def test_bytes_that_break_their_bom_are_an_input_error(data: bytes) -> None:
    # These raised a bare UnicodeDecodeError.
    with pytest.raises(InputError, match=r"^x.txt: line 1: not valid utf-"):
        decode(data, "x.txt")
