"""Text features for the supervised coder: word and character n-gram TF-IDF, and optionally
embeddings from any :class:`~indsigt.embed.base.Embedder`, side by side in one sparse matrix."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import numpy as np
from scipy import sparse

from indsigt.embed.base import Embedder

FEATURES = ("word", "char", "embedding")
_DIGITS = re.compile(r"\d+")
_REPEATS = re.compile(r"([^\w\s])\1{2,}")


def clean(text: str) -> str:
    """Lower case, every number as ``0``, runs of dots or dashes shortened (tables of
    contents and agenda numbering carry no topic)."""
    return _REPEATS.sub(r"\1", _DIGITS.sub("0", text.lower()))


class Features:
    """Fit on training texts, then turn any texts into one feature matrix (CSR, float32)."""

    def __init__(
        self,
        *,
        kinds: Sequence[str] = ("word", "char"),
        embedder: Embedder | None = None,
        embedding_weight: float = 1.0,
        word_weight: float = 0.5,
        max_features: int = 300_000,
    ) -> None:
        unknown = set(kinds) - set(FEATURES)
        if unknown:
            raise ValueError(f"unknown feature kinds {sorted(unknown)} (use {FEATURES})")
        if "embedding" in kinds and embedder is None:
            raise ValueError("embedding features need an embedder")
        self.kinds = tuple(kinds)
        self.embedder = embedder
        self.embedding_weight = embedding_weight
        self.word_weight = word_weight
        self.max_features = max_features
        self._vectorizers: list[tuple[Any, float]] = []
        self._vectors: dict[str, np.ndarray] = {}
        self.word_vocabulary: list[str] = []

    def fit(self, texts: Sequence[str]) -> Features:
        from sklearn.feature_extraction.text import TfidfVectorizer

        self._vectorizers = []
        if "word" in self.kinds:
            word = TfidfVectorizer(
                preprocessor=clean,
                ngram_range=(1, 2),
                sublinear_tf=True,
                min_df=1,
                max_features=self.max_features,
                dtype=np.float32,
            )
            word.fit(texts)
            self.word_vocabulary = list(word.get_feature_names_out())
            self._vectorizers.append((word, self.word_weight))
        if "char" in self.kinds:
            char = TfidfVectorizer(
                preprocessor=clean,
                analyzer="char_wb",
                ngram_range=(2, 5),
                sublinear_tf=True,
                min_df=1,
                max_features=self.max_features,
                dtype=np.float32,
            )
            char.fit(texts)
            self._vectorizers.append((char, 1.0))
        return self

    def embeddings(self, texts: Sequence[str]) -> np.ndarray:
        """Embeddings of ``texts``, computed once per distinct text for this object."""
        assert self.embedder is not None
        missing = sorted({text for text in texts if text not in self._vectors})
        if missing:
            vectors = self.embedder.embed(missing)
            self._vectors.update(zip(missing, vectors, strict=True))
        return np.vstack([self._vectors[text] for text in texts])

    def transform(self, texts: Sequence[str]) -> sparse.csr_matrix:
        texts = list(texts)
        parts: list[Any] = [
            vectorizer.transform(texts) * weight for vectorizer, weight in self._vectorizers
        ]
        if "embedding" in self.kinds and texts:
            parts.append(sparse.csr_matrix(self.embeddings(texts) * self.embedding_weight))
        if not parts:
            return sparse.csr_matrix((len(texts), 0), dtype=np.float32)
        return sparse.hstack(parts, format="csr", dtype=np.float32)

    def word_count(self) -> int:
        return len(self.word_vocabulary)
