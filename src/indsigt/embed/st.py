"""An adapter for a local sentence-transformers model directory (optional extra)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any, ClassVar

import numpy as np

from indsigt.embed.base import Vectors, normalise
from indsigt.errors import IndsigtError

INSTALL = "pip install 'indsigt[sentence-transformers]'"


class SentenceTransformerEmbedder:
    """A model the user has on disk (never downloaded: the path must be a directory)."""

    name: ClassVar[str] = "sentence-transformers"
    cacheable: ClassVar[bool] = True

    def __init__(self, path: str | Path, *, batch_size: int = 32, device: str = "cpu") -> None:
        self.path = Path(path)
        if not self.path.is_dir():
            raise IndsigtError(f"{self.path}: not a sentence-transformers model directory")
        self.batch_size = batch_size
        self.device = device
        self._model: Any = None

    @property
    def model_id(self) -> str:
        return f"sentence-transformers:{self.path.resolve().name}"

    def _load(self) -> Any:
        if self._model is None:
            try:
                from sentence_transformers import SentenceTransformer
            except ImportError as exc:
                raise IndsigtError(
                    f"the sentence-transformers embedder needs its library: {INSTALL}"
                ) from exc
            self._model = SentenceTransformer(
                str(self.path), device=self.device, local_files_only=True
            )
        return self._model

    def embed(self, texts: Sequence[str]) -> Vectors:
        if not texts:
            return np.zeros((0, 1), dtype=np.float32)
        vectors = self._load().encode(
            list(texts), batch_size=self.batch_size, show_progress_bar=False
        )
        return normalise(np.asarray(vectors, dtype=np.float32))
