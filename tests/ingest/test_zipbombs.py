"""Zip bombs in every zip-based source (.docx, .xlsx, .qdpx): refused from the archive's
directory before anything is inflated, with an error naming the file and the member, and
nothing written (issue 18, item 5)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

import indsigt
from indsigt.errors import ImportFailed, InputError
from indsigt.guide.read import read_guide_text
from indsigt.ingest.stream import open_sheet
from indsigt.interchange import import_qdpx

from .helpers import labelled_paragraph, row_counts, write_docx, write_xlsx

MiB = 1024 * 1024
SOURCE = "50000000-0000-4000-8000-000000000001"
QDE = (
    '<?xml version="1.0" encoding="utf-8"?>\n'
    '<Project xmlns="urn:QDA-XML:project:1.0" name="P"><Sources>'
    f'<TextSource guid="{SOURCE}" name="Kilde" plainTextPath="internal://{SOURCE}.txt"/>'
    "</Sources></Project>\n"
)


def qdpx(path: Path, project_qde: str, files: dict[str, str]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("project.qde", project_qde.encode())
        for member, content in files.items():
            archive.writestr(member, content.encode())
    return path


def padded(source: Path, target: Path, member: str, padding: int) -> Path:
    """A copy of the zip ``source`` whose ``member`` ends in ``padding`` blanks (harmless
    trailing whitespace in XML and text), written in blocks, so it compresses ~1000:1."""
    with (
        zipfile.ZipFile(source) as original,
        zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as bomb,
    ):
        for info in original.infolist():
            content = original.read(info)
            with bomb.open(info.filename, "w", force_zip64=True) as handle:
                handle.write(content)
                if info.filename == member:
                    block = b" " * MiB
                    for _ in range(padding // MiB):
                        handle.write(block)
                    handle.write(b" " * (padding % MiB))
    return target


def a_docx(tmp_path: Path) -> Path:
    return write_docx(
        tmp_path / "real.docx",
        lambda d: (labelled_paragraph(d, "I", "Hvordan?"), labelled_paragraph(d, "R", "Godt.")),
    )


def a_xlsx(tmp_path: Path) -> Path:
    rows = [["id", "svar"], ["1", "Vi bruger data bedre i kommunen nu end før i tiden, sagde hun."]]
    return write_xlsx(tmp_path / "real.xlsx", rows)


def refused_import(study: indsigt.Project, path: Path, *parts: str) -> str:
    before = row_counts(study)
    with pytest.raises(ImportFailed) as failed:
        study.import_files([path], options=indsigt.ImportOptions(text_columns=("svar",)))
    message = str(failed.value)
    assert message.startswith(f"{path}: ")
    for part in parts:
        assert part in message
    assert len(message) < 400
    assert row_counts(study) == before
    return message


def test_docx_whose_document_inflates_past_the_limit(
    study: indsigt.Project, tmp_path: Path
) -> None:
    bomb = padded(a_docx(tmp_path), tmp_path / "bombe.docx", "word/document.xml", 65 * MiB)
    assert bomb.stat().st_size < 1 * MiB
    refused_import(
        study, bomb, "word/document.xml inflates to 65 MB", "64 MB allowed", "Word .docx"
    )


def test_docx_member_compressed_beyond_the_ratio(study: indsigt.Project, tmp_path: Path) -> None:
    bomb = padded(a_docx(tmp_path), tmp_path / "tæt.docx", "word/document.xml", 3 * MiB)
    refused_import(study, bomb, "word/document.xml is compressed", "100:1 allowed")


def test_xlsx_sheet_that_inflates_past_the_limit(study: indsigt.Project, tmp_path: Path) -> None:
    member = "xl/worksheets/sheet1.xml"
    bomb = padded(a_xlsx(tmp_path), tmp_path / "bombe.xlsx", member, 65 * MiB)
    refused_import(study, bomb, f"{member} inflates to 65 MB", "Excel .xlsx")
    ratio = padded(a_xlsx(tmp_path), tmp_path / "tæt.xlsx", member, 3 * MiB)
    refused_import(study, ratio, f"{member} is compressed")


def test_xlsx_streamed_for_batch_is_checked_too(tmp_path: Path) -> None:
    member = "xl/worksheets/sheet1.xml"
    bomb = padded(a_xlsx(tmp_path), tmp_path / "tæt.xlsx", member, 3 * MiB)
    bad = rf"tæt\.xlsx: {member} is compressed"
    with pytest.raises(InputError, match=bad), open_sheet(bomb):
        pass


def test_too_many_members_and_too_much_in_all(
    study: indsigt.Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from indsigt.ingest import zipguard

    docx = a_docx(tmp_path)
    monkeypatch.setattr(zipguard, "MAX_MEMBERS", 5)
    refused_import(study, docx, "members in the Word .docx file, more than the 5 allowed")
    monkeypatch.setattr(zipguard, "MAX_MEMBERS", 10_000)
    monkeypatch.setattr(zipguard, "MAX_TOTAL_BYTES", 10_000)
    refused_import(study, docx, "the Word .docx file inflates to more than the 10,000 bytes")


@pytest.mark.parametrize(
    ("member", "padding", "problem"),
    [
        ("project.qde", 65 * MiB, "project.qde inflates to 65 MB"),
        (f"sources/{SOURCE}.txt", 65 * MiB, f"sources/{SOURCE}.txt inflates to 65 MB"),
        (f"sources/{SOURCE}.txt", 3 * MiB, f"sources/{SOURCE}.txt is compressed"),
    ],
)
def test_qdpx_members(tmp_path: Path, member: str, padding: int, problem: str) -> None:
    real = qdpx(tmp_path / "real.qdpx", QDE, {f"sources/{SOURCE}.txt": "Hej med dig."})
    import_qdpx(real, tmp_path / "ok.db")  # the real one imports
    bomb = padded(real, tmp_path / "bombe.qdpx", member, padding)
    target = tmp_path / "new.db"
    with pytest.raises(InputError) as error:
        import_qdpx(bomb, target)
    assert str(error.value).startswith(f"{bomb}: {problem}")
    assert not target.exists()
    assert sorted(p.name for p in tmp_path.iterdir() if "new.db" in p.name) == []


def test_the_limits_are_sane_constants() -> None:
    # Documented in README's import section; a real transcript is far below them.
    from indsigt.ingest import zipguard

    limits = (zipguard.MAX_MEMBER_BYTES, zipguard.MAX_TOTAL_BYTES, zipguard.MAX_RATIO)
    assert limits == (64 * MiB, 512 * MiB, 100)
    assert zipguard.MAX_MEMBERS == 10_000


def test_guide_docx_is_checked_as_a_transcript_is(tmp_path: Path) -> None:
    """The guide reader opens a .docx as the importer does (``docxfile.open_docx``), so a bomb
    as an interview guide is refused before python-docx inflates it."""
    bomb = padded(a_docx(tmp_path), tmp_path / "guide.docx", "word/document.xml", 3 * MiB)
    with pytest.raises(InputError, match=r"guide\.docx: word/document\.xml is compressed"):
        read_guide_text(bomb)
