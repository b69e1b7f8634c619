"""`indsigt eval themes`: themes against human code families, with BERTopic as the baseline on
the same vectors in the same run.

Gold: pdpilot-interviews (``coded_segments.csv``: each coded segment with its parent code, 8
families), gennovate-focusgroups (``coded_templates/template_*.csv``: coded quotes with their
indicator, the category family) and games-as-art-coded (the highlighted spans of the survey's
answers, read by :func:`indsigt.eval.games.load_games`: its 31 codes are flat — no families —,
so a span's gold is the code its coders wrote first). A text coded in several families keeps
its first.
"""

from __future__ import annotations

import csv
import io
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from indsigt.errors import IndsigtError, InputError
from indsigt.eval.gold import read_text
from indsigt.eval.twins import twin_pairs
from indsigt.progress import Progress, no_progress
from indsigt.themes.components import SvdReducer, TfidfVectoriser
from indsigt.themes.discover import discover_themes


def load_pdpilot(path: Path) -> tuple[list[str], list[str]]:
    """(texts, parent codes) from pdpilot-interviews (the folder or coded_segments.csv)."""
    file = path / "coded_segments.csv" if path.is_dir() else path
    rows = _rows(file)
    return _unique([(" ".join(r["segment"].split()), r["parent_code"]) for r in rows])


def load_gennovate(path: Path) -> tuple[list[str], list[str]]:
    """(texts, indicator labels) from gennovate-focusgroups (the folder, coded_templates/ or
    one template file)."""
    if path.is_dir():
        folder = path / "coded_templates" if (path / "coded_templates").is_dir() else path
        files = sorted(f for f in folder.glob("template_*.csv") if "communitycode" not in f.name)
    else:
        files = [path]
    pairs = []
    for file in files:
        for row in _rows(file):
            text = " ".join(row.get("text", "").split())
            if text and row.get("indicator_label"):
                pairs.append((text, row["indicator_label"]))
    return _unique(pairs)


def load_games_spans(path: Path) -> tuple[list[str], list[str]]:
    """(texts, first codes) from games-as-art-coded: each highlighted span with the code
    written first (the codes have no families; a span has 2 codes on average)."""
    from indsigt.eval.games import load_games

    gold = load_games(path)
    return _unique([(" ".join(u.text.split()), gold.first[u.id]) for u in gold.units])


LOADERS: dict[str, Callable[[Path], tuple[list[str], list[str]]]] = {
    "pdpilot": load_pdpilot,
    "gennovate": load_gennovate,
    "games": load_games_spans,
}


def evaluate_themes(
    texts: list[str],
    gold: list[str],
    *,
    language: str = "en",
    seed: int = 0,
    baselines: bool = True,
    embedder: str = "e5",
    progress: Progress = no_progress,
) -> dict[str, Any]:
    """NMI/ARI against ``gold``, unassigned share, near-twin pairs (:mod:`indsigt.eval.twins`)
    and seconds, for indsigt and BERTopic, both on the same vectors: ``tfidf`` (themes' own,
    reduced by SVD) or an embedder's (e.g. ``e5``, cached in the evaluation cache; its seconds
    count only what was not cached)."""
    from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

    if len(texts) < 10:
        raise IndsigtError(f"too few texts ({len(texts)}) to evaluate themes")
    started = time.perf_counter()
    if embedder == "tfidf":
        vectors = SvdReducer(seed=seed).fit_transform(
            TfidfVectoriser(language=language).vectors(texts)
        )
        described = f"{TfidfVectoriser.name} + {SvdReducer.name} ({vectors.shape[1]} dims)"
    else:
        from indsigt.eval.coding import eval_embedder

        model = eval_embedder(embedder, progress)
        if model is None:
            raise IndsigtError("themes need vectors: use --embedder tfidf, e5 or a model path")
        vectors = np.asarray(model.embed(texts))
        described = f"{embedder} ({vectors.shape[1]} dims)"
    embedded = time.perf_counter() - started

    def score(assignments: list[int], seconds: float, themes: int) -> dict[str, Any]:
        return {
            "nmi": round(float(normalized_mutual_info_score(gold, assignments)), 4),
            "ari": round(float(adjusted_rand_score(gold, assignments)), 4),
            "unassigned_share": round(sum(a < 0 for a in assignments) / len(assignments), 4),
            "themes": themes,
            "seconds": round(seconds, 3),
        }

    started = time.perf_counter()
    result = discover_themes(texts, language=language, seed=seed, vectors=vectors)
    ours = score(result.assignments, embedded + time.perf_counter() - started, len(result.themes))
    report: dict[str, Any] = {
        **ours,
        **twin_pairs(result.assignments, vectors, gold),
        "texts": len(texts),
        "gold_families": len(set(gold)),
        "vectors": described,
        "baselines": {},
    }
    if baselines:
        started = time.perf_counter()
        topics = _bertopic(texts, vectors, seed)
        report["baselines"]["bertopic"] = score(
            topics, embedded + time.perf_counter() - started, len({t for t in topics if t >= 0})
        )
    return report


def _bertopic(texts: list[str], vectors: np.ndarray, seed: int) -> list[int]:
    """BERTopic with its defaults (UMAP + HDBSCAN), on the same vectors."""
    try:
        from bertopic import BERTopic
        from umap import UMAP
    except ImportError as exc:
        raise IndsigtError(
            f"the BERTopic baseline needs bertopic: pip install 'indsigt[baselines]' ({exc})"
        ) from exc
    umap = UMAP(n_neighbors=15, n_components=5, min_dist=0.0, metric="cosine", random_state=seed)
    model = BERTopic(umap_model=umap, embedding_model=None, calculate_probabilities=False)
    topics, _ = model.fit_transform(texts, embeddings=np.asarray(vectors))
    return [int(t) for t in topics]


def _rows(file: Path) -> list[dict[str, str]]:
    if not file.exists():
        raise InputError(file, "no such file")
    return list(csv.DictReader(io.StringIO(read_text(file))))


def _unique(pairs: list[tuple[str, str]]) -> tuple[list[str], list[str]]:
    seen: dict[str, str] = {}
    for text, family in pairs:
        if text and text not in seen:
            seen[text] = family
    return list(seen), list(seen.values())
