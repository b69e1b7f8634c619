"""A theme run as ``indsigt themes`` (and ``Project.themes``) give it: a new run discovered
and stored (:func:`discover_and_store`), or the latest stored run read back
(:func:`latest_stored_run`). Records whose fields are the keys of ``indsigt themes --json``."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from indsigt.errors import IndsigtError
from indsigt.progress import Progress, no_progress
from indsigt.store import Store
from indsigt.themes.stored import (
    latest_run,
    promote_stored_theme,
    run_themes,
    save_themes,
    theme_by_number,
    theme_examples,
)
from indsigt.themes.study import study_themes


@dataclass(frozen=True)
class FoundTheme:
    """A theme of a new run: ``id`` its number in the run, ``theme_id`` its stored row,
    ``units`` the ids of the units in it, ``examples`` the representative units' texts."""

    id: int
    theme_id: int
    label: str
    terms: tuple[str, ...]
    size: int
    respondents: int
    units: tuple[int, ...]
    passages: tuple[int, ...]
    examples: tuple[str, ...]


@dataclass(frozen=True)
class NewThemeRun:
    """A run discovered and stored; ``promoted``: the code id a theme was promoted to."""

    unit: str
    run: int
    themes: tuple[FoundTheme, ...]
    unassigned_share: float
    components: dict[str, str]
    promoted: int | None = None


@dataclass(frozen=True)
class ListedTheme:
    """A theme of a stored run, with its status (emergent, merged, promoted) and code."""

    id: int
    theme_id: int
    label: str
    renamed: bool
    terms: tuple[str, ...]
    size: int
    respondents: int
    status: str
    code: str | None
    merged_into: int | None
    passages: tuple[int, ...]
    examples: tuple[str, ...]


@dataclass(frozen=True)
class StoredThemeRun:
    """The latest stored run (``created_at``: ISO 8601); merged themes are listed too."""

    unit: str
    run: int
    created_at: str
    embedder: str
    scope: str | None
    themes: tuple[ListedTheme, ...]
    unassigned_share: float
    components: dict[str, str]


def discover_and_store(
    store: Store,
    study_id: int,
    *,
    code: str | None = None,
    k: int | None = None,
    seed: int = 0,
    promote: int | None = None,
    as_path: str | None = None,
    embedder: str = "e5",
    unit: str = "statement",
    progress: Progress = no_progress,
) -> NewThemeRun:
    """Emergent themes (see :func:`study_themes`) on substantive statements (or another
    ``unit``: passage, turn), stored in the study as a new run (a run within ``code`` is
    stored with that scope); optionally promoting theme ``promote`` of it to a code at
    ``as_path``."""
    from indsigt.units import analysis_units

    result = study_themes(
        store, study_id, code=code, k=k, seed=seed, embedder=embedder, unit=unit, progress=progress
    )
    run_id = save_themes(
        store, study_id, result, unit=unit, embedder=embedder, k=k, seed=seed, code=code
    )
    units = {u.id: u for u in analysis_units(store, study_id, unit=unit)}
    stored = {t.number: t for t in run_themes(store, study_id, run_id)}

    def passages(members: Sequence[int]) -> tuple[int, ...]:
        return tuple(pid for member in members for pid in units[member].passage_ids)

    themes = tuple(
        FoundTheme(
            id=t.id,
            theme_id=stored[t.id].id,
            label=t.label,
            terms=tuple(t.terms),
            size=t.size,
            respondents=stored[t.id].respondents,
            units=tuple(t.members),
            passages=passages(t.members),
            examples=tuple(units[i].text for i in t.representative),
        )
        for t in result.themes
    )
    promoted = None
    if promote is not None:
        theme = theme_by_number(store, study_id, promote, scope=code)
        promoted = promote_stored_theme(store, study_id, theme.id, path=str(as_path))
    return NewThemeRun(unit, run_id, themes, result.unassigned_share, result.components, promoted)


def latest_stored_run(store: Store, study_id: int, *, code: str | None = None) -> StoredThemeRun:
    """The latest stored run within ``code`` (None: over the whole study). Runs nothing."""
    run = latest_run(store, study_id, scope=code)
    if run is None:
        where = f" within {code!r}" if code is not None else ""
        raise IndsigtError(
            f"the study has no stored themes{where}; run 'indsigt themes STUDY' first"
        )
    themes = tuple(
        ListedTheme(
            id=t.number,
            theme_id=t.id,
            label=t.label,
            renamed=t.renamed,
            terms=tuple(t.terms),
            size=t.size,
            respondents=t.respondents,
            status=t.status,
            code=t.code,
            merged_into=t.merged_into,
            passages=tuple(t.passage_ids),
            examples=tuple(e.text for e in theme_examples(store, study_id, t.id)),
        )
        for t in run_themes(store, study_id, run.id, include_merged=True)
    )
    return StoredThemeRun(
        unit=run.unit,
        run=run.id,
        created_at=run.created_at.isoformat(),
        embedder=run.embedder,
        scope=run.scope,
        themes=themes,
        unassigned_share=run.unassigned_share,
        components=run.components,
    )
