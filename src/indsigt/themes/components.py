"""The shipped theme components (scikit-learn, PyStemmer, stopwordsiso; all offline)."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from functools import cache
from typing import ClassVar

import numpy as np

from indsigt._words import words as _words
from indsigt.themes.base import ThemeOptions
from indsigt.units.lexicon import NONVERBAL, PSEUDONYM

_TOKEN = re.compile(r"[^\W\d_]{3,}")
_STEMMERS = {"da": "danish", "no": "norwegian", "sv": "swedish", "en": "english"}
FILLERS = _words(
    """
    altså øh øhm ikke ik jo nok lige bare sådan liksom alltså typ okay ok yeah yes um uh
    også meget rigtig godt faktisk egentlig vel helt
    """
)


def primary(language: str) -> str:
    """The first of ``+``-joined languages ("da+en": a Danish study with English documents)."""
    return language.split("+", 1)[0]


@cache
def stopwords(language: str) -> frozenset[str]:
    """Stop words of a language (stopwordsiso; its Norwegian code is "no") plus fillers; of
    each language for ``+``-joined languages."""
    import stopwordsiso

    found = set(FILLERS)
    for code in language.split("+"):
        found |= stopwordsiso.stopwords(code if code not in ("nb", "nn") else "no")
    return frozenset(found)


def stem_words(text: str, language: str) -> list[tuple[str, str]]:
    """(stem, surface) for every content word in ``text`` (stemmed in the first language of
    ``+``-joined languages, stop words of all of them removed)."""
    import Stemmer

    stemmer = Stemmer.Stemmer(_STEMMERS.get(primary(language), "danish"))
    stop = stopwords(language)
    words = [w for w in _TOKEN.findall(text.lower()) if w not in stop]
    return list(zip(stemmer.stemWords(words), words, strict=True))


def said(text: str) -> str:
    """What a text says, for the lexical components: without the anonymiser's pseudonyms and
    placeholders ("Person 9s holdning", "[kommune]") or stage directions ("(griner)"). Else
    every statement that names a pseudonym shares the word "person" and becomes one theme, as
    the sample study's "Person 9s holdning …", "Person 24s linje …" did."""
    return NONVERBAL.sub(" ", PSEUDONYM.sub(" ", text))


class TfidfVectoriser:
    """Word (stemmed) and character n-gram TF-IDF: works offline for every language."""

    name: ClassVar[str] = "tfidf.v1"

    @classmethod
    def from_options(cls, options: ThemeOptions) -> TfidfVectoriser:
        return cls(language=options.language)

    def __init__(self, *, language: str = "da") -> None:
        self.language = language

    def vectors(self, texts: Sequence[str]) -> np.ndarray:
        from scipy.sparse import hstack
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.preprocessing import normalize

        texts = [said(t) for t in texts]
        stemmed = [" ".join(s for s, _ in stem_words(t, self.language)) for t in texts]
        words = TfidfVectorizer(sublinear_tf=True, min_df=1).fit_transform(stemmed)
        chars = TfidfVectorizer(
            analyzer="char_wb",
            ngram_range=(3, 5),
            sublinear_tf=True,
            min_df=2 if len(texts) > 50 else 1,
        ).fit_transform(texts)
        return normalize(hstack([words, chars * 0.5]).tocsr())  # type: ignore[no-any-return]


class SvdReducer:
    """Truncated SVD (LSA) to a few dozen dimensions, then unit length."""

    name: ClassVar[str] = "svd.v1"

    @classmethod
    def from_options(cls, options: ThemeOptions) -> SvdReducer:
        return cls(seed=options.seed)

    def __init__(self, *, dimensions: int = 48, seed: int = 0) -> None:
        self.dimensions = dimensions
        self.seed = seed

    def fit_transform(self, vectors: np.ndarray) -> np.ndarray:
        from sklearn.decomposition import TruncatedSVD
        from sklearn.preprocessing import normalize

        n, d = vectors.shape
        k = max(2, min(self.dimensions, n - 1, d - 1))
        if d <= self.dimensions and not hasattr(vectors, "tocsr"):
            return normalize(np.asarray(vectors))  # type: ignore[no-any-return]
        reduced = TruncatedSVD(n_components=k, random_state=self.seed).fit_transform(vectors)
        return normalize(reduced)  # type: ignore[no-any-return]


class UmapReducer:
    """UMAP to a few dimensions (BERTopic's settings: 15 neighbours, 5 components, min_dist 0,
    cosine), for dense embeddings: it keeps the neighbourhoods that k-means then partitions.
    Deterministic under the seed (UMAP then runs on one thread, which is why
    :func:`default_reducer` leaves large collections to SVD)."""

    name: ClassVar[str] = "umap.v1"

    @classmethod
    def from_options(cls, options: ThemeOptions) -> UmapReducer:
        return cls(seed=options.seed)

    def __init__(self, *, dimensions: int = 5, neighbours: int = 15, seed: int = 0) -> None:
        self.dimensions = dimensions
        self.neighbours = neighbours
        self.seed = seed

    @staticmethod
    def available() -> bool:
        import importlib.util

        return importlib.util.find_spec("umap") is not None

    def fit_transform(self, vectors: np.ndarray) -> np.ndarray:
        import warnings

        from umap import UMAP

        if hasattr(vectors, "tocsr"):  # sparse TF-IDF: LSA first, UMAP on its dimensions
            vectors = SvdReducer(seed=self.seed).fit_transform(vectors)
        n = vectors.shape[0]

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # "n_jobs overridden to 1 by setting random_state"
            reduced = UMAP(
                n_neighbors=min(self.neighbours, n - 1),
                n_components=self.dimensions,
                min_dist=0.0,
                metric="cosine",
                random_state=self.seed,
            ).fit_transform(vectors)
        return np.asarray(reduced, dtype=np.float64)


