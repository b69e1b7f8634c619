"""Text features for the supervised coder: word and character n-gram TF-IDF, and optionally
embeddings from any :class:`~indsigt.embed.base.Embedder`, side by side in one sparse matrix.

With ``context`` (see :mod:`.context`) each part adds its own block: the question and the
neighbours as word TF-IDF of their own (and the question's embedding with embedding features:
questions are few and short, neighbours many and long), the previous unit's codes as
indicator columns."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import numpy as np
from scipy import sparse

from indsigt.coding.context import Unit, as_unit, check_parts
from indsigt.embed.base import Embedder

FEATURES = ("word", "char", "embedding")
_DIGITS = re.compile(r"\d+")
_REPEATS = re.compile(r"([^\w\s])\1{2,}")
CONTEXT_WEIGHTS = {"question": 0.5, "neighbours": 0.3, "previous": 0.5}


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
        context: Sequence[str] = (),
        context_weights: dict[str, float] | None = None,
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
        self.context = check_parts(context)
        self.context_weights = {**CONTEXT_WEIGHTS, **(context_weights or {})}
        self._context_vectorizers: dict[str, Any] = {}
        self._previous: dict[str, int] = {}
        self._vectorizers: list[tuple[Any, float]] = []
        self._vectors: dict[str, np.ndarray] = {}
        self.word_vocabulary: list[str] = []

    def fit(self, items: Sequence[str | Unit]) -> Features:
        units = [as_unit(item) for item in items]
        texts = [unit.text for unit in units]
        self._fit_context(units)
        self._vectorizers = []
        if "word" in self.kinds:
            word = self._own_text(ngram_range=(1, 2))
            word.fit(texts)
            self.word_vocabulary = list(word.get_feature_names_out())
            self._vectorizers.append((word, self.word_weight))
        if "char" in self.kinds:
            char = self._own_text(analyzer="char_wb", ngram_range=(2, 5))
            char.fit(texts)
            self._vectorizers.append((char, 1.0))
        return self

    def _own_text(self, **grams: Any) -> Any:
        """A TF-IDF vectoriser of the unit's own text; ``grams``: its analyser and n-grams."""
        from sklearn.feature_extraction.text import TfidfVectorizer

        return TfidfVectorizer(
            preprocessor=clean,
            sublinear_tf=True,
            min_df=1,
            max_features=self.max_features,
            dtype=np.float32,
            **grams,
        )

    def _fit_context(self, units: list[Unit]) -> None:
        from sklearn.feature_extraction.text import TfidfVectorizer

        self._context_vectorizers = {}
        for part in ("question", "neighbours"):
            if part not in self.context:
                continue
            texts = [getattr(unit, part) for unit in units]
            if not any(texts):
                continue
            # Digits kept: a guide's question numbers ("E.10") name the question.
            vectorizer = TfidfVectorizer(
                lowercase=True, ngram_range=(1, 2), sublinear_tf=True, dtype=np.float32
            )
            try:
                self._context_vectorizers[part] = vectorizer.fit(texts)
            except ValueError:  # no words at all (empty vocabulary): nothing to learn
                continue
        codes = sorted({code for unit in units for code in unit.previous_codes})
        self._previous = {code: k for k, code in enumerate(codes)}

    def _context_parts(self, units: list[Unit]) -> list[Any]:
        parts: list[Any] = []
        for part, vectorizer in self._context_vectorizers.items():
            texts = [getattr(unit, part) for unit in units]
            weight = self.context_weights[part]
            parts.append(vectorizer.transform(texts) * weight)
            if "embedding" in self.kinds and part == "question":
                vectors = self.embeddings([t for t in texts if t]) if any(texts) else None
                dense = np.zeros((len(texts), self._width()), dtype=np.float32)
                if vectors is not None:
                    dense[[k for k, t in enumerate(texts) if t]] = vectors
                parts.append(sparse.csr_matrix(dense * weight * self.embedding_weight))
        if "previous" in self.context:
            rows, columns = [], []
            for row, unit in enumerate(units):
                for code in unit.previous_codes:
                    if code in self._previous:
                        rows.append(row)
                        columns.append(self._previous[code])
            values = np.full(len(rows), self.context_weights["previous"], dtype=np.float32)
            shape = (len(units), max(1, len(self._previous)))
            parts.append(sparse.csr_matrix((values, (rows, columns)), shape=shape))
        return parts

    def _width(self) -> int:
        if self._vectors:
            return int(next(iter(self._vectors.values())).shape[0])
        assert self.embedder is not None
        return int(self.embedder.embed(["x"])[0].shape[0])

    def embeddings(self, texts: Sequence[str]) -> np.ndarray:
        """Embeddings of ``texts``, computed once per distinct text for this object."""
        assert self.embedder is not None
        missing = sorted({text for text in texts if text not in self._vectors})
        if missing:
            vectors = self.embedder.embed(missing)
            self._vectors.update(zip(missing, vectors, strict=True))
        return np.vstack([self._vectors[text] for text in texts])

    def transform(self, items: Sequence[str | Unit]) -> sparse.csr_matrix:
        units = [as_unit(item) for item in items]
        texts = [unit.text for unit in units]
        parts: list[Any] = [
            vectorizer.transform(texts) * weight for vectorizer, weight in self._vectorizers
        ]
        if "embedding" in self.kinds and texts:
            parts.append(sparse.csr_matrix(self.embeddings(texts) * self.embedding_weight))
        if texts:
            parts += self._context_parts(units)
        if not parts:
            return sparse.csr_matrix((len(texts), 0), dtype=np.float32)
        return sparse.hstack(parts, format="csr", dtype=np.float32)

    def embedding_block(self, matrix: Any) -> np.ndarray:
        """The text's own embedding columns of a :meth:`transform` matrix (dense, unweighted)."""
        if "embedding" not in self.kinds:
            raise ValueError("these features have no embeddings")
        start = sum(len(vectorizer.vocabulary_) for vectorizer, _ in self._vectorizers)
        block = matrix[:, start : start + self._width()]
        dense = block.toarray() if sparse.issparse(block) else np.asarray(block)
        return np.asarray(dense / self.embedding_weight if self.embedding_weight else dense)

    def word_count(self) -> int:
        return len(self.word_vocabulary)
