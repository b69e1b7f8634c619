"""The embedder family: texts in, one L2-normalised float32 row per text out.

``model_id`` names the model and its version; the store caches vectors by (model id, SHA-256
of the text) for embedders whose vectors depend on the text alone (``cacheable``). The TF-IDF
embedder learns its vocabulary from the texts it is fitted on, so it is not cached.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar, Protocol, runtime_checkable

import numpy as np
from numpy.typing import NDArray

Vectors = NDArray[np.float32]


@runtime_checkable
class Embedder(Protocol):
    name: ClassVar[str]
    cacheable: ClassVar[bool]

    @property
    def model_id(self) -> str: ...

    def embed(self, texts: Sequence[str]) -> Vectors: ...


def normalise(vectors: NDArray[np.floating]) -> Vectors:
    """Rows scaled to unit length (zero rows stay zero), as float32."""
    matrix = np.asarray(vectors, dtype=np.float32)
    if matrix.ndim != 2:
        matrix = matrix.reshape(len(matrix), -1)
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    normalised: Vectors = (matrix / norms).astype(np.float32)
    return normalised
