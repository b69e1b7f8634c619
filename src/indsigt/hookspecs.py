"""The plugin hooks. Built-in components register through these same hooks (plugins.py)."""

from __future__ import annotations

from typing import Any

import pluggy

hookspec = pluggy.HookspecMarker("indsigt")
hookimpl = pluggy.HookimplMarker("indsigt")


@hookspec
def indsigt_importers() -> list[Any]:  # type: ignore[empty-body]
    """Return importer classes (see ``indsigt.ingest.base.Importer``)."""


@hookspec
def indsigt_segmenters() -> dict[str, Any]:  # type: ignore[empty-body]
    """Return ``{unit name: segmenter class}`` (see ``indsigt.segment.base.Segmenter``)."""


@hookspec
def indsigt_coders() -> dict[str, Any]:  # type: ignore[empty-body]
    """Return ``{versioned name: coder class}`` (see ``indsigt.coding.base.Coder``), e.g.
    ``{"keyword.v1": KeywordCoder}``."""


@hookspec
def indsigt_embedders() -> dict[str, Any]:  # type: ignore[empty-body]
    """Return ``{name: embedder class}`` (see ``indsigt.embed.base.Embedder``)."""
