"""Theme discovery components: embed → reduce → cluster → label, each swappable."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar, Protocol

import numpy as np


class Vectoriser(Protocol):
    name: ClassVar[str]

    def vectors(self, texts: Sequence[str]) -> np.ndarray:
        """One row per text."""
        ...


class Reducer(Protocol):
    name: ClassVar[str]

    def fit_transform(self, vectors: np.ndarray) -> np.ndarray: ...


class Clusterer(Protocol):
    name: ClassVar[str]

    def fit_predict(self, vectors: np.ndarray) -> np.ndarray:
        """A cluster number per row; -1 means unassigned."""
        ...


class Labeller(Protocol):
    name: ClassVar[str]

    def label(self, texts: Sequence[str], clusters: np.ndarray) -> dict[int, list[str]]:
        """The top terms of each cluster."""
        ...


class PhraseLabeller(Protocol):
    name: ClassVar[str]

    def phrase(self, texts: Sequence[str], members: Sequence[int], terms: Sequence[str]) -> str:
        """A readable label of one theme: ``members`` are indices into ``texts``, nearest the
        theme's centre first; ``terms`` its top terms (from a :class:`Labeller`)."""
        ...
