"""`indsigt units` on a stored study: marks, statements, the prompting question, rebuilds,
themes and coding on substantive units."""

from __future__ import annotations

import json
from pathlib import Path

import sqlalchemy as sa
from click.testing import CliRunner

import indsigt
from indsigt.cli import main
from indsigt.store import schema
from indsigt.testing import FakeEmbedder
from indsigt.units import analysis_units, build_units, ensure_units, marks, statements

TRANSCRIPT = "\n".join(
    [
        "I: Hvad er jeres største udfordring med data?",
        "R: Ja. Øh. Vores data om borgerne ligger spredt i mange fagsystemer. Systemerne taler "
        "ikke sammen, og integrationerne er dyre at bygge og vedligeholde.",
        "I: Okay.",
        "R: Ja.",
        "I: Og hvad med kompetencerne?",
        "R: Præcis. Medarbejderne mangler digitale kompetencer, og vi uddanner dem hele tiden i "
        "nye værktøjer. Rekruttering af folk med it-kompetencer er svært for en kommune.",
        "I: Kan du gentage det?",
        "R: Tak.",
        "",
    ]
)


def _study(tmp_path: Path) -> indsigt.Project:
    (tmp_path / "a.txt").write_text(TRANSCRIPT, encoding="utf-8")
    project = indsigt.init_study(tmp_path / "s.db", anonymisation_required=False)
    project.import_files([tmp_path / "a.txt"])
    return project


def test_marks_and_statements_are_stored(tmp_path: Path) -> None:
    with _study(tmp_path) as project:
        report = build_units(project.store, project.study.id, embedder=FakeEmbedder())
        marked = marks(project.store, project.study.id)
        found = {m.text: m.mark.kind for m in marked}
        every = statements(project.store, project.study.id, substantive=None)
        turns = {t.id: t for t in project.turns(project.documents()[0])}
        text = project.documents()[0].text
    assert found["Ja."] == "backchannel" and found["Øh."] == "filler"
    assert found["Præcis."] == "backchannel" and found["Okay."] == "backchannel"
    assert found["Kan du gentage det?"] == "interview" and found["Tak."] == "greeting"
    assert report.conversational == len(marked) == 7 and report.detector == "talk.rules.v3"
    substantive = [s for s in every if s.substantive]
    assert [s.substantive for s in every] == [True, False, True, False]
    # "Ja. Øh." open the first answer's statement; their marks stay
    assert substantive[0].text.startswith("Ja. Øh. Vores data")
    assert substantive[1].text.startswith("Præcis. Medarbejderne")
    for s in every:
        assert s.text == text[s.start : s.end]
    # each statement records the last interviewer turn before it
    questions = [every[0].question_turn_id, substantive[1].question_turn_id]
    assert [text[turns[q].start : turns[q].end] for q in questions if q] == [
        "Hvad er jeres største udfordring med data?",
        "Og hvad med kompetencerne?",
    ]


def test_rebuilding_replaces_and_ensure_builds_only_what_is_missing(tmp_path: Path) -> None:
    with _study(tmp_path) as project:
        first = build_units(project.store, project.study.id, embedder=FakeEmbedder())
        assert ensure_units(project.store, project.study.id, embedder=FakeEmbedder()) is None
        again = build_units(project.store, project.study.id, embedder=FakeEmbedder())
        with project.store.connect() as connection:
            count = connection.scalar(sa.select(sa.func.count()).select_from(schema.statement))
    assert count == again.statements == first.statements


def test_analysis_units_leave_talk_and_the_interviewer_out(tmp_path: Path) -> None:
    with _study(tmp_path) as project:
        build_units(project.store, project.study.id, embedder=FakeEmbedder())
        sid = project.study.id
        by_unit = {
            unit: [u.text for u in analysis_units(project.store, sid, unit=unit)]
            for unit in ("statement", "passage", "turn")
        }
    assert len(by_unit["statement"]) == 2
    assert "Ja." not in by_unit["passage"] and "Tak." not in by_unit["passage"]
    assert all("Hvad er jeres" not in text for texts in by_unit.values() for text in texts)
    assert len(by_unit["turn"]) == 2  # the turns "Ja." and "Tak." carry no content


def test_coding_never_suggests_on_talk_or_the_interviewer(tmp_path: Path) -> None:
    with _study(tmp_path) as project:
        project.import_codebook(default=True)
        (tmp_path / "book.yaml").write_text(
            "codes:\n  - path: Snak\n    keywords: [ja, tak, okay, præcis, hvad, data]\n",
            encoding="utf-8",
        )
        project.import_codebook(tmp_path / "book.yaml")
        report = project.code(coders=["keyword"])
        texts = {p.id: p.text for p in project.passages()}
        coded = {texts[c.passage_id] for c in project.codings()}
    assert coded, "the content passages are coded"
    assert not coded & {"Ja.", "Tak.", "Okay.", "Præcis.", "Øh."}
    assert not any(text.startswith("Hvad er jeres") for text in coded)
    assert report.skipped == 5 + 4  # respondents' marked passages, the interviewer's turns


def test_cli_builds_and_shows_units(tmp_path: Path) -> None:
    _study(tmp_path).close()
    runner = CliRunner()
    built = runner.invoke(main, ["units", str(tmp_path / "s.db"), "--embedder", "tfidf", "--json"])
    assert built.exit_code == 0, built.output
    assert json.loads(built.output)["substantive"] == 2
    shown = runner.invoke(
        main, ["units", str(tmp_path / "s.db"), "--show", "backchannel", "--json"]
    )
    assert shown.exit_code == 0, shown.output
    assert {row["text"] for row in json.loads(shown.output)} == {"Ja.", "Okay.", "Præcis."}
    listed = runner.invoke(main, ["units", str(tmp_path / "s.db"), "--show", "statements"])
    assert listed.exit_code == 0 and "Vores data" in listed.output
    bad = runner.invoke(main, ["units", str(tmp_path / "s.db"), "--show", "nonsense"])
    assert bad.exit_code != 0


def test_units_need_anonymised_text(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(TRANSCRIPT, encoding="utf-8")
    with indsigt.init_study(tmp_path / "s.db") as project:
        project.import_files([tmp_path / "a.txt"])
        try:
            build_units(project.store, project.study.id, embedder=FakeEmbedder())
        except indsigt.IndsigtError as exc:
            assert "anonymise" in str(exc)
        else:  # pragma: no cover
            raise AssertionError("units ran on text that is not anonymised")
