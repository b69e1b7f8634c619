"""The framework matrix: cells, the three formats (the workbook re-read with openpyxl), errors."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

import indsigt
from indsigt.errors import IndsigtError
from indsigt.guard import NotAnonymised
from indsigt.matrix import build_matrix, write_matrix

from .helpers import make_guided_study


@pytest.fixture(scope="module")
def study_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_guided_study(tmp_path_factory.mktemp("matrix"))


def test_code_columns_by_respondent(study_file: Path) -> None:
    with indsigt.open_study(study_file) as study:
        matrix = build_matrix(study.store, study.study.id, columns="code", embedder="tfidf")
    assert [c.key for c in matrix.columns] == [
        "muligheder",
        "udfordringer",
        "udfordringer/kompetencer",
    ]
    assert [group for group, _ in matrix.groups()] == ["muligheder", "udfordringer"]
    assert len(matrix.rows) == 2
    first, second = matrix.rows
    cell = matrix.cell(first, "udfordringer/kompetencer")
    assert cell is not None and cell.units == 1
    (excerpt,) = cell.excerpts
    assert excerpt.text.startswith("Rekruttering af dataanalytikere")
    assert excerpt.ref == "Interview 1 ¶6"
    assert matrix.cell(second, "muligheder").excerpts[0].text.startswith("Kunstig intelligens")  # type: ignore[union-attr]
    # A code's column holds its sub-codes' codings too.
    parent = matrix.cell(first, "udfordringer")
    assert parent is not None and parent.units == 2
    assert {e.ref for e in parent.excerpts} == {"Interview 1 ¶6", "Interview 1 ¶7"}


def test_question_columns_by_document_and_per_cell(study_file: Path) -> None:
    with indsigt.open_study(study_file) as study:
        matrix = build_matrix(
            study.store,
            study.study.id,
            rows="document",
            columns="question",
            per_cell=1,
            embedder="tfidf",
        )
    assert matrix.rows == ("Interview 1", "Interview 2")
    assert [c.key for c in matrix.columns] == ["Q1", "Q2", "Q3"]
    assert [g for g, _ in matrix.groups()] == ["Muligheder", "Udfordringer", "Mobilisering"]
    challenges = matrix.cell("Interview 1", "Q2")
    assert challenges is not None and challenges.units == 2 and len(challenges.excerpts) == 1
    assert matrix.cell("Interview 2", "Q3") is None  # never asked there
    # "Selv tak." and "Ja." are not excerpts (the units stage's conversational rule).
    texts = [e.text for c in matrix.cells.values() for e in c.excerpts]
    assert not any(t.strip() in ("Selv tak.", "Ja.") for t in texts)


def test_turn_unit(study_file: Path) -> None:
    with indsigt.open_study(study_file) as study:
        matrix = build_matrix(
            study.store, study.study.id, columns="question", unit="turn", embedder="tfidf"
        )
    cell = matrix.cell(matrix.rows[0], "Q2")
    assert cell is not None
    (excerpt,) = cell.excerpts
    assert excerpt.text.startswith("Rekruttering") and "fagsystemer" in excerpt.text
    assert excerpt.ref == "Interview 1 ¶6–7" and len(excerpt.passage_ids) == 2


def test_xlsx_has_frozen_headers_wrapped_text_and_a_sheet_per_group(
    study_file: Path, tmp_path: Path
) -> None:
    import openpyxl

    output = tmp_path / "matrix.xlsx"
    with indsigt.open_study(study_file) as study:
        study.matrix(columns="question", output=output, embedder="tfidf")
    workbook = openpyxl.load_workbook(output)
    assert workbook.sheetnames == ["Muligheder", "Udfordringer", "Mobilisering"]
    sheet = workbook["Udfordringer"]
    assert sheet.freeze_panes == "B2"
    assert sheet["A1"].value == "Respondent"
    assert sheet["B1"].value == "Q2 Hvad er de største udfordringer?"
    assert sheet["B1"].font.bold
    assert all(cell.alignment.wrap_text for row in sheet.iter_rows() for cell in row)
    assert "Rekruttering af dataanalytikere" in sheet["B2"].value
    assert "(Interview 1 ¶6)" in sheet["B2"].value
    assert sheet.row_dimensions[2].height >= 30  # two excerpts: the row grows


def test_csv_and_markdown(study_file: Path, tmp_path: Path) -> None:
    with indsigt.open_study(study_file) as study:
        matrix = build_matrix(study.store, study.study.id, columns="code", embedder="tfidf")
    csv_path = write_matrix(matrix, tmp_path / "matrix.csv")
    rows = list(csv.reader(io.StringIO(csv_path.read_text(encoding="utf-8-sig"))))
    assert rows[0] == [
        "Respondent",
        "muligheder / Muligheder",
        "udfordringer / Udfordringer",
        "udfordringer / Kompetencer",
    ]
    assert len(rows) == 3 and "Kunstig intelligens" in rows[2][1]
    md = write_matrix(matrix, tmp_path / "matrix.md").read_text(encoding="utf-8")
    assert "## udfordringer" in md
    assert "| Respondent | Udfordringer | Kompetencer |" in md
    assert "(Interview 2 ¶2)" in md


def test_exports_never_name_the_files(study_file: Path, tmp_path: Path) -> None:
    """A file name identifies ("dk01_kommune_viborg.txt"): every format of every matrix knows a
    document by its neutral name only, as the report and the web app's other pages do."""
    with indsigt.open_study(study_file) as study:
        for rows in ("respondent", "document"):
            for columns in ("code", "question"):
                for unit, suffix in (("passage", "csv"), ("turn", "md")):
                    output = tmp_path / f"m.{suffix}"
                    matrix = study.matrix(
                        rows=rows, columns=columns, unit=unit, embedder="tfidf", output=output
                    )
                    text = output.read_text("utf-8-sig")
                    assert "kommune_a" not in text and "stat_b" not in text
                    assert "Interview 1" in text or "Interview 2" in text
    assert matrix.rows == ("Interview 1", "Interview 2")


