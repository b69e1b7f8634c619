"""The coder's default context: question and neighbours, not the previous unit's codes
(issue 20, stop 25: cross-validation on GENNOVATE and leave-one-document-out on pdpilot)."""

from __future__ import annotations

import pytest

import indsigt
from indsigt.coding.context import DEFAULT_PARTS
from indsigt.eval.gold import GoldUnit
from indsigt.eval.units import default_parts


def test_the_eval_leaves_previous_codes_out_unless_asked() -> None:
    gold = [
        GoldUnit("1", "a", "d", frozenset({"x"}), question="q", neighbours="n"),
        GoldUnit("2", "b", "d", frozenset(), question="q", neighbours="n", previous="1"),
    ]
    assert default_parts(gold) == ("question", "neighbours") == DEFAULT_PARTS
    assert default_parts([GoldUnit("1", "a", "1", frozenset(), previous="0")]) == ()
    assert default_parts([GoldUnit("1", "a", "1", frozenset(), question="q")]) == ("question",)


@pytest.mark.slow  # codes the sample study twice
def test_the_study_coder_reads_question_and_neighbours(sample: indsigt.Project) -> None:
    from indsigt.coding.run import build_coder
    from indsigt.coding.settings import CoderSettings
    from indsigt.progress import no_progress

    sample.code(coders=["keyword"])
    documents = sample.documents()[:3]
    accepted = [
        row.id
        for doc in documents
        for row in sample.codings(coder="keyword.v1", document=str(doc.id))
    ]
    sample.review_codings(accept=accepted, user="anna")
    coder, _ = build_coder(
        "supervised.v1", sample.store, sample.study.id, CoderSettings(), no_progress, context=True
    )
    assert coder.learner.context == ("question", "neighbours")  # type: ignore[attr-defined]
    # The study's coder is the one `eval coding --embedder e5` measures: e5 beside TF-IDF
    # (it had TF-IDF alone: GENNOVATE held out 0.390 / 0.371 macro / κ against 0.403 / 0.387).
    assert "embedding" in coder.learner.feature_kinds  # type: ignore[attr-defined]
    plain, _ = build_coder(
        "supervised.v1",
        sample.store,
        sample.study.id,
        CoderSettings(embedder="tfidf"),
        no_progress,
        context=True,
    )
    assert "embedding" not in plain.learner.feature_kinds  # type: ignore[attr-defined]
    batch, _ = build_coder(
        "supervised.v1", sample.store, sample.study.id, CoderSettings(), no_progress
    )
    assert "embedding" not in batch.learner.feature_kinds  # type: ignore[attr-defined]
