"""A batch job stores what `indsigt import` + `indsigt anonymise` + `indsigt code --coder
keyword` store for the same sheet, and its segment tables are those of `indsigt compare`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import sqlalchemy as sa

import indsigt
from indsigt.analyse import segment_table
from indsigt.batch import InProcessEngine
from indsigt.ingest.base import ImportOptions
from indsigt.store import schema

from .helpers import QUESTIONS


def snapshot(project: indsigt.Project) -> dict[str, Any]:
    """Everything the stages store, keyed by document name instead of store ids."""
    s = schema
    with project.store.connect() as c:
        names = dict(c.execute(sa.select(s.document.c.id, s.document.c.name)).all())
        docs = {
            r.name: (r.text, r.language, r.format, r.unit, {**r.meta, "job": None}, r.anonymiser)
            for r in c.execute(sa.select(s.document))
        }
        originals = {names[r.document_id]: r.text for r in c.execute(sa.select(s.original_text))}
        respondents = {
            r.key: (r.pseudonym, r.attributes) for r in c.execute(sa.select(s.respondent))
        }
        speakers = sorted(
            (names[r.document_id], r.label, r.role) for r in c.execute(sa.select(s.speaker))
        )
        turns = sorted(
            (names[r.document_id], r.seq, r.start, r.end) for r in c.execute(sa.select(s.turn))
        )
        passages = sorted(
            (names[r.document_id], r.seq, r.start, r.end, r.text)
            for r in c.execute(sa.select(s.passage))
        )
        findings = sorted(
            (names[r.document_id], r.start, r.end, r.label, r.detector, r.score, r.status)
            for r in c.execute(sa.select(s.finding))
        )
        codings = sorted(
            (names[r.document_id], r.seq, r.path, r.coder, r.score, str(r.evidence), r.status)
            for r in c.execute(
                sa.select(s.passage.c.document_id, s.passage.c.seq, s.code.c.path, s.coding)
                .join(s.passage, s.coding.c.passage_id == s.passage.c.id)
                .join(s.code, s.coding.c.code_id == s.code.c.id)
            )
        )
        mapping = sorted(
            (
                "speaker:" + names[int(r.label.split(":")[1])] if ":" in r.label else r.label,
                r.original,
                r.pseudonym,
            )
            for r in c.execute(sa.select(s.pseudonym))
        )
    return {
        "documents": docs,
        "originals": originals,
        "respondents": respondents,
        "speakers": speakers,
        "turns": turns,
        "passages": passages,
        "findings": findings,
        "codings": codings,
        "mapping": mapping,
    }


def test_batch_stores_what_the_stages_store(sheet: Path, tmp_path: Path) -> None:
    with indsigt.init_study(tmp_path / "stages.db", name="h") as stages:
        stages.import_codebook(default=True)
        stages.import_files(
            [sheet], options=ImportOptions(text_columns=QUESTIONS, id_column="svar_id")
        )
        stages.anonymise()
        stages.code(coders=["keyword"])
        expected = snapshot(stages)
        table = segment_table(stages.store, stages.study.id, by="level")
    with indsigt.init_study(tmp_path / "batch.db", name="h") as batched:
        batched.import_codebook(default=True)
        report = batched.batch(
            sheet,
            text_columns=QUESTIONS,
            id_column="svar_id",
            engine=InProcessEngine(),
            partition_size=37,  # many partitions: pseudonyms are numbered across them
        )
        got = snapshot(batched)
        again = segment_table(batched.store, batched.study.id, by="level")
    assert report.status == "done" and report.partitions == 7
    assert report.passages == len(expected["passages"]) > 500
    assert any(p == "Person 3" for _, _, p in expected["mapping"])  # names were numbered
    for part in expected:
        assert got[part] == expected[part], part
    batch_table = report.tables["level"]["respondents"]
    assert batch_table["rows"] == [
        {**row, "test": {**row["test"]}} for row in _plain(again)["rows"]
    ]
    assert _plain(again)["rows"] == _plain(table)["rows"]
    assert batch_table["totals"] == _plain(table)["totals"]


def _plain(table: Any) -> dict[str, Any]:
    from dataclasses import asdict

    return asdict(table)
