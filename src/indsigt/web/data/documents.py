"""Documents with their respondents (for the list and its filters) and one document laid out
turn by turn, passage by passage, with the codings the user may see."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import sqlalchemy as sa

from indsigt import queries
from indsigt.errors import IndsigtError
from indsigt.guide.study import turn_questions
from indsigt.records import Code, Document, Study
from indsigt.store import Store, schema
from indsigt.store.speech import speech, study_codings
from indsigt.web.data.coders import readable_coder
from indsigt.web.data.codes import color_of, label_of, list_codes
from indsigt.web.data.codings import document_codings
from indsigt.web.data.colors import ink_on
from indsigt.web.data.highlights import lay_out
from indsigt.web.data.studies import is_anonymised, text_withheld
from indsigt.web.i18n import N_
from indsigt.web.problems import NotFound


def _respondents_by_document(store: Store, study_id: int) -> dict[int, list[dict[str, Any]]]:
    """Each document's respondents (whoever speaks as one, by :func:`indsigt.store.speech`)."""
    p, r = schema.passage, schema.respondent
    people = {person.id: person for person in queries.respondents(store, study_id)}
    query = (
        speech(study_id, p.c.document_id, r.c.id, speakers="attributed")
        .distinct()
        .order_by(p.c.document_id, r.c.id)
    )
    with store.connect() as connection:
        rows = connection.execute(query).all()
    found: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for document_id, respondent_id in rows:
        person = people[respondent_id]
        found[document_id].append(
            {"id": person.id, "pseudonym": person.pseudonym, "attributes": dict(person.attributes)}
        )
    return found


def documents_overview(
    store: Store, study_id: int, filters: dict[str, str], *, only_coder: str | None
) -> dict[str, Any]:
    """Documents (optionally only those with a respondent matching every filter) and the
    attribute values there are to filter by."""
    d, p, c = schema.document, schema.passage, schema.coding
    respondents = _respondents_by_document(store, study_id)
    coded = study_codings(study_id, p.c.document_id, sa.func.count())
    coded = coded.where(c.c.status != "rejected")
    if only_coder is not None:
        coded = coded.where(c.c.coder == only_coder)
    with store.connect() as connection:
        rows = connection.execute(
            sa.select(
                d.c.id, d.c.name, d.c.format, d.c.language, d.c.imported_at, d.c.anonymised_at
            )
            .where(d.c.study_id == study_id)
            .order_by(d.c.id)
        ).all()
        passages: dict[int, int] = dict(
            connection.execute(
                sa.select(p.c.document_id, sa.func.count())
                .join(d, p.c.document_id == d.c.id)
                .where(d.c.study_id == study_id)
                .group_by(p.c.document_id)
            ).all()
        )
        codings: dict[int, int] = dict(connection.execute(coded.group_by(p.c.document_id)).all())
    values: dict[str, set[str]] = defaultdict(set)
    for people in respondents.values():
        for person in people:
            for key, value in person["attributes"].items():
                values[key].add(str(value))
    active = {key: value for key, value in filters.items() if key in values and value}
    documents = []
    for row in rows:
        people = respondents.get(row.id, [])
        if active and not any(
            all(str(person["attributes"].get(k)) == v for k, v in active.items())
            for person in people
        ):
            continue
        documents.append(
            {
                "id": row.id,
                "name": row.name,
                "format": row.format,
                "language": row.language,
                "imported_at": row.imported_at,
                "anonymised": row.anonymised_at is not None,
                "respondents": people,
                "passages": passages.get(row.id, 0),
                "codings": codings.get(row.id, 0),
            }
        )
    return {
        "filters": active,
        "attributes": {key: sorted(found) for key, found in sorted(values.items())},
        "documents": documents,
        "total": len(rows),
    }


def find_document(store: Store, study_id: int, document_id: int) -> Document:
    try:
        return queries.document(store, study_id, document_id)
    except IndsigtError:
        raise NotFound(
            N_("no document %(document_id)s in this study"), document_id=document_id
        ) from None


def code_summary(code: Code, language: str) -> dict[str, Any]:
    color = color_of(code)
    return {
        "id": code.id,
        "path": code.path,
        "label": label_of(code, language),
        "labels": dict(code.labels),
        "color": color,
        "ink": ink_on(color),
        "definition": code.definition,
        "depth": code.path.count("/"),
    }


