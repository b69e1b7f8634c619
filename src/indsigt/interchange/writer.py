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
from indsigt.store import Store, schema
from indsigt.store.store import insert_returning_id, now


def write_plan(store: Store, plan: ImportPlan, *, anonymisation_required: bool, source: str) -> int:
    """Create the study and everything in it; returns the study id."""
    with store.begin() as connection:
        study_id = insert_returning_id(
            connection,
            schema.study.insert().values(
                name=plan.name,
                language=plan.language,
                description=plan.description,
                segment_attributes=["level"],
                anonymisation_required=anonymisation_required,
                created_at=now(),
            ),
        )
        store.log(
            connection,
            "study.created",
            entity="study",
            entity_id=study_id,
            payload={"name": plan.name, "language": plan.language, "from": source},
        )
        respondents: dict[str, tuple[int, str]] = {}  # GUID → (id, pseudonym)
        for respondent in plan.respondents:
            respondent_id = insert_returning_id(
                connection,
                schema.respondent.insert().values(
                    study_id=study_id,
                    key=respondent.key[:200],
                    pseudonym=respondent.pseudonym,
                    attributes=respondent.attributes,
                ),
            )
            respondents[respondent.guid] = (respondent_id, respondent.pseudonym)
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
        documents: dict[str, int] = {}
        passages: dict[str, list[int]] = {}
        for doc in plan.documents:
            documents[doc.guid], passages[doc.guid] = _document(
                connection, store, study_id, doc, respondents, codes, source
            )
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
    document_id = insert_returning_id(
        connection,
        schema.document.insert().values(
            study_id=study_id,
            name=doc.name[:500],
            source_path=str(doc.metadata.get("source", source)),
            sha256=doc.sha256,
            format="qdpx",
            language=doc.language,
            unit="sentence",
            text=doc.text,
            meta=doc.metadata,
            imported_at=now(),
        ),
    )
    speakers = list(dict.fromkeys(doc.respondents))
    turn_speaker = insert_returning_id(
        connection,
        schema.speaker.insert().values(
            document_id=document_id,
            label="",
            role="respondent",
            respondent_id=respondents[speakers[0]][0] if len(speakers) == 1 else None,
        ),
    )
    if len(speakers) > 1:
        connection.execute(
            schema.speaker.insert(),
            [
                {
                    "document_id": document_id,
                    "label": respondents[guid][1],
                    "role": "respondent",
                    "respondent_id": respondents[guid][0],
                }
                for guid in speakers
            ],
        )
    passage_ids: list[int] = []
    if doc.text:
        turn_id = insert_returning_id(
            connection,
            schema.turn.insert().values(
                document_id=document_id,
                speaker_id=turn_speaker,
                seq=0,
                start=0,
                end=len(doc.text),
            ),
        )
        if doc.passages:
            passage_ids = list(
                connection.scalars(
                    schema.passage.insert().returning(
                        schema.passage.c.id, sort_by_parameter_order=True
                    ),
                    [
                        {
                            "document_id": document_id,
                            "turn_id": turn_id,
                            "seq": seq,
                            "start": s,
                            "end": e,
                            "text": doc.text[s:e],
                        }
                        for seq, (s, e) in enumerate(doc.passages)
                    ],
                )
            )
    if doc.codings:
        connection.execute(
            schema.coding.insert(),
            [
                {
                    "passage_id": passage_ids[coding.passage],
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
    store.log(
        connection,
        "document.imported",
        entity="document",
        entity_id=document_id,
        payload={
            "name": doc.name,
            "format": "qdpx",
            "sha256": doc.sha256,
            "turns": 1 if doc.text else 0,
            "passages": len(doc.passages),
            "codings": len(doc.codings),
        },
    )
    return document_id, passage_ids
