"""``supervised.v1``: learns the codebook from accepted human codings and suggests codes for
the passages no person has coded (see :mod:`.learner` for the model).

Train it with :meth:`SupervisedCoder.fit` on passages and their code paths (an empty set = a
passage a person read and left uncoded), or from the store with
:func:`indsigt.coding.training.training_set`. :meth:`SupervisedCoder.to_review` orders
uncoded passages by how uncertain the model is about them: coding those next improves it
fastest.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Any, ClassVar

import numpy as np

from indsigt.codebook.model import Codebook
from indsigt.coding.base import suggestion
from indsigt.coding.learner import Learner
from indsigt.embed.base import Embedder
from indsigt.progress import Progress, no_progress
from indsigt.records import Coding, Passage

BATCH = 5000


class SupervisedCoder:
    name: ClassVar[str] = "supervised.v1"

    def __init__(
        self,
        *,
        embedder: Embedder | None = None,
        features: Sequence[str] | None = None,
        classifier: str = "svm",
        folds: int = 5,
        seed: int = 0,
        min_positives: int = 2,
    ) -> None:
        kinds = features or (("word", "char", "embedding") if embedder else ("word", "char"))
        self.learner = Learner(
            features=kinds,
            embedder=embedder,
            classifier=classifier,
            folds=folds,
            seed=seed,
            min_positives=min_positives,
        )
        self.exclude: set[int] = set()

    @property
    def fitted(self) -> bool:
        return bool(self.learner.models)

    def fit(
        self,
        passages: Sequence[Passage],
        codes: Sequence[Collection[str]],
        *,
        groups: Sequence[str] | None = None,
    ) -> SupervisedCoder:
        """Learn from passages and their code paths; those passages are not coded later."""
        self.learner.fit([p.text for p in passages], codes, groups=groups)
        self.exclude = {p.id for p in passages}
        return self

    def code(
        self,
        passages: Sequence[Passage],
        codebook: Codebook,
        *,
        progress: Progress = no_progress,
    ) -> list[Coding]:
        if not self.fitted:
            raise ValueError("the supervised coder must be fitted first")
        learner = self.learner
        targets = {j: codebook.get(label) for j, label in enumerate(learner.labels)}
        todo = [p for p in passages if p.id not in self.exclude]
        thresholds = np.array([m.threshold for m in learner.models])
        out: list[Coding] = []
        for start in range(0, len(todo), BATCH):
            progress(start, len(todo), self.name)
            batch = todo[start : start + BATCH]
            matrix = learner.matrix([p.text for p in batch]).tocsr()
            scores = learner.probabilities([], matrix=matrix)
            for row, passage in enumerate(batch):
                for j in np.flatnonzero(scores[row] >= thresholds):
                    code = targets[int(j)]
                    if code is None:
                        continue
                    model = learner.models[int(j)]
                    evidence: dict[str, Any] = {
                        "threshold": round(model.threshold, 4),
                        "trained_on": learner.trained_on,
                        "positives": model.positives,
                    }
                    terms = learner.terms_at(matrix, row, int(j))
                    if terms:
                        evidence["terms"] = terms
                    out.append(suggestion(passage, code, self.name, scores[row, j], evidence))
        progress(len(todo), len(todo), self.name)
        return out

    def to_review(self, passages: Sequence[Passage], *, limit: int = 20) -> list[dict[str, Any]]:
        """The ``limit`` passages the model is least sure about (not those it learnt from)."""
        todo = [p for p in passages if p.id not in self.exclude]
        if not todo or not self.fitted:
            return []
        scores = self.learner.probabilities([p.text for p in todo])
        uncertainty = self.learner.uncertainty(scores)
        order = np.argsort(-uncertainty, kind="stable")[:limit]
        return [
            {
                "passage_id": todo[k].id,
                "document_id": todo[k].document_id,
                "uncertainty": round(float(uncertainty[k]), 4),
                "likely": [
                    self.learner.labels[j]
                    for j in np.argsort(-scores[k])[:3]
                    if scores[k, j] > 0.05
                ],
                "text": todo[k].text,
            }
            for k in order
        ]
