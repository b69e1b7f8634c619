"""The driver writes each finished partition in ONE transaction: its respondents,
documents, sealed original texts, speakers, turns, passages, findings, new pseudonyms,
codings, one audit event, and the partition's "done" row in ``job_partition``. Either all
of it is stored or none of it, so a resumed job skips exactly the stored partitions and
nothing is written twice (the "done" row's primary key refuses a second copy).

Documents already in the study (same SHA-256, e.g. from an earlier job on the same sheet)
are skipped, as ``indsigt import`` skips them.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy.engine import Connection

from indsigt.anonymise.pseudonyms import PERSON, letters
from indsigt.anonymise.study import VERSION as ANONYMISER_VERSION
from indsigt.batch.work import Finished, FinishedDocument
from indsigt.coding.storage import insert_ignore
from indsigt.records import ParsedTurn
from indsigt.store import Store, graph, schema
from indsigt.store.store import now
from indsigt.store.textlock import text_write

CHUNK = 5000


@dataclass
class WriterState:
    """What the driver remembers between partitions."""

    study_id: int
    job_id: int
    anonymise: bool
    anonymiser: str
    respondent_word: str
    source: str  # the sheet's file name
    format: str  # csv, tsv, xlsx
    unit: str  # the passage unit
    respondents: int  # respondents in the study: the next one's index
    stored_names: set[str] = field(default_factory=set)  # PER names with a stored pseudonym
    generation: int = 0  # the study's text generation this driver's state is based on


@dataclass(frozen=True)
class Written:
    documents: int
    skipped: int
    passages: int
    codings: Counter[str]


def write_partition(
    store: Store,
    state: WriterState,
    finished: Finished,
    pseudonyms: Sequence[str],
    *,
    summary: dict[str, Any],
    actor: str = "cli",
) -> Written:
    """Write one partition and its "done" row in one transaction (see the module)."""
    began = time.perf_counter()
    # Respondent numbers and pseudonyms were read when the job started: refused (nothing
    # written) if another writer, e.g. `indsigt anonymise`, has changed the study since.
    with text_write(
        store, state.study_id, expected=state.generation, what="indsigt batch"
    ) as connection:
        stamp = now()
        documents, names = _new_documents(connection, state, finished)
        speakers, labels, created = _respondents(connection, state, documents, names)
        written = graph.write_documents(
            connection,
            state.study_id,
            [
                _graph_document(doc, name, speaker, state, stamp)
                for doc, name, speaker in zip(documents, names, speakers, strict=True)
            ],
        )
        document_ids = [w.id for w in written]
        if state.anonymise and documents:
            connection.execute(
                schema.original_text.insert(),
                [
                    {"document_id": doc_id, "text": doc.original}
                    for doc_id, doc in zip(document_ids, documents, strict=True)
                ],
            )
        _findings(connection, documents, document_ids)
        _mapping(connection, state, finished, pseudonyms, documents, names, labels, document_ids)
        coding_rows = _coding_rows(finished, documents, written, stamp)
        for start in range(0, len(coding_rows), CHUNK):
            connection.execute(schema.coding.insert(), coding_rows[start : start + CHUNK])
        codings: Counter[str] = Counter(str(row["coder"]) for row in coding_rows)
        result = Written(
            len(documents),
            len(finished.documents) - len(documents),
            sum(len(w.passage_ids) for w in written),
            codings,
        )
        summary = {
            **summary,
            "codings": dict(codings),
            "skipped": result.skipped,
            "seconds": {**summary.get("seconds", {}), "write": time.perf_counter() - began},
        }
        _done(connection, store, state, finished, result, document_ids, summary, actor, stamp)
    # Only after the commit: the driver's memory follows the store.
    state.generation += 1
    state.respondents += created
    state.stored_names.update(finished.names)
    return result


def _new_documents(
    connection: Connection, state: WriterState, finished: Finished
) -> tuple[list[FinishedDocument], list[str]]:
    """The partition's documents the study does not hold yet (by SHA-256), and the names
    they get ("x (2)" where the study has an "x", as ``indsigt import`` names them)."""
    d = schema.document
    shas = [doc.sha256 for doc in finished.documents]
    present = graph.existing(connection, d.c.sha256, state.study_id, shas)
    documents = [doc for doc in finished.documents if doc.sha256 not in present]
    names = graph.unique_names(connection, state.study_id, [doc.name for doc in documents])
    return documents, names


def _respondents(
    connection: Connection,
    state: WriterState,
    documents: list[FinishedDocument],
    names: list[str],
) -> tuple[list[graph.NewSpeaker], dict[str, str], int]:
    """One respondent per answer row, keyed (as `indsigt import` keys them) by the
    document's name; an existing respondent with that key is reused. Returns each
    document's speaker, the respondents' labels by key and how many were created."""
    known = {
        key: (stored.id, stored.pseudonym)
        for key, stored in graph.stored_respondents(connection, state.study_id, names).items()
    }
    new: list[graph.NewRespondent] = []
    for name, doc in zip(names, documents, strict=True):
        if name in known:
            continue
        index = state.respondents + len(new)
        label = (
            f"{state.respondent_word} {letters(index)}"
            if state.anonymise
            else f"Respondent {index + 1}"
        )
        known[name] = (-1, label)
        new.append(graph.NewRespondent(name, label, doc.attributes))
    for row, respondent_id in zip(
        new, graph.insert_respondents(connection, state.study_id, new), strict=True
    ):
        known[row.key] = (respondent_id, row.pseudonym)
    speakers = [
        graph.NewSpeaker(
            known[name][1] if state.anonymise else doc.key, "respondent", known[name][0]
        )
        for name, doc in zip(names, documents, strict=True)
    ]
    return speakers, {key: label for key, (_, label) in known.items()}, len(new)


def _graph_document(
    doc: FinishedDocument,
    name: str,
    speaker: graph.NewSpeaker,
    state: WriterState,
    stamp: datetime,
) -> graph.NewDocument:
    return graph.NewDocument(
        name=name,
        text=doc.text,
        sha256=doc.sha256,
        format=state.format,
        language=doc.language,
        unit=state.unit,
        source_path=state.source,
        meta=_meta(doc, state),
        speakers=(speaker,),
        turns=[ParsedTurn(speaker.label, start, end) for start, end in doc.turns],
        passages=doc.passages,
        imported_at=stamp,
        anonymised_at=stamp if state.anonymise else None,
        anonymiser=state.anonymiser if state.anonymise else None,
    )


def _findings(
    connection: Connection, documents: list[FinishedDocument], document_ids: list[int]
) -> None:
    rows = [
        {"document_id": doc_id, **finding}
        for doc, doc_id in zip(documents, document_ids, strict=True)
        for finding in doc.findings
    ]
    for start in range(0, len(rows), CHUNK):
        connection.execute(schema.finding.insert(), rows[start : start + CHUNK])


def _mapping(
    connection: Connection,
    state: WriterState,
    finished: Finished,
    pseudonyms: Sequence[str],
    documents: list[FinishedDocument],
    names: list[str],
    labels: dict[str, str],
    document_ids: list[int],
) -> None:
    """The mapping: new person names (whichever partition stores a name first stores it),
    and each document's speaker label."""
    rows = [
        {"study_id": state.study_id, "label": PERSON, "original": name[:500], "pseudonym": pseudo}
        for name, pseudo in zip(finished.names, pseudonyms, strict=True)
        if name not in state.stored_names
    ]
    if state.anonymise:
        rows += [
            {
                "study_id": state.study_id,
                "label": f"speaker:{doc_id}",
                "original": doc.key[:500],
                "pseudonym": labels[name],
            }
            for name, doc, doc_id in zip(names, documents, document_ids, strict=True)
            if name in labels and labels[name] != doc.key
        ]
    if rows:
        connection.execute(insert_ignore(connection, schema.pseudonym), rows)


