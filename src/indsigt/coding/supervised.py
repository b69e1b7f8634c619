"""``supervised.v1``: learns the codebook from accepted human codings and suggests codes for
the passages no person has coded (see :mod:`.learner` for the model).

Train it with :meth:`SupervisedCoder.fit` on passages and their code paths (an empty set = a
passage a person read and left uncoded), or from the store with
:func:`indsigt.coding.training.training_set`. :meth:`SupervisedCoder.to_review` orders
uncoded passages by how uncertain the model is about them: coding those next improves it
fastest.

With ``context`` (parts of :data:`~indsigt.coding.context.PARTS`) the coder also sees each
passage's question, neighbours and previous codes: pass ``units`` (from
:func:`indsigt.coding.training.passage_units`) to :meth:`fit` and :meth:`code`; in
:meth:`code` the codes of a previous passage no person coded are the coder's own, from a first
pass without them.

Where the codebook crosses topics with one set of stances (``facet``, read from the study's
codebook by :meth:`SupervisedCoder.from_settings`), such codes are also scored as P(topic) ×
P(stance) and never suggested without their topic's support (:mod:`.factorised`).

In a study run (``indsigt code``) the run's embedder (e5 by default) adds embedding features
beside TF-IDF, as ``indsigt eval coding --embedder e5`` measures it; batch partitions keep
TF-IDF alone.

Passages always reach the learner with their order (document, ``seq``), so it may smooth a
code's score over the passages around one in the same document (:mod:`.smoothing`; chosen on
its inner cross-validation, off where it does not help there). Coding runs in batches of whole
documents where the passages come grouped by document, so smoothing sees all of one document.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import replace
from typing import Any, ClassVar

import numpy as np

from indsigt.codebook.model import Codebook
from indsigt.coding.base import suggestion
from indsigt.coding.context import Unit, ordered
from indsigt.coding.facets import Facet
from indsigt.coding.learner import Learner
from indsigt.coding.settings import CoderSettings, CoderStudy
from indsigt.coding.smoothing import order_of
from indsigt.embed.base import Embedder
from indsigt.progress import Progress, no_progress
from indsigt.records import Coding, Passage

BATCH = 5000


def batches(documents: Sequence[int], size: int) -> list[tuple[int, int]]:
    """(start, end) slices of about ``size`` items that do not split a run of one document."""
    out = []
    start = 0
    while start < len(documents):
        end = min(start + size, len(documents))
        while end < len(documents) and documents[end] == documents[end - 1]:
            end += 1
        out.append((start, end))
        start = end
    return out


Contexts = Callable[[Sequence[Passage]], tuple[list[Unit], list[int | None]]]


def _study_embedder(settings: CoderSettings, study: CoderStudy) -> Embedder | None:
    """The run's embedder as features beside TF-IDF, as ``indsigt eval coding --embedder e5``
    measures the coder (GENNOVATE held out: micro / macro / κ 0.535 / 0.403 / 0.387 with e5,
    0.499 / 0.390 / 0.371 without, docs/benchmarks.md); its vectors are cached in the study,
    so passages the similarity coder embedded cost nothing. Only an embedder whose vectors
    depend on the text alone (``cacheable``: not TF-IDF, whose dimensions are those of the
    texts it is fitted on), and not in batch partitions (no context there: a million answers
    embedded per run)."""
    if settings.embedder == "none":
        return None
    embedder = study.embedder(settings)
    return embedder if embedder.cacheable else None


class SupervisedCoder:
    name: ClassVar[str] = "supervised.v1"
    per_partition: ClassVar[bool] = True  # runs in batch jobs (see coding.base)

    @classmethod
    def from_settings(cls, settings: CoderSettings, *, study: CoderStudy) -> SupervisedCoder:
        """Trained on the study's accepted human codings (refused when there are none); with
        ``study.context`` each passage's question and neighbours too (:data:`DEFAULT_PARTS`);
        where the study's codebook crosses topics with stances, factorised (:mod:`.facets`)."""
        from indsigt.codebook.repository import load_codebook
        from indsigt.coding.context import DEFAULT_PARTS
        from indsigt.coding.facets import codebook_facet
        from indsigt.coding.training import passage_units, training_set
        from indsigt.errors import IndsigtError

        store, study_id = study.store, study.study_id
        data = training_set(store, study_id)
        if not data.human_codings:
            raise IndsigtError(
                "the supervised coder learns from accepted human codings, and this study has "
                "none yet; code some passages (or accept suggestions) first"
            )
        known = {p.id: codes for p, codes in zip(data.passages, data.codes, strict=True)}

        def contexts(passages: Sequence[Passage]) -> tuple[list[Unit], list[int | None]]:
            return passage_units(store, study_id, passages, known)

        facet = codebook_facet(load_codebook(store, study_id))
        coder = (
            cls(
                context=DEFAULT_PARTS,
                contexts=contexts,
                facet=facet,
                embedder=_study_embedder(settings, study),
            )
            if study.context
            else cls(facet=facet)
        )
        try:
            units = contexts(data.passages)[0] if study.context else None
            coder.fit(data.passages, data.codes, groups=data.groups, units=units)
        except ValueError as exc:
            raise IndsigtError(f"the supervised coder cannot learn yet: {exc}") from exc
        study.notes.append(
            f"supervised.v1 learnt {len(coder.learner.labels)} code(s) from "
            f"{data.human_codings} human coding(s) in {len(set(data.groups))} document(s)"
        )
        return coder

    def __init__(
        self,
        *,
        embedder: Embedder | None = None,
        features: Sequence[str] | None = None,
        classifier: str = "svm",
        folds: int = 5,
        seed: int = 0,
        min_positives: int = 2,
        context: Sequence[str] = (),
        contexts: Contexts | None = None,
        facet: Facet | None = None,
    ) -> None:
        kinds = features or (("word", "char", "embedding") if embedder else ("word", "char"))
        self.learner = Learner(
            features=kinds,
            embedder=embedder,
            classifier=classifier,
            folds=folds,
            seed=seed,
            min_positives=min_positives,
            context=context,
            facet=facet,
        )
        self.exclude: set[int] = set()
        self.contexts = contexts  # passages → their units and predecessors (when not given)

    @property
    def fitted(self) -> bool:
        return bool(self.learner.models)

    def fit(
        self,
        passages: Sequence[Passage],
        codes: Sequence[Collection[str]],
        *,
        groups: Sequence[str] | None = None,
        units: Sequence[Unit] | None = None,
    ) -> SupervisedCoder:
        """Learn from passages and their code paths; those passages are not coded later."""
        self.learner.fit(units or ordered(passages), codes, groups=groups)
        self.exclude = {p.id for p in passages}
        return self

    def code(
        self,
        passages: Sequence[Passage],
        codebook: Codebook,
        *,
        progress: Progress = no_progress,
        units: Sequence[Unit] | None = None,
        previous: Sequence[int | None] | None = None,
    ) -> list[Coding]:
        """Suggestions for ``passages`` (``units``/``previous``: their context, as
        :func:`~indsigt.coding.training.passage_units` gives them)."""
        if not self.fitted:
            raise ValueError("the supervised coder must be fitted first")
        if units is None and self.contexts is not None and self.learner.context:
            units, previous = self.contexts(passages)
        learner = self.learner
        targets = {j: codebook.get(label) for j, label in enumerate(learner.labels)}
        keep = [k for k, p in enumerate(passages) if p.id not in self.exclude]
        todo = [passages[k] for k in keep]
        items: list[str | Unit] = list(ordered(todo))
        if units is not None:
            items = list(self._in_order(units, previous, keep))
        thresholds = np.array([m.threshold for m in learner.models])
        out: list[Coding] = []
        for start, end in batches([p.document_id for p in todo], BATCH):
            progress(start, len(todo), self.name)
            batch = todo[start:end]
            matrix = learner.matrix(items[start:end]).tocsr()
            scores = learner.probabilities([], matrix=matrix, order=order_of(items[start:end]))
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

    def _in_order(
        self, units: Sequence[Unit], previous: Sequence[int | None] | None, keep: list[int]
    ) -> list[Unit]:
        """The kept units, previous codes filled in from a first pass where the machine
        decides them."""
        chosen = [units[k] for k in keep]
        if previous is None or all(k is None for k in previous):
            return chosen
        decided = self.learner.predict(list(units))
        out = []
        for k, unit in zip(keep, chosen, strict=True):
            before = previous[k]
            out.append(unit if before is None else replace(unit, previous_codes=decided[before]))
        return out

    def to_review(self, passages: Sequence[Passage], *, limit: int = 20) -> list[dict[str, Any]]:
        """The ``limit`` passages the model is least sure about (not those it learnt from)."""
        todo = [p for p in passages if p.id not in self.exclude]
        if not todo or not self.fitted:
            return []
        scores = self.learner.probabilities(ordered(todo))
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
