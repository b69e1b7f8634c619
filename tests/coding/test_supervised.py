"""supervised.v1 and its learner: calibrated scores, thresholds, learning from accepted human
codings, and uncertainty sampling."""

from __future__ import annotations

import csv

import numpy as np
import pytest

import indsigt
from conftest import shared
from indsigt.coding.learner import Learner, best_threshold


def test_best_threshold() -> None:
    scores = np.array([0.9, 0.8, 0.7, 0.3, 0.2])
    truth = np.array([1, 1, 0, 1, 0])
    threshold, f1 = best_threshold(scores, truth)
    assert threshold == 0.3 and round(f1, 3) == round(2 * 3 / (4 + 3), 3)
    assert best_threshold(scores, np.zeros(5)) == (0.5, 0.0)


def _cap(limit: int) -> tuple[list[str], list[frozenset[str]]]:
    path = shared("dk-municipal-agendas-cap", "training_agendas.csv")
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))[:limit]
    return [r["text"] for r in rows], [frozenset({str(int(r["coding"]) // 100)}) for r in rows]


@pytest.mark.slow  # trains and scores on 600 CAP agendas (real data)
def test_single_label_learns_cap_topics() -> None:
    texts, labels = _cap(600)
    learner = Learner(single_label=True, c_grid=(0.3, 1.0), folds=3)
    learner.fit(texts[:450], labels[:450])
    scores = learner.probabilities(texts[450:])
    assert np.allclose(scores.sum(axis=1), 1.0)
    predicted = learner.decide(scores)
    accuracy = np.mean([p == g for p, g in zip(predicted, labels[450:], strict=True)])
    assert accuracy > 0.5  # majority class: about 0.2
    uncertainty = learner.uncertainty(scores)
    assert ((uncertainty >= 0) & (uncertainty <= 1)).all()


def test_multi_label_with_groups() -> None:
    texts, _ = _cap(400)
    tags = [frozenset({"plan"}) if "plan" in t.lower() else frozenset() for t in texts]
    groups = [str(k % 8) for k in range(len(texts))]
    learner = Learner(c_grid=(1.0,), folds=3).fit(texts[:300], tags[:300], groups=groups[:300])
    assert learner.labels == ["plan"]
    model = learner.models[0]
    assert 0 < model.threshold < 1 and model.positives == sum(bool(t) for t in tags[:300])
    predicted = learner.predict(texts[300:])
    hits = sum(p == t for p, t in zip(predicted, tags[300:], strict=True))
    assert hits / 100 > 0.9


@pytest.mark.slow
def test_learns_from_accepted_human_codings(sample: indsigt.Project) -> None:
    sample.code(coders=["keyword"])
    documents = sample.documents()[:4]
    accepted = [
        row.id
        for doc in documents
        for row in sample.codings(coder="keyword.v1", document=str(doc.id))
    ]
    sample.review_codings(accept=accepted, user="anna")
    report = sample.code(coders=["supervised"])
    assert "learnt" in report.notes[0] and "4 document(s)" in report.notes[0]
    rows = sample.codings(coder="supervised.v1")
    assert rows
    training = {doc.name for doc in documents}
    assert not {r.document for r in rows} & training  # only documents nobody coded
    evidence = rows[0].evidence
    assert {"threshold", "trained_on", "positives"} <= set(evidence)
    proposals = sample.passages_to_code(limit=5)
    assert len(proposals) == 5
    assert [p.uncertainty for p in proposals] == sorted(
        (p.uncertainty for p in proposals), reverse=True
    )
    training_ids = {doc.id for doc in documents}
    assert not {p.document_id for p in proposals} & training_ids


def test_before_anyone_coded(sample: indsigt.Project) -> None:
    proposals = sample.passages_to_code(limit=6)
    assert len({p.document_id for p in proposals}) == 6  # spread over documents
    import pytest

    from indsigt.errors import IndsigtError

    with pytest.raises(IndsigtError, match="accepted human codings"):
        sample.code(coders=["supervised"])