def test_anonymised_text_only(tmp_path: Path) -> None:
    path = make_guided_study(tmp_path / "raw", anonymisation_required=True)
    with indsigt.open_study(path) as study, pytest.raises(NotAnonymised) as caught:
        build_matrix(study.store, study.study.id, embedder="tfidf")
    assert "Mette" not in str(caught.value) and "Rekruttering" not in str(caught.value)


def test_bad_requests(study_file: Path, tmp_path: Path) -> None:
    with indsigt.open_study(study_file) as study:
        with pytest.raises(IndsigtError, match="unknown columns 'topic'"):
            build_matrix(study.store, study.study.id, columns="topic")  # type: ignore[arg-type]
        with pytest.raises(IndsigtError, match="unsupported matrix format"):
            study.matrix(output=tmp_path / "matrix.ods", embedder="tfidf")


def test_question_columns_need_a_guide(tmp_path: Path) -> None:
    folder = tmp_path / "plain"
    path = make_guided_study(folder)
    with indsigt.open_study(path) as study:
        from indsigt.store import schema

        with study.store.begin() as connection:
            connection.execute(schema.setting.delete())
        with pytest.raises(IndsigtError, match="no interview guide"):
            build_matrix(study.store, study.study.id, columns="question", embedder="tfidf")


def test_theme_columns_read_the_stored_themes(tmp_path: Path) -> None:
    from indsigt.themes import save_themes, study_themes

    path = make_guided_study(tmp_path / "themes")
    with indsigt.open_study(path) as study:
        store, sid = study.store, study.study.id
        with pytest.raises(IndsigtError, match="stores no themes; run `indsigt themes"):
            build_matrix(store, sid, columns="theme", embedder="tfidf")
        result = study_themes(store, sid, k=2, embedder="tfidf", unit="passage")
        save_themes(store, sid, result, unit="passage", embedder="tfidf", k=2, seed=0, code=None)
        matrix = build_matrix(store, sid, columns="theme", embedder="tfidf", per_cell=5)
    assert [c.key for c in matrix.columns] == ["T1", "T2"]
    assert [group for group, _ in matrix.groups()] == ["Temaer"]
    assert matrix.columns[0].label.startswith("1. ")
    # every passage of a theme is an excerpt in its column, in the row of the one who said it
    members = {f"T{t.id}": set(t.members) for t in result.themes}
    for (row, key), cell in matrix.cells.items():
        assert row in matrix.rows
        assert all(set(e.passage_ids) <= members[key] for e in cell.excerpts)
    assert sum(c.units for c in matrix.cells.values()) == sum(len(m) for m in members.values())
