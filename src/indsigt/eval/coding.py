"""``indsigt eval coding``: the supervised coder against human gold, with baselines in the same
run, never scoring a unit with a model that saw it.

* ``--train`` and ``--test`` the same data: k-fold cross-validation over groups (documents,
  or items when each unit is its own), so every unit is scored once by a model trained on the
  other folds; tuning (regularisation, thresholds, calibration) uses folds inside the
  training part only.
* Different data: train on ``--train``, score ``--test``; training units that share a group
  or a text with the test set are left out (and counted).

Baselines (see :mod:`.baselines`): ``majority``, ``keyword``, ``tfidf_lr``, and for gold that
describes its codes ``similarity`` (zero-shot, with the embedder given or TF-IDF).
"""

from __future__ import annotations

import time
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from indsigt.coding.learner import C_GRID, Learner, folds_of
from indsigt.embed import CachedEmbedder, Embedder, TfidfEmbedder, get_embedder
from indsigt.errors import IndsigtError
from indsigt.eval.baselines import keyword_baseline, majority, similarity_zero_shot, tfidf_lr
from indsigt.eval.gold import GoldSet, GoldUnit, normalise
from indsigt.eval.metrics import agreement
from indsigt.progress import Progress, no_progress

FORMATS = ("pdpilot", "gennovate", "games", "cap", "csv")
Labels = frozenset[str]


def load_gold(format: str, path: str | Path, *, level: str = "major") -> GoldSet:
    from indsigt.eval.games import load_games
    from indsigt.eval.gennovate import load_gennovate
    from indsigt.eval.pdpilot import load_pdpilot
    from indsigt.eval.tables import load_cap, load_csv

    if not Path(path).exists():
        raise IndsigtError(f"{path}: no such file or folder")
    if format == "pdpilot":
        return load_pdpilot(path)
    if format == "gennovate":
        return load_gennovate(path)
    if format == "games":
        return load_games(path)
    if format == "cap":
        return load_cap(path, level=level)
    if format == "csv":
        return load_csv(path)
    raise IndsigtError(f"unknown gold format {format!r} (use {', '.join(FORMATS)})")


def cache_store_path() -> Path:
    from indsigt.coding.run import default_cache

    return default_cache() / "embeddings.db"


def eval_embedder(name: str, progress: Progress) -> Embedder | None:
    """None for ``none``; otherwise the embedder, cached in a store of its own."""
    if name == "none":
        return None
    from indsigt.store import Store

    embedder = get_embedder(name)
    if not getattr(embedder, "cacheable", False):
        return embedder
    path = cache_store_path()
    store = Store.open(path) if path.exists() else Store.create(path)
    return CachedEmbedder(embedder, store, progress=progress)


# -- the run ----------------------------------------------------------------------------------


def _splits(
    train: GoldSet, test: GoldSet, same: bool, *, folds: int, seed: int
) -> tuple[list[tuple[list[GoldUnit], list[GoldUnit]]], str, int]:
    if same:
        units = train.units
        groups = [u.group for u in units]
        per_item = len(set(groups)) == len(units)
        strata = None
        if train.single_label and per_item:
            index = {c: k for k, c in enumerate(sorted({min(u.labels) for u in units}))}
            strata = np.array([index[min(u.labels)] for u in units])
        pairs = folds_of(len(units), None if per_item else groups, strata, folds=folds, seed=seed)
        kind = "items" if per_item else "documents"
        description = f"{len(pairs)}-fold cross-validation by {kind} (seed {seed})"
        return (
            [([units[i] for i in a], [units[i] for i in b]) for a, b in pairs],
            description,
            0,
        )
    test_groups = {u.group for u in test.units}
    test_texts = {normalise(u.text) for u in test.units}
    kept = [
        u for u in train.units if u.group not in test_groups and normalise(u.text) not in test_texts
    ]
    removed = len(train.units) - len(kept)
    return [(kept, test.units)], "train on --train, score --test", removed


