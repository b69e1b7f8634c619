"""The units a matrix cell draws from: respondent speech, anonymised.

``passage`` (sentence passages) and ``turn`` (a respondent's whole turn) are built here.
TEMPORARY: obvious backchannels and fragments ("Ja.", "Okay, ja.", "Mm.") are skipped by a
tiny local rule (fewer than two content words) until the units stage (conversational
marks and statements, issue 16 item 1) gives substantive statements; a ``statement`` unit
plugs in beside the two here, as one more function of the same shape."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import sqlalchemy as sa

from indsigt.coding.text import stopwords, tokens
from indsigt.errors import IndsigtError
from indsigt.matrix.model import MatrixUnit, UnitName
from indsigt.store import Store, schema

MIN_CONTENT_WORDS = 2


def is_backchannel(text: str, *, stop: frozenset[str]) -> bool:
    """TEMPORARY (replaced by the units stage): fewer than two content words."""
    content = [w for w, _, _ in tokens(text) if len(w) > 2 and w not in stop and not w.isdigit()]
    return len(content) < MIN_CONTENT_WORDS


def respondent_units(
    store: Store, study_id: int, *, unit: UnitName = "passage", language: str = "da"
) -> list[MatrixUnit]:
    """Respondent passages (or turns) of the study, in document and passage order."""
    if unit not in ("passage", "turn"):
        raise IndsigtError(f"unknown unit {unit!r}; use passage or turn")
    p, t, s, d, r = schema.passage, schema.turn, schema.speaker, schema.document, schema.respondent
    query = (
        sa.select(
            p.c.id,
            p.c.seq,
            p.c.text,
            p.c.turn_id,
            d.c.id.label("document_id"),
            d.c.name.label("document"),
            s.c.label.label("speaker"),
            r.c.pseudonym,
        )
        .join(t, p.c.turn_id == t.c.id)
        .join(s, t.c.speaker_id == s.c.id)
        .join(d, p.c.document_id == d.c.id)
        .outerjoin(r, s.c.respondent_id == r.c.id)
        .where(d.c.study_id == study_id, s.c.role == "respondent")
        .order_by(d.c.id, p.c.seq)
    )
    with store.connect() as connection:
        rows = connection.execute(query).all()
    stop = stopwords(language) | stopwords("en")
    if unit == "passage":
        return [
            MatrixUnit(
                passage_ids=(row.id,),
                document_id=row.document_id,
                document=row.document,
                turn_id=row.turn_id,
                respondent=row.pseudonym or row.speaker,
                text=row.text,
                ref=f"{row.document} ¶{row.seq}",
            )
            for row in rows
            if not is_backchannel(row.text, stop=stop)
        ]
    by_turn: dict[int, list[Any]] = defaultdict(list)
    for row in rows:
        by_turn[row.turn_id].append(row)
    units = []
    for turn_rows in by_turn.values():
        text = " ".join(row.text for row in turn_rows)
        if is_backchannel(text, stop=stop):
            continue
        first, last = turn_rows[0], turn_rows[-1]
        span = f"¶{first.seq}" if first is last else f"¶{first.seq}–{last.seq}"
        units.append(
            MatrixUnit(
                passage_ids=tuple(row.id for row in turn_rows),
                document_id=first.document_id,
                document=first.document,
                turn_id=first.turn_id,
                respondent=first.pseudonym or first.speaker,
                text=text,
                ref=f"{first.document} {span}",
            )
        )
    return units
