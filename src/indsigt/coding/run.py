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
from indsigt.coding.settings import CoderSettings as CoderSettings
from indsigt.coding.settings import CoderStudy
from indsigt.coding.settings import default_cache as default_cache
from indsigt.coding.storage import replace_suggestions
from indsigt.coding.training import training_set
from indsigt.errors import IndsigtError
from indsigt.guard import require_anonymised
from indsigt.progress import Progress, no_progress
from indsigt.store import Store

DEFAULT_CODERS = ("keyword.v1", "similarity.v1")


@dataclass(frozen=True)
class CodingReport:
    passages: int
    coders: dict[str, dict[str, int]] = field(default_factory=dict)
    seconds: float = 0.0
    notes: list[str] = field(default_factory=list)
    skipped: int = 0  # conversational or interviewer passages, never coded


@dataclass(frozen=True)
class ToCode:
    """A passage to code next (:func:`passages_to_code`): how unsure the supervised coder is
    (1.0 before anyone has coded) and the codes it finds likely."""

    passage_id: int
    document_id: int
    uncertainty: float
    likely: list[str]
    text: str


def coder_classes() -> dict[str, type[Coder]]:
    """Coder classes by versioned name, built-ins and plugins (a plugin's coder overrides a
    built-in of the same name)."""
    from indsigt.plugins import components

    found: dict[str, type[Coder]] = components("coders")
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


def build_coder(
    name: str,
    store: Store,
    study_id: int,
    settings: CoderSettings,
    progress: Progress,
    *,
    context: bool = False,
) -> tuple[Coder, list[str]]:
    """A ready coder by name (its class's ``from_settings``), and notes for the user.
    ``context``: the coder may read each passage's question, neighbours and previous codes
    from this store (for the study's own passages; batch partitions are coded before they
    are stored)."""
    cls = coder_classes()[name]
    if not callable(getattr(cls, "from_settings", None)):
        raise IndsigtError(
            f"coder {name!r} ({cls.__module__}.{cls.__qualname__}) has no from_settings "
            "classmethod (see indsigt.coding.base.Coder)"
        )
    study = CoderStudy(store, study_id, progress=progress, context=context)
    return cls.from_settings(settings, study=study), list(study.notes)


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
    ``suggested``): no suggestion lands on "Yeah.", on the interviewer's question or on a
    transcriber's note."""
    from indsigt.units.read import conversational_ids, unspoken_passage_ids

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
    skip = conversational_ids(store, study_id) | unspoken_passage_ids(store, study_id)
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


def run_coding(
    store: Store,
    study_id: int,
    *,
    coders: Sequence[str] = DEFAULT_CODERS,
    embedder: str = CoderSettings.embedder,
    llm_url: str | None = CoderSettings.llm_url,
    llm_model: str | None = CoderSettings.llm_model,
    allow_remote: bool = CoderSettings.allow_remote,
    llm_cache: str | Path | None = CoderSettings.llm_cache,
    progress: Progress = no_progress,
) -> CodingReport:
    """Run ``coders`` over the study's passages by :func:`code_study`, their
    :class:`CoderSettings` made from these options and the study's language; the codings are
    stored as suggestions."""
    from indsigt.settings import study_language

    with store.connect() as connection:
        language = study_language(connection, study_id)
    settings = CoderSettings(
        embedder=embedder,
        llm_url=llm_url,
        llm_model=llm_model,
        allow_remote=allow_remote,
        llm_cache=llm_cache,
        language=language,
    )
    return code_study(store, study_id, coders=coders, settings=settings, progress=progress)


def passages_to_code(
    store: Store, study_id: int, *, limit: int = 20, progress: Progress = no_progress
) -> list[ToCode]:
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
            return [ToCode(**row) for row in coder.to_review(passages, limit=limit)]
        except ValueError:
            pass  # too few codings to learn from: fall back to a spread
    by_document: dict[int, list[Any]] = {}
    for passage in sorted(passages, key=lambda p: -len(p.text)):
        by_document.setdefault(passage.document_id, []).append(passage)
    chosen: list[ToCode] = []
    queues = list(by_document.values())
    while len(chosen) < limit and any(queues):
        for queue in queues:
            if queue and len(chosen) < limit:
                p = queue.pop(0)
                chosen.append(ToCode(p.id, p.document_id, 1.0, [], p.text))
    return chosen
