"""Key points on the code and theme pages: what the web app shows of
:func:`indsigt.analyse.keypoints.study.study_key_points` for one scope.

A page never waits for the e5 model: key points are computed while the page is built only
when the units stage has run and every text they need (statements and candidate sentences)
has its vector cached in the store; then they take a second or two. Otherwise the page says
what is missing and offers a button that starts a background job of kind ``keypoints``
(:mod:`indsigt.web.jobs`: a ``web_job`` row with its progress, one job per study at a time,
failed at the next start if the server stopped) that builds the units, embeds and caches what
is missing and computes them (:func:`key_points_work`), while the page says "computing"; the
result is shown on the next load. Results are kept in memory, per study, scope (its
passages), unit, text generation and units build, so a coding, a re-anonymisation or rebuilt
statements start afresh; after a restart the cached vectors let a page compute them again.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

import sqlalchemy as sa

from indsigt.analyse.keypoints.study import KeyPoint, KeyPoints, scope_inputs, study_key_points
from indsigt.errors import IndsigtError
from indsigt.progress import Progress, no_progress
from indsigt.store import Store, schema
from indsigt.store.textlock import read_generation
from indsigt.web.i18n import N_, translate
from indsigt.web.jobs import Work

KIND = "keypoints"  # the job kind (indsigt.web.jobs)
KEPT = 64  # results kept in memory (least recently used dropped first)
EVIDENCE = 5  # evidence links per key point
EMBEDDER = "e5"

_lock = threading.Lock()
_results: OrderedDict[tuple[Any, ...], KeyPoints | str] = OrderedDict()  # str: an error


def scope_key(store: Store, study_id: int, scope: dict[str, Any], unit: str) -> tuple[Any, ...]:
    """What a result depends on: the study, its text generation, its statements, the scope's
    passages (so a new coding is a new key), the unit."""
    st, d = schema.statement, schema.document
    with store.connect() as connection:
        generation = read_generation(connection, study_id)
        built = connection.execute(
            sa.select(sa.func.count(), sa.func.max(st.c.id))
            .join(d, st.c.document_id == d.c.id)
            .where(d.c.study_id == study_id)
        ).one()
    from indsigt.analyse.keypoints.scope import resolve_scope

    found = resolve_scope(store, study_id, **scope)
    ids = sorted(found.passage_ids) if found.passage_ids is not None else []
    digest = hashlib.sha256(",".join(map(str, ids)).encode()).hexdigest()
    return (store.location, study_id, generation, tuple(built), found.label, digest, unit)


def key_points_view(
    store: Store,
    study_id: int,
    scope: dict[str, Any],
    *,
    noun: str,
    link: Callable[[int], str],
    unit: str = "statement",
    compute: bool = True,
    running: bool = False,
) -> dict[str, Any]:
    """The key points of ``scope`` (``{"code": path}``, ``{"theme": n}``, ``{"question":
    label}`` or ``{}``) for a page: ``status`` is ``ready`` (with ``points``), ``computing``
    (``running``: the study's job is computing this scope), ``needs_embeddings`` (with
    ``missing``: texts to embed), ``needs_units``, ``error`` (with ``error``), or with
    ``compute=False`` (a page listing many scopes) ``not_computed`` when they are not in
    memory yet."""
    from indsigt.units import missing_documents

    try:
        key = scope_key(store, study_id, scope, unit)
    except IndsigtError as exc:
        return {"status": "error", "error": str(exc)}
    with _lock:
        found = _results.get(key)
        if found is not None:
            _results.move_to_end(key)
    if found is None and running:
        return {"status": "computing"}
    if found is None and not compute:
        return {"status": "not_computed"}
    if found is None:
        if missing_documents(store, study_id):
            return {"status": "needs_units"}
        try:
            missing = _uncached(store, study_id, scope, unit)
        except IndsigtError as exc:
            return {"status": "error", "error": str(exc)}
        if missing:
            return {"status": "needs_embeddings", "missing": missing}
        found = _compute(store, study_id, scope, unit, key)
    if isinstance(found, str):
        return {"status": "error", "error": found}
    return {"status": "ready", **_as_view(store, found, noun, link)}


def job_options(scope: dict[str, Any], *, unit: str = "statement") -> dict[str, Any]:
    """What a key-points job records as its options: the job computing a page's key points is
    the study's active job of kind :data:`KIND` with these options."""
    return {"scope": dict(scope), "unit": unit}


