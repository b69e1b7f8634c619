"""The guide in a study: stored in the ``setting`` table (key ``guide``), its alignment per
document in ``document.meta["guide_alignment"]`` (turn id → label; turn ids survive
anonymisation), so no schema change is needed. Importing a new guide drops old alignments."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from indsigt import queries
from indsigt.embed import CachedEmbedder, get_embedder
from indsigt.errors import IndsigtError
from indsigt.guard import require_anonymised
from indsigt.guide.align import METHOD, AlignTurn, FollowUps, align_turns
from indsigt.guide.model import Guide
from indsigt.guide.parse import read_guide
from indsigt.progress import Progress, no_progress
from indsigt.store import Store, schema

SETTING = "guide"
META = "guide_alignment"


@dataclass(frozen=True)
class AlignReport:
    documents: int
    interviewer_turns: int
    aligned_interviewer_turns: int
    turns: int
    aligned_turns: int
    per_question: dict[str, int] = field(default_factory=dict)
    embedder: str = ""


def import_guide(store: Store, study_id: int, path: str | Path, *, actor: str = "cli") -> Guide:
    """Parse ``path`` and store it as the study's guide (replacing an earlier one, whose
    alignments are dropped in the same transaction)."""
    guide = read_guide(path)
    table = schema.setting
    with store.begin() as connection:
        connection.execute(
            table.delete().where(table.c.study_id == study_id, table.c.key == SETTING)
        )
        connection.execute(
            table.insert().values(study_id=study_id, key=SETTING, value=guide.as_dict())
        )
        for document_id, meta in connection.execute(
            sa.select(schema.document.c.id, schema.document.c.meta).where(
                schema.document.c.study_id == study_id
            )
        ).all():
            if META in (meta or {}):
                kept = {k: v for k, v in meta.items() if k != META}
                connection.execute(
                    schema.document.update()
                    .where(schema.document.c.id == document_id)
                    .values(meta=kept)
                )
        store.log(
            connection,
            "guide.imported",
            entity="study",
            entity_id=study_id,
            actor=actor,
            payload={
                "source": guide.source,
                "sha256": guide.sha256,
                "questions": len(guide.questions),
            },
        )
    return guide


def load_guide(store: Store, study_id: int) -> Guide | None:
    table = schema.setting
    with store.connect() as connection:
        value = connection.scalar(
            sa.select(table.c.value).where(table.c.study_id == study_id, table.c.key == SETTING)
        )
    return None if value is None else Guide.from_dict(value)


def require_guide(store: Store, study_id: int) -> Guide:
    guide = load_guide(store, study_id)
    if guide is None:
        raise IndsigtError(
            "the study has no interview guide; run `indsigt guide STUDY import FILE`"
        )
    return guide


def align_study(
    store: Store,
    study_id: int,
    *,
    embedder: str = "e5",
    follow_ups: FollowUps = "question",
    actor: str = "cli",
    progress: Progress = no_progress,
) -> AlignReport:
    """Align every document's turns to the guide and store the labels per turn."""
    if follow_ups not in ("question", "none"):
        raise IndsigtError(f"unknown follow_ups {follow_ups!r}; use question or none")
    require_anonymised(store, study_id, stage="guide alignment")
    guide = require_guide(store, study_id)
    model = CachedEmbedder(get_embedder(embedder), store, progress=progress)
    documents = queries.documents(store, study_id)
    results: dict[int, dict[str, Any]] = {}
    counts = {"interviewer": 0, "interviewer_aligned": 0, "turns": 0, "aligned": 0}
    per_question: dict[str, int] = {label: 0 for label in guide.labels()}
    for number, doc in enumerate(documents):
        progress(number, len(documents), "aligning to the guide")
        roles = {s.id: s.role for s in queries.speakers(store, doc.id)}
        turns = queries.turns(store, doc.id)
        items = [AlignTurn(roles[t.speaker_id], doc.text[t.start : t.end]) for t in turns]
        labels = align_turns(
            items,
            guide,
            embedder=model,
            languages=(doc.language,),
            follow_ups=follow_ups,
        )
        for item, label in zip(items, labels, strict=True):
            counts["turns"] += 1
            counts["aligned"] += label is not None
            if item.role == "interviewer":
                counts["interviewer"] += 1
                counts["interviewer_aligned"] += label is not None
                if label is not None:
                    per_question[label] += 1
        results[doc.id] = {
            "method": METHOD,
            "guide_sha256": guide.sha256,
            "embedder": model.model_id,
            "follow_ups": follow_ups,
            "turns": {str(t.id): label for t, label in zip(turns, labels, strict=True)},
        }
    progress(len(documents), len(documents), "aligning to the guide")
    with store.begin() as connection:
        for doc in documents:
            meta = dict(
                connection.scalar(
                    sa.select(schema.document.c.meta).where(schema.document.c.id == doc.id)
                )
                or {}
            )
            meta[META] = results[doc.id]
            connection.execute(
                schema.document.update().where(schema.document.c.id == doc.id).values(meta=meta)
            )
        store.log(
            connection,
            "guide.aligned",
            entity="study",
            entity_id=study_id,
            actor=actor,
            payload={"documents": len(documents), "method": METHOD, "follow_ups": follow_ups},
        )
    return AlignReport(
        documents=len(documents),
        interviewer_turns=counts["interviewer"],
        aligned_interviewer_turns=counts["interviewer_aligned"],
        turns=counts["turns"],
        aligned_turns=counts["aligned"],
        per_question=per_question,
        embedder=model.model_id,
    )


def turn_questions(doc_meta: dict[str, Any]) -> dict[int, str | None]:
    """Turn id → guide label from a document's stored alignment (empty if not aligned)."""
    stored = (doc_meta or {}).get(META) or {}
    return {int(k): v for k, v in (stored.get("turns") or {}).items()}
