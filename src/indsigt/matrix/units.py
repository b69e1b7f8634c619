"""The units a matrix cell draws from: respondent speech, anonymised.

``passage`` (sentence passages) and ``turn`` (a respondent's whole turn) are built here.
Conversational talk ("Ja.", "Okay, ja.", "Selv tak.") is left out by the units stage's rule:
its stored marks, or for documents whose units are not built yet the rule detector's marks
(:func:`indsigt.units.read.conversational_ids`); a turn is kept when one of its passages is
not conversational, as in :func:`indsigt.units.read.analysis_units`.

Documents are known by their neutral names ("Interview 2", :func:`indsigt.sealed.neutral_names`),
never their file names: a matrix is an export, in a file or from the web app."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from indsigt.errors import IndsigtError
from indsigt.matrix.model import MatrixUnit, UnitName
from indsigt.sealed import neutral_names
from indsigt.store import Store, schema
from indsigt.store.speech import speech
from indsigt.units.read import conversational_ids


def respondent_units(
    store: Store, study_id: int, *, unit: UnitName = "passage"
) -> list[MatrixUnit]:
    """Respondent passages (or turns) of the study, in document and passage order."""
    if unit not in ("passage", "turn"):
        raise IndsigtError(f"unknown unit {unit!r}; use passage or turn")
    p, s, d, r = schema.passage, schema.speaker, schema.document, schema.respondent
    query = speech(
        study_id,
        p.c.id,
        p.c.seq,
        p.c.text,
        p.c.turn_id,
        d.c.id.label("document_id"),
        s.c.label.label("speaker"),
        r.c.pseudonym,
    ).order_by(d.c.id, p.c.seq)
    with store.connect() as connection:
        rows = connection.execute(query).all()
        names = neutral_names(connection, study_id)
    conversational = conversational_ids(store, study_id)
    if unit == "passage":
        return [
            MatrixUnit(
                passage_ids=(row.id,),
                document_id=row.document_id,
                document=names[row.document_id],
                turn_id=row.turn_id,
                respondent=row.pseudonym or row.speaker,
                text=row.text,
                ref=f"{names[row.document_id]} ¶{row.seq}",
            )
            for row in rows
            if row.id not in conversational
        ]
    by_turn: dict[int, list[Any]] = defaultdict(list)
    for row in rows:
        by_turn[row.turn_id].append(row)
    units = []
    for turn_rows in by_turn.values():
        if all(row.id in conversational for row in turn_rows):
            continue
        text = " ".join(row.text for row in turn_rows)
        first, last = turn_rows[0], turn_rows[-1]
        span = f"¶{first.seq}" if first is last else f"¶{first.seq}–{last.seq}"
        units.append(
            MatrixUnit(
                passage_ids=tuple(row.id for row in turn_rows),
                document_id=first.document_id,
                document=names[first.document_id],
                turn_id=first.turn_id,
                respondent=first.pseudonym or first.speaker,
                text=text,
                ref=f"{names[first.document_id]} {span}",
            )
        )
    return units
