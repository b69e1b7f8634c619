"""Fuzzing every importer (issue 18): random bytes, truncated and mutated real files — made by
the real libraries (python-docx, openpyxl, reportlab) or taken from the sample study — never
give an unhandled exception, only the project's own import error naming the file, and a
refused import leaves the store exactly as it was (no partial import)."""

from __future__ import annotations

import io
import os
import tempfile
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import indsigt
from indsigt.errors import ImportFailed, IndsigtError, InputError
from indsigt.interchange import import_qdpx
from indsigt.sample import interview_files

from .helpers import labelled_paragraph, row_counts, write_docx, write_pdf, write_xlsx

FUZZ = settings(
    # INDSIGT_FUZZ_EXAMPLES=2000 for a longer hunt; 60 keeps the suite quick.
    max_examples=int(os.environ.get("INDSIGT_FUZZ_EXAMPLES", "60")),
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def _sample(suffix: str) -> bytes:
    return next(p for p in interview_files() if p.suffix == suffix).read_bytes()


def _docx() -> bytes:
    with tempfile.TemporaryDirectory() as folder:

        def build(document: object) -> None:
            labelled_paragraph(document, "Interviewer", "Hvordan går det med data på Ærø?")
            labelled_paragraph(document, "Søren", "Godt. Vi har bygget en platform.")
            table = document.add_table(rows=2, cols=2)  # type: ignore[attr-defined]
            table.cell(0, 0).text, table.cell(0, 1).text = "I", "Og så?"
            table.cell(1, 0).text, table.cell(1, 1).text = "R", "Så gik det."

        return write_docx(Path(folder) / "x.docx", build).read_bytes()


def _xlsx() -> bytes:
    rows = [
        ["id", "niveau", "svar"],
        ["1", "stat", "Vi bruger data bedre i kommunen nu end før i tiden, sagde hun."],
        ["2", "region", "Digitaliseringen går for langsomt, synes jeg, og det koster."],
    ]
    with tempfile.TemporaryDirectory() as folder:
        return write_xlsx(Path(folder) / "x.xlsx", rows).read_bytes()


def _pdf() -> bytes:
    lines = ["Interviewer: Hvordan går det på Ærø?", "Søren: Godt, tak. Vi har data."] * 5
    with tempfile.TemporaryDirectory() as folder:
        return write_pdf(Path(folder) / "x.pdf", lines).read_bytes()


SRT = (
    "1\n00:00:01,000 --> 00:00:04,000\nInterviewer: Hvordan går det?\n\n"
    "2\n00:00:04,500 --> 00:01:02,250\nSøren: Godt. Vi har bygget en platform på Ærø.\n\n"
    "3\n01:02:03,000 --> 01:02:04,000\nInterviewer: Tak.\n"
).encode()
CSV = (
    "id;niveau;svar\n1;stat;Vi bruger data bedre i kommunen nu end før i tiden, sagde hun.\n"
    "2;region;Digitaliseringen går for langsomt, synes jeg, og det koster.\n"
).encode("cp1252")
WHISPERX = (
    '{"segments": [{"start": 0.5, "end": 2.0, "text": " Hvordan går det?", "speaker": '
    '"SPEAKER_00", "words": [{"word": "Hvordan", "start": 0.5, "end": 0.9, "speaker": '
    '"SPEAKER_00"}]}, {"start": 2.5, "end": 6.25, "text": " Godt. Vi har bygget en platform '
    'på Ærø.", "speaker": "SPEAKER_01"}, {"text": " 2.400.", "speaker": "SPEAKER_01"}], '
    '"language": "da"}'
).encode()
HTML = (
    "<!DOCTYPE html><html><head><meta charset='utf-8'><style>p{}</style></head><body>"
    "<p><b>Interviewer:</b> Hvordan g&aring;r det?</p><p>S&oslash;ren: Godt. Vi har data.</p>"
    "<table><tr><td>I</td><td>Og s&aring;?</td></tr><tr><td>R</td><td>S&aring; gik det.</td></tr>"
    "</table><p>Interviewer: Tak.</p><p>Søren: Selv tak.</p></body></html>"
).encode()
RESPONDENTS = b"speaker,document,respondent,level\nR1,,R01,stat\nR2,,R02,kommune\n"

REAL: dict[str, Callable[[], bytes]] = {
    ".txt": lambda: _sample(".txt"),
    ".md": lambda: _sample(".txt").replace(b"\n\n", b"\n\n## Afsnit\n\n", 1),
    ".docx": _docx,
    ".pdf": _pdf,
    ".vtt": lambda: _sample(".vtt"),
    ".srt": lambda: SRT,
    ".csv": lambda: CSV,
    ".xlsx": _xlsx,
    ".json": lambda: WHISPERX,
    ".html": lambda: HTML,
}
ZIPPED = {".docx": "word/document.xml", ".xlsx": "xl/worksheets/sheet1.xml"}


def _flip(data: bytes, edits: list[tuple[int, int]]) -> bytes:
    out = bytearray(data)
    for position, value in edits:
        if out:
            out[position % len(out)] = value
    return bytes(out)


def _rezip(data: bytes, member: str, change: Callable[[bytes], bytes]) -> bytes:
    """The zip ``data`` with ``member``'s inflated content changed (mutations inside the XML,
    which byte flips in the compressed stream never reach)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            content = source.read(info)
            target.writestr(info.filename, change(content) if info.filename == member else content)
    return out.getvalue()


def variants(real: bytes, member: str | None = None) -> st.SearchStrategy[bytes]:
    edits = st.lists(st.tuples(st.integers(0, 1 << 30), st.integers(0, 255)), max_size=12)
    options = [
        st.binary(max_size=3000),
        st.integers(0, len(real)).map(lambda n: real[:n]),
        edits.map(lambda e: _flip(real, e)),
    ]
    if member is not None:
        options.append(edits.map(lambda e: _rezip(real, member, lambda c: _flip(c, e))))
        options.append(
            st.integers(0, 1 << 30).map(
                lambda n: _rezip(real, member, lambda c: c[: n % (len(c) + 1)])
            )
        )
    return st.one_of(options)


@pytest.fixture(scope="module")
def fuzz_study(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[indsigt.Project, Path]]:
    folder = tmp_path_factory.mktemp("fuzz")
    with indsigt.init_study(folder / "fuzz.db", name="fuzz") as project:
        yield project, folder


def check_import(project: indsigt.Project, path: Path, **kwargs: object) -> None:
    before = row_counts(project)
    try:
        project.import_files([path], **kwargs)  # type: ignore[arg-type]
    except ImportFailed as failed:
        assert failed.errors and all(isinstance(e, InputError) for e in failed.errors)
        assert all(e.path == str(path) for e in failed.errors), failed.errors
        assert row_counts(project) == before
        assert len(str(failed)) < 2500


@pytest.mark.parametrize("suffix", sorted(REAL))
def test_real_files_import(
    fuzz_study: tuple[indsigt.Project, Path], suffix: str
) -> None:  # the seeds are good files
    project, folder = fuzz_study
    path = folder / f"ægte{suffix}"
    path.write_bytes(REAL[suffix]())
    report = project.import_files([path])
    assert report.imported or report.skipped


def _fuzz(suffix: str) -> Callable[..., None]:
    real = REAL[suffix]()

    @FUZZ
    @given(data=variants(real, ZIPPED.get(suffix)))
    def run(fuzz_study: tuple[indsigt.Project, Path], data: bytes) -> None:
        project, folder = fuzz_study
        path = folder / f"fuzz{suffix}"
        path.write_bytes(data)
        check_import(project, path)

    return run


test_fuzz_txt = _fuzz(".txt")  # the fast lane's fuzz test; the other formats are slow
test_fuzz_md = pytest.mark.slow(_fuzz(".md"))
test_fuzz_docx = pytest.mark.slow(_fuzz(".docx"))
test_fuzz_pdf = pytest.mark.slow(_fuzz(".pdf"))
test_fuzz_vtt = pytest.mark.slow(_fuzz(".vtt"))
test_fuzz_srt = pytest.mark.slow(_fuzz(".srt"))
test_fuzz_csv = pytest.mark.slow(_fuzz(".csv"))
test_fuzz_xlsx = pytest.mark.slow(_fuzz(".xlsx"))
test_fuzz_json = pytest.mark.slow(_fuzz(".json"))
test_fuzz_html = pytest.mark.slow(_fuzz(".html"))


@FUZZ
@given(data=variants(RESPONDENTS))
@pytest.mark.slow  # fuzzes a format of its own (test_fuzz_txt stays in the fast lane)
def test_fuzz_respondents_sheet(fuzz_study: tuple[indsigt.Project, Path], data: bytes) -> None:
    project, folder = fuzz_study
    transcript = folder / "r.txt"
    transcript.write_text("I: Hvordan?\nR1: Godt.\nR2: Også godt.\n", encoding="utf-8")
    sheet = folder / "fuzz-respondents.csv"
    sheet.write_bytes(data)
    before = row_counts(project)
    try:
        project.import_files([transcript], respondents=sheet)
    except ImportFailed as failed:
        assert all(isinstance(e, InputError) for e in failed.errors)
        assert all(e.path in {str(sheet), str(transcript)} for e in failed.errors)
        assert row_counts(project) == before


SOURCE = "50000000-0000-4000-8000-000000000001"
QDE = (
    '<?xml version="1.0" encoding="utf-8"?>\n'
    '<Project xmlns="urn:QDA-XML:project:1.0" name="P">'
    '<CodeBook><Codes><Code guid="c0de0000-0000-4000-8000-000000000001" name="K" '
    'isCodable="true"/></Codes></CodeBook><Sources>'
    f'<TextSource guid="{SOURCE}" name="Kilde" plainTextPath="internal://{SOURCE}.txt">'
    '<PlainTextSelection guid="5e000000-0000-4000-8000-000000000001" startPosition="0" '
    'endPosition="12"><Coding guid="c1000000-0000-4000-8000-000000000001">'
    '<CodeRef targetGUID="c0de0000-0000-4000-8000-000000000001"/></Coding>'
    "</PlainTextSelection></TextSource></Sources></Project>\n"
)


def _qdpx() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("project.qde", QDE.encode())
        archive.writestr(f"sources/{SOURCE}.txt", "Hej med dig. Æblet er rødt.\n".encode())
    return out.getvalue()


@FUZZ
@given(data=variants(_qdpx(), "project.qde"))
@pytest.mark.slow  # fuzzes a format of its own (test_fuzz_txt stays in the fast lane)
def test_fuzz_qdpx(tmp_path_factory: pytest.TempPathFactory, data: bytes) -> None:
    folder = tmp_path_factory.mktemp("qdpx")
    file = folder / "fuzz.qdpx"
    file.write_bytes(data)
    target = folder / "ny.db"
    try:
        import_qdpx(file, target)
    except IndsigtError as error:
        assert isinstance(error, InputError), repr(error)
        assert error.path == str(file)
        assert not target.exists()
        assert [p.name for p in folder.iterdir() if ".db" in p.name] == []


def test_qdpx_needing_a_newer_zip_version(tmp_path: Path) -> None:
    # Found by test_fuzz_qdpx: zipfile raised a bare NotImplementedError ("zip file version
    # 6.4") when the directory asks for a newer unzip.
    data = bytearray(_qdpx())
    entry = data.index(b"PK\x01\x02")
    data[entry + 6 : entry + 8] = (64).to_bytes(2, "little")  # version needed to extract
    file = tmp_path / "ny-version.qdpx"
    file.write_bytes(bytes(data))
    with pytest.raises(
        InputError, match=r"not a readable \.qdpx archive \(zip file version 6\.4\)"
    ):
        import_qdpx(file, tmp_path / "ny.db")
