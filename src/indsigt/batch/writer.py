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
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from indsigt.anonymise.pseudonyms import PERSON, letters
from indsigt.anonymise.study import VERSION as ANONYMISER_VERSION
from indsigt.batch.work import Finished, FinishedDocument
from indsigt.coding.storage import insert_ignore
from indsigt.store import Store, schema
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


def _in_chunks(connection: Connection, column: Any, where: Any, values: Sequence[str]) -> set[str]:
    found: set[str] = set()
    for start in range(0, len(values), CHUNK):
        found.update(
            connection.scalars(
                sa.select(column).where(where, column.in_(values[start : start + CHUNK]))
            )
        )
    return found


def _returning(connection: Connection, table: sa.Table, rows: list[dict[str, Any]]) -> list[int]:
    if not rows:
        return []
    return list(
        connection.scalars(table.insert().returning(table.c.id, sort_by_parameter_order=True), rows)
    )


def _unique_name(connection: Connection, study_id: int, name: str, taken: set[str]) -> str:
    """As ``indsigt import`` names a document whose name the study already has: "x (2)"."""
    number = 2
    while True:
        candidate = f"{name} ({number})"
        exists = connection.scalar(
            sa.select(schema.document.c.id).where(
                schema.document.c.study_id == study_id, schema.document.c.name == candidate
            )
        )
        if exists is None and candidate not in taken:
            taken.add(candidate)
            return candidate
        number += 1


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
    study_id = state.study_id
    d = schema.document
    began = time.perf_counter()
    # Respondent numbers and pseudonyms were read when the job started: refused (nothing
    # written) if another writer, e.g. `indsigt anonymise`, has changed the study since.
    with text_write(store, study_id, expected=state.generation, what="indsigt batch") as connection:
        stamp = now()
        shas = [doc.sha256 for doc in finished.documents]
        present = _in_chunks(connection, d.c.sha256, d.c.study_id == study_id, shas)
        documents = [doc for doc in finished.documents if doc.sha256 not in present]
        names = _in_chunks(
            connection, d.c.name, d.c.study_id == study_id, [doc.name for doc in documents]
        )
        taken: set[str] = set()
        doc_names = []
        for doc in documents:
            name = doc.name
            if name in names or name in taken:
                name = _unique_name(connection, study_id, name, taken)
            taken.add(name)
            doc_names.append(name)
        # Respondents: one per answer row, keyed (as `indsigt import` keys them) by the
        # document's name; an existing respondent with that key is reused.
        r = schema.respondent
        known: dict[str, int] = {}
        labels: dict[str, str] = {}
        for start in range(0, len(doc_names), CHUNK):
            for key, respondent_id, pseudonym in connection.execute(
                sa.select(r.c.key, r.c.id, r.c.pseudonym).where(
                    r.c.study_id == study_id, r.c.key.in_(doc_names[start : start + CHUNK])
                )
            ):
                known[key], labels[key] = respondent_id, pseudonym
        new_respondents: list[dict[str, Any]] = []
        for name, doc in zip(doc_names, documents, strict=True):
            if name in known:
                continue
            index = state.respondents + len(new_respondents)
            label = (
                f"{state.respondent_word} {letters(index)}"
                if state.anonymise
                else f"Respondent {index + 1}"
            )
            labels[name] = label
            new_respondents.append(
                {
                    "study_id": study_id,
                    "key": name,
                    "pseudonym": label,
                    "attributes": doc.attributes,
                }
            )
        for row, respondent_id in zip(
            new_respondents, _returning(connection, r, new_respondents), strict=True
        ):
            known[row["key"]] = respondent_id
        state_respondents = state.respondents + len(new_respondents)
        document_ids = _returning(
            connection,
            d,
            [
                {
                    "study_id": study_id,
                    "name": name,
                    "source_path": state.source,
                    "sha256": doc.sha256,
                    "format": state.format,
                    "language": doc.language,
                    "unit": state.unit,
                    "text": doc.text,
                    "meta": _meta(doc, state),
                    "imported_at": stamp,
                    "anonymised_at": stamp if state.anonymise else None,
                    "anonymiser": state.anonymiser if state.anonymise else None,
                }
                for name, doc in zip(doc_names, documents, strict=True)
            ],
        )
        if state.anonymise and documents:
            connection.execute(
                schema.original_text.insert(),
                [
                    {"document_id": doc_id, "text": doc.original}
                    for doc_id, doc in zip(document_ids, documents, strict=True)
                ],
            )
        speaker_rows = []
        for name, doc, doc_id in zip(doc_names, documents, document_ids, strict=True):
            label = labels.get(name) or doc.key
            speaker_rows.append(
                {
                    "document_id": doc_id,
                    "label": label if state.anonymise else doc.key,
                    "role": "respondent",
                    "respondent_id": known[name],
                }
            )
        speaker_ids = _returning(connection, schema.speaker, speaker_rows)
        turn_rows = [
            {
                "document_id": doc_id,
                "speaker_id": speaker_id,
                "seq": seq,
                "start": start,
                "end": end,
                "start_ms": None,
                "end_ms": None,
            }
            for doc, doc_id, speaker_id in zip(documents, document_ids, speaker_ids, strict=True)
            for seq, (start, end) in enumerate(doc.turns)
        ]
        turn_ids = _returning(connection, schema.turn, turn_rows)
        # Passages: the partition numbers them in document order; map those to new ids.
        passage_rows, kept_positions = _passages(finished, documents, document_ids, turn_ids)
        passage_ids = _returning(connection, schema.passage, passage_rows)
        new_id = dict(zip(kept_positions, passage_ids, strict=True))
        finding_rows = [
            {"document_id": doc_id, **finding}
            for doc, doc_id in zip(documents, document_ids, strict=True)
            for finding in doc.findings
        ]
        for start in range(0, len(finding_rows), CHUNK):
            connection.execute(schema.finding.insert(), finding_rows[start : start + CHUNK])
        # The mapping: new person names (whichever partition stores a name first stores it),
        # and each document's speaker label.
        mapping_rows = [
            {"study_id": study_id, "label": PERSON, "original": name[:500], "pseudonym": pseudo}
            for name, pseudo in zip(finished.names, pseudonyms, strict=True)
            if name not in state.stored_names
        ]
        if state.anonymise:
            mapping_rows += [
                {
                    "study_id": study_id,
                    "label": f"speaker:{doc_id}",
                    "original": doc.key[:500],
                    "pseudonym": labels[name],
                }
                for name, doc, doc_id in zip(doc_names, documents, document_ids, strict=True)
                if name in labels and labels[name] != doc.key
            ]
        if mapping_rows:
            connection.execute(insert_ignore(connection, schema.pseudonym), mapping_rows)
        coding_rows = [
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
        for start in range(0, len(coding_rows), CHUNK):
            connection.execute(schema.coding.insert(), coding_rows[start : start + CHUNK])
        codings: Counter[str] = Counter(str(row["coder"]) for row in coding_rows)
        store.log(
            connection,
            "batch.partition",
            entity="job",
            entity_id=state.job_id,
            actor=actor,
            payload={
                "partition": finished.number,
                "rows": [finished.first_row, finished.last_row],
                "documents": len(documents),
                "document_ids": [min(document_ids), max(document_ids)] if document_ids else [],
                "skipped": len(finished.documents) - len(documents),
                "passages": len(passage_rows),
                "codings": dict(codings),
            },
        )
        summary = {
            **summary,
            "codings": dict(codings),
            "skipped": len(finished.documents) - len(documents),
            "seconds": {**summary.get("seconds", {}), "write": time.perf_counter() - began},
        }
        connection.execute(
            schema.job_partition.insert().values(
                job_id=state.job_id,
                number=finished.number,
                first_row=finished.first_row,
                last_row=finished.last_row,
                documents=len(documents),
                passages=len(passage_rows),
                codings=len(coding_rows),
                summary=summary,
                finished_at=stamp,
            )
        )
        connection.execute(
            schema.job.update().where(schema.job.c.id == state.job_id).values(updated_at=stamp)
        )
    # Only after the commit: the driver's memory follows the store.
    state.generation += 1
    state.respondents = state_respondents
    state.stored_names.update(finished.names)
    return Written(
        len(documents), len(finished.documents) - len(documents), len(passage_rows), codings
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


def _passages(
    finished: Finished,
    documents: list[FinishedDocument],
    document_ids: list[int],
    turn_ids: list[int],
) -> tuple[list[dict[str, Any]], list[int]]:
    """Passage rows of the documents written, and their positions in the partition."""
    written = {
        id(doc): (doc_id, k)
        for k, (doc, doc_id) in enumerate(zip(documents, document_ids, strict=True))
    }
    first_turn = []
    cursor = 0
    for doc in documents:
        first_turn.append(cursor)
        cursor += len(doc.turns)
    rows: list[dict[str, Any]] = []
    positions: list[int] = []
    position = 0
    for doc in finished.documents:
        if id(doc) not in written:
            position += len(doc.passages)
            continue
        doc_id, k = written[id(doc)]
        for seq, (turn, start, end) in enumerate(doc.passages):
            rows.append(
                {
                    "document_id": doc_id,
                    "turn_id": turn_ids[first_turn[k] + turn],
                    "seq": seq,
                    "start": start,
                    "end": end,
                    "text": doc.text[start:end],
                }
            )
            positions.append(position)
            position += 1
    return rows, positions