def _coding_rows(
    finished: Finished,
    documents: list[FinishedDocument],
    written: list[graph.WrittenDocument],
    stamp: datetime,
) -> list[dict[str, Any]]:
    """The partition's codings (by passage position: its passages numbered in document
    order) on the passages written."""
    ids = {id(doc): w.passage_ids for doc, w in zip(documents, written, strict=True)}
    new_id: dict[int, int] = {}
    position = 0
    for doc in finished.documents:
        if id(doc) in ids:
            new_id.update(
                zip(range(position, position + len(doc.passages)), ids[id(doc)], strict=True)
            )
        position += len(doc.passages)
    return [
        {
            "passage_id": new_id[position],
            "code_id": code_id,
            "coder": coder,
            "score": score,
            "status": "suggested",
            "evidence": evidence,
            "created_at": stamp,
        }
        for position, code_id, coder, score, evidence in finished.codings
        if position in new_id
    ]


def _done(
    connection: Connection,
    store: Store,
    state: WriterState,
    finished: Finished,
    result: Written,
    document_ids: list[int],
    summary: dict[str, Any],
    actor: str,
    stamp: datetime,
) -> None:
    """The partition's event, its "done" row and the job's time."""
    store.log(
        connection,
        "batch.partition",
        entity="job",
        entity_id=state.job_id,
        actor=actor,
        payload={
            "partition": finished.number,
            "rows": [finished.first_row, finished.last_row],
            "documents": result.documents,
            "document_ids": [min(document_ids), max(document_ids)] if document_ids else [],
            "skipped": result.skipped,
            "passages": result.passages,
            "codings": dict(result.codings),
        },
    )
    connection.execute(
        schema.job_partition.insert().values(
            job_id=state.job_id,
            number=finished.number,
            first_row=finished.first_row,
            last_row=finished.last_row,
            documents=result.documents,
            passages=result.passages,
            codings=result.codings.total(),
            summary=summary,
            finished_at=stamp,
        )
    )
    connection.execute(
        schema.job.update().where(schema.job.c.id == state.job_id).values(updated_at=stamp)
    )


def _meta(doc: FinishedDocument, state: WriterState) -> dict[str, Any]:
    """As ``indsigt import`` and ``indsigt anonymise`` leave it, and the job."""
    meta: dict[str, Any] = {"row": doc.row, "source": state.source, "job": state.job_id}
    if state.anonymise:
        meta["anonymisation"] = {
            "version": ANONYMISER_VERSION,
            "edits": [list(change) for change in doc.changes],
        }
    return meta
