"""Writing an :class:`ImportPlan` into a new study, in one transaction, with the same records
the ingest pipeline writes (document, speaker, turn, passage) plus respondents, codes, codings
and notes, and one audit event per document.

Each source becomes one document with one turn over its whole text. The turn's speaker (label
"", role respondent) is the respondent of the one case that references the source; when several
cases reference it (a group interview) the turn's speaker is left without a respondent and each
case's respondent gets a speaker of its own (labelled with the pseudonym) in that document.
"""

from __future__ import annotations

from sqlalchemy.engine import Connection

from indsigt.interchange.plan import ImportPlan, PlannedDocument
from indsigt.records import ParsedTurn
from indsigt.store import Store, graph, schema
from indsigt.store.store import insert_returning_id, now


def write_plan(store: Store, plan: ImportPlan, *, anonymisation_required: bool, source: str) -> int:
    """Create the study and everything in it; returns the study id."""
    with store.begin() as connection:
        study_id = graph.create_study(
            connection,
            store,
            name=plan.name,
            language=plan.language,
            description=plan.description,
            anonymisation_required=anonymisation_required,
            source=source,
        )
        ids = graph.insert_respondents(
            connection,
            study_id,
            [graph.NewRespondent(r.key[:200], r.pseudonym, r.attributes) for r in plan.respondents],
        )
        respondents = {  # GUID → (id, pseudonym)
            r.guid: (respondent_id, r.pseudonym)
            for r, respondent_id in zip(plan.respondents, ids, strict=True)
        }
        codes = _codes(connection, study_id, plan)
        documents: dict[str, int] = {}
        passages: dict[str, list[int]] = {}
        for doc in plan.documents:
            documents[doc.guid], passages[doc.guid] = _document(
                connection, store, study_id, doc, respondents, codes, source
            )
        _notes(connection, study_id, plan, documents, codes, passages)
        store.log(
            connection,
            "qdpx.imported",
            entity="study",
            entity_id=study_id,
            payload={
                "file": source,
                "documents": len(plan.documents),
                "codes": len(plan.codes),
                "codings": sum(len(d.codings) for d in plan.documents),
                "respondents": len(plan.respondents),
                "notes": len(plan.notes),
            },
        )
    return study_id


def _codes(connection: Connection, study_id: int, plan: ImportPlan) -> dict[str, int]:
    """The plan's codes (parents first); returns GUID → id."""
    codes: dict[str, int] = {}
    for code in plan.codes:
        codes[code.guid] = insert_returning_id(
            connection,
            schema.code.insert().values(
                study_id=study_id,
                parent_id=codes[code.parent] if code.parent else None,
                path=code.path[:500],
                labels={},
                definition=code.description,
                include_rule="",
                exclude_rule="",
                keywords=[],
                examples=[],
                color=code.color,
            ),
        )
    return codes


def _notes(
    connection: Connection,
    study_id: int,
    plan: ImportPlan,
    documents: dict[str, int],
    codes: dict[str, int],
    passages: dict[str, list[int]],
) -> None:
    for note in plan.notes:
        connection.execute(
            schema.note.insert().values(
                study_id=study_id,
                document_id=documents[note.document] if note.document else None,
                code_id=codes[note.code] if note.code else None,
                passage_id=passages[note.document][note.passage]
                if note.document and note.passage is not None
                else None,
                author=note.author[:200],
                title=note.title[:500],
                text=note.text,
                created_at=note.created_at or now(),
            )
        )


def _document(
    connection: Connection,
    store: Store,
    study_id: int,
    doc: PlannedDocument,
    respondents: dict[str, tuple[int, str]],
    codes: dict[str, int],
    source: str,
) -> tuple[int, list[int]]:
    """Write one document; returns its id and its passages' ids (in order)."""
    new = _graph_document(doc, respondents, source)
    written = graph.write_document(connection, study_id, new)
    if doc.codings:
        connection.execute(
            schema.coding.insert(),
            [
                {
                    "passage_id": written.passage_ids[coding.passage],
                    "code_id": codes[coding.code],
                    "coder": coding.coder[:200],
                    "score": coding.score,
                    "status": coding.status,
                    "evidence": {"qdpx_selection": coding.selection},
                    "created_at": coding.created_at or now(),
                }
                for coding in doc.codings
            ],
        )
    graph.log_imported(connection, store, written.id, new, name=doc.name, codings=len(doc.codings))
    return written.id, written.passage_ids


def _graph_document(
    doc: PlannedDocument, respondents: dict[str, tuple[int, str]], source: str
) -> graph.NewDocument:
    """One turn over the whole text; its speaker is the one case's respondent, or nobody
    (with a speaker per respondent beside it) when several cases reference the source."""
    cases = list(dict.fromkeys(doc.respondents))
    speakers = [
        graph.NewSpeaker("", "respondent", respondents[cases[0]][0] if len(cases) == 1 else None)
    ]
    if len(cases) > 1:
        speakers += [
            graph.NewSpeaker(respondents[guid][1], "respondent", respondents[guid][0])
            for guid in cases
        ]
    return graph.NewDocument(
        name=doc.name[:500],
        text=doc.text,
        sha256=doc.sha256,
        format="qdpx",
        language=doc.language,
        unit="sentence",
        source_path=str(doc.metadata.get("source", source)),
        meta=doc.metadata,
        speakers=speakers,
        turns=[ParsedTurn(speakers[0].label, 0, len(doc.text))] if doc.text else [],
        passages=[(0, s, e) for s, e in doc.passages] if doc.text else [],
    )
