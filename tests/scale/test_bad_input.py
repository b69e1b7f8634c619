"""Bad input gets one clear message naming the file (or address) and the problem, and
nothing is written; the streaming reader reads what `indsigt import` reads."""

from __future__ import annotations

import csv
import socket
from pathlib import Path

import openpyxl
import pytest
import sqlalchemy as sa

import indsigt
from indsigt.batch import InProcessEngine
from indsigt.errors import IndsigtError, InputError
from indsigt.ingest.sheets import read_sheet
from indsigt.ingest.stream import open_sheet
from indsigt.store import schema

from .helpers import COLUMNS, QUESTIONS


@pytest.fixture
def study(tmp_path: Path) -> indsigt.Project:
    project = indsigt.init_study(tmp_path / "study.db", name="høring")
    project.import_codebook(default=True)
    return project


def run(study: indsigt.Project, source: Path, **options: object) -> object:
    settings: dict[str, object] = {
        "text_columns": QUESTIONS,
        "id_column": "svar_id",
        "engine": InProcessEngine(),
    }
    settings.update(options)
    return study.batch(source, **settings)  # type: ignore[arg-type]


def nothing_written(study: indsigt.Project) -> bool:
    """No document and no job: every check comes before the first write."""
    with study.store.connect() as connection:
        return not any(
            connection.scalar(sa.select(sa.func.count()).select_from(table))
            for table in (schema.document, schema.job)
        )


def write(path: Path, rows: list[list[str]], *, encoding: str = "utf-8") -> Path:
    with path.open("w", encoding=encoding, newline="") as handle:
        csv.writer(handle).writerows(rows)
    return path


def test_missing_and_unreadable_files(study: indsigt.Project, tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"nowhere\.csv: no such file"):
        run(study, tmp_path / "nowhere.csv")
    with pytest.raises(InputError, match="is a directory"):
        run(study, tmp_path)
    binary = tmp_path / "binary.csv"
    binary.write_bytes(b"svar_id,text\n\x00\x01\x02" * 100)
    with pytest.raises(InputError, match=r"binary\.csv: binary data"):
        run(study, binary)
    damaged = tmp_path / "damaged.xlsx"
    damaged.write_bytes(b"PK\x03\x04 not really a workbook")
    with pytest.raises(InputError, match=r"damaged\.xlsx: not a readable Excel"):
        run(study, damaged)
    with pytest.raises(InputError, match=r"must be a \.csv"):
        run(study, write(tmp_path / "answers.txt", [COLUMNS]))
    assert nothing_written(study)


def test_columns_and_ids(study: indsigt.Project, tmp_path: Path) -> None:
    good = ["S1", "stat", "borger", "Det er en god idé med mere data.", ""]
    sheet = write(tmp_path / "a.csv", [COLUMNS, good])
    with pytest.raises(InputError, match=r"a\.csv: no column named 'Svar' \(--text-column\)"):
        run(study, sheet, text_columns=["Svar"])
    with pytest.raises(InputError, match=r"no column named 'id' \(--id-column\); columns are"):
        run(study, sheet, id_column="id")
    twice = write(tmp_path / "b.csv", [COLUMNS, good, good])
    with pytest.raises(InputError, match=r"b\.csv: row 3: id 'S1' appears twice"):
        run(study, twice)
    empty = write(tmp_path / "c.csv", [COLUMNS, good, ["", *good[1:]]])
    with pytest.raises(InputError, match=r"c\.csv: row 3: empty id in column 'svar_id'"):
        run(study, empty)
    with pytest.raises(InputError, match="the sheet is empty"):
        run(study, write(tmp_path / "d.csv", [[""]]))
    curt = write(tmp_path / "e.csv", [COLUMNS, ["S1", "stat", "borger", "Ja", ""]])
    with pytest.raises(InputError, match=r"e\.csv: no column looks like free-text answers"):
        run(study, curt, text_columns=())
    assert nothing_written(study)


