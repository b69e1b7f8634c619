"""Embedding cache in the store's ``embedding`` table, keyed by (model id, SHA-256 of text).

:class:`CachedEmbedder` wraps any cacheable embedder: it looks vectors up, embeds only the
missing texts (each distinct text once, shortest first) in batches (reporting progress), and
writes them back. Embedders that are not cacheable (TF-IDF) pass straight through.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import ClassVar

import numpy as np
import sqlalchemy as sa

from indsigt.embed.base import Embedder, Vectors
from indsigt.progress import Progress, no_progress
from indsigt.store import Store, schema

LOOKUP_CHUNK = 500


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class CachedEmbedder:
    name: ClassVar[str] = "cached"
    cacheable: ClassVar[bool] = True

    def __init__(
        self,
        embedder: Embedder,
        store: Store,
        *,
        batch_size: int = 64,
        progress: Progress = no_progress,
    ) -> None:
        self.embedder = embedder
        self.store = store
        self.batch_size = batch_size
        self.progress = progress
        self.computed = 0
        self.reused = 0

    @property
    def model_id(self) -> str:
        return self.embedder.model_id

    def embed(self, texts: Sequence[str]) -> Vectors:
        if not getattr(self.embedder, "cacheable", False):
            return self.embedder.embed(texts)
        hashes = [text_hash(text) for text in texts]
        found = self._lookup(sorted(set(hashes)))
        missing: dict[str, str] = {}
        for text, digest in zip(texts, hashes, strict=True):
            if digest not in found:
                missing.setdefault(digest, text)
        self.reused += len(set(hashes)) - len(missing)
        # Similar lengths in one batch: less padding for runtimes that pad (e5 on onnx).
        todo = sorted(missing.items(), key=lambda item: len(item[1]))
        for start in range(0, len(todo), self.batch_size):
            self.progress(start, len(todo), f"embedding ({self.model_id})")
            batch = todo[start : start + self.batch_size]
            vectors = self.embedder.embed([text for _, text in batch])
            rows = [
                {
                    "model": self.model_id,
                    "sha256": digest,
                    "dim": int(vector.shape[0]),
                    "vector": np.asarray(vector, dtype=np.float32).tobytes(),
                }
                for (digest, _), vector in zip(batch, vectors, strict=True)
            ]
            with self.store.begin() as connection:
                connection.execute(_insert_ignore(connection), rows)
            for (digest, _), vector in zip(batch, vectors, strict=True):
                found[digest] = np.asarray(vector, dtype=np.float32)
            self.computed += len(batch)
        if todo:
            self.progress(len(todo), len(todo), f"embedding ({self.model_id})")
        if not texts:
            return np.zeros((0, 1), dtype=np.float32)
        return np.vstack([found[digest] for digest in hashes]).astype(np.float32)

    def uncached(self, texts: Sequence[str]) -> int:
        """How many distinct ``texts`` have no stored vector yet (0 for an embedder that is
        not cached): what :meth:`embed` would compute."""
        if not getattr(self.embedder, "cacheable", False):
            return 0
        hashes = sorted({text_hash(text) for text in texts})
        table = schema.embedding
        stored = 0
        with self.store.connect() as connection:
            for start in range(0, len(hashes), LOOKUP_CHUNK):
                stored += (
                    connection.scalar(
                        sa.select(sa.func.count()).where(
                            table.c.model == self.model_id,
                            table.c.sha256.in_(hashes[start : start + LOOKUP_CHUNK]),
                        )
                    )
                    or 0
                )
        return len(hashes) - stored

    def _lookup(self, hashes: list[str]) -> dict[str, Vectors]:
        table = schema.embedding
        found: dict[str, Vectors] = {}
        with self.store.connect() as connection:
            for start in range(0, len(hashes), LOOKUP_CHUNK):
                chunk = hashes[start : start + LOOKUP_CHUNK]
                rows = connection.execute(
                    sa.select(table.c.sha256, table.c.vector).where(
                        table.c.model == self.model_id, table.c.sha256.in_(chunk)
                    )
                )
                for digest, blob in rows:
                    found[digest] = np.frombuffer(blob, dtype=np.float32)
        return found


def _insert_ignore(connection: sa.Connection) -> sa.Insert:
    """An INSERT that skips rows another process cached in the meantime."""
    table = schema.embedding
    if connection.dialect.name == "postgresql":
        from sqlalchemy.dialects import postgresql

        return postgresql.insert(table).on_conflict_do_nothing()
    if connection.dialect.name == "sqlite":
        from sqlalchemy.dialects import sqlite

        return sqlite.insert(table).on_conflict_do_nothing()
    return table.insert()  # pragma: no cover - the store supports SQLite and PostgreSQL
