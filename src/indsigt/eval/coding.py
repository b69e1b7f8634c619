"""``indsigt eval coding``: the supervised coder against human gold, with baselines in the same
run, never scoring a unit with a model that saw it.

* ``--train`` and ``--test`` the same data: k-fold cross-validation over groups (documents,
  or items when each unit is its own), so every unit is scored once by a model trained on the
  other folds; tuning (regularisation, thresholds, calibration) uses folds inside the
  training part only.
* Different data: train on ``--train``, score ``--test``; training units that share a group
  or a text with the test set are left out (and counted).

Baselines (see :mod:`.baselines`): ``majority``, ``keyword``, ``tfidf_lr`` (word TF-IDF),
``char_tfidf_lr`` and with an embedder ``e5_lr`` (each tuned by inner cross-validation on the
training units only), and for gold that describes its codes ``similarity`` (zero-shot, with
the embedder given or TF-IDF).

In-study curve (``curve_by="documents"``, :mod:`.instudy`): the coder trained on k documents
of the scored gold itself, random order against its own "code next" order.

Learning curve (``curve``): the supervised coder again in every split, trained on a seeded
share of the split's training groups (0.25, 0.5, 0.75 by default), scored on the same units;
a power law ``error = a * n ** -b`` fitted to the points (least squares in log-log) says how
many training units a target agreement would need if the curve kept its slope. Curves flatten
(coder disagreement and ambiguous units set a ceiling), so the figure is a lower bound.
"""

from __future__ import annotations

import time
import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from indsigt.coding.context import check_parts
from indsigt.coding.facets import Facet, detect_facet
from indsigt.coding.learner import C_GRID, folds_of
from indsigt.embed import CachedEmbedder, Embedder, TfidfEmbedder, get_embedder
from indsigt.errors import IndsigtError
from indsigt.eval.baselines import (
    char_tfidf,
    embedding_features,
    keyword_baseline,
    majority,
    similarity_zero_shot,
    tuned_lr,
    word_tfidf,
)
from indsigt.eval.gold import GoldSet, GoldUnit, normalise
from indsigt.eval.instudy import KS, in_study_curve
from indsigt.eval.llm import llm_coder, llm_codes
from indsigt.eval.metrics import agreement
from indsigt.eval.units import code_units, default_parts, new_learner
from indsigt.progress import Progress, no_progress

FORMATS = ("pdpilot", "gennovate", "games", "cap", "csv", "study")
# auto (default): the factorised coder where the gold's codebook has a facet (it raised
# GENNOVATE's cross-validated micro/macro-F1 and κ on the training communities, stop 26).
FACETS = ("off", "auto")
CURVE = (0.25, 0.5, 0.75)  # shares of the training units for the learning curve
Labels = frozenset[str]


def load_gold(
    format: str, path: str | Path, *, level: str = "major", gold_coder: str | None = None
) -> GoldSet:
    from indsigt.eval.games import load_games
    from indsigt.eval.gennovate import load_gennovate
    from indsigt.eval.pdpilot import load_pdpilot
    from indsigt.eval.tables import load_cap, load_csv

    if not Path(path).exists():
        raise IndsigtError(f"{path}: no such file or folder")
    if gold_coder is not None and format != "study":
        raise IndsigtError("--gold-coder chooses one person's codings of a study (--format study)")
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
    if format == "study":
        from indsigt.eval.studygold import load_study

        return load_study(path, gold_coder=gold_coder)
    raise IndsigtError(f"unknown gold format {format!r} (use {', '.join(FORMATS)})")


