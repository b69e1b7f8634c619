"""Key points on the code and theme pages: what the web app shows of
:func:`indsigt.analyse.keypoints.study.study_key_points` for one scope.

A page never waits for the e5 model: key points are computed while the page is built only
when the units stage has run and every text they need (statements and candidate sentences)
has its vector cached in the store; then they take a second or two. Otherwise the page says
what is missing and offers a button that computes them in a background thread (embedding and
caching what is missing) while the page says "computing"; the result is shown on the next
load. Results are kept in memory, per study, scope (its passages), unit, text generation and
units build, so a coding, a re-anonymisation or rebuilt statements start afresh.
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
from indsigt.store import Store, schema
from indsigt.store.textlock import read_generation
from indsigt.web.i18n import N_, translate

KEPT = 64  # results kept in memory (least recently used dropped first)
EVIDENCE = 5  # evidence links per key point
EMBEDDER = "e5"

_lock = threading.Lock()
_results: OrderedDict[tuple[Any, ...], KeyPoints | str] = OrderedDict()  # str: an error
_running: dict[tuple[Any, ...], threading.Thread] = {}


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
) -> dict[str, Any]:
    """The key points of ``scope`` (``{"code": path}``, ``{"theme": n}``, ``{"question":
    label}`` or ``{}``) for a page: ``status`` is ``ready`` (with ``points``), ``computing``,
    ``needs_embeddings`` (with ``missing``: texts to embed), ``needs_units``, ``error`` (with
    ``error``), or with ``compute=False`` (a page listing many scopes) ``not_computed`` when
    they are not in memory yet."""
    from indsigt.units import missing_documents

    try:
        key = scope_key(store, study_id, scope, unit)
    except IndsigtError as exc:
        return {"status": "error", "error": str(exc)}
    with _lock:
        found = _results.get(key)
        if found is not None:
            _results.move_to_end(key)
        running = key in _running
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


def start(store: Store, study_id: int, scope: dict[str, Any], *, unit: str = "statement") -> bool:
    """Compute the key points of ``scope`` in a background thread (building units and
    embedding what is missing); False if they are known or already being computed."""
    key = scope_key(store, study_id, scope, unit)
    with _lock:
        if key in _results or key in _running:
            return False
        thread = threading.Thread(
            target=_compute,
            args=(store, study_id, scope, unit, key),
            name=f"keypoints-{study_id}",
            daemon=True,
        )
        _running[key] = thread
    thread.start()
    return True


def wait(timeout: float | None = None) -> None:
    """Wait for the background computations (tests)."""
    with _lock:
        threads = list(_running.values())
    for thread in threads:
        thread.join(timeout)


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
    store: Store, study_id: int, scope: dict[str, Any], unit: str, key: tuple[Any, ...]
) -> KeyPoints | str:
    result: KeyPoints | str
    try:
        result = study_key_points(store, study_id, unit=unit, embedder=EMBEDDER, **scope)
    except IndsigtError as exc:
        result = str(exc)
    with _lock:
        _results[key] = result
        _results.move_to_end(key)
        while len(_results) > KEPT:
            _results.popitem(last=False)
        _running.pop(key, None)
    return result


def _evidence(point: KeyPoint) -> list[int]:
    """The first passage of each of the point's best-matching statements."""
    if point.statements:
        return [ids[0] for ids in point.statements[:EVIDENCE] if ids]
    return list(point.passages[:EVIDENCE])


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
