"""A sheet streamed for ``indsigt batch`` is decoded as ``indsigt import`` decodes it."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from indsigt.errors import InputError
from indsigt.ingest.sheets import read_sheet
from indsigt.ingest.stream import SAMPLE, open_sheet

ROWS = "id,svar\n" + "".join(f"{n},Svar nummer {n} om Ærø og “data”\n" for n in range(1, 4))


@pytest.mark.parametrize(
    ("codec", "bom"),
    [("utf-16-le", b""), ("utf-16-be", b""), ("utf-16", b""), ("cp1252", b"")],
)
def test_stream_reads_utf16_without_bom_like_import(tmp_path: Path, codec: str, bom: bytes) -> None:
    path = tmp_path / "svar.csv"
    path.write_bytes(bom + ROWS.encode(codec))
    whole = read_sheet(path, path.read_bytes())
    with open_sheet(path) as stream:
        assert stream.header == whole.header == ("id", "svar")
        assert list(stream) == list(whole.rows)
    assert whole.rows[2][1]["svar"] == "Svar nummer 3 om Ærø og “data”"


def test_a_long_utf16_sheet_is_sampled_without_cutting_a_character(tmp_path: Path) -> None:
    # The first megabyte is the sample: it must not end inside a UTF-16 code unit.
    line = "1,Ærø " + "x" * 60 + "\n"
    body = "id,svar\n" + line * (SAMPLE // len(line.encode("utf-16-le")) + 10)
    path = tmp_path / "lang.csv"
    path.write_bytes(body.encode("utf-16-le")[1:])  # odd: shifted by one byte
    bad = r"lang\.csv: line \d+: not valid utf-16-be"
    with pytest.raises(InputError, match=bad), open_sheet(path) as stream:
        list(stream)
    path.write_bytes(codecs.BOM_UTF16_BE + body.encode("utf-16-be"))
    with open_sheet(path) as stream:
        assert sum(1 for _ in stream) == body.count("\n") - 1