def gold_facet(gold: GoldSet) -> Facet | None:
    """The stance facet of the gold's codebook (:mod:`indsigt.coding.facets`), if any."""
    return detect_facet(gold.parents, gold.labels) if gold.parents else None


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
    gold_coder: str | None = None,
    folds: int = 5,
    seed: int = 0,
    embedder: str = "none",
    classifier: str = "svm",
    c_grid: Sequence[float] = C_GRID,
    inner_folds: int = 5,
    curve: Sequence[float] = (),
    target: float | None = None,
    context: Sequence[str] | None = None,
    ablate: bool = False,
    curve_by: str | None = None,
    draws: int = 3,
    ks: Sequence[int] = KS,
    coder: str = "supervised",
    llm_url: str | None = None,
    llm_model: str | None = None,
    allow_remote: bool = False,
    llm_cache: str | Path | None = None,
    facets: str = "auto",
    finetune: bool = False,
    progress: Progress = no_progress,
) -> dict[str, Any]:
    """Score the supervised coder (or, with ``coder="llm"``, the LLM coder) and the baselines
    against the gold; see the module doc."""
    began = time.perf_counter()
    language_model = _language_model(
        coder,
        llm_url=llm_url,
        llm_model=llm_model,
        allow_remote=allow_remote,
        llm_cache=llm_cache,
        supervised_only=bool(ablate or curve_by or curve or target is not None),
    )
    train_set, test_set, same = _gold_sets(
        format, train, test, level=level, gold_coder=gold_coder, curve_by=curve_by
    )
    splits, split, removed = _splits(train_set, test_set, same, folds=folds, seed=seed)
    shares = sorted(set(curve or (CURVE if target is not None else ())) - {1.0})
    run = prepare_run(
        train_set,
        test_set,
        embedder=embedder,
        classifier=classifier,
        c_grid=c_grid,
        inner_folds=inner_folds,
        seed=seed,
        facets=facets,
        finetune=finetune,
        shares=shares,
        context=context,
        ablate=ablate,
        language_model=language_model,
        progress=progress,
    )
    scored = _score_splits(run, splits, shares, seed=seed, progress=progress)
    result = _result(run, scored, format=format, split=split, removed=removed, target=target)
    if curve_by is not None:
        result["in_study_curve"] = run.in_study_curve(ks=ks, draws=draws, progress=progress)
    result["seconds"] = round(time.perf_counter() - began, 1)
    return result


def prepare_run(
    train_set: GoldSet,
    test_set: GoldSet,
    *,
    embedder: str = "none",
    classifier: str = "svm",
    c_grid: Sequence[float] = C_GRID,
    inner_folds: int = 5,
    seed: int = 0,
    facets: str = "auto",
    finetune: bool = False,
    shares: Sequence[float] = (),
    context: Sequence[str] | None = None,
    ablate: bool = False,
    language_model: object | None = None,
    progress: Progress = no_progress,
) -> Run:
    """What :func:`evaluate_coding` scores every split with — the learner's settings (single
    label only where both golds are; a facet only where the training gold is multi-label and
    ``facets`` is ``auto``), its context parts and the baselines — for the bench scripts that
    replay the eval's folds with the eval's own settings."""
    single_label = train_set.single_label and test_set.single_label
    tuning = _finetune(finetune, single_label, progress)  # fails now where torch is missing
    if facets not in FACETS:
        raise IndsigtError(f"unknown --facets {facets!r} (use {', '.join(FACETS)})")
    facet = gold_facet(train_set) if facets == "auto" and not train_set.single_label else None
    vectors = eval_embedder(embedder, progress)
    return _prepare(
        train_set,
        test_set,
        vectors=vectors,
        embedder=embedder,
        settings={
            "classifier": classifier,
            "c_grid": c_grid,
            "folds": inner_folds,
            "seed": seed,
            "single_label": single_label,
            "facet": facet,
            **tuning,
        },
        shares=list(shares),
        context=context,
        ablate=ablate,
        language_model=language_model,
    )


def _finetune(asked: bool, single_label: bool, progress: Progress) -> dict[str, Any]:
    """The learner's fine-tuning settings for ``--finetune`` (none when not asked); the
    learner's own check fails now where torch is missing."""
    from indsigt.coding.learner import finetune_settings

    settings = finetune_settings(asked, single_label=single_label)
    return {} if settings is None else {"finetune": settings, "progress": progress}


def _language_model(
    coder: str,
    *,
    llm_url: str | None,
    llm_model: str | None,
    allow_remote: bool,
    llm_cache: str | Path | None,
    supervised_only: bool,
) -> object | None:
    """The LLM coder for ``coder="llm"``, None for the supervised coder."""
    if coder == "llm":
        if not llm_url or not llm_model:
            raise IndsigtError("--coder llm needs --llm-url and --llm-model (a local endpoint)")
        if supervised_only:
            raise IndsigtError("--ablate, --curve and --curve-by measure the supervised coder")
        return llm_coder(url=llm_url, model=llm_model, allow_remote=allow_remote, cache=llm_cache)
    if coder != "supervised":
        raise IndsigtError(f"unknown coder {coder!r} (use supervised or llm)")
    return None


