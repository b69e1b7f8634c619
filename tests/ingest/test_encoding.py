"""Encodings: the same Danish text in every encoding analysts send, imported end to end."""

from __future__ import annotations

import codecs
import os
import unicodedata
from pathlib import Path

import pytest

import indsigt
from indsigt.errors import ImportFailed, InputError
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
