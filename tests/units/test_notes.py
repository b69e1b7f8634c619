"""A note — a transcriber's summary, a guide's heading — is no one's speech: no statement, no
analysis unit, no coding suggestion, no theme holds it, yet the document view shows it."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from click.testing import CliRunner

import indsigt
from indsigt.cli import main
from indsigt.store import schema
from indsigt.store.speech import speech
from indsigt.testing import FakeEmbedder
from indsigt.units import analysis_units, build_units, statements
from indsigt.web.data.documents import document_view

SUMMARY = "Most of them voted for the third step of the ladder and education."
HEADING = "Module 2.  Gender norms, livelihoods, and family formation (1 ½ hours)"
QUOTES = (
    "Education gives our daughters a better life in the village.",
    "Our fathers decide whether the girls may go to the school in town.",
    "Boys learn farming from their fathers in the fields.",
)


def _study(tmp_path: Path) -> indsigt.Project:
    rows = [("data_container", "transcript", "quote or transcriber's summary"), ("", HEADING, "")]
    rows += [("E.1", SUMMARY, "Transcriber's summary")]
    rows += [("E.1", quote, "quote") for quote in QUOTES]
    path = tmp_path / "TRANSCRIPT_XX1_XX1E_F.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    project = indsigt.init_study(tmp_path / "g.db", anonymisation_required=False)
    project.import_files([path])
    return project


def _note_texts(texts: list[str]) -> list[str]:
    return [t for t in texts if "voted" in t or "Module 2" in t or "livelihoods" in t]


def test_a_note_is_no_statement_nor_any_unit(tmp_path: Path) -> None:
    with _study(tmp_path) as project:
        report = build_units(project.store, project.study.id, embedder=FakeEmbedder())
        sid = project.study.id
        said = [s.text for s in statements(project.store, sid, substantive=None)]
        units = {
            unit: [u.text for u in analysis_units(project.store, sid, unit=unit)]
            for unit in ("statement", "passage", "turn")
        }
    assert said and not _note_texts(said)
    assert report.statements == len(said)
    for texts in units.values():
        assert texts and not _note_texts(texts)


def test_every_selection_of_speech_but_everyone_leaves_notes_out(tmp_path: Path) -> None:
    with _study(tmp_path) as project:
        sid = project.study.id
        with project.store.connect() as connection:
            texts = {
                speakers: list(
                    connection.scalars(speech(sid, schema.passage.c.text, speakers=speakers))
                )
                for speakers in ("respondents", "not_interviewers", "attributed", "everyone")
            }
    for speakers in ("respondents", "not_interviewers", "attributed"):
        assert texts[speakers] and not _note_texts(texts[speakers]), speakers
    assert SUMMARY in texts["everyone"]


def test_coding_never_suggests_on_a_note(tmp_path: Path) -> None:
    with _study(tmp_path) as project:
        (tmp_path / "book.yaml").write_text(
            "codes:\n  - path: Education\n    keywords: [education, voted, module, gender]\n",
            encoding="utf-8",
        )
        project.import_codebook(tmp_path / "book.yaml")
        project.code(coders=["keyword"])
        texts = {p.id: p.text for p in project.passages()}
        coded = [texts[c.passage_id] for c in project.codings()]
    assert coded and not _note_texts(coded)


def test_the_document_view_still_shows_notes(tmp_path: Path) -> None:
    with _study(tmp_path) as project:
        doc = project.documents()[0]
        view = document_view(project.store, project.study, doc.id, only_coder=None, admin=True)
    shown = runner_show(tmp_path)
    assert [(t["role"], t["text"]) for t in shown[:2]] == [("note", HEADING), ("note", SUMMARY)]
    assert [t["role"] for t in view["turns"]][:2] == ["note", "note"]
    pieces = "".join(p["text"] for p in view["turns"][1]["pieces"])
    assert pieces == SUMMARY


def runner_show(tmp_path: Path) -> list[dict[str, object]]:
    """The turns `indsigt show --json` lists."""
    result = CliRunner().invoke(
        main, ["show", str(tmp_path / "g.db"), "TRANSCRIPT_XX1_XX1E_F.csv", "--json"]
    )
    assert result.exit_code == 0, result.output
    turns: list[dict[str, object]] = json.loads(result.output)["turns"]
    return turns