def _gold_sets(
    format: str,
    train: str | Path,
    test: str | Path,
    *,
    level: str,
    gold_coder: str | None,
    curve_by: str | None,
) -> tuple[GoldSet, GoldSet, bool]:
    """(training gold, test gold, whether they are the same gold); checks ``curve_by``."""
    train_set = load_gold(format, train, level=level, gold_coder=gold_coder)
    same = Path(train).resolve() == Path(test).resolve()
    test_set = train_set if same else load_gold(format, test, level=level, gold_coder=gold_coder)
    if [(u.id, u.text) for u in test_set.units] == [(u.id, u.text) for u in train_set.units]:
        same = True  # the same gold by another path (a folder and a file in it)
    if curve_by is not None:
        if curve_by != "documents":
            raise IndsigtError(f"--curve-by {curve_by!r}: only documents")
        if len({u.group for u in test_set.units}) == len(test_set.units):
            raise IndsigtError(f"{test}: this gold has no documents (each unit is its own)")
    return train_set, test_set, same


def _prepare(
    train_set: GoldSet,
    test_set: GoldSet,
    *,
    vectors: Embedder | None,
    embedder: str,
    settings: dict[str, Any],
    shares: list[float],
    context: Sequence[str] | None,
    ablate: bool,
    language_model: object | None,
) -> Run:
    """The run's machine (its features and context variants) and baselines."""
    features = ("word", "char", "embedding") if vectors is not None else ("word", "char")
    lr_baselines: dict[str, Any] = {"tfidf_lr": word_tfidf, "char_tfidf_lr": char_tfidf}
    if vectors is not None:
        lr_baselines["e5_lr" if embedder == "e5" else "embedding_lr"] = embedding_features(vectors)
    descriptions = {c: d for c, d in train_set.descriptions.items() if c in train_set.codes}
    if any(not 0 < share < 1 for share in shares):
        raise IndsigtError("learning-curve shares must lie between 0 and 1")
    parts = default_parts(train_set.units) if context is None else check_parts(context)
    variants = {"machine": parts}
    if ablate:
        variants.update({f"without {part}": tuple(p for p in parts if p != part) for part in parts})
        variants["text only"] = ()
    return Run(
        train_set=train_set,
        test_set=test_set,
        settings={"features": features, "embedder": vectors, **settings},
        parts=parts,
        variants=variants,
        lr_baselines=lr_baselines,
        descriptions=descriptions,
        zero_shot=vectors if vectors is not None else TfidfEmbedder(),
        language_model=language_model,
        single=settings["single_label"],
    )


