"""``indsigt code``: run coders over a study's (pseudonymised) passages and store their
suggestions; ``passages_to_code``: what a person should code next."""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from indsigt import queries
from indsigt.codebook.repository import load_codebook
from indsigt.coding.base import Coder
from indsigt.coding.context import PARTS, Unit
from indsigt.coding.storage import replace_suggestions
from indsigt.coding.training import passage_units, training_set
from indsigt.embed import CachedEmbedder, Embedder, get_embedder
from indsigt.errors import IndsigtError
from indsigt.guard import require_anonymised
from indsigt.progress import Progress, no_progress
from indsigt.records import Passage
from indsigt.store import Store

DEFAULT_CODERS = ("keyword.v1", "similarity.v1")


@dataclass(frozen=True)
class CodingReport:
    passages: int
    coders: dict[str, dict[str, int]] = field(default_factory=dict)
    seconds: float = 0.0
    notes: list[str] = field(default_factory=list)
    skipped: int = 0  # conversational or interviewer passages, never coded


def coder_classes() -> dict[str, Any]:
    from indsigt.plugins import get_plugin_manager

    found: dict[str, Any] = {}
    for classes in get_plugin_manager().hook.indsigt_coders():
        found.update(classes)
    return found


def resolve(name: str) -> str:
    """``keyword`` → ``keyword.v1`` (the highest version of that coder)."""
    known = coder_classes()
    if name in known:
        return name
    versions = sorted(
        (n for n in known if n.rsplit(".v", 1)[0] == name),
        key=lambda n: int(n.rsplit(".v", 1)[1]),
    )
    if not versions:
        raise IndsigtError(f"unknown coder {name!r} (known: {', '.join(sorted(known))})")
    return versions[-1]


@dataclass
class CoderSettings:
    """What the built-in coders need besides passages and a codebook."""

    embedder: str = "e5"
    llm_url: str | None = None
    llm_model: str | None = None
    allow_remote: bool = False
    llm_cache: str | Path | None = None
    language: str = "da"
    languages: tuple[str, ...] = ("da", "no", "sv", "en")
    _embedder: Embedder | None = None

    def get_embedder(self, store: Store, progress: Progress) -> Embedder:
        if self._embedder is None:
            embedder = get_embedder(self.embedder)
            # Only vectors that depend on the text alone are cached (not TF-IDF's).
            self._embedder = (
                CachedEmbedder(embedder, store, progress=progress)
                if embedder.cacheable
                else embedder
            )
        return self._embedder


def build_coder(
    name: str,
    store: Store,
    study_id: int,
    settings: CoderSettings,
    progress: Progress,
    *,
    context: bool = False,
) -> tuple[Coder, list[str]]:
    """A ready coder by name, and notes for the user. ``context``: the supervised coder sees
    each passage's question, neighbours and previous codes, read from this store (for the
    study's own passages; batch partitions are coded before they are stored)."""
    from indsigt.coding.ensemble import EnsembleCoder
    from indsigt.coding.keyword import KeywordCoder
    from indsigt.coding.llm import LLMCoder, ResponseCache
    from indsigt.coding.similarity import SimilarityCoder
    from indsigt.coding.supervised import SupervisedCoder

    cls = coder_classes()[name]
    if cls is KeywordCoder:
        return KeywordCoder(languages=settings.languages), []
    if cls is SimilarityCoder:
        return SimilarityCoder(settings.get_embedder(store, progress)), []
    if cls is SupervisedCoder:
        data = training_set(store, study_id)
        if not data.human_codings:
            raise IndsigtError(
                "the supervised coder learns from accepted human codings, and this study has "
                "none yet; code some passages (or accept suggestions) first"
            )
        known = {p.id: codes for p, codes in zip(data.passages, data.codes, strict=True)}

        def contexts(passages: Sequence[Passage]) -> tuple[list[Unit], list[int | None]]:
            return passage_units(store, study_id, passages, known)

        coder = SupervisedCoder(context=PARTS, contexts=contexts) if context else SupervisedCoder()
        try:
            units = contexts(data.passages)[0] if context else None
            coder.fit(data.passages, data.codes, groups=data.groups, units=units)
        except ValueError as exc:
            raise IndsigtError(f"the supervised coder cannot learn yet: {exc}") from exc
        note = (
            f"supervised.v1 learnt {len(coder.learner.labels)} code(s) from "
            f"{data.human_codings} human coding(s) in {len(set(data.groups))} document(s)"
        )
        return coder, [note]
    if cls is LLMCoder:
        from indsigt.coding.endpoint import OpenAIEndpoint

        if not settings.llm_url or not settings.llm_model:
            raise IndsigtError(
                "the LLM coder is off by default: give --llm-url (an OpenAI-compatible endpoint, "
                "e.g. http://localhost:11434/v1) and --llm-model"
            )
        endpoint = OpenAIEndpoint(
            settings.llm_url, settings.llm_model, allow_remote=settings.allow_remote
        )
        cache = ResponseCache(settings.llm_cache or default_cache() / "llm")
        return LLMCoder(endpoint, cache=cache, language=settings.language), []
    if cls is EnsembleCoder:
        members = [
            build_coder(member, store, study_id, settings, progress)[0]
            for member in ("keyword.v1", "similarity.v1")
        ]
        ensemble = EnsembleCoder(members)
        data = training_set(store, study_id)
        if not data.human_codings:
            return ensemble, []
        ensemble.tune(
            data.passages,
            load_codebook(store, study_id),
            {p.id: codes for p, codes in zip(data.passages, data.codes, strict=True)},
        )
        return ensemble, [f"ensemble.v1: per-code thresholds from {data.human_codings} codings"]
    return cls(), []


