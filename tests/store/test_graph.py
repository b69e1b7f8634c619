"""The record graph's one writer (store/graph.py) and one reader of who said what
(store/speech.py)."""

from __future__ import annotations

import sqlalchemy as sa

import indsigt
from indsigt.records import ParsedTurn
from indsigt.store import graph, schema
from indsigt.store.search import search_passages
from indsigt.store.speech import Speakers, speech

TEXT = "Hvordan går det? Rekruttering er svært. Data er et problem."


def _interview(name: str, respondent_id: int | None) -> graph.NewDocument:
    return graph.NewDocument(
        name=name,
        text=TEXT,
        sha256=name * 4,
        format="txt",
        language="da",
        unit="sentence",
        source_path=f"{name}.txt",
        meta={"source": f"{name}.txt"},
        speakers=[
            graph.NewSpeaker("I", "interviewer"),
            graph.NewSpeaker("Mette", "respondent", respondent_id),
        ],
        turns=[ParsedTurn("I", 0, 16), ParsedTurn("Mette", 17, len(TEXT))],
        passages=[(0, 0, 16), (1, 17, 39), (1, 40, len(TEXT))],
    )


def test_documents_are_written_with_their_graph_in_order(study: indsigt.Project) -> None:
    study_id = study.study.id
    with study.store.begin() as connection:
        (respondent,) = graph.insert_respondents(
            connection, study_id, [graph.NewRespondent("r1", "Respondent 1", {"level": "stat"})]
        )
        written = graph.write_documents(
            connection, study_id, [_interview("a", respondent), _interview("b", None)]
        )
    assert written[1].id > written[0].id
    assert [len(w.speaker_ids) for w in written] == [2, 2]
    assert [len(w.passage_ids) for w in written] == [3, 3]
    with study.store.connect() as connection:
        p, t = schema.passage, schema.turn
        rows = connection.execute(
            sa.select(p.c.id, p.c.seq, p.c.text, p.c.start, p.c.end, t.c.speaker_id)
            .join(t, p.c.turn_id == t.c.id)
            .where(p.c.document_id == written[0].id)
            .order_by(p.c.seq)
        ).all()
        stored = connection.execute(
            sa.select(schema.respondent.c.attributes).where(schema.respondent.c.id == respondent)
        ).scalar_one()
    assert [row.id for row in rows] == written[0].passage_ids
    assert [row.seq for row in rows] == [0, 1, 2]
    assert all(row.text == TEXT[row.start : row.end] for row in rows)
    assert [row.speaker_id for row in rows] == [written[0].speaker_ids[0]] + [
        written[0].speaker_ids[1]
    ] * 2
    assert stored == {"level": "stat"}
    # The FTS triggers index what the writer stores.
    hits = search_passages(study.store, study_id, "rekruttering")
    assert set(hits.passage_ids) == {written[0].passage_ids[1], written[1].passage_ids[1]}


def test_names_already_taken_are_numbered(study: indsigt.Project) -> None:
    study_id = study.study.id
    with study.store.begin() as connection:
        graph.write_document(connection, study_id, _interview("a", None))
        names = graph.unique_names(connection, study_id, ["a", "a", "b", "b"])
        found = graph.existing(connection, schema.document.c.name, study_id, ["a", "c"])
    assert names == ["a (2)", "a (3)", "b", "b (2)"]
    assert found == {"a"}


def test_stored_respondents_by_key(study: indsigt.Project) -> None:
    study_id = study.study.id
    with study.store.begin() as connection:
        ids = graph.insert_respondents(
            connection,
            study_id,
            [graph.NewRespondent("x", "Respondent 1", {}), graph.NewRespondent("y", "R 2", {})],
        )
        graph.update_attributes(connection, ids[1], {"level": "region"})
        everyone = graph.stored_respondents(connection, study_id)
        some = graph.stored_respondents(connection, study_id, ["y", "z"])
    assert list(everyone) == ["x", "y"]
    assert some == {"y": graph.StoredRespondent(ids[1], "R 2", {"level": "region"})}


def test_speech_reads_the_speakers_asked_for(study: indsigt.Project) -> None:
    """``respondents``: role respondent; ``attributed``: linked to a respondent (even when
    the role is unknown); ``not_interviewers``: every role but interviewer; ``interviewers``:
    the rest; ``everyone``: all, with no respondent where there is none."""
    study_id = study.study.id
    with study.store.begin() as connection:
        (respondent,) = graph.insert_respondents(
            connection, study_id, [graph.NewRespondent("r", "Respondent 1", {"level": "stat"})]
        )
        document = graph.NewDocument(
            name="group",
            text="Et. To. Tre. Fire.",
            sha256="g" * 64,
            format="txt",
            language="da",
            unit="sentence",
            source_path="group.txt",
            meta={},
            speakers=[
                graph.NewSpeaker("I", "interviewer"),
                graph.NewSpeaker("A", "respondent", respondent),
                graph.NewSpeaker("B", "respondent"),
                graph.NewSpeaker("C", "unknown", respondent),
            ],
            turns=[ParsedTurn(label, 4 * n, 4 * n + 3) for n, label in enumerate("IABC")],
            passages=[(n, 4 * n, 4 * n + 3) for n in range(4)],
        )
        ids = graph.write_document(connection, study_id, document).passage_ids
    p, r = schema.passage, schema.respondent

    def read(speakers: Speakers) -> list[tuple[int, object]]:
        query = speech(study_id, p.c.id, r.c.pseudonym, speakers=speakers).order_by(p.c.id)
        with study.store.connect() as connection:
            return [tuple(row) for row in connection.execute(query)]

    _interviewer, linked, unlinked, unknown = ids
    assert read("respondents") == [(linked, "Respondent 1"), (unlinked, None)]
    assert read("attributed") == [(linked, "Respondent 1"), (unknown, "Respondent 1")]
    assert [pid for pid, _ in read("everyone")] == ids
    # ``not_interviewers``: unknown speakers included (the units stage, the suggestion queue).
    assert [pid for pid, _ in read("not_interviewers")] == [linked, unlinked, unknown]
    assert read("interviewers") == [(_interviewer, None)]
    with study.store.connect() as connection:
        # Another study's passages are never read.
        assert connection.execute(speech(study_id + 1, p.c.id)).all() == []
