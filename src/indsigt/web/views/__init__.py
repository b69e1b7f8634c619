"""One module per page; each has a ``router``. A view builds one context and hands it to
:func:`indsigt.web.render.page`, which renders it as HTML or JSON."""

from __future__ import annotations

from importlib import import_module

from fastapi import APIRouter

PAGES = (
    "login",
    "language",
    "studies",
    "documents",
    "document",
    "codings",
    "queue",
    "codebookfiles",  # before the codebook: /codebook/import is no code
    "codebook",
    "findings",
    "reliability",
    "segments",
    "themes",
    "keypoints",
    "reports",
    "matrix",
    "upload",
    "settings",
    "events",
    "retrieval",
    "search",
    "cooccurrence",
    "memos",
    "jobs",
)


def routers() -> list[APIRouter]:
    return [import_module(f"indsigt.web.views.{name}").router for name in PAGES]
