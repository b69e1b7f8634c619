"""Segment tables, co-occurrence and saturation on a small study coded by hand."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa
from click.testing import CliRunner

import indsigt
from indsigt.analyse import cooccurrence, saturation, segment_table
from indsigt.cli import main
from indsigt.store import schema
from indsigt.store.store import now

LEVELS = ["stat"] * 4 + ["region"] * 4 + ["kommune"] * 4


def _study(tmp_path: Path) -> indsigt.Project:
    """12 one-respondent interviews; respondent i says 'data' if i < 4 (the state leaders),
    'jura' if even, 'ledelse' always."""
    rows = []
    paths = []
    for i, level in enumerate(LEVELS):
        lines = ["I: Hvad fylder?", f"R: Jeg har været leder i {i + 2} år."]
        if i < 4:
            lines.append("R: Data fylder meget hos os.")
        if i % 2 == 0:
            lines.append("I: Og ellers?\nR: Lovgivningen driller.")
        lines.append("I: Ledelse?\nR: Ledelse er alt.")
        path = tmp_path / f"int{i:02d}.txt"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        paths.append(path)
        rows.append(f"int{i:02d},R,P{i:02d},{level}")
    sheet = tmp_path / "respondents.csv"
    sheet.write_text("document,speaker,respondent,level\n" + "\n".join(rows) + "\n")
    project = indsigt.init_study(tmp_path / "s.db", anonymisation_required=False)
    project.import_files(paths, respondents=sheet)
    _code(project)
    return project


def _code(project: indsigt.Project) -> None:
    words = {
        "Data": "Muligheder/Data",
        "Lovgivningen": "Udfordringer/Jura",
        "Ledelse er": "Mobilisering/Ledelse",
        "Hvad fylder": "Muligheder/Data",
    }
    with project.store.begin() as connection:
        ids = {}
        for path in sorted(set(words.values())):
            ids[path] = connection.execute(
                schema.code.insert().values(
                    study_id=project.study.id,
                    path=path,
                    labels={},
                    definition="",
                    include_rule="",
                    exclude_rule="",
                    keywords=[],
                    examples=[],
                    color="",
                )
            ).inserted_primary_key[0]
        for passage in project.passages():
            for word, path in words.items():
                if passage.text.startswith(word):
                    connection.execute(
                        schema.coding.insert().values(
                            passage_id=passage.id,
                            code_id=ids[path],
                            coder="ann",
                            score=None,
                            status="accepted",
                            evidence={},
                            created_at=now(),
                        )
                    )


def test_respondent_counts_with_denominators(tmp_path: Path) -> None:
    with _study(tmp_path) as project:
        table = segment_table(project.store, project.study.id, by="level")
    assert table.segments == ["kommune", "region", "stat"]
    assert table.totals == {"kommune": 4, "region": 4, "stat": 4}
    rows = {row.code: row for row in table.rows}
    data = rows["Muligheder/Data"]
    # The interviewer's "Hvad fylder?" is coded too, but interviewer speech never counts.
    assert [data.cells[s].n for s in table.segments] == [0, 0, 4]
    assert data.cells["stat"].text() == "4 of 4"
    assert data.total.text() == "4 of 12"
    assert rows["Muligheder"].total.n == 4  # parent rolled up
    assert data.test.method == "fisher-freeman-halton"
    assert data.test.p is not None and data.test.p < 0.01
    assert data.test.p_holm is not None and data.test.p_holm >= data.test.p
    assert rows["Mobilisering/Ledelse"].test.method is None  # every respondent has it
    jura = rows["Udfordringer/Jura"]
    assert [jura.cells[s].n for s in table.segments] == [2, 2, 2]
    assert all(jura.cells[s].small for s in table.segments)  # 2 < k = 3


def test_small_cells_can_be_suppressed(tmp_path: Path) -> None:
    with _study(tmp_path) as project:
        table = segment_table(project.store, project.study.id, suppress=True)
    jura = next(row for row in table.rows if row.code == "Udfordringer/Jura")
    assert jura.cells["stat"].n is None and jura.cells["stat"].text() == "<3 of 4 *"


def test_too_few_respondents_are_not_tested(tmp_path: Path) -> None:
    with _study(tmp_path) as project:
        with project.store.begin() as connection:  # keep 6 respondents
            connection.execute(sa.delete(schema.document).where(schema.document.c.id > 6))
        table = segment_table(project.store, project.study.id)
    assert all(
        "too few respondents" in row.test.note
        for row in table.rows
        if row.test.method is None and "every" not in row.test.note
    )


def test_passage_unit_is_never_tested(tmp_path: Path) -> None:
    with _study(tmp_path) as project:
        table = segment_table(project.store, project.study.id, unit="passages")
    assert all(row.test.method is None for row in table.rows)
    assert table.totals["stat"] > 4


def test_cooccurrence_and_saturation(tmp_path: Path) -> None:
    with _study(tmp_path) as project:
        pairs = cooccurrence(project.store, project.study.id, unit="respondents")
        curve = saturation(project.store, project.study.id)
    assert ("Mobilisering/Ledelse", "Udfordringer/Jura", 6) in pairs
    assert [point["cumulative"] for point in curve][:3] == [3, 3, 3]
    assert curve[-1]["cumulative"] == 3 and curve[0]["new_codes"] == 3


def test_compare_cli_json(tmp_path: Path) -> None:
    _study(tmp_path).close()
    result = CliRunner().invoke(
        main, ["compare", str(tmp_path / "s.db"), "--by", "level", "--json"]
    )
    assert result.exit_code == 0, result.output
    import json

    data = json.loads(result.output)
    assert data["table"]["totals"] == {"kommune": 4, "region": 4, "stat": 4}
    assert data["saturation"][0]["new_codes"] == 3
    text = CliRunner().invoke(main, ["compare", str(tmp_path / "s.db")])
    assert "4 of 4" in text.output and "n of N" in text.output


@pytest.mark.parametrize("unit", ["bogus"])
def test_bad_unit(tmp_path: Path, unit: str) -> None:
    with _study(tmp_path) as project, pytest.raises(indsigt.IndsigtError):
        segment_table(project.store, project.study.id, unit=unit)


def test_themes_by_segment_count_the_respondents_whose_statements_they_hold(
    tmp_path: Path,
) -> None:
    """`compare --themes`: a study's emergent themes × a respondent attribute. A theme of the
    statements that say "Data" is the four state leaders' (4 of 4 stat, none elsewhere); the
    leaders who speak of the law are two of each level."""
    from indsigt.analyse.themetable import theme_segment_table
    from indsigt.themes.discover import Theme, ThemeResult
    from indsigt.themes.stored import save_themes
    from indsigt.units import analysis_units

    with _study(tmp_path) as project:
        units = analysis_units(project.store, project.study.id, unit="passage")
        text = {p.id: p.text for p in project.passages()}

        def saying(word: str) -> tuple[int, ...]:
            return tuple(u.id for u in units if any(word in text[pid] for pid in u.passage_ids))

        data, law = saying("Data"), saying("Lovgivningen")
        themes = [
            Theme(1, "Data fylder", ("data",), len(data), data, data[:1]),
            Theme(2, "Lovgivningen driller", ("lov",), len(law), law, law[:1]),
        ]
        save_themes(
            project.store, project.study.id, ThemeResult(themes, []),
            unit="passage", embedder="tfidf", k=2, seed=0, code=None,
        )  # fmt: skip
        table, by_key = theme_segment_table(project.store, project.study.id, by="level")
    assert {key: theme.label for key, theme in by_key.items()} == {
        "T01": "Data fylder",
        "T02": "Lovgivningen driller",
    }
    rows = {row.code: row for row in table.rows}
    assert {s: c.n for s, c in rows["T01"].cells.items()} == {"kommune": 0, "region": 0, "stat": 4}
    assert {s: c.n for s, c in rows["T02"].cells.items()} == {"kommune": 2, "region": 2, "stat": 2}
    assert rows["T01"].test.p is not None and rows["T01"].test.p < 0.05
    result = CliRunner().invoke(
        main, ["compare", str(tmp_path / "s.db"), "--themes"], env={"COLUMNS": "200"}
    )
    assert result.exit_code == 0, result.output
    assert "T01 Data fylder" in result.output and "participants in the theme" in result.output
    refused = CliRunner().invoke(
        main, ["compare", str(tmp_path / "s.db"), "--themes", "--unit", "passages"]
    )
    assert refused.exit_code == 2 and "--unit passages does not apply" in refused.output