@dataclass(frozen=True)
class Run:
    """What every split of one evaluation is scored with: the machine's settings, its context
    variants (``machine`` and, with ``ablate``, the ablations) and the baselines; and the gold
    it trains on and scores."""

    train_set: GoldSet
    test_set: GoldSet
    settings: dict[str, Any]
    parts: tuple[str, ...]
    variants: dict[str, tuple[str, ...]]
    lr_baselines: dict[str, Any]
    descriptions: dict[str, str]
    zero_shot: Embedder
    language_model: object | None
    single: bool
    facet_choices: list[dict[str, Any]] = field(default_factory=list)
    smoothing_choices: list[dict[str, Any]] = field(default_factory=list)

    @property
    def methods(self) -> tuple[str, ...]:
        methods = ("machine", "majority", "keyword", *self.lr_baselines)
        return (*methods, "similarity") if self.descriptions else methods

    def description(self) -> str:
        """The machine, as the report names it."""
        if self.language_model is not None:
            return f"llm.v1 ({getattr(self.language_model, 'model_id', '')}; zero-shot)"
        vectors = self.settings["embedder"]
        return (
            f"supervised.v1 ({self.settings['classifier']}; "
            f"features: {', '.join(self.settings['features'])}"
            + (f"; embedder {vectors.model_id}" if vectors is not None else "")
            + f"; context: {', '.join(self.parts) or 'none'}"
            + ("; facets: topic × stance" if self.settings.get("facet") else "")
            + ("; fine-tuned e5 averaged in" if self.settings.get("finetune") else "")
            + ")"
        )

    def code_with(
        self,
        training: list[GoldUnit],
        scoring: list[GoldUnit],
        using: tuple[str, ...] | None = None,
    ) -> list[Labels]:
        parts = self.parts if using is None else using
        learner = new_learner(self.settings, parts)
        coded = code_units(learner, training, scoring)
        if using is None and learner.facet_learner is not None:
            self.facet_choices.append(learner.facet_learner.choice.as_dict())
        if using is None and learner.smoothing_choice is not None:
            self.smoothing_choices.append(learner.smoothing_choice.as_dict())
        return coded

    def outputs(
        self, training: list[GoldUnit], scoring: list[GoldUnit]
    ) -> tuple[dict[str, list[Labels]], dict[str, list[Labels]]]:
        """(each method's codes of ``scoring``, each ablation's)."""
        texts = [u.text for u in training]
        labels = [u.labels for u in training]
        targets = [u.text for u in scoring]
        single = self.single
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            outputs = {
                "machine": self.code_with(training, scoring)
                if self.language_model is None
                else llm_codes(self.test_set, scoring, self.language_model),
                "majority": majority(labels, len(targets)),
                "keyword": keyword_baseline(texts, labels, targets, single_label=single),
            }
            for name, featurise in self.lr_baselines.items():
                outputs[name] = tuned_lr(
                    texts,
                    labels,
                    targets,
                    single_label=single,
                    featurise=featurise,
                    groups=[u.group for u in training],
                    folds=self.settings["folds"],
                    seed=self.settings["seed"],
                )
            if self.descriptions:
                outputs["similarity"] = similarity_zero_shot(
                    self.descriptions, targets, embedder=self.zero_shot, single_label=single
                )
            ablated = {
                name: self.code_with(training, scoring, using)
                for name, using in self.variants.items()
                if name != "machine"
            }
        return outputs, ablated

    def in_study_curve(
        self, *, ks: Sequence[int], draws: int, progress: Progress
    ) -> dict[str, Any]:
        """The machine trained on k documents of the scored gold itself (:mod:`.instudy`)."""
        return in_study_curve(
            self.test_set,
            settings=self.settings,
            parts=self.parts,
            ks=ks,
            draws=draws,
            seed=self.settings["seed"],
            progress=progress,
        )


@dataclass(frozen=True)
class _Scored:
    """Gold and codes by unit id: each method's, each learning-curve share's, each ablation's;
    and the training sizes by share."""

    gold: dict[str, Labels]
    predicted: dict[str, dict[str, Labels]]
    partial: dict[float, dict[str, Labels]]
    ablation: dict[str, dict[str, Labels]]
    sizes: dict[float, list[int]]


def _score_splits(
    run: Run,
    splits: list[tuple[list[GoldUnit], list[GoldUnit]]],
    shares: list[float],
    *,
    seed: int,
    progress: Progress,
) -> _Scored:
    methods = run.methods
    scored = _Scored(
        gold={},
        predicted={m: {} for m in methods},
        partial={share: {} for share in shares},
        ablation={name: {} for name in run.variants if name != "machine"},
        sizes={share: [] for share in [*shares, 1.0]},
    )
    steps = len(splits) * (1 + len(shares))
    for number, (training, scoring) in enumerate(splits):
        progress(number * (1 + len(shares)), steps, "evaluating")
        if not training:
            raise IndsigtError("nothing left to train on after removing overlap with --test")
        scored.sizes[1.0].append(len(training))
        for step, share in enumerate(shares, start=1):
            progress(number * (1 + len(shares)) + step, steps, "learning curve")
            subset = share_of(training, share, seed=seed + number)
            scored.sizes[share].append(len(subset))
            for unit, found in zip(scoring, run.code_with(subset, scoring), strict=True):
                scored.partial[share][unit.id] = found
        outputs, ablated = run.outputs(training, scoring)
        for name, coded in ablated.items():
            scored.ablation[name].update(zip([u.id for u in scoring], coded, strict=True))
        for unit_number, unit in enumerate(scoring):
            scored.gold[unit.id] = unit.labels
            for method in methods:
                scored.predicted[method][unit.id] = outputs[method][unit_number]
    progress(steps, steps, "evaluating")
    return scored


