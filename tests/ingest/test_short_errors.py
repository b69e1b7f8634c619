"""Errors stay short whatever the input: lists are cut with "… and N more" (issue 18)."""

from __future__ import annotations

from pathlib import Path

import pytest

import indsigt
from indsigt.errors import ImportFailed, InputError

from .helpers import row_counts, write_xlsx

WIDE = 100_000


def wide_csv(tmp_path: Path) -> Path:
    path = tmp_path / "bred.csv"
    header = ",".join(f"kolonne_{n:06d}" for n in range(WIDE))
    row = ",".join("x" for _ in range(WIDE))
    path.write_text(f"{header}\n{row}\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "options",
    [indsigt.ImportOptions(), indsigt.ImportOptions(text_columns=("svar",))],
    ids=["guessing", "named"],
)
def test_a_csv_with_100k_columns_gives_a_short_error(
    study: indsigt.Project, tmp_path: Path, options: indsigt.ImportOptions
) -> None:
    path = wide_csv(tmp_path)
    before = row_counts(study)
    with pytest.raises(ImportFailed) as failed:
        study.import_files([path], options=options)
    message = str(failed.value)
    assert len(message) < 600, len(message)
    assert "'kolonne_000000', 'kolonne_000001'" in message
    assert f"… and {WIDE - 10} more" in message
    assert row_counts(study) == before


def test_many_sheets_and_long_names(study: indsigt.Project, tmp_path: Path) -> None:
    import openpyxl

    path = write_xlsx(tmp_path / "ark.xlsx", [["id", "svar"]])
    workbook = openpyxl.load_workbook(path)
    for n in range(30):
        workbook.create_sheet(f"Ark{n}")
    workbook.save(path)
    with pytest.raises(ImportFailed) as failed:
        study.import_files([path], options=indsigt.ImportOptions(sheet="Findes ikke"))
    assert "… and 21 more" in str(failed.value)


def test_many_failing_files_are_summed_up(study: indsigt.Project, tmp_path: Path) -> None:
    paths = [tmp_path / f"mangler{n}.txt" for n in range(50)]
    with pytest.raises(ImportFailed) as failed:
        study.import_files(paths)
    message = str(failed.value)
    assert message.startswith("50 problems:")
    assert message.count("no such file") == 10
    assert message.endswith("… and 40 more")
    assert len(failed.value.errors) == 50  # all of them, for callers that want them


def test_listing_and_problem_guard() -> None:
    from indsigt.errors import listing

    assert listing(["a", "b"]) == "'a', 'b'"
    assert listing(range(12), quote=False) == "0, 1, 2, 3, 4, 5, 6, 7, 8, 9, … and 2 more"
    assert listing(["x" * 100]) == repr("x" * 59 + "…")
    error = InputError("f.csv", "y" * 10_000)
    assert len(str(error)) < 2100 and str(error).endswith("(8,000 more characters)")


def test_respondents_entry_that_is_not_a_mapping_does_not_echo_it(tmp_path: Path) -> None:
    from indsigt.ingest.respondents import read_respondents

    path = tmp_path / "r.yaml"
    path.write_text("- {speaker: A}\n- Lars Kjær, CPR 010203-1234\n", encoding="utf-8")
    with pytest.raises(InputError) as error:
        read_respondents(path)
    assert error.value.problem == "entry 2: expected a mapping, got str"