def known(store: Store, study_id: int, scope: dict[str, Any], *, unit: str = "statement") -> bool:
    """Whether the key points of ``scope`` are in memory already (nothing to start)."""
    key = scope_key(store, study_id, scope, unit)
    with _lock:
        return key in _results


def key_points_work(
    store: Store, study_id: int, scope: dict[str, Any], *, href: str, unit: str = "statement"
) -> tuple[Work, dict[str, Any]]:
    """The job that computes the key points of ``scope`` (building the units and embedding
    what is missing) and keeps them for the pages; its result names only counts and the page
    (``href``), never a sentence."""
    key = scope_key(store, study_id, scope, unit)

    def work(progress: Progress) -> dict[str, Any]:
        result = _compute(store, study_id, scope, unit, key, progress=progress)
        if isinstance(result, str):
            raise IndsigtError(result)
        return {
            "key_points": len(result.key_points),
            "statements": result.statements,
            "href": href,
            "link": N_("Key points"),
        }

    return work, job_options(scope, unit=unit)


def forget() -> None:
    """Drop every kept result (tests)."""
    with _lock:
        _results.clear()


def _uncached(store: Store, study_id: int, scope: dict[str, Any], unit: str) -> int:
    from indsigt.embed import CachedEmbedder, get_embedder

    inputs = scope_inputs(store, study_id, unit=unit, **scope)
    if not inputs.statements or not inputs.candidates:
        return 0
    return CachedEmbedder(get_embedder(EMBEDDER), store).uncached(inputs.texts())


def _compute(
    store: Store,
    study_id: int,
    scope: dict[str, Any],
    unit: str,
    key: tuple[Any, ...],
    *,
    progress: Progress = no_progress,
) -> KeyPoints | str:
    result: KeyPoints | str
    try:
        result = study_key_points(
            store, study_id, unit=unit, embedder=EMBEDDER, progress=progress, **scope
        )
    except IndsigtError as exc:
        result = str(exc)
    with _lock:
        _results[key] = result
        _results.move_to_end(key)
        while len(_results) > KEPT:
            _results.popitem(last=False)
    return result


def _evidence(point: KeyPoint) -> list[int]:
    """The leading passage of each of the point's best-matching statements."""
    return list(point.evidence(EVIDENCE))


def _as_view(
    store: Store, result: KeyPoints, noun: str, link: Callable[[int], str]
) -> dict[str, Any]:
    evidence = {id(point): _evidence(point) for point in result.key_points}
    wanted = sorted({pid for ids in evidence.values() for pid in ids})
    p = schema.passage
    with store.connect() as connection:
        documents = dict(
            connection.execute(sa.select(p.c.id, p.c.document_id).where(p.c.id.in_(wanted))).all()
        )
    points = []
    for point in result.key_points:
        n, total = point.total.n, point.total.N
        shown = "?" if n is None else str(n)  # never suppressed here (suppress=False)
        points.append(
            {
                "text": point.text,
                "n": n,
                "N": total,
                "prevalence": translate(
                    N_("%(n)s of %(total)s %(noun)s"), {"n": shown, "total": total, "noun": noun}
                ),
                "respondents": len(point.respondents),
                "statements": len(point.passages),
                "evidence": [
                    {"passage": pid, "href": link(documents[pid]) + f"#p{pid}"}
                    for pid in evidence[id(point)]
                    if pid in documents
                ],
                "cells": {
                    segment: {"n": cell.n, "N": cell.N, "small": cell.small}
                    for segment, cell in point.cells.items()
                },
            }
        )
    return {
        "scope": result.scope,
        "unit": result.unit,
        "by": result.by,
        "respondents": result.respondents,
        "statements": result.statements,
        "candidates": result.candidates,
        "points": points,
        "seconds": result.seconds,
    }
