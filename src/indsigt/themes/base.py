"""Theme discovery components: embed → reduce → cluster → label, each swappable. Each
family is a plugin hook (``indsigt_vectorisers``, ``indsigt_reducers``, ``indsigt_clusterers``,
``indsigt_labellers``, ``indsigt_phrase_labellers``); a component is built by its class's
``from_options`` from the run's :class:`ThemeOptions`, and chosen by name in
``discover_themes`` (``registry.theme_component``)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar, Protocol

import numpy as np


@dataclass(frozen=True)
class ThemeOptions:
    """What a theme run gives every component: the texts' language (``"da"``, ``"da+en"``),
    the seed, the number of themes asked for (None: the clusterer chooses) and how many
    texts there are."""

    language: str = "da"
    seed: int = 0
    k: int | None = None
    texts: int = 0


class Vectoriser(Protocol):
    name: ClassVar[str]

    @classmethod
    def from_options(cls, options: ThemeOptions) -> Vectoriser: ...

    def vectors(self, texts: Sequence[str]) -> np.ndarray:
        """One row per text."""
        ...


class Reducer(Protocol):
    name: ClassVar[str]

    @classmethod
    def from_options(cls, options: ThemeOptions) -> Reducer: ...

    def fit_transform(self, vectors: np.ndarray) -> np.ndarray: ...


class Clusterer(Protocol):
    name: ClassVar[str]

    @classmethod
    def from_options(cls, options: ThemeOptions) -> Clusterer: ...

    def fit_predict(self, vectors: np.ndarray) -> np.ndarray:
        """A cluster number per row; -1 means unassigned."""
        ...


class Labeller(Protocol):
    name: ClassVar[str]

    @classmethod
    def from_options(cls, options: ThemeOptions) -> Labeller: ...

    def label(self, texts: Sequence[str], clusters: np.ndarray) -> dict[int, list[str]]:
        """The top terms of each cluster."""
        ...


class PhraseLabeller(Protocol):
    name: ClassVar[str]

    @classmethod
    def from_options(cls, options: ThemeOptions) -> PhraseLabeller: ...

    def phrase(self, texts: Sequence[str], members: Sequence[int], terms: Sequence[str]) -> str:
        """A readable label of one theme: ``members`` are indices into ``texts``, nearest the
        theme's centre first; ``terms`` its top terms (from a :class:`Labeller`)."""
        ...