def evaluate_coding(
    format: str,
    train: str | Path,
    test: str | Path,
    *,
    level: str = "major",
    folds: int = 5,
    seed: int = 0,
    embedder: str = "none",
    classifier: str = "svm",
    c_grid: Sequence[float] = C_GRID,
    inner_folds: int = 5,
    progress: Progress = no_progress,
) -> dict[str, Any]:
    """Score the supervised coder and the baselines against the gold; see the module doc."""
    began = time.perf_counter()
    train_set = load_gold(format, train, level=level)
    same = Path(train).resolve() == Path(test).resolve()
    test_set = train_set if same else load_gold(format, test, level=level)
    if [(u.id, u.text) for u in test_set.units] == [(u.id, u.text) for u in train_set.units]:
        same = True  # the same gold by another path (a folder and a file in it)
    single = train_set.single_label and test_set.single_label
    splits, split, removed = _splits(train_set, test_set, same, folds=folds, seed=seed)
    vectors = eval_embedder(embedder, progress)
    features = ("word", "char", "embedding") if vectors is not None else ("word", "char")
    methods: tuple[str, ...] = ("machine", "majority", "keyword", "tfidf_lr")
    descriptions = {c: d for c, d in train_set.descriptions.items() if c in train_set.codes}
    if descriptions:
        methods += ("similarity",)
    zero_shot = vectors if vectors is not None else TfidfEmbedder()
    predicted: dict[str, dict[str, Labels]] = {m: {} for m in methods}
    gold: dict[str, Labels] = {}
    for number, (training, scoring) in enumerate(splits):
        progress(number, len(splits), "evaluating")
        if not training:
            raise IndsigtError("nothing left to train on after removing overlap with --test")
        texts = [u.text for u in training]
        labels = [u.labels for u in training]
        targets = [u.text for u in scoring]
        learner = Learner(
            features=features,
            embedder=vectors,
            classifier=classifier,
            c_grid=c_grid,
            folds=inner_folds,
            seed=seed,
            single_label=single,
        )
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            learner.fit(texts, labels, groups=[u.group for u in training])
            outputs = {
                "machine": learner.predict(targets),
                "majority": majority(labels, len(targets)),
                "keyword": keyword_baseline(texts, labels, targets, single_label=single),
                "tfidf_lr": tfidf_lr(texts, labels, targets, single_label=single),
            }
            if descriptions:
                outputs["similarity"] = similarity_zero_shot(
                    descriptions, targets, embedder=zero_shot, single_label=single
                )
        for unit_number, unit in enumerate(scoring):
            gold[unit.id] = unit.labels
            for method in methods:
                predicted[method][unit.id] = outputs[method][unit_number]
    progress(len(splits), len(splits), "evaluating")
    order = sorted(gold)
    truth = [gold[i] for i in order]
    scores = {
        m: agreement(truth, [predicted[m][i] for i in order], single_label=single) for m in methods
    }
    machine = scores["machine"]
    result: dict[str, Any] = {
        "dataset": train_set.name,
        "format": format,
        "unit": train_set.unit,
        "units": len(order),
        "codes": len(train_set.codes),
        "single_label": single,
        "split": split,
        "train_units_removed_for_overlap": removed,
        "machine": f"supervised.v1 ({classifier}; features: {', '.join(features)}"
        + (f"; embedder {vectors.model_id}" if vectors is not None else "")
        + ")",
        **{key: value for key, value in machine.items() if key != "per_code"},
        "per_code": machine["per_code"],
        "baselines": {
            name: {
                **{key: value for key, value in scores[name].items() if key != "per_code"},
                "per_code_f1": {code: row["f1"] for code, row in scores[name]["per_code"].items()},
            }
            for name in methods[1:]
        },
        "notes": list(train_set.notes),
        "seconds": round(time.perf_counter() - began, 1),
    }
    return result
