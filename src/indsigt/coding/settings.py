"""What a coder is built from (``Coder.from_settings``): the run's settings and the study."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from indsigt.embed import CachedEmbedder, Embedder, get_embedder
from indsigt.progress import Progress, no_progress
from indsigt.store import Store


@dataclass
class CoderSettings:
    """What coders need besides passages and a codebook: the embedder, the LLM endpoint, the
    study's languages (set from its documents by ``code_study``)."""

    embedder: str = "e5"
    llm_url: str | None = None
    llm_model: str | None = None
    allow_remote: bool = False
    llm_cache: str | Path | None = None
    language: str = "da"
    languages: tuple[str, ...] = ("da", "no", "sv", "en")
    _embedder: Embedder | None = None

    def get_embedder(self, store: Store, progress: Progress) -> Embedder:
        if self._embedder is None:
            embedder = get_embedder(self.embedder)
            # Only vectors that depend on the text alone are cached (not TF-IDF's).
            self._embedder = (
                CachedEmbedder(embedder, store, progress=progress)
                if embedder.cacheable
                else embedder
            )
        return self._embedder


@dataclass(frozen=True)
class CoderStudy:
    """The study a coder is built for. ``context``: the coder may read each passage's
    question, neighbours and previous codes from this store (the study's own passages; batch
    partitions are coded before they are stored). A coder adds what the user should know
    about how it was built to ``notes``."""

    store: Store
    study_id: int
    progress: Progress = no_progress
    context: bool = False
    notes: list[str] = field(default_factory=list)

    def embedder(self, settings: CoderSettings) -> Embedder:
        """The run's embedder (one per run, its vectors cached in the store)."""
        return settings.get_embedder(self.store, self.progress)


def default_cache() -> Path:
    """``$XDG_CACHE_HOME/indsigt`` (``~/.cache/indsigt``): on this machine only."""
    return Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "indsigt"
