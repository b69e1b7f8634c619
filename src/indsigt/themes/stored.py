"""Themes stored in the study: runs of ``indsigt themes``, renamed, merged and promoted from the
CLI and the web app, read by the report.

A run records what was clustered (``unit``, ``embedder``, ``k``, ``seed``, the ``scope`` code
or None for the whole study); its themes keep their members as passages, each with the unit
(statement, passage or turn id) it belongs to, and ranks 1..3 on the representative units.
:func:`latest_themes` reads the latest whole-study run: a run within one code is not "the
study's themes".
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from indsigt.errors import IndsigtError
from indsigt.store import Store, schema
from indsigt.store.speech import speech
from indsigt.store.store import insert_returning_id, now, values_by_id
from indsigt.themes.discover import Theme, ThemeResult

LABEL_MAX = 200  # characters of a theme label a user may give
PATH_MAX = 500  # characters of a code path (as the codebook allows)
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
STATUSES = ("emergent", "merged", "promoted")


@dataclass(frozen=True)
class StoredTheme:
    id: int  # the theme row's id (stable across renames and merges)
    number: int  # its number in its run (1 = the largest at discovery)
    label: str  # the user's name if renamed, else the readable label found
    terms: tuple[str, ...]  # the top stems' surface forms
    size: int  # units (statements, passages or turns) in the theme
    respondents: int
    passage_ids: tuple[int, ...]  # every member passage, in passage order
    representative: tuple[int, ...]  # passages of the representative units, best first
    status: str  # emergent, merged or promoted
    code: str | None  # the code path it was promoted to
    run_id: int = 0
    unit: str = "statement"
    renamed: bool = False  # a user has named it (label is then theirs)
    merged_into: int | None = None  # the theme id it was merged into


@dataclass(frozen=True)
class ThemeRun:
    id: int
    created_at: datetime
    unit: str
    embedder: str
    k: int | None
    seed: int
    scope: str | None
    components: dict[str, str]
    unassigned_share: float


@dataclass(frozen=True)
class ThemeExample:
    """A representative unit of a theme: its passages and its (pseudonymised) text."""

    rank: int
    unit_id: int
    document_id: int
    passage_ids: tuple[int, ...]
    text: str


def save_themes(
    store: Store,
    study_id: int,
    result: ThemeResult,
    *,
    unit: str,
    embedder: str,
    k: int | None,
    seed: int,
    code: str | None,
    actor: str = "cli",
) -> int:
    """Store ``result`` (from :func:`indsigt.themes.study_themes`: members are ids of ``unit``)
    as a new run; returns the run id. ``code``: the code the run was scoped to (None: the whole
    study)."""
    from indsigt.units import analysis_units

    units = {u.id: u.passage_ids for u in analysis_units(store, study_id, unit=unit)}
    missing = [m for t in result.themes for m in t.members if m not in units]
    if missing:
        raise IndsigtError(
            f"the themes name {len(missing)} {unit}(s) the study no longer has "
            f"(e.g. {missing[0]}); run 'indsigt themes' again"
        )
    with store.begin() as connection:
        run_id = insert_returning_id(
            connection,
            schema.theme_run.insert().values(
                study_id=study_id,
                created_at=now(),
                unit=unit,
                embedder=embedder,
                k=k,
                seed=seed,
                scope=code,
                components=dict(result.components),
                unassigned_share=float(result.unassigned_share),
            ),
        )
        speaker_of = _respondent_keys(
            connection, study_id, [p for t in result.themes for m in t.members for p in units[m]]
        )
        for theme in result.themes:
            _insert_theme(connection, run_id, study_id, theme, units, speaker_of)
        store.log(
            connection,
            "themes.stored",
            entity="theme_run",
            entity_id=run_id,
            actor=actor,
            payload={
                "unit": unit,
                "embedder": embedder,
                "scope": code,
                "themes": len(result.themes),
            },
        )
    return run_id


def _insert_theme(
    connection: Connection,
    run_id: int,
    study_id: int,
    theme: Theme,
    units: dict[int, tuple[int, ...]],
    speaker_of: dict[int, str],
) -> None:
    """One theme of a run with its members (every passage of every member unit, ranked
    where the unit is one of the theme's representatives)."""
    passages = [p for m in theme.members for p in units[m]]
    theme_id = insert_returning_id(
        connection,
        schema.theme.insert().values(
            run_id=run_id,
            study_id=study_id,
            number=theme.id,
            label=theme.label[:LABEL_MAX],
            name=None,
            terms=list(theme.terms),
            size=theme.size,
            respondents=len({speaker_of[p] for p in passages if p in speaker_of}),
            status="emergent",
            merged_into=None,
            code_id=None,
        ),
    )
    rank = {m: r for r, m in enumerate(theme.representative, start=1)}
    rows = [
        {"theme_id": theme_id, "passage_id": p, "unit_id": m, "rank": rank.get(m)}
        for m in theme.members
        for p in units[m]
    ]
    if rows:
        connection.execute(schema.theme_member.insert(), rows)


def latest_run(store: Store, study_id: int, *, scope: str | None = None) -> ThemeRun | None:
    """The latest run over the whole study (or within the code ``scope``), or None."""
    r = schema.theme_run
    query = sa.select(r).where(r.c.study_id == study_id).order_by(r.c.id.desc()).limit(1)
    query = query.where(r.c.scope.is_(None) if scope is None else r.c.scope == scope)
    with store.connect() as connection:
        row = connection.execute(query).first()
    if row is None:
        return None
    return ThemeRun(
        row.id,
        row.created_at,
        row.unit,
        row.embedder,
        row.k,
        row.seed,
        row.scope,
        dict(row.components or {}),
        float(row.unassigned_share),
    )


def latest_themes(
    store: Store, study_id: int, *, include_merged: bool = False
) -> list[StoredTheme]:
    """The themes of the latest whole-study run (by number); [] when there is none."""
    run = latest_run(store, study_id)
    if run is None:
        return []
    return run_themes(store, study_id, run.id, include_merged=include_merged)


def run_themes(
    store: Store, study_id: int, run_id: int, *, include_merged: bool = False
) -> list[StoredTheme]:
    """The themes of one run (by number)."""
    t = schema.theme
    query = sa.select(t).where(t.c.study_id == study_id, t.c.run_id == run_id)
    if not include_merged:
        query = query.where(t.c.status != "merged")
    with store.connect() as connection:
        rows = connection.execute(query.order_by(t.c.number)).all()
        unit = connection.scalar(
            sa.select(schema.theme_run.c.unit).where(schema.theme_run.c.id == run_id)
        )
        return _read(connection, rows, unit or "statement")


def get_theme(store: Store, study_id: int, theme_id: int) -> StoredTheme:
    """One stored theme by id (IndsigtError if the study has no such theme)."""
    with store.connect() as connection:
        return _one(connection, study_id, theme_id)


def theme_by_number(
    store: Store, study_id: int, number: int, *, scope: str | None = None
) -> StoredTheme:
    """Theme ``number`` of the latest whole-study run (or run within the code ``scope``),
    merged themes included."""
    run = latest_run(store, study_id, scope=scope)
    if run is None:
        where = f" within {scope!r}" if scope is not None else ""
        raise IndsigtError(
            f"the study has no stored themes{where}; run 'indsigt themes STUDY' first"
        )
    themes = run_themes(store, study_id, run.id, include_merged=True)
    found = [t for t in themes if t.number == number]
    if not found:
        raise IndsigtError(
            f"no theme {number} in the latest theme run (run {run.id}: themes 1–{len(themes)})"
        )
    return found[0]


def theme_examples(store: Store, study_id: int, theme_id: int) -> list[ThemeExample]:
    """The representative units of a theme, best first, with their text (from the document's
    current, pseudonymised text: first passage's start to last passage's end)."""
    m, p = schema.theme_member, schema.passage
    with store.connect() as connection:
        _one(connection, study_id, theme_id)
        rows = connection.execute(
            sa.select(m.c.rank, m.c.unit_id, p.c.id, p.c.document_id, p.c.start, p.c.end)
            .join(p, m.c.passage_id == p.c.id)
            .where(m.c.theme_id == theme_id, m.c.rank.is_not(None))
            .order_by(m.c.rank, p.c.document_id, p.c.start)
        ).all()
        grouped: dict[int, list[Any]] = defaultdict(list)
        for row in rows:
            grouped[row.rank].append(row)
        texts = values_by_id(
            connection, schema.document.c.text, sorted({row.document_id for row in rows})
        )
    examples = []
    for rank in sorted(grouped):
        members = grouped[rank]
        document_id = members[0].document_id
        start = min(r.start for r in members)
        end = max(r.end for r in members)
        examples.append(
            ThemeExample(
                rank,
                members[0].unit_id,
                document_id,
                tuple(r.id for r in members),
                " ".join(texts[document_id][start:end].split()),
            )
        )
    return examples


def rename_theme(
    store: Store, study_id: int, theme_id: int, label: str, *, actor: str = "cli"
) -> StoredTheme:
    """Give a theme the user's label (whitespace collapsed; 1..200 characters)."""
    cleaned = clean_label(label)
    with store.begin() as connection:
        before = _one(connection, study_id, theme_id)
        connection.execute(
            schema.theme.update().where(schema.theme.c.id == theme_id).values(name=cleaned)
        )
        store.log(
            connection,
            "theme.renamed",
            entity="theme",
            entity_id=theme_id,
            actor=actor,
            payload={"from": before.label, "to": cleaned},
        )
        return _one(connection, study_id, theme_id)


def merge_themes(
    store: Store, study_id: int, into: int, other: int, *, actor: str = "cli"
) -> StoredTheme:
    """Move ``other``'s members into ``into`` (same run); ``other`` becomes status merged.
    Returns the merged theme."""
    if into == other:
        raise IndsigtError(f"cannot merge theme {into} into itself")
    t, m = schema.theme, schema.theme_member
    with store.begin() as connection:
        target = _one(connection, study_id, into)
        source = _one(connection, study_id, other)
        if target.run_id != source.run_id:
            raise IndsigtError(
                f"themes {target.number} and {source.number} come from different theme runs"
            )
        for theme in (target, source):
            if theme.status == "merged":
                raise IndsigtError(f"theme {theme.number} is already merged into another theme")
            if theme.status == "promoted":
                raise IndsigtError(
                    f"theme {theme.number} is already the code {theme.code!r}; "
                    "merge themes before promoting them"
                )
        connection.execute(m.update().where(m.c.theme_id == other).values(theme_id=into, rank=None))
        passages = list(target.passage_ids) + list(source.passage_ids)
        speaker_of = _respondent_keys(connection, study_id, passages)
        terms = list(target.terms) + [w for w in source.terms if w not in target.terms]
        connection.execute(
            t.update()
            .where(t.c.id == into)
            .values(
                size=target.size + source.size,
                respondents=len({speaker_of[p] for p in passages if p in speaker_of}),
                terms=terms,
            )
        )
        connection.execute(
            t.update().where(t.c.id == other).values(status="merged", merged_into=into)
        )
        store.log(
            connection,
            "theme.merged",
            entity="theme",
            entity_id=into,
            actor=actor,
            payload={"into": into, "other": other, "passages": len(source.passage_ids)},
        )
        return _one(connection, study_id, into)


def promote_stored_theme(
    store: Store, study_id: int, theme_id: int, *, path: str, actor: str = "cli"
) -> int:
    """Make a stored theme a code at ``path`` (see :func:`indsigt.themes.promote_theme`: a
    suggested coding on each member passage); the theme's status becomes promoted. Returns the
    code id."""
    from indsigt.themes.study import promote_within

    path = "/".join(part.strip() for part in path.strip().strip("/").split("/"))
    if not path or "//" in path:
        raise IndsigtError(f"the code path {path!r} is empty or has an empty part")
    if _CONTROL.search(path) or len(path) > PATH_MAX:
        raise IndsigtError(
            f"a code path has at most {PATH_MAX} characters and no control characters"
        )
    with store.begin() as connection:
        stored = _one(connection, study_id, theme_id)
        if stored.status == "merged":
            raise IndsigtError(
                f"theme {stored.number} is merged into another theme; promote that one"
            )
        if stored.status == "promoted":
            raise IndsigtError(f"theme {stored.number} is already the code {stored.code!r}")
        theme = Theme(
            stored.number,
            stored.label,
            stored.terms,
            stored.size,
            stored.passage_ids,
            stored.representative,
        )
        code_id = promote_within(
            connection, store, study_id, theme, path=path, actor=actor, stored=theme_id
        )
        connection.execute(
            schema.theme.update()
            .where(schema.theme.c.id == theme_id)
            .values(status="promoted", code_id=code_id)
        )
    return code_id


def clean_label(label: str) -> str:
    """A user's theme label: whitespace collapsed, not empty, at most ``LABEL_MAX`` characters."""
    cleaned = " ".join(str(label).split())
    if not cleaned:
        raise IndsigtError("a theme label cannot be empty")
    if _CONTROL.search(cleaned):
        raise IndsigtError("a theme label cannot hold control characters")
    if len(cleaned) > LABEL_MAX:
        raise IndsigtError(
            f"a theme label is at most {LABEL_MAX} characters (this one has {len(cleaned)})"
        )
    return cleaned


def _one(connection: Connection, study_id: int, theme_id: int) -> StoredTheme:
    t = schema.theme
    row = connection.execute(
        sa.select(t).where(t.c.id == theme_id, t.c.study_id == study_id)
    ).first()
    if row is None:
        raise IndsigtError(f"the study has no theme with id {theme_id}")
    unit = connection.scalar(
        sa.select(schema.theme_run.c.unit).where(schema.theme_run.c.id == row.run_id)
    )
    return _read(connection, [row], unit or "statement")[0]


def _read(
    connection: Connection, rows: Sequence[sa.Row[tuple[object, ...]]], unit: str
) -> list[StoredTheme]:
    if not rows:
        return []
    m = schema.theme_member
    ids = [row.id for row in rows]
    members: dict[int, list[tuple[int, int | None, int]]] = defaultdict(list)
    for theme_id, passage_id, rank, unit_id in connection.execute(
        sa.select(m.c.theme_id, m.c.passage_id, m.c.rank, m.c.unit_id).where(m.c.theme_id.in_(ids))
    ):
        members[theme_id].append((passage_id, rank, unit_id))
    code_ids = [row.code_id for row in rows if row.code_id is not None]
    paths = values_by_id(connection, schema.code.c.path, code_ids)
    found = []
    for row in rows:
        rows_of = members[row.id]
        ranked = sorted((rank, p) for p, rank, _ in rows_of if rank is not None)
        found.append(
            StoredTheme(
                id=row.id,
                number=row.number,
                label=row.name or row.label,
                terms=tuple(row.terms or ()),
                size=row.size,
                respondents=row.respondents,
                passage_ids=tuple(sorted(p for p, _, _ in rows_of)),
                representative=tuple(p for _, p in ranked),
                status=row.status,
                code=paths.get(row.code_id) if row.code_id is not None else None,
                run_id=row.run_id,
                unit=unit,
                renamed=row.name is not None,
                merged_into=row.merged_into,
            )
        )
    return found


def _respondent_keys(
    connection: Connection, study_id: int, passage_ids: Sequence[int]
) -> dict[int, str]:
    """Passage id → the respondent who said it: ``r<respondent id>``, or ``s<speaker id>``
    for a respondent speaker not linked to a respondent. Passages of other speakers — a
    transcriber's summary in a focus group's record (a note), an interviewer — are left
    out: a theme's "n respondents" counts respondents only, as its key points and the report
    do (a GENNOVATE study of four groups had themes of "8 respondents")."""
    p, sp = schema.passage, schema.speaker
    wanted = sorted(set(passage_ids))
    found: dict[int, str] = {}
    for chunk in range(0, len(wanted), 500):
        query = speech(study_id, p.c.id, sp.c.id, sp.c.respondent_id, speakers="everyone").where(
            p.c.id.in_(wanted[chunk : chunk + 500]),
            sa.or_(sp.c.respondent_id.is_not(None), sp.c.role == "respondent"),
        )
        for pid, speaker_id, respondent_id in connection.execute(query):
            found[pid] = f"r{respondent_id}" if respondent_id is not None else f"s{speaker_id}"
    return found
