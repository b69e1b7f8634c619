"""What key points are asked of: the whole study, a code, a stored theme, a guide question or
a set of passages. Each scope is a label and the passages it holds (None: the whole study);
the statements of a scope are the units of analysis that hold one of its passages.

- ``code``: respondent passages coded with the code or a code beneath it (``statuses``);
- ``theme``: the passages of stored theme number N (``indsigt themes`` stores them);
- ``question``: the passages of respondent turns aligned to guide question Q (its label, e.g.
  "Q2.1") or to a sub-question of it (``indsigt guide STUDY align`` stores the alignment);
- ``passage_ids``: the given passages (the report passes a finding's).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

import sqlalchemy as sa

from indsigt.errors import IndsigtError
from indsigt.guide.model import GuideQuestion
from indsigt.queries import coded_passage_ids
from indsigt.store import Store, schema
from indsigt.store.speech import NOT_RESPONDENTS


@dataclass(frozen=True)
class Scope:
    kind: str  # study, code, theme, question, passages
    label: str  # "study", the code path, "theme 3: …", "Q2.1: …", "passages"
    passage_ids: frozenset[int] | None  # None: the whole study


def resolve_scope(
    store: Store,
    study_id: int,
    *,
    code: str | None = None,
    theme: int | None = None,
    question: str | None = None,
    passage_ids: Collection[int] | None = None,
    statuses: Sequence[str] = ("accepted", "suggested"),
) -> Scope:
    """The scope asked for (at most one of ``code``, ``theme``, ``question``,
    ``passage_ids``); clear errors for an unknown code, theme or question."""
    given = [
        name
        for name, value in (
            ("code", code),
            ("theme", theme),
            ("question", question),
            ("passage_ids", passage_ids),
        )
        if value is not None
    ]
    if len(given) > 1:
        raise IndsigtError(f"give one scope, not {' and '.join(given)}")
    if code is not None:
        return Scope("code", code, frozenset(coded_passages(store, study_id, code, statuses)))
    if theme is not None:
        return theme_scope(store, study_id, theme)
    if question is not None:
        return question_scope(store, study_id, question)
    if passage_ids is not None:
        return Scope("passages", "passages", frozenset(passage_ids))
    return Scope("study", "study", None)


def coded_passages(store: Store, study_id: int, code: str, statuses: Sequence[str]) -> list[int]:
    found = sorted(coded_passage_ids(store, study_id, code=code, statuses=statuses))
    if not found:
        raise IndsigtError(f"no respondent passage is coded {code!r} (or a code beneath it)")
    return found


def theme_scope(store: Store, study_id: int, number: int) -> Scope:
    from indsigt.themes.stored import latest_themes

    themes = latest_themes(store, study_id)
    if not themes:
        raise IndsigtError("the study has no stored themes; run `indsigt themes STUDY` first")
    for theme in themes:
        if theme.number == number:
            return Scope("theme", f"theme {number}: {theme.label}", frozenset(theme.passage_ids))
    known = ", ".join(str(t.number) for t in themes)
    raise IndsigtError(f"no theme number {number} is stored (themes: {known})")


def question_scope(store: Store, study_id: int, label: str) -> Scope:
    from indsigt.guide.study import load_guide, turn_questions

    guide = load_guide(store, study_id)
    if guide is None:
        raise IndsigtError(
            "the study has no interview guide; run `indsigt guide STUDY import FILE` "
            "and `indsigt guide STUDY align`"
        )
    labels = guide.labels()
    if label not in labels:
        raise IndsigtError(f"the guide has no question {label!r} (questions: {', '.join(labels)})")
    wanted = {label} | _descendants(guide.questions, label)
    d, t, sp, p = schema.document, schema.turn, schema.speaker, schema.passage
    with store.connect() as connection:
        metas = connection.execute(
            sa.select(d.c.id, d.c.meta).where(d.c.study_id == study_id)
        ).all()
        aligned = {tid: q for _, meta in metas for tid, q in turn_questions(meta or {}).items()}
        if not aligned:
            raise IndsigtError(
                "the study's turns are not aligned to the guide yet; run "
                "`indsigt guide STUDY align`"
            )
        turns = [tid for tid, q in aligned.items() if q in wanted]
        found: list[int] = []
        for chunk in range(0, len(turns), 500):
            found += connection.scalars(
                sa.select(p.c.id)
                .join(t, p.c.turn_id == t.c.id)
                .join(sp, t.c.speaker_id == sp.c.id)
                .where(t.c.id.in_(turns[chunk : chunk + 500]), sp.c.role.not_in(NOT_RESPONDENTS))
            )
    text = next(q.text for q in guide.questions if q.label == label)
    if not found:
        raise IndsigtError(f"no respondent turn is aligned to guide question {label!r}")
    return Scope("question", f"{label}: {text}", frozenset(found))


def _descendants(questions: Sequence[GuideQuestion], label: str) -> set[str]:
    children: dict[str, list[str]] = {}
    for q in questions:
        if q.parent is not None:
            children.setdefault(q.parent, []).append(q.label)
    found: set[str] = set()
    todo = list(children.get(label, ()))
    while todo:
        item = todo.pop()
        if item not in found:
            found.add(item)
            todo += children.get(item, ())
    return found