def _result(
    run: Run,
    scored: _Scored,
    *,
    format: str,
    split: str,
    removed: int,
    target: float | None,
) -> dict[str, Any]:
    """The report: the machine's agreement, the baselines', the ablations', the curve."""
    single, methods, train_set = run.single, run.methods, run.train_set
    order = sorted(scored.gold)
    truth = [scored.gold[i] for i in order]
    scores = {
        m: agreement(truth, [scored.predicted[m][i] for i in order], single_label=single)
        for m in methods
    }
    result: dict[str, Any] = {
        "dataset": train_set.name,
        "format": format,
        "unit": train_set.unit,
        "units": len(order),
        "codes": len(train_set.codes),
        "single_label": single,
        "split": split,
        "train_units_removed_for_overlap": removed,
        "machine": run.description(),
        "context": list(run.parts),
        **{key: value for key, value in scores["machine"].items() if key != "per_code"},
        "per_code": scores["machine"]["per_code"],
        "baselines": {
            name: {
                **{key: value for key, value in scores[name].items() if key != "per_code"},
                "per_code_f1": {code: row["f1"] for code, row in scores[name]["per_code"].items()},
            }
            for name in methods[1:]
        },
        "notes": list(train_set.notes),
    }
    facet = run.settings.get("facet")
    if facet is not None:
        result["facet"] = {
            "values": list(facet.values),
            "topics": list(facet.topics),
            "codes": list(facet.codes),
            "chosen": run.facet_choices,
        }
    if run.smoothing_choices:
        result["smoothing"] = smoothing_summary(run.smoothing_choices)
    if scored.ablation:
        result["ablation"] = {
            name: {
                key: value
                for key, value in agreement(
                    truth, [found[i] for i in order], single_label=single
                ).items()
                if key in ("micro_f1", "macro_f1", "kappa", "accuracy")
            }
            for name, found in scored.ablation.items()
        }
    if scored.partial:
        points = [
            (share, agreement(truth, [part[i] for i in order], single_label=single))
            for share, part in scored.partial.items()
        ]
        result["learning_curve"] = learning_curve(
            [*points, (1.0, scores["machine"])], scored.sizes, single_label=single, target=target
        )
    return result


def smoothing_summary(choices: list[dict[str, Any]]) -> dict[str, Any]:
    """The neighbour smoothing the inner cross-validation chose in each split: per code, in how
    many splits it was on and the (weight, width) each time (0, 0: off)."""
    codes: dict[str, list[list[float]]] = {}
    for choice in choices:
        for code, row in choice["labels"].items():
            codes.setdefault(code, []).append([row["weight"], row["width"]])
    return {
        "mode": choices[0]["mode"],
        "splits": len(choices),
        "codes": {
            code: {"on": sum(1 for w, _ in pairs if w > 0), "weight_width": pairs}
            for code, pairs in sorted(codes.items())
        },
    }


def share_of(units: list[GoldUnit], share: float, *, seed: int) -> list[GoldUnit]:
    """A seeded ``share`` of ``units``, whole groups (documents) at a time, at least one."""
    groups = sorted({u.group for u in units})
    order = np.random.default_rng(seed).permutation(len(groups))
    keep = {groups[k] for k in order[: max(1, round(share * len(groups)))]}
    return [u for u in units if u.group in keep]


def learning_curve(
    points: Sequence[tuple[float, dict[str, Any]]],
    sizes: dict[float, list[int]],
    *,
    single_label: bool,
    target: float | None,
) -> dict[str, Any]:
    """The curve's points, the power law through them and what ``target`` would need."""
    metric = "accuracy" if single_label else "micro_f1"
    rows = [
        {
            "share": share,
            "train_units": round(float(np.mean(sizes[share])), 1),
            **{key: scores[key] for key in (metric, "macro_f1", "kappa")},
        }
        for share, scores in points
    ]
    found: dict[str, Any] = {"metric": metric, "points": rows}
    usable = [(r["train_units"], 1.0 - r[metric]) for r in rows if 0 < r[metric] < 1]
    if len(usable) >= 3:
        n, error = np.log(np.array(usable)).T
        slope, intercept = np.polyfit(n, error, 1)
        if slope < -1e-3:  # flatter than that says nothing about more codings
            a, b = float(np.exp(intercept)), float(-slope)
            found["fit"] = {"a": round(a, 4), "b": round(b, 4)}
            if target is not None:
                found["target"] = target
                exponent = (intercept - np.log(1.0 - target)) / b  # log of the units needed
                found["train_units_for_target"] = (
                    round(float(np.exp(exponent))) if exponent < np.log(1e9) else None
                )
    return found
