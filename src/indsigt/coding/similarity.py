"""``similarity.v1``: passages against what each code means (labels, definitions, include
rules and examples, in every language), by cosine similarity of embeddings.

Raw similarities are not comparable across embedders or codes (e5 finds any two texts fairly
similar; TF-IDF finds most texts dissimilar), so each code's similarities are standardised
over the study's passages (z-scores). A passage gets the code it stands out for most when
that z-score reaches ``min_z`` (and any other code within ``margin`` of it); very short
passages (fewer than ``min_words`` words: greetings, back-channel) are not coded. The score is
the logistic of ``z - min_z + 1``; the evidence names the code text that was closest and the
raw similarity.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

import numpy as np

from indsigt.codebook.model import Codebook, code_texts
from indsigt.coding.base import suggestion
from indsigt.coding.settings import CoderSettings, CoderStudy
from indsigt.embed.base import Embedder
from indsigt.progress import Progress, in_batches, no_progress
from indsigt.records import Coding, Passage

BATCH = 2000


class SimilarityCoder:
    name: ClassVar[str] = "similarity.v1"

    @classmethod
    def from_settings(cls, settings: CoderSettings, *, study: CoderStudy) -> SimilarityCoder:
        """On the run's embedder (``settings.embedder``)."""
        return cls(study.embedder(settings))

    def __init__(
        self,
        embedder: Embedder,
        *,
        min_z: float = 2.0,
        margin: float = 0.25,
        min_words: int = 5,
        leaves_only: bool = True,
    ) -> None:
        self.embedder = embedder
        self.min_z = min_z
        self.margin = margin
        self.min_words = min_words
        self.leaves_only = leaves_only

    def code(
        self,
        passages: Sequence[Passage],
        codebook: Codebook,
        *,
        progress: Progress = no_progress,
    ) -> list[Coding]:
        codes = codebook.leaves() if self.leaves_only else list(codebook)
        if not codes or not passages:
            return []
        owners: list[int] = []
        texts: list[str] = []
        for index, code in enumerate(codes):
            for text in code_texts(code, codebook):
                owners.append(index)
                texts.append(text)
        fit = getattr(self.embedder, "fit", None)
        if callable(fit):  # TF-IDF learns its vocabulary from the study and the codebook
            fit([p.text for p in passages] + texts)
        code_vectors = self.embedder.embed(texts)
        owner = np.array(owners)
        best_text = np.zeros((len(passages), len(codes)), dtype=np.int64)
        per_code = np.full((len(passages), len(codes)), -1.0, dtype=np.float32)
        for start, batch in in_batches(passages, BATCH, progress, self.name):
            similarity = self.embedder.embed([p.text for p in batch]) @ code_vectors.T
            for index in range(len(codes)):
                columns = np.flatnonzero(owner == index)
                block = similarity[:, columns]
                per_code[start : start + len(batch), index] = block.max(axis=1)
                best_text[start : start + len(batch), index] = columns[block.argmax(axis=1)]
        spread = per_code.std(axis=0)
        spread[spread == 0] = 1.0
        z = (per_code - per_code.mean(axis=0)) / spread
        out: list[Coding] = []
        for row, passage in enumerate(passages):
            if len(passage.text.split()) < self.min_words:
                continue
            best = float(z[row].max())
            if best < self.min_z:
                continue
            for found in np.flatnonzero(z[row] >= max(self.min_z, best - self.margin)):
                index = int(found)
                score = 1.0 / (1.0 + np.exp(-(z[row, index] - self.min_z + 1.0)))
                evidence = {
                    "nearest": texts[best_text[row, index]][:300],
                    "similarity": round(float(per_code[row, index]), 4),
                    "z": round(float(z[row, index]), 2),
                    "embedder": self.embedder.model_id,
                }
                out.append(suggestion(passage, codes[index], self.name, score, evidence))
        return out
