"""Who said what: the one place the "respondent speech" join is written (and the codings of
a study: :func:`study_codings`).

A passage belongs to a turn, the turn to a speaker, the speaker (unless an interviewer) to a
respondent with attributes; the passage's document to a study. Statistics, themes, evidence
tables, quote candidates, the quote evaluation, the units stage and the suggestion queue all
read passages through :func:`speech`, adding the columns, filters, joins and order they need.
"""

from __future__ import annotations

from typing import Any, Literal

import sqlalchemy as sa

from indsigt.records import NOTE
from indsigt.store import schema

Speakers = Literal["respondents", "not_interviewers", "interviewers", "attributed", "everyone"]
"""Whose passages :func:`speech` reads:

- ``respondents``: speakers whose role is ``respondent`` (not interviewers, not unknown);
- ``not_interviewers``: every speaker who is not an interviewer (``unknown`` included): the
  units stage's respondent passages and the suggestion queue;
- ``interviewers``: speakers whose role is ``interviewer`` (what the other two leave out);
- ``attributed``: speakers linked to a respondent (whatever their role);
- ``everyone``: every speaker and every note; the respondent's columns are None where there
  is none.

A note (role ``note``: a transcriber's summary, a guide's heading) is nobody's speech: every
selection but ``everyone`` leaves it out, so no stage analyses it as someone's words."""

NOT_RESPONDENTS = ("interviewer", NOTE)
"""The roles whose passages are no respondent's words: the interviewer's and the notes."""


def speech(study_id: int, *columns: Any, speakers: Speakers = "respondents") -> sa.Select[Any]:
    """``SELECT columns FROM passage ⋈ turn ⋈ speaker ⋈ document ⋈ respondent`` for the
    passages of the study spoken by ``speakers``. Columns are those of :data:`schema.passage`,
    ``turn``, ``speaker``, ``document`` and ``respondent`` (and aggregates of them); the
    caller adds ``where``, ``join`` (e.g. ``coding`` on the passage), ``order_by``."""
    p, t, s, d, r = schema.passage, schema.turn, schema.speaker, schema.document, schema.respondent
    joined = (
        p.join(t, p.c.turn_id == t.c.id)
        .join(s, t.c.speaker_id == s.c.id)
        .join(d, p.c.document_id == d.c.id)
        .join(r, s.c.respondent_id == r.c.id, isouter=speakers != "attributed")
    )
    query = sa.select(*columns).select_from(joined).where(d.c.study_id == study_id)
    if speakers == "respondents":
        query = query.where(s.c.role == "respondent")
    elif speakers == "not_interviewers":
        query = query.where(s.c.role.not_in(NOT_RESPONDENTS))
    elif speakers == "interviewers":
        query = query.where(s.c.role == "interviewer")
    elif speakers == "attributed":
        query = query.where(s.c.role != NOTE)
    return query


def study_codings(study_id: int, *columns: Any) -> sa.Select[Any]:
    """``SELECT columns FROM coding ⋈ passage ⋈ document`` for the codings of the study, of
    any status and any coder; the caller adds ``where``, ``join`` (e.g. ``code``),
    ``group_by`` and ``order_by``."""
    c, p, d = schema.coding, schema.passage, schema.document
    joined = c.join(p, c.c.passage_id == p.c.id).join(d, p.c.document_id == d.c.id)
    return sa.select(*columns).select_from(joined).where(d.c.study_id == study_id)