UMAP_RANGE = (50, 5_000)


def default_reducer(texts: int, *, seed: int = 0) -> SvdReducer | UmapReducer:
    """UMAP for 50–5,000 texts when umap-learn is installed (an interview study's passages),
    else truncated SVD: below 50 a neighbour graph says little, and above 5,000 single-threaded
    UMAP grows past the 30 s theme budget for 10k passages (37 s measured; SVD 0.2 s)."""
    low, high = UMAP_RANGE
    if low <= texts <= high and UmapReducer.available():
        return UmapReducer(seed=seed)
    return SvdReducer(seed=seed)


class KMeansClusterer:
    """k-means on unit vectors; k chosen by silhouette when not given. Every passage gets a
    theme, so none is left unassigned (BERTopic's HDBSCAN leaves many as outliers at small n)."""

    name: ClassVar[str] = "kmeans.v1"

    @classmethod
    def from_options(cls, options: ThemeOptions) -> KMeansClusterer:
        return cls(k=options.k, seed=options.seed)

    def __init__(self, *, k: int | None = None, max_k: int = 40, seed: int = 0) -> None:
        self.k = k
        self.max_k = max_k
        self.seed = seed

    def fit_predict(self, vectors: np.ndarray) -> np.ndarray:
        from threadpoolctl import threadpool_limits

        # k-means runs many small fits; OpenMP threads only oversubscribe a busy machine.
        with threadpool_limits(limits=1):
            return self._fit_predict(vectors)

    def _fit_predict(self, vectors: np.ndarray) -> np.ndarray:
        from sklearn.cluster import KMeans
        from sklearn.metrics import silhouette_score

        n = vectors.shape[0]
        if n < 3:
            return np.zeros(n, dtype=int)
        if self.k is not None:
            ks = [min(self.k, n)]
        else:
            # Silhouette alone drifts to the smallest or largest k on text; the range grows
            # with the square root of n (about 7–15 themes for 200 passages, 23–40 for 2,000).
            top = max(3, min(self.max_k, n // 6, round(np.sqrt(n))))
            bottom = max(2, min(top, round(np.sqrt(n) / 2)))
            # fewer themes than passages: the silhouette is not defined for k = n (a study of
            # three statements, one a respondent, stopped the report with a ValueError)
            ks = [
                k
                for k in (2, 3, 4, 5, 6, 7, 8, 10, 12, 14, 16, 18, 20, 23, 26, 30, 35, 40)
                if bottom <= k <= top and k < n
            ] or [min(top, n - 1)]
        best: tuple[float, np.ndarray] | None = None
        for k in ks:
            labels = KMeans(n_clusters=k, n_init=2, random_state=self.seed).fit_predict(vectors)
            if len(ks) == 1:
                return np.asarray(labels)
            if len(set(labels)) < 2:
                continue
            score = silhouette_score(
                vectors, labels, metric="cosine", sample_size=min(n, 2000), random_state=self.seed
            )
            if best is None or score > best[0]:
                best = (float(score), np.asarray(labels))
        return best[1] if best is not None else np.zeros(n, dtype=int)


class CTfidfLabeller:
    """Class-based TF-IDF over stemmed content words (Nordic stop words removed); each stem is
    shown in its most frequent surface form."""

    name: ClassVar[str] = "ctfidf.v1"

    @classmethod
    def from_options(cls, options: ThemeOptions) -> CTfidfLabeller:
        return cls(language=options.language)

    def __init__(self, *, language: str = "da", top: int = 5) -> None:
        self.language = language
        self.top = top

    def label(self, texts: Sequence[str], clusters: np.ndarray) -> dict[int, list[str]]:
        per_cluster: dict[int, Counter[str]] = defaultdict(Counter)
        surfaces: dict[str, Counter[str]] = defaultdict(Counter)
        for text, cluster in zip(texts, clusters, strict=True):
            if cluster < 0:
                continue
            # Pseudonyms, stage directions and placeholders ("(unintelligible)", "[project]")
            # and a transcriber's redaction ("XXXX") say nothing of what the theme is about.
            for stem, surface in stem_words(said(text), self.language):
                if not surface.strip("x"):
                    continue
                per_cluster[int(cluster)][stem] += 1
                surfaces[stem][surface] += 1
        totals: Counter[str] = Counter()
        for counts in per_cluster.values():
            totals.update(counts)
        average = sum(totals.values()) / max(1, len(per_cluster))
        labels: dict[int, list[str]] = {}
        for cluster, counts in per_cluster.items():
            size = sum(counts.values()) or 1
            scored = sorted(
                counts,
                key=lambda s: (-(counts[s] / size) * np.log(1 + average / totals[s]), s),
            )
            labels[cluster] = [surfaces[s].most_common(1)[0][0] for s in scored[: self.top]]
        return labels