def default_cache() -> Path:
    """``$XDG_CACHE_HOME/indsigt`` (``~/.cache/indsigt``): on this machine only."""
    import os

    return Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "indsigt"


def code_study(
    store: Store,
    study_id: int,
    *,
    coders: Sequence[str] = DEFAULT_CODERS,
    settings: CoderSettings | None = None,
    progress: Progress = no_progress,
    actor: str = "cli",
) -> CodingReport:
    """Run ``coders`` over the passages respondents spoke that are not conversational
    (:func:`indsigt.units.conversational_ids`) and store their suggestions (status
    ``suggested``): no suggestion lands on "Yeah." or on the interviewer's question."""
    from indsigt.units.read import conversational_ids, interviewer_passage_ids

    began = time.perf_counter()
    require_anonymised(store, study_id, stage="coding")
    codebook = load_codebook(store, study_id)
    if not len(codebook):
        raise IndsigtError(
            "the study has no codebook: `indsigt codebook STUDY import FILE` "
            "(or `--default` for the bundled one)"
        )
    settings = settings or CoderSettings()
    documents = queries.documents(store, study_id)
    settings.languages = tuple(sorted({doc.language for doc in documents})) or settings.languages
    skip = conversational_ids(store, study_id) | interviewer_passage_ids(store, study_id)
    every = queries.passages(store, study_id)
    passages = [p for p in every if p.id not in skip]
    results: dict[str, dict[str, int]] = {}
    notes: list[str] = []
    for name in dict.fromkeys(resolve(n) for n in coders):
        coder, more = build_coder(name, store, study_id, settings, progress, context=True)
        notes += more
        codings = coder.code(passages, codebook, progress=progress)
        results[name] = replace_suggestions(store, study_id, name, codings, actor=actor)
        dropped = getattr(coder, "dropped", 0)
        if dropped:
            notes.append(f"{name}: dropped {dropped} answer(s) whose quote is not in the passage")
    return CodingReport(
        len(passages),
        results,
        round(time.perf_counter() - began, 2),
        notes,
        skipped=len(every) - len(passages),
    )


def passages_to_code(
    store: Store, study_id: int, *, limit: int = 20, progress: Progress = no_progress
) -> list[dict[str, Any]]:
    """Uncoded passages a person should code next: those the supervised coder is least sure
    about; before anyone has coded, a spread of long passages across the documents."""
    require_anonymised(store, study_id, stage="coding")
    from indsigt.coding.supervised import SupervisedCoder

    data = training_set(store, study_id)
    passages = queries.passages(store, study_id)
    if data.human_codings:
        coder = SupervisedCoder()
        try:
            coder.fit(data.passages, data.codes, groups=data.groups)
            return coder.to_review(passages, limit=limit)
        except ValueError:
            pass  # too few codings to learn from: fall back to a spread
    by_document: dict[int, list[Any]] = {}
    for passage in sorted(passages, key=lambda p: -len(p.text)):
        by_document.setdefault(passage.document_id, []).append(passage)
    chosen: list[dict[str, Any]] = []
    queues = list(by_document.values())
    while len(chosen) < limit and any(queues):
        for queue in queues:
            if queue and len(chosen) < limit:
                p = queue.pop(0)
                chosen.append(
                    {
                        "passage_id": p.id,
                        "document_id": p.document_id,
                        "uncertainty": 1.0,
                        "likely": [],
                        "text": p.text,
                    }
                )
    return chosen
