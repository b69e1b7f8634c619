"""Bad REFI-QDA input: one clear message naming the file and the problem, and nothing
half-imported (no study file, no temporary file left beside it)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

import indsigt
from indsigt.interchange import SchemaInvalid, import_qdpx, schema_errors
from indsigt.interchange import qdpx_import as module

from .helpers import qdpx

SOURCE = "50000000-0000-4000-8000-000000000001"
TEXT = "Hej med dig. Æblet er rødt 😀.\r\n"


def qde(selection: str = 'startPosition="0" endPosition="12"', source: str = "") -> str:
    source = source or (
        f'<TextSource guid="{SOURCE}" name="Kilde" plainTextPath="internal://{SOURCE}.txt">'
        f'<PlainTextSelection guid="5e000000-0000-4000-8000-000000000001" {selection}>'
        '<Coding guid="c1000000-0000-4000-8000-000000000001">'
        '<CodeRef targetGUID="c0de0000-0000-4000-8000-000000000001"/></Coding>'
        "</PlainTextSelection></TextSource>"
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<Project xmlns="urn:QDA-XML:project:1.0" name="P">\n'
        '<CodeBook><Codes><Code guid="c0de0000-0000-4000-8000-000000000001" name="K" '
        'isCodable="true"/></Codes></CodeBook>\n'
        f"<Sources>\n{source}\n</Sources>\n</Project>\n"
    )


FILES = {f"sources/{SOURCE}.txt": TEXT}


def refused(tmp_path: Path, file: Path, match: str, **options: object) -> None:
    target = tmp_path / "new.db"
    with pytest.raises(indsigt.IndsigtError, match=match) as caught:
        import_qdpx(file, target, **options)  # type: ignore[arg-type]
    assert str(file) in str(caught.value)
    assert not target.exists()
    assert [p.name for p in tmp_path.iterdir() if ".db" in p.name] == []


def test_the_valid_base_case_imports(tmp_path: Path, project_xsd: Path) -> None:
    assert schema_errors(qde().encode(), project_xsd) == []
    report = import_qdpx(qdpx(tmp_path / "ok.qdpx", qde(), FILES), tmp_path / "ok.db")
    assert report.codings == 1


def test_zip_without_project_qde(tmp_path: Path) -> None:
    file = qdpx(tmp_path / "p.qdpx", "", FILES)
    with zipfile.ZipFile(file, "w") as archive:
        archive.writestr(f"sources/{SOURCE}.txt", TEXT)
    refused(tmp_path, file, "has no project.qde")


def test_a_file_that_is_not_a_zip(tmp_path: Path) -> None:
    file = tmp_path / "p.qdpx"
    file.write_bytes(b"PK\x00 not really a zip, just bytes \x00\xff")
    refused(tmp_path, file, r"neither a \.qdpx archive \(zip\) nor a \.qde XML file")


def test_missing_file(tmp_path: Path) -> None:
    refused(tmp_path, tmp_path / "nope.qdpx", "no such file")


def test_not_well_formed_xml(tmp_path: Path) -> None:
    file = qdpx(tmp_path / "p.qdpx", qde().replace("</Sources>", ""), FILES)
    refused(tmp_path, file, "project.qde is not well-formed XML")


def test_not_a_qda_xml_root(tmp_path: Path) -> None:
    file = qdpx(tmp_path / "p.qdpx", qde().replace("urn:QDA-XML:project:1.0", "urn:other"), FILES)
    refused(tmp_path, file, "not a REFI-QDA project: the root element is <Project> in namespace")


def test_schema_invalid_project_qde(tmp_path: Path, project_xsd: Path) -> None:
    broken = qde(selection='startPosition="0"')  # endPosition is required
    assert schema_errors(broken.encode(), project_xsd)  # the schema agrees it is invalid
    file = qdpx(tmp_path / "p.qdpx", broken, FILES)
    refused(
        tmp_path,
        file,
        r"project\.qde line 5: <PlainTextSelection> lacks the required attribute 'endPosition'",
    )


def test_schema_invalid_with_the_schema_given(tmp_path: Path, project_xsd: Path) -> None:
    broken = qde(selection='startPosition="zero" endPosition="12"')
    file = qdpx(tmp_path / "p.qdpx", broken, FILES)
    refused(tmp_path, file, "not an integer")
    with pytest.raises(SchemaInvalid, match=r"p\.qdpx: project\.qde: does not conform to Project"):
        import_qdpx(file, tmp_path / "new.db", schema=project_xsd)
    assert not (tmp_path / "new.db").exists()


def test_selection_outside_its_source(tmp_path: Path) -> None:
    file = qdpx(tmp_path / "p.qdpx", qde(selection='startPosition="10" endPosition="32"'), FILES)
    refused(
        tmp_path,
        file,
        r"project\.qde line 5: selection 5e000000-0000-4000-8000-000000000001 \(10–32\) is "
        r"outside source 'Kilde', which has 31 characters",
    )


def test_selection_that_ends_before_it_starts(tmp_path: Path) -> None:
    file = qdpx(tmp_path / "p.qdpx", qde(selection='startPosition="9" endPosition="3"'), FILES)
    refused(tmp_path, file, "ends before it starts")


@pytest.mark.parametrize("kind", ["PictureSource", "AudioSource", "PDFSource", "VideoSource"])
def test_a_project_without_text_is_refused(tmp_path: Path, kind: str, project_xsd: Path) -> None:
    source = f'<{kind} guid="{SOURCE}" name="Optagelse" path="internal://x.bin"/>'
    assert schema_errors(qde(source=source).encode(), project_xsd) == []  # valid, just unsupported
    file = qdpx(tmp_path / "p.qdpx", qde(source=source), {"sources/x.bin": b"\x00"})
    refused(
        tmp_path,
        file,
        f"no source with text to import: {kind} 'Optagelse' is not imported: indsigt imports "
        "text, and it has none",
    )


def test_missing_internal_source_file(tmp_path: Path) -> None:
    file = qdpx(tmp_path / "p.qdpx", qde(), {})
    refused(tmp_path, file, rf"sources/{SOURCE}\.txt \(text of source 'Kilde', internal://")


def test_source_outside_the_archive(tmp_path: Path) -> None:
    source = f'<TextSource guid="{SOURCE}" name="Kilde" plainTextPath="file:///etc/passwd"/>'
    file = qdpx(tmp_path / "p.qdpx", qde(source=source))
    refused(tmp_path, file, "points outside the archive")


def test_source_that_is_not_utf8(tmp_path: Path) -> None:
    file = qdpx(tmp_path / "p.qdpx", qde(), {f"sources/{SOURCE}.txt": "Æble".encode("cp1252")})
    refused(tmp_path, file, "is not UTF-8 text")


def test_coding_of_an_unknown_code(tmp_path: Path) -> None:
    broken = qde().replace(
        'CodeRef targetGUID="c0de0000-0000-4000-8000-000000000001"',
        'CodeRef targetGUID="c0de0000-0000-4000-8000-00000000dead"',
    )
    refused(tmp_path, qdpx(tmp_path / "p.qdpx", broken, FILES), "not in the code book")


def test_an_existing_study_is_never_touched(tmp_path: Path) -> None:
    target = tmp_path / "existing.db"
    indsigt.init_study(target, name="keep").close()
    before = target.read_bytes()
    with pytest.raises(indsigt.StoreError, match="already exists"):
        import_qdpx(qdpx(tmp_path / "ok.qdpx", qde(), FILES), target)
    assert target.read_bytes() == before


def test_a_failure_while_writing_leaves_no_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = module.write_plan

    def write_then_fail(*args: object, **kwargs: object) -> int:
        real(*args, **kwargs)  # type: ignore[arg-type]
        raise indsigt.StoreError("disk full (simulated)")

    monkeypatch.setattr(module, "write_plan", write_then_fail)
    with pytest.raises(indsigt.StoreError, match="simulated"):
        import_qdpx(qdpx(tmp_path / "ok.qdpx", qde(), FILES), tmp_path / "new.db")
    assert [p.name for p in tmp_path.iterdir() if ".db" in p.name] == []
