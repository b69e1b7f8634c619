"""``ensemble.v1``: combines other coders' scores per (passage, code) as a weighted mean (a
member that did not suggest the code counts 0) and keeps those at or above the code's
threshold. :meth:`EnsembleCoder.tune` sets per-code thresholds from passages a person coded.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from typing import ClassVar

from indsigt.codebook.model import Codebook
from indsigt.coding.base import Coder, suggestion
from indsigt.coding.learner import best_threshold
from indsigt.coding.settings import CoderSettings, CoderStudy
from indsigt.progress import Progress, no_progress
from indsigt.records import Coding, Passage


class EnsembleCoder:
    name: ClassVar[str] = "ensemble.v1"
    members: ClassVar[tuple[str, ...]] = ("keyword.v1", "similarity.v1")

    @classmethod
    def from_settings(cls, settings: CoderSettings, *, study: CoderStudy) -> EnsembleCoder:
        """Of ``members`` built for the same run; per-code thresholds tuned on the study's
        human codings when it has any."""
        from indsigt.codebook.repository import load_codebook
        from indsigt.coding.run import build_coder
        from indsigt.coding.training import training_set

        store, study_id = study.store, study.study_id
        members = [
            build_coder(member, store, study_id, settings, study.progress)[0]
            for member in cls.members
        ]
        ensemble = cls(members)
        data = training_set(store, study_id)
        if data.human_codings:
            ensemble.tune(
                data.passages,
                load_codebook(store, study_id),
                {p.id: codes for p, codes in zip(data.passages, data.codes, strict=True)},
            )
            study.notes.append(
                f"ensemble.v1: per-code thresholds from {data.human_codings} codings"
            )
        return ensemble

    def __init__(
        self,
        coders: Sequence[Coder],
        *,
        weights: Mapping[str, float] | None = None,
        thresholds: Mapping[str, float] | None = None,
        threshold: float = 0.3,
    ) -> None:
        if not coders:
            raise ValueError("an ensemble needs at least one coder")
        self.coders = list(coders)
        self.weights = {c.name: (weights or {}).get(c.name, 1.0) for c in self.coders}
        self.thresholds = dict(thresholds or {})
        self.threshold = threshold

    def scores(
        self, passages: Sequence[Passage], codebook: Codebook, *, progress: Progress = no_progress
    ) -> dict[tuple[int, int], dict[str, float]]:
        """``(passage id, code id) -> {member: score}`` for every suggestion of any member."""
        found: dict[tuple[int, int], dict[str, float]] = {}
        for coder in self.coders:
            for coding in coder.code(passages, codebook, progress=progress):
                key = (coding.passage_id, coding.code_id)
                found.setdefault(key, {})[coder.name] = float(coding.score or 0.0)
        return found

    def combine(self, members: Mapping[str, float]) -> float:
        total = sum(self.weights.values())
        return sum(self.weights[name] * members.get(name, 0.0) for name in self.weights) / total

    def code(
        self,
        passages: Sequence[Passage],
        codebook: Codebook,
        *,
        progress: Progress = no_progress,
    ) -> list[Coding]:
        by_id = {p.id: p for p in passages}
        codes = codebook.by_id()
        out = []
        for (passage_id, code_id), members in sorted(
            self.scores(passages, codebook, progress=progress).items()
        ):
            code = codes[code_id]
            threshold = self.thresholds.get(code.path, self.threshold)
            score = self.combine(members)
            if score >= threshold:
                evidence = {"members": members, "threshold": threshold}
                out.append(suggestion(by_id[passage_id], code, self.name, score, evidence))
        return out

    def tune(
        self,
        passages: Sequence[Passage],
        codebook: Codebook,
        truth: Mapping[int, Collection[str]],
    ) -> dict[str, float]:
        """Per-code thresholds with the best F1 on passages whose codes (paths) are known."""
        import numpy as np

        known = [p for p in passages if p.id in truth]
        found = self.scores(known, codebook)
        for code in codebook:
            values = np.array([self.combine(found.get((p.id, code.id), {})) for p in known])
            wanted = np.array([code.path in truth[p.id] for p in known])
            if wanted.any():
                self.thresholds[code.path] = max(1e-6, best_threshold(values, wanted)[0])
        return dict(self.thresholds)
