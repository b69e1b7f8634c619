"""The always-available embedder: character n-gram TF-IDF, reduced to dense vectors (LSA).

Character n-grams (2–5, within word boundaries) work for Danish, Norwegian and Swedish
compounds without a stemmer. The vocabulary is learnt from the texts it is fitted on (the
study's passages and the codebook), so vectors from two fits are not comparable and are never
cached; ``fit`` once, then ``embed``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import Any, ClassVar

import numpy as np

from indsigt.embed.base import Vectors, normalise


class TfidfEmbedder:
    name: ClassVar[str] = "tfidf"
    cacheable: ClassVar[bool] = False

    def __init__(self, *, dim: int = 128, seed: int = 0, max_features: int = 200_000) -> None:
        self.dim = dim
        self.seed = seed
        self.max_features = max_features
        self._vectorizer: Any = None
        self._svd: Any = None
        self._fingerprint = ""

    @property
    def model_id(self) -> str:
        return f"tfidf-char-2-5-lsa{self.dim}.v1:{self._fingerprint or 'unfitted'}"

    def fit(self, texts: Sequence[str]) -> TfidfEmbedder:
        from sklearn.decomposition import TruncatedSVD
        from sklearn.feature_extraction.text import TfidfVectorizer

        corpus = [text for text in texts if text.strip()] or ["."]
        self._vectorizer = TfidfVectorizer(
            analyzer="char_wb",
            ngram_range=(2, 5),
            sublinear_tf=True,
            lowercase=True,
            max_features=self.max_features,
            dtype=np.float32,
        )
        matrix = self._vectorizer.fit_transform(corpus)
        components = min(self.dim, matrix.shape[0] - 1, matrix.shape[1] - 1)
        self._svd = None
        if components >= 2:
            self._svd = TruncatedSVD(components, random_state=self.seed, algorithm="randomized")
            self._svd.fit(matrix)
        digest = hashlib.sha256("\x1f".join(corpus).encode("utf-8")).hexdigest()
        self._fingerprint = digest[:12]
        return self

    def embed(self, texts: Sequence[str]) -> Vectors:
        if self._vectorizer is None:
            self.fit(texts)
        if not texts:
            return np.zeros((0, self.width), dtype=np.float32)
        matrix = self._vectorizer.transform(list(texts))
        if self._svd is None:
            return normalise(matrix.toarray())
        return normalise(self._svd.transform(matrix))

    @property
    def width(self) -> int:
        if self._svd is not None:
            return int(self._svd.n_components)
        return len(self._vectorizer.vocabulary_) if self._vectorizer is not None else self.dim