def test_the_answer_columns_are_guessed_as_import_guesses_them(
    study: indsigt.Project, tmp_path: Path
) -> None:
    rows = [
        ["S1", "stat", "borger", "Det er en god idé med mere data i kommunen.", ""],
        ["S2", "region", "borger", "Vi mangler folk til at bygge de nye systemer.", ""],
    ]
    report = run(study, write(tmp_path / "a.csv", [COLUMNS, *rows]), text_columns=())
    note = f"answers read from column(s) '{QUESTIONS[0]}' (--text-column chooses"
    assert any(n.startswith(note) for n in report.notes), report.notes  # type: ignore[attr-defined]
    assert report.documents == 2  # type: ignore[attr-defined]


def test_encoding_error_late_in_the_file(study: indsigt.Project, tmp_path: Path) -> None:
    sheet = tmp_path / "late.csv"
    body = "".join(f"S{n},stat,borger,Svar nummer {n} er her.,\n" for n in range(40_000))
    sheet.write_bytes((",".join(COLUMNS) + "\n" + body).encode() + b"S0x,stat,b,\xe6ble,\n")
    with pytest.raises(InputError, match=r"late\.csv: line 40002: not valid utf-8"):
        run(study, sheet)
    assert nothing_written(study)


def test_engines_and_coders(study: indsigt.Project, tmp_path: Path, sheet: Path) -> None:
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    pytest.importorskip("distributed")
    with pytest.raises(IndsigtError, match=rf"tcp://127.0.0.1:{port}: cannot reach a Dask"):
        run(study, sheet, engine=f"tcp://127.0.0.1:{port}")
    with pytest.raises(IndsigtError, match="unknown engine 'spark'"):
        run(study, sheet, engine="spark")
    with pytest.raises(IndsigtError, match=r"similarity\.v1 does not run in batch jobs"):
        run(study, sheet, coders=["similarity"])
    with pytest.raises(IndsigtError, match="learns from accepted human codings"):
        run(study, sheet, coders=["supervised"])
    with pytest.raises(IndsigtError, match="no batch job 7"):
        run(study, sheet, resume=7)
    assert nothing_written(study)


def test_no_codebook_and_names(tmp_path: Path, sheet: Path) -> None:
    with indsigt.init_study(tmp_path / "empty.db") as study:
        with pytest.raises(IndsigtError, match="no codebook"):
            run(study, sheet)
        names = write(tmp_path / "people.csv", [["speaker", "name"], ["S00001", "Mette"]])
        with pytest.raises(InputError, match=r"people\.csv: row 2: .* no real names"):
            run(study, sheet, respondents=names)


def test_resume_refuses_a_changed_file(study: indsigt.Project, tmp_path: Path) -> None:
    rows = [COLUMNS, ["S1", "stat", "borger", "Vi skal bruge data bedre i kommunen.", ""]]
    sheet = write(tmp_path / "a.csv", rows)
    report = run(study, sheet)
    write(sheet, [*rows, ["S2", "region", "borger", "Mere digitalisering, tak.", ""]])
    with pytest.raises(InputError, match=r"a\.csv: the file has changed since job 1"):
        run(study, sheet, resume=report.job)  # type: ignore[attr-defined]


def test_stream_reads_what_import_reads(tmp_path: Path) -> None:
    rows = [
        ["", "", ""],
        ["id", "level", "svar"],
        ["1", "stat", 'Første linje\r\nanden linje med "citat"; og semikolon'],
        ["", "", ""],
        ["2", "kommune", "Ære være Åse\u0301"],  # NFC: Å + combining acute → one code point
    ]
    for name, encoding, delimiter in (
        ("utf8.csv", "utf-8-sig", ";"),
        ("cp.csv", "cp1252", ","),
        ("tab.tsv", "utf-8", "\t"),
    ):
        path = tmp_path / name
        with path.open("w", encoding=encoding, newline="", errors="ignore") as handle:
            csv.writer(handle, delimiter=delimiter).writerows(rows)
        whole = read_sheet(path, path.read_bytes())
        with open_sheet(path) as stream:
            assert stream.header == whole.header
            assert list(stream) == list(whole.rows), name
    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(row)
    path = tmp_path / "answers.xlsx"
    workbook.save(path)
    whole = read_sheet(path, path.read_bytes())
    with open_sheet(path) as stream:
        assert stream.header == whole.header
        assert list(stream) == list(whole.rows)
