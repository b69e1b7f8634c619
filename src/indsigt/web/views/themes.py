"""Themes: the study's stored themes (the latest whole-study run of ``indsigt themes``) with
their representative statements; coders and admins run, rename, merge and promote them.

Every change goes through :mod:`indsigt.themes.stored`. A run here uses TF-IDF vectors and
runs while the request waits: seconds for a few thousand statements (the sample study's ~600
take about as long as the command line's ``--embedder tfidf``); e5 themes are run with the
command line. Non-admins see neutral document names, and no text of a document that still
awaits anonymisation.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from fastapi import APIRouter, Request
from fastapi.responses import Response

from indsigt.errors import IndsigtError
from indsigt.records import Study
from indsigt.store import Store, schema
from indsigt.themes import (
    latest_run,
    latest_themes,
    merge_themes,
    promote_stored_theme,
    rename_theme,
    save_themes,
    study_themes,
    theme_examples,
)
from indsigt.themes.stored import LABEL_MAX, StoredTheme, get_theme
from indsigt.units import UNITS
from indsigt.web.auth import require
from indsigt.web.config import web_state
from indsigt.web.data.sealed import sealing
from indsigt.web.data.studies import text_withheld
from indsigt.web.deps import CurrentUser, Form, Id, study_for, study_to_change
from indsigt.web.i18n import N_
from indsigt.web.problems import BadInput, Conflict, NotFound
from indsigt.web.render import done, interface_language, page
from indsigt.web.views.common import key_points_of, study_header

router = APIRouter()
EMBEDDER = "tfidf"  # what a run from the web app clusters: instant, no model to load
MAX_K = 60


@router.get("/studies/{sid}/themes")
def themes(request: Request, sid: Id, user: CurrentUser) -> Response:
    store = web_state(request).store
    study = study_for(request, sid)
    run = latest_run(store, study.id)
    found = latest_themes(store, study.id)
    documents = _documents(store, study.id, admin=user.can("admin"))
    header = study_header(request, study, user)
    interface_language(request, header)  # key points' "n of N" in the page's language
    data = {
        **header,
        "available": run is not None,
        "run": None
        if run is None
        else {
            "id": run.id,
            "created_at": run.created_at,
            "unit": run.unit,
            "embedder": run.embedder,
            "k": run.k,
            "unassigned_share": run.unassigned_share,
            "components": run.components,
        },
        "themes": [
            {
                **_theme(store, study, theme, documents, admin=user.can("admin")),
                # key points already computed (in memory); the theme's key points page
                # computes them (never this page: it lists every theme)
                "key_points": key_points_of(
                    request, study.id, {"theme": theme.number}, header, compute=False
                ),
            }
            for theme in found
        ],
        "units": list(UNITS),
        "label_max": LABEL_MAX,
        "can_edit": user.can("coder"),
    }
    return page(request, "themes.html", data)


@router.post("/studies/{sid}/themes/run")
def run(request: Request, sid: Id, user: CurrentUser, form: Form) -> Response:
    study = study_to_change(request, sid, user, "coder", N_("running themes"))
    store = web_state(request).store
    unit = form.get("unit", "statement") or "statement"
    if unit not in UNITS:
        raise BadInput(N_("unit: one of %(choices)s"), choices=", ".join(UNITS))
    k = None
    if form.get("k").strip():
        try:
            k = int(form.get("k"))
        except ValueError:
            raise BadInput(N_("k: expected a whole number")) from None
        if not 2 <= k <= MAX_K:
            raise BadInput(N_("k: from 2 to %(most)s themes"), most=MAX_K)
    try:
        result = study_themes(store, study.id, k=k, embedder=EMBEDDER, unit=unit)
    except IndsigtError as exc:  # not anonymised, too few statements
        raise Conflict(str(exc)) from None
    run_id = save_themes(
        store,
        study.id,
        result,
        unit=unit,
        embedder=EMBEDDER,
        k=k,
        seed=0,
        code=None,
        actor=user.name,
    )
    return done(
        request,
        {"run": run_id, "themes": len(result.themes)},
        to=f"/studies/{sid}/themes",
        status=201,
    )


@router.post("/studies/{sid}/themes/{theme_id}/rename")
def rename(request: Request, sid: Id, theme_id: Id, user: CurrentUser, form: Form) -> Response:
    require(user, "coder", "renaming a theme")
    study, store = _themes_of(request, sid, theme_id)
    try:
        theme = rename_theme(store, study.id, theme_id, form.get("label"), actor=user.name)
    except IndsigtError as exc:  # empty or too long
        raise BadInput(N_("label: %(problem)s"), problem=str(exc)) from None
    return done(request, {"id": theme.id, "label": theme.label}, to=f"/studies/{sid}/themes")


@router.post("/studies/{sid}/themes/{theme_id}/merge")
def merge(request: Request, sid: Id, theme_id: Id, user: CurrentUser, form: Form) -> Response:
    require(user, "coder", "merging themes")
    other = form.integer("other")
    study, store = _themes_of(request, sid, theme_id, other)
    try:
        theme = merge_themes(store, study.id, theme_id, other, actor=user.name)
    except IndsigtError as exc:  # into itself, other run, already merged or promoted
        raise Conflict(str(exc)) from None
    return done(request, {"id": theme.id, "size": theme.size}, to=f"/studies/{sid}/themes")


@router.post("/studies/{sid}/themes/{theme_id}/promote")
def promote(request: Request, sid: Id, theme_id: Id, user: CurrentUser, form: Form) -> Response:
    require(user, "coder", "promoting a theme to a code")
    study, store = _themes_of(request, sid, theme_id)
    path = form.get("path")
    if len(path) > 500:
        raise BadInput(N_("path: at most 500 characters"))
    try:
        code_id = promote_stored_theme(store, study.id, theme_id, path=path, actor=user.name)
    except IndsigtError as exc:  # path exists or empty, already promoted or merged
        raise Conflict(str(exc)) from None
    return done(
        request, {"id": theme_id, "code_id": code_id}, to=f"/studies/{sid}/themes", status=201
    )


def _themes_of(request: Request, sid: int, *theme_ids: int) -> tuple[Study, Store]:
    """The study and its store, once each of ``theme_ids`` is a stored theme of it."""
    study = study_for(request, sid)
    store = web_state(request).store
    for theme_id in theme_ids:
        try:
            get_theme(store, study.id, theme_id)
        except IndsigtError:
            raise NotFound(N_("no theme %(theme_id)s in this study"), theme_id=theme_id) from None
    return study, store


def _theme(
    store: Store,
    study: Study,
    theme: StoredTheme,
    documents: dict[int, tuple[str, bool]],
    *,
    admin: bool,
) -> dict[str, Any]:
    examples = []
    for example in theme_examples(store, study.id, theme.id):
        name, anonymised = documents.get(example.document_id, ("", False))
        withheld = text_withheld(study, anonymised, admin=admin)
        first = example.passage_ids[0]
        examples.append(
            {
                "text": "" if withheld else example.text,
                "text_withheld": withheld,
                "document_id": example.document_id,
                "document": name,
                "passage_id": first,
                "url": f"/studies/{study.id}/documents/{example.document_id}#p{first}",
            }
        )
    return {
        "id": theme.id,
        "number": theme.number,
        "label": theme.label,
        "renamed": theme.renamed,
        "terms": list(theme.terms),
        "size": theme.size,
        "unit": theme.unit,
        "respondents": theme.respondents,
        "status": theme.status,
        "code": theme.code,
        "examples": examples,
    }


def _documents(store: Store, study_id: int, *, admin: bool) -> dict[int, tuple[str, bool]]:
    """Document id → (the name this user may see, whether it is anonymised)."""
    d = schema.document
    with store.connect() as connection:
        rows = connection.execute(
            sa.select(d.c.id, d.c.name, d.c.anonymised_at).where(d.c.study_id == study_id)
        ).all()
    if admin:
        return {row.id: (row.name, row.anonymised_at is not None) for row in rows}
    names = sealing(store, study_id)[0]
    return {
        row.id: (names.get(row.id, f"document {row.id}"), row.anonymised_at is not None)
        for row in rows
    }
