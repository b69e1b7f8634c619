"""Themes stored in the study: a run's themes read back, renamed, merged and promoted."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa

import indsigt
from indsigt.store import schema
from indsigt.themes import (
    latest_run,
    latest_themes,
    merge_themes,
    promote_stored_theme,
    rename_theme,
    save_themes,
    study_themes,
    theme_examples,
)
from indsigt.themes.stored import LABEL_MAX, get_theme, theme_by_number

from .test_discover import TOPICS


def _study(location: Path | str, tmp_path: Path) -> indsigt.Project:
    files = []
    for n, half in enumerate((0, 1)):
        lines = ["I: Fortæl om jeres udfordringer?"]
        for sentences in TOPICS.values():
            lines += [f"R: {text}." for text in sentences[half * 3 : half * 3 + 3]]
        file = tmp_path / f"interview{n}.txt"
        file.write_text("\n".join(lines) + "\n", encoding="utf-8")
        files.append(file)
    project = indsigt.init_study(location, anonymisation_required=False)
    project.import_files(files)
    return project


def _run(project: indsigt.Project, *, code: str | None = None) -> int:
    result = study_themes(project.store, project.study.id, k=3, seed=1, embedder="tfidf")
    return save_themes(
        project.store,
        project.study.id,
        result,
        unit="statement",
        embedder="tfidf",
        k=3,
        seed=1,
        code=code,
    )


def _events(project: indsigt.Project, action: str) -> list[dict[str, object]]:
    with project.store.connect() as connection:
        rows = connection.execute(
            sa.select(schema.event.c.payload).where(schema.event.c.action == action)
        ).all()
    return [row.payload for row in rows]


def test_a_stored_run_reads_back_with_passages_respondents_and_representatives(
    tmp_path: Path,
) -> None:
    with _study(tmp_path / "s.db", tmp_path) as project:
        assert latest_themes(project.store, project.study.id) == []
        run_id = _run(project)
        themes = latest_themes(project.store, project.study.id)
        run = latest_run(project.store, project.study.id)
        respondent = {p.id for p in project.passages() if not p.text.startswith("Fortæl")}
        assert run is not None and run.id == run_id and run.unit == "statement"
        assert [t.number for t in themes] == [1, 2, 3]
        assert {p for t in themes for p in t.passage_ids} == respondent  # 18 passages
        assert sum(len(t.passage_ids) for t in themes) == 18
        for theme in themes:
            assert theme.status == "emergent" and theme.code is None and not theme.renamed
            assert theme.respondents == 2  # both interviews speak of every topic
            assert 1 <= len(theme.representative) <= 3
            assert set(theme.representative) <= set(theme.passage_ids)
            assert theme.label and theme.terms
            examples = theme_examples(project.store, project.study.id, theme.id)
            assert [e.rank for e in examples] == list(range(1, len(examples) + 1))
            assert examples[0].passage_ids[0] == theme.representative[0]
            assert examples[0].text in {p.text for p in project.passages()}
        assert _events(project, "themes.stored") == [
            {"unit": "statement", "embedder": "tfidf", "scope": None, "themes": 3}
        ]


def test_a_run_within_a_code_is_not_the_studys_themes(tmp_path: Path) -> None:
    with _study(tmp_path / "s.db", tmp_path) as project:
        whole = _run(project)
        scoped = _run(project, code="Temaer")
        assert scoped > whole
        assert {t.run_id for t in latest_themes(project.store, project.study.id)} == {whole}
        found = latest_run(project.store, project.study.id, scope="Temaer")
        assert found is not None and found.id == scoped


def test_rename_keeps_the_found_label_and_refuses_bad_labels(tmp_path: Path) -> None:
    with _study(tmp_path / "s.db", tmp_path) as project:
        _run(project)
        theme = latest_themes(project.store, project.study.id)[0]
        renamed = rename_theme(
            project.store, project.study.id, theme.id, "  Data  om\nborgerne ", actor="ann"
        )
        assert renamed.label == "Data om borgerne" and renamed.renamed
        assert latest_themes(project.store, project.study.id)[0].label == "Data om borgerne"
        for bad, message in (
            ("   ", "empty"),
            ("x" * (LABEL_MAX + 1), "at most"),
            ("Data\x00om", "control characters"),
        ):
            with pytest.raises(indsigt.IndsigtError, match=message):
                rename_theme(project.store, project.study.id, theme.id, bad)
        with pytest.raises(indsigt.IndsigtError, match="no theme with id 999"):
            rename_theme(project.store, project.study.id, 999, "Andet")
        assert _events(project, "theme.renamed") == [
            {"from": theme.label, "to": "Data om borgerne"}
        ]


def test_merge_moves_members_and_hides_the_merged_theme(tmp_path: Path) -> None:
    with _study(tmp_path / "s.db", tmp_path) as project:
        _run(project)
        first, second, third = latest_themes(project.store, project.study.id)
        merged = merge_themes(project.store, project.study.id, first.id, second.id)
        assert set(merged.passage_ids) == set(first.passage_ids) | set(second.passage_ids)
        assert merged.size == first.size + second.size
        assert merged.representative == first.representative  # its own representatives
        assert [t.id for t in latest_themes(project.store, project.study.id)] == [
            first.id,
            third.id,
        ]
        everything = latest_themes(project.store, project.study.id, include_merged=True)
        gone = next(t for t in everything if t.id == second.id)
        assert gone.status == "merged" and gone.merged_into == first.id and not gone.passage_ids
        with pytest.raises(indsigt.IndsigtError, match="into itself"):
            merge_themes(project.store, project.study.id, third.id, third.id)
        with pytest.raises(indsigt.IndsigtError, match="already merged"):
            merge_themes(project.store, project.study.id, third.id, second.id)
        assert _events(project, "theme.merged") == [
            {"into": first.id, "other": second.id, "passages": len(second.passage_ids)}
        ]


def test_merge_across_runs_is_refused(tmp_path: Path) -> None:
    with _study(tmp_path / "s.db", tmp_path) as project:
        _run(project)
        old = latest_themes(project.store, project.study.id)[0]
        _run(project)
        new = latest_themes(project.store, project.study.id)[0]
        with pytest.raises(indsigt.IndsigtError, match="different theme runs"):
            merge_themes(project.store, project.study.id, new.id, old.id)


def test_promote_makes_a_code_with_suggestions_on_every_member_passage(tmp_path: Path) -> None:
    with _study(tmp_path / "s.db", tmp_path) as project:
        _run(project)
        first, second, _ = latest_themes(project.store, project.study.id)
        merge_themes(project.store, project.study.id, first.id, second.id)
        code_id = promote_stored_theme(
            project.store, project.study.id, first.id, path="Data", actor="ann"
        )
        promoted = get_theme(project.store, project.study.id, first.id)
        assert promoted.status == "promoted" and promoted.code == "Data"
        with project.store.connect() as connection:
            coded = set(
                connection.scalars(
                    sa.select(schema.coding.c.passage_id).where(
                        schema.coding.c.code_id == code_id,
                        schema.coding.c.status == "suggested",
                    )
                )
            )
        assert coded == set(promoted.passage_ids)
        with pytest.raises(indsigt.IndsigtError, match="already the code"):
            promote_stored_theme(project.store, project.study.id, first.id, path="Andet")
        with pytest.raises(indsigt.IndsigtError, match="merged into another"):
            promote_stored_theme(project.store, project.study.id, second.id, path="Andet")
        third = latest_themes(project.store, project.study.id)[1]
        with pytest.raises(indsigt.IndsigtError, match="already exists"):
            promote_stored_theme(project.store, project.study.id, third.id, path="Data")
        with pytest.raises(indsigt.IndsigtError, match="empty"):
            promote_stored_theme(project.store, project.study.id, third.id, path=" / ")
        for bad in ("Data\x00", "x" * 501):
            with pytest.raises(indsigt.IndsigtError, match="control characters"):
                promote_stored_theme(project.store, project.study.id, third.id, path=bad)
        assert get_theme(project.store, project.study.id, third.id).status == "emergent"
        [event] = _events(project, "theme.promoted")
        assert event["stored_theme"] == first.id and event["path"] == "Data"


def test_theme_by_number_reads_the_latest_run(tmp_path: Path) -> None:
    with _study(tmp_path / "s.db", tmp_path) as project:
        with pytest.raises(indsigt.IndsigtError, match="no stored themes"):
            theme_by_number(project.store, project.study.id, 1)
        _run(project)
        assert theme_by_number(project.store, project.study.id, 2).number == 2
        with pytest.raises(indsigt.IndsigtError, match="no theme 9"):
            theme_by_number(project.store, project.study.id, 9)


@pytest.mark.postgres
def test_stored_themes_in_postgres(postgres_url: str, tmp_path: Path) -> None:
    with _study(postgres_url, tmp_path) as project:
        _run(project)
        first, second, _ = latest_themes(project.store, project.study.id)
        merge_themes(project.store, project.study.id, first.id, second.id)
        rename_theme(project.store, project.study.id, first.id, "Data")
        promote_stored_theme(project.store, project.study.id, first.id, path="Data")
        [top, _] = latest_themes(project.store, project.study.id)
        assert (top.label, top.status, top.code) == ("Data", "promoted", "Data")
        assert len(top.passage_ids) == len(first.passage_ids) + len(second.passage_ids)


def test_a_transcribers_summary_is_no_respondent(tmp_path: Path) -> None:
    # A GENNOVATE focus group's record is a sheet of quotes and the transcriber's summaries
    # (notes: no one's speech); themes of a four-group study said "8 respondents".
    files = []
    for n, half in enumerate((0, 1)):
        rows = ["data_container,transcript,quote or transcriber's summary"]
        for sentences in TOPICS.values():
            rows += [f"E.{n},{text}.,quote" for text in sentences[half * 3 : half * 3 + 2]]
            rows.append(f"E.{n},{sentences[half * 3 + 2]}.,Transcriber's summary")
        file = tmp_path / f"group{n}.csv"
        file.write_text("\n".join(rows) + "\n", encoding="utf-8")
        files.append(file)
    with indsigt.init_study(tmp_path / "g.db", anonymisation_required=False) as project:
        project.import_files(files)
        with project.store.connect() as connection:
            roles = set(connection.scalars(sa.select(schema.speaker.c.role)))
        assert "note" in roles  # the transcriber
        _run(project)
        themes = latest_themes(project.store, project.study.id)
        assert themes and all(1 <= t.respondents <= 2 for t in themes), [
            t.respondents for t in themes
        ]
        merged = merge_themes(project.store, project.study.id, themes[0].id, themes[1].id)
        assert merged.respondents <= 2
