"""The single-label learner's blend of an embedding-only logistic regression, its weight chosen
by out-of-fold accuracy (issue 20: CAP)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

import numpy as np
import pytest

from indsigt.coding.features import Features
from indsigt.coding.learner import Learner


class _Vectors:
    """Embeddings that carry each text's class (the words carry none)."""

    name: ClassVar[str] = "test-vectors"
    cacheable: ClassVar[bool] = False
    model_id = "test-vectors"

    def __init__(self, vectors: dict[str, np.ndarray]) -> None:
        self.vectors = vectors

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        return np.vstack([self.vectors[t] for t in texts])


def _data(size: int = 90) -> tuple[list[str], list[frozenset[str]], _Vectors]:
    rng = np.random.default_rng(0)
    texts, labels, vectors = [], [], {}
    for k in range(size):
        cls = k % 3
        text = " ".join(f"w{rng.integers(10_000)}" for _ in range(4))
        vector = np.eye(3)[cls] * 2 + rng.normal(0, 0.4, 3)
        texts.append(text)
        labels.append(frozenset({"abc"[cls]}))
        vectors[text] = vector / np.linalg.norm(vector)
    return texts, labels, _Vectors(vectors)


def _accuracy(learner: Learner, texts: list[str], labels: list[frozenset[str]]) -> float:
    predicted = learner.predict(texts)
    return float(np.mean([p == g for p, g in zip(predicted, labels, strict=True)]))


@pytest.mark.slow  # two single-label fits with 3-fold cross-validation
def test_the_embedding_blend_is_weighed_by_cross_validation() -> None:
    texts, labels, vectors = _data()
    settings = {
        "features": ("word", "char", "embedding"),
        "embedder": vectors,
        "embedding_weight": 0.02,  # the joint classifier barely sees the embeddings
        "single_label": True,
        "c_grid": (1.0,),
        "folds": 3,
        "n_jobs": 1,
    }
    blended = Learner(**settings).fit(texts[:60], labels[:60])  # type: ignore[arg-type]
    assert blended.blend > 0 and set(blended.blend_accuracy) == {0.0, 0.25, 0.5, 0.75}
    assert blended.blend_accuracy[blended.blend] >= blended.blend_accuracy[0.0]
    scores = blended.probabilities(texts[60:])
    assert np.allclose(scores.sum(axis=1), 1.0)
    assert _accuracy(blended, texts[60:], labels[60:]) > 0.8

    plain = Learner(**settings, blend_grid=(0.0,)).fit(texts[:60], labels[:60])  # type: ignore[arg-type]
    assert plain.blend == 0.0
    truth = [blended.labels.index(next(iter(g))) for g in labels[60:]]
    rows = np.arange(len(truth))
    plain_scores = plain.probabilities(texts[60:])
    # The blend puts more of its probability on the right class than the joint model alone.
    assert scores[rows, truth].mean() > plain_scores[rows, truth].mean()


def test_no_blend_without_embeddings_and_bad_weights_refused() -> None:
    texts, labels, _ = _data(30)
    learner = Learner(single_label=True, c_grid=(1.0,), folds=3, n_jobs=1).fit(texts, labels)
    assert learner.blend == 0.0
    with pytest.raises(ValueError, match="blend weights"):
        Learner(single_label=True, blend_grid=(1.0,))


def test_embedding_block_is_the_texts_own_vectors() -> None:
    texts, _, vectors = _data(12)
    features = Features(kinds=("word", "char", "embedding"), embedder=vectors, embedding_weight=0.5)
    matrix = features.fit(texts).transform(texts)
    block = features.embedding_block(matrix)
    assert np.allclose(block, vectors.embed(texts), atol=1e-6)
    with pytest.raises(ValueError, match="no embeddings"):
        Features().fit(texts).embedding_block(matrix)