def _gap(text: str, start: int, end: int) -> dict[str, Any]:
    """Text of a turn outside its passages (white space, mostly)."""
    return {"passage": None, "start": start, "end": end, "text": text[start:end], "codings": []}


def document_view(
    store: Store, study: Study, document_id: int, *, only_coder: str | None, admin: bool
) -> dict[str, Any]:
    """The document's turns; each turn's text as pieces: a passage (with its codings) or the
    text between passages (``passage: null``). Un-anonymised text goes to admins only: for
    anyone else such a document has no turns and ``text_withheld`` says why."""
    doc = find_document(store, study.id, document_id)
    codes = {code.id: code_summary(code, study.language) for code in list_codes(store, study.id)}
    with store.connect() as connection:
        withheld = text_withheld(study, is_anonymised(connection, doc.id), admin=admin)
    header = {
        "document": {
            "id": doc.id,
            "name": doc.name,
            "format": doc.format,
            "language": doc.language,
            "unit": doc.unit,
        },
        "text_withheld": withheld,
    }
    if withheld is not None:
        return {**header, "turns": [], "codes": list(codes.values()), "codes_used": []}
    passages = queries.passages(store, study.id, doc.id)
    by_passage, codings = _shown_codings(store, doc.id, passages, codes, only_coder=only_coder)
    turns, pieces_in_order = _turns(store, study, doc, passages, by_passage)
    lay_out(doc.text, pieces_in_order, codings)
    used = {coding["code_id"] for coding in codings}
    return {
        **header,
        "turns": turns,
        "codes": list(codes.values()),
        "codes_used": [codes[code_id] for code_id in sorted(used, key=lambda i: codes[i]["path"])],
    }


def _shown_codings(
    store: Store,
    document_id: int,
    passages: list[Any],
    codes: dict[int, dict[str, Any]],
    *,
    only_coder: str | None,
) -> tuple[dict[int, list[dict[str, Any]]], list[dict[str, Any]]]:
    """The document's codings as the page shows them (code, colour, coder, span), by passage
    and in order."""
    bounds = {passage.id: (passage.start, passage.end) for passage in passages}
    by_passage: dict[int, list[dict[str, Any]]] = defaultdict(list)
    codings: list[dict[str, Any]] = []
    for coding in document_codings(store, document_id, only_coder=only_coder):
        code = codes.get(coding["code_id"])
        if code is None:
            continue
        own = coding["start"] is not None and coding["end"] is not None
        shown = {
            **coding,
            "code": code["label"],
            "path": code["path"],
            "color": code["color"],
            "ink": code["ink"],
            "coder_label": readable_coder(coding["coder"]),
            "span": (coding["start"], coding["end"]) if own else bounds[coding["passage_id"]],
            "whole": not own,
        }
        by_passage[coding["passage_id"]].append(shown)
        codings.append(shown)
    return by_passage, codings


def _turns(
    store: Store,
    study: Study,
    doc: Any,
    passages: list[Any],
    by_passage: dict[int, list[dict[str, Any]]],
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Each turn with its pieces (a passage with its codings, or the text between passages),
    and every piece in document order."""
    speakers = {s.id: s for s in queries.speakers(store, doc.id)}
    pseudonyms = {r.id: r.pseudonym for r in queries.respondents(store, study.id)}
    passages_by_turn = defaultdict(list)
    for passage in passages:
        passages_by_turn[passage.turn_id].append(passage)
    turns = []
    pieces_in_order: list[dict[str, Any]] = []
    asked = turn_questions(doc.metadata)
    for turn in queries.turns(store, doc.id):
        speaker = speakers[turn.speaker_id]
        pieces: list[dict[str, Any]] = []
        position = turn.start
        for passage in passages_by_turn.get(turn.id, []):
            if passage.start > position:
                pieces.append(_gap(doc.text, position, passage.start))
            pieces.append(
                {
                    "passage": passage.id,
                    "start": passage.start,
                    "end": passage.end,
                    "text": passage.text,
                    "codings": by_passage.get(passage.id, []),
                }
            )
            position = max(position, passage.end)
        if position < turn.end:
            pieces.append(_gap(doc.text, position, turn.end))
        pieces_in_order.extend(pieces)
        turns.append(
            {
                "id": turn.id,
                "seq": turn.seq,
                "speaker": pseudonyms.get(speaker.respondent_id or -1, speaker.label),
                "role": speaker.role,
                "start_ms": turn.start_ms,
                "guide_question": asked.get(turn.id),
                "pieces": pieces,
            }
        )
    return turns, pieces_in_order
