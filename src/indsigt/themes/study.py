"""Themes of a study's respondent passages (all, or within one code), and promotion to a code."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from indsigt.codebook.repository import code_values
from indsigt.codebook.tree import next_position
from indsigt.errors import IndsigtError
from indsigt.guard import require_anonymised
from indsigt.progress import Progress, no_progress
from indsigt.queries import code_and_beneath
from indsigt.records import Code
from indsigt.store import Store, schema
from indsigt.store.speech import speech
from indsigt.store.store import insert_returning_id, now
from indsigt.themes.discover import Theme, ThemeResult, discover_themes

CODER = "themes.v1"


def respondent_passages(
    store: Store, study_id: int, *, code: str | None = None
) -> list[tuple[int, str]]:
    """(passage id, text) of respondent speech, optionally only passages coded ``code``."""
    p = schema.passage
    query = speech(study_id, p.c.id, p.c.text).order_by(p.c.id)
    if code is not None:
        c, k = schema.coding, schema.code
        coded = (
            sa.select(c.c.passage_id)
            .join(k, c.c.code_id == k.c.id)
            .where(k.c.study_id == study_id, c.c.status != "rejected")
            .where(code_and_beneath(k.c.path, code))
        )
        query = query.where(p.c.id.in_(coded))
    with store.connect() as connection:
        return [(row.id, row.text) for row in connection.execute(query)]


def study_languages(store: Store, study_id: int) -> str:
    """The study's language, joined by ``+`` with its documents' other languages ("da+en"):
    stop words of each are removed from theme terms and labels."""
    with store.connect() as connection:
        main = (
            connection.scalar(
                sa.select(schema.study.c.language).where(schema.study.c.id == study_id)
            )
            or "da"
        )
        others = connection.scalars(
            sa.select(schema.document.c.language)
            .where(schema.document.c.study_id == study_id)
            .distinct()
        ).all()
    return "+".join([main, *sorted({o for o in others if o and o != main})])


def study_themes(
    store: Store,
    study_id: int,
    *,
    code: str | None = None,
    k: int | None = None,
    seed: int = 0,
    language: str | None = None,
    embedder: str = "tfidf",
    unit: str = "statement",
    progress: Progress = no_progress,
) -> ThemeResult:
    """Themes whose ``members`` and ``representative`` are ids of the ``unit`` analysed:
    substantive statements (default), passages not marked conversational, or respondent
    turns (see :func:`indsigt.units.analysis_units`; marks and statements are built first
    where they are missing).

    ``embedder`` is ``tfidf`` (stemmed words and character n-grams, instant) or an embedder
    name such as ``e5`` (vectors cached in the study's store, so passages the similarity coder
    has embedded are not embedded again)."""
    from indsigt.units import analysis_units, ensure_units

    require_anonymised(store, study_id, stage="theme discovery")
    ensure_units(store, study_id, embedder=embedder, progress=progress)
    coded = None
    if code is not None:
        coded = [pid for pid, _ in respondent_passages(store, study_id, code=code)]
    units = analysis_units(store, study_id, unit=unit, passage_ids=coded)
    passages = [(u.id, u.text) for u in units]
    if len(passages) < 3:
        raise IndsigtError(f"too few {unit}s ({len(passages)}) to look for themes")
    if language is None:
        language = study_languages(store, study_id)
    texts = [text for _, text in passages]
    vectors = None
    if embedder != "tfidf":
        from indsigt.embed import CachedEmbedder, get_embedder

        vectors = CachedEmbedder(get_embedder(embedder), store, progress=progress).embed(texts)
    who = _speakers(store, study_id)
    result = discover_themes(
        texts,
        language=language,
        seed=seed,
        k=k,
        vectors=vectors,
        speakers=[who.get(u.passage_ids[0]) if u.passage_ids else None for u in units],
    )
    ids = [pid for pid, _ in passages]
    themes = [
        replace(
            theme,
            members=tuple(ids[i] for i in theme.members),
            representative=tuple(ids[i] for i in theme.representative),
        )
        for theme in result.themes
    ]
    return ThemeResult(themes, result.assignments, result.components)


def _speakers(store: Store, study_id: int) -> dict[int, tuple[str, int]]:
    """Who said each passage: its respondent, else (a speaker no respondent is linked to) its
    speaker."""
    p, s = schema.passage, schema.speaker
    query = speech(
        study_id, p.c.id, s.c.id.label("speaker"), s.c.respondent_id, speakers="not_interviewers"
    )
    with store.connect() as connection:
        return {
            row.id: ("respondent", row.respondent_id)
            if row.respondent_id is not None
            else ("speaker", row.speaker)
            for row in connection.execute(query.execution_options(yield_per=10_000))
        }


def promote_theme(
    store: Store, study_id: int, theme: Theme, *, path: str, actor: str = "cli"
) -> int:
    """Make a theme a code: a new code at ``path`` with a suggested coding (coder
    ``themes.v1``) on each of its passages, for a human to accept or reject."""
    with store.begin() as connection:
        return promote_within(connection, store, study_id, theme, path=path, actor=actor)


def promote_within(
    connection: Connection,
    store: Store,
    study_id: int,
    theme: Theme,
    *,
    path: str,
    actor: str = "cli",
    stored: int | None = None,
) -> int:
    """:func:`promote_theme` inside the caller's transaction (``stored``: the stored theme's
    id, recorded in the event)."""
    exists = connection.scalar(
        sa.select(schema.code.c.id).where(
            schema.code.c.study_id == study_id, schema.code.c.path == path
        )
    )
    if exists is not None:
        raise IndsigtError(f"a code {path!r} already exists")
    parent_id = None
    if "/" in path:
        parent = path.rsplit("/", 1)[0]
        parent_id = connection.scalar(
            sa.select(schema.code.c.id).where(
                schema.code.c.study_id == study_id, schema.code.c.path == parent
            )
        )
        if parent_id is None:  # never a code outside the tree, never a parent made silently
            raise IndsigtError(
                f"the codebook has no code {parent!r} to put {path!r} under: "
                "add that code first, or promote to a top-level path"
            )
    language = str(
        connection.scalar(sa.select(schema.study.c.language).where(schema.study.c.id == study_id))
    )
    code = Code(
        id=0,
        path=path,
        labels={language: theme.label} if theme.label else {},
        definition=_definition(language, theme),
        keywords=tuple(theme.terms),
    )
    code_id = insert_returning_id(
        connection,
        schema.code.insert().values(
            study_id=study_id,
            parent_id=parent_id,
            path=path,
            position=next_position(connection, study_id, parent_id),
            **code_values(code),
        ),
    )
    connection.execute(
        schema.coding.insert(),
        [
            {
                "passage_id": pid,
                "code_id": code_id,
                "coder": CODER,
                "score": None,
                "status": "suggested",
                "evidence": {"theme": theme.id, "terms": list(theme.terms)},
                "created_at": now(),
            }
            for pid in theme.members
        ],
    )
    payload: dict[str, Any] = {"path": path, "theme": theme.id, "passages": len(theme.members)}
    if stored is not None:
        payload["stored_theme"] = stored
    store.log(
        connection,
        "theme.promoted",
        entity="code",
        entity_id=code_id,
        actor=actor,
        payload=payload,
    )
    return code_id


EMERGENT = {"da": "Emergent tema", "nb": "Emergent tema", "sv": "Emergent tema"}


def _definition(language: str | None, theme: Theme) -> str:
    """The promoted code's definition, in the study's language."""
    head = EMERGENT.get(language or "", "Emergent theme")
    return f"{head}: {theme.label} ({', '.join(theme.terms)})"
