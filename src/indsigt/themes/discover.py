"""Theme discovery on passages: embed → reduce → cluster → label, deterministic under a seed."""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field

import numpy as np

from indsigt.themes.base import (
    Clusterer,
    Labeller,
    PhraseLabeller,
    Reducer,
    ThemeOptions,
    Vectoriser,
)
from indsigt.themes.components import (
    CTfidfLabeller,
    KMeansClusterer,
    TfidfVectoriser,
    default_reducer,
)
from indsigt.themes.phrase import CentralStatementLabeller
from indsigt.themes.registry import theme_component


@dataclass(frozen=True)
class Theme:
    id: int
    label: str  # a readable phrase (see :mod:`indsigt.themes.phrase`)
    terms: tuple[str, ...]
    size: int
    members: tuple[int, ...]  # indices (or passage ids, from study_themes) of its passages
    representative: tuple[int, ...]  # members near the centre, of different speakers if given


@dataclass(frozen=True)
class ThemeResult:
    themes: list[Theme]
    assignments: list[int]  # a theme id per text, -1 = unassigned
    components: dict[str, str] = field(default_factory=dict)

    @property
    def unassigned_share(self) -> float:
        return sum(1 for a in self.assignments if a < 0) / max(1, len(self.assignments))


def discover_themes(
    texts: Sequence[str],
    *,
    language: str = "da",
    seed: int = 0,
    k: int | None = None,
    vectors: np.ndarray | None = None,
    vectoriser: Vectoriser | str | None = None,
    reducer: Reducer | str | None = None,
    clusterer: Clusterer | str | None = None,
    labeller: Labeller | str | None = None,
    phraser: PhraseLabeller | str | None = None,
    min_content: int = 4,
    speakers: Sequence[Hashable] | None = None,
) -> ThemeResult:
    """Themes of ``texts``. Pass ``vectors`` (e.g. cached embeddings) to skip the embedding.
    Each component is given, named (a built-in's or a plugin's name, ``registry.py``), or the
    default.

    A theme's representatives (and the statement its label is drawn from) are its members
    nearest the centre among those with at least ``min_content`` content words (words that
    are not function words, fillers, hedges or backchannels); members with fewer come after
    them, so a hedge near the centre ("I think that happens a lot.") never speaks for a theme
    that has members with content. 0 keeps the plain nearest-first order.

    ``speakers`` (who said each text, e.g. the respondent) makes the three representatives
    three people's where the theme's most central members offer them: three examples of one
    respondent made a theme seven respondents voice read as one person's view."""
    options = ThemeOptions(language=language, seed=seed, k=k, texts=len(texts))
    vectoriser = theme_component("vectorisers", vectoriser or TfidfVectoriser.name, options)
    if not texts:
        return ThemeResult([], [])
    reducer = theme_component(
        "reducers", reducer or default_reducer(len(texts), seed=seed), options
    )
    clusterer = theme_component("clusterers", clusterer or KMeansClusterer.name, options)
    labeller = theme_component("labellers", labeller or CTfidfLabeller.name, options)
    phraser = theme_component("phrase_labellers", phraser or CentralStatementLabeller.name, options)
    raw = vectors if vectors is not None else vectoriser.vectors(texts)
    reduced = reducer.fit_transform(raw)
    clusters = np.asarray(clusterer.fit_predict(reduced))
    terms = labeller.label(texts, clusters)
    # Number themes by size, largest first, so ids are stable and meaningful.
    order = sorted(
        {int(c) for c in clusters if c >= 0}, key=lambda c: (-int((clusters == c).sum()), c)
    )
    renumber = {old: new for new, old in enumerate(order, start=1)}
    themes = []
    for old in order:
        members = np.flatnonzero(clusters == old)
        centre = reduced[members].mean(axis=0)
        distance = ((reduced[members] - centre) ** 2).sum(axis=1)  # unit vectors: as cosine
        nearest = [int(i) for i in members[np.argsort(distance, kind="stable")]]
        central = _content_first(texts, nearest, language, min_content)
        words = tuple(terms.get(old, []))
        themes.append(
            Theme(
                renumber[old],
                phraser.phrase(texts, central, words) or ", ".join(words[:3]),
                words,
                len(members),
                tuple(int(i) for i in members),
                _representatives(central, speakers),
            )
        )
    assignments = [renumber.get(int(c), -1) for c in clusters]
    names = {
        "vectoriser": getattr(vectoriser, "name", "?") if vectors is None else "given",
        "reducer": reducer.name,
        "clusterer": clusterer.name,
        "labeller": labeller.name,
        "phraser": phraser.name,
    }
    return ThemeResult(themes, assignments, names)


def _representatives(
    central: list[int], speakers: Sequence[Hashable] | None, n: int = 3, window: int = 10
) -> tuple[int, ...]:
    """The ``n`` most central members, one per speaker among the ``window`` most central
    where there are that many speakers, filled up with the next most central; in order of
    centrality."""
    if speakers is None:
        return tuple(central[:n])
    chosen: list[int] = []
    heard: set[Hashable] = set()
    for member in central[:window]:
        if len(chosen) < n and speakers[member] not in heard:
            chosen.append(member)
            heard.add(speakers[member])
    chosen += [m for m in central if m not in chosen][: n - len(chosen)]
    rank = {m: r for r, m in enumerate(central)}
    return tuple(sorted(chosen, key=rank.__getitem__))


def _content_first(texts: Sequence[str], order: list[int], language: str, least: int) -> list[int]:
    """``order`` with the members of at least ``least`` content words first (stable)."""
    if least <= 0:
        return order
    from indsigt.units.rules import content_words

    lang = language.split("+")[0] or "da"
    rich = {i: content_words(texts[i], language=lang) >= least for i in order}
    return [i for i in order if rich[i]] + [i for i in order if not rich[i]]
