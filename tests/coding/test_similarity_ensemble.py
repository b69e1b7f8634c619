"""similarity.v1 (with the TF-IDF embedder) and ensemble.v1 on the sample study."""

from __future__ import annotations

import pytest

import indsigt
from indsigt.coding import EnsembleCoder, KeywordCoder, NullCoder, SimilarityCoder
from indsigt.embed import TfidfEmbedder


@pytest.mark.slow
def test_similarity(sample: indsigt.Project) -> None:
    passages = sample.passages()
    codebook = sample.codebook()
    codings = SimilarityCoder(TfidfEmbedder()).code(passages, codebook)
    assert codings
    leaves = {c.id for c in codebook.leaves()}
    texts = {p.id: p.text for p in passages}
    for coding in codings:
        assert coding.code_id in leaves and coding.coder == "similarity.v1"
        assert 0 < (coding.score or 0) < 1 and coding.evidence["z"] >= 2.0
        assert len(texts[coding.passage_id].split()) >= 5
    assert len({c.passage_id for c in codings}) < len(passages) / 2


def test_null_coder(sample: indsigt.Project) -> None:
    assert NullCoder().code(sample.passages(), sample.codebook()) == []


@pytest.mark.slow  # tunes ensemble thresholds on 800 sample passages
def test_ensemble_and_thresholds(sample: indsigt.Project) -> None:
    passages = sample.passages()[:800]
    codebook = sample.codebook()
    keyword = KeywordCoder(languages=["da"])
    ensemble = EnsembleCoder([keyword, SimilarityCoder(TfidfEmbedder())], threshold=0.2)
    combined = ensemble.code(passages, codebook)
    assert combined and all(c.coder == "ensemble.v1" for c in combined)
    assert all(set(c.evidence["members"]) <= {"keyword.v1", "similarity.v1"} for c in combined)
    paths = {c.id: c.path for c in codebook}
    truth: dict[int, set[str]] = {p.id: set() for p in passages}
    for coding in keyword.code(passages, codebook):
        truth[coding.passage_id].add(paths[coding.code_id])
    thresholds = ensemble.tune(passages, codebook, truth)
    assert thresholds and all(0 < t <= 1 for t in thresholds.values())
