"""`indsigt units`: conversational marks and statements of a study, stored.

Runs after anonymisation (the guard checks it) on the stored, pseudonymised passages: the
talk detector marks passages of every turn but a note's; statements are built for every turn
that is neither the interviewer's nor a note (a transcriber's summary, a guide's heading: no
one's speech; a document without interviewer labels is all respondent speech). Each
statement records the last interviewer turn before its own turn. Rebuilding replaces a
document's marks and statements in one transaction; passages are never changed.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import sqlalchemy as sa

from indsigt.embed.base import Embedder
from indsigt.errors import IndsigtError
from indsigt.guard import require_anonymised
from indsigt.progress import Progress, no_progress
from indsigt.queries import passage_from_row
from indsigt.records import NOTE, Passage
from indsigt.store import Store, schema
from indsigt.store.speech import NOT_RESPONDENTS
from indsigt.units.base import TalkDetector
from indsigt.units.plan import (
    SEGMENTER,
    DocumentIn,
    PassageIn,
    StatementPlan,
    TurnIn,
    plan_units,
)
from indsigt.units.rules import RuleTalkDetector


@dataclass(frozen=True)
class UnitsReport:
    documents: int
    passages: int
    conversational: int
    statements: int
    substantive: int
    detector: str
    embedder: str
    kinds: dict[str, int] = field(default_factory=dict)


def build_units(
    store: Store,
    study_id: int,
    *,
    detector: TalkDetector | None = None,
    embedder: str | Embedder = "e5",
    documents: Sequence[int] | None = None,
    min_words: int = 20,
    max_words: int = 120,
    cutoff_sd: float = -0.5,
    progress: Progress = no_progress,
) -> UnitsReport:
    """Mark conversational passages and build statements for the study's documents (or only
    ``documents``, by id). ``embedder``: ``e5`` (vectors cached in the store), ``tfidf`` or an
    embedder; if e5 cannot load, TF-IDF stands in."""
    require_anonymised(store, study_id, stage="statements")
    detector = detector or RuleTalkDetector()
    docs = _documents(store, study_id, documents)
    turns, passages = _turns_and_passages(store, [d for d, _ in docs])
    used: list[str] = []

    def embed(texts: list[str]) -> np.ndarray:
        model, vectors = _vectors(store, texts, embedder, progress)
        used.append(model)
        return vectors

    marks, plans = plan_units(
        _plan_inputs(docs, turns, passages),
        detector=detector,
        embed=embed,
        min_words=min_words,
        max_words=max_words,
        cutoff_sd=cutoff_sd,
        progress=progress,
    )
    rows = _statement_rows(plans)
    report = UnitsReport(
        documents=len(docs),
        passages=len(passages),
        conversational=len(marks),
        statements=len(rows),
        substantive=sum(1 for r in rows if r["substantive"]),
        detector=detector.name,
        embedder=used[0] if used else "none",
        kinds=dict(Counter(marks.values()).most_common()),
    )
    _replace_units(store, study_id, [d for d, _ in docs], marks, rows, report)
    return report


def _plan_inputs(
    docs: list[tuple[int, str]],
    turns: dict[int, tuple[int, int, str]],
    passages: list[Passage],
) -> list[DocumentIn]:
    """The planner's input: each document's turns (in order) with their passages."""
    by_turn: dict[int, list[PassageIn]] = defaultdict(list)
    for passage in passages:
        by_turn[passage.turn_id].append(
            PassageIn(passage.id, passage.start, passage.end, passage.text)
        )
    return [
        DocumentIn(
            document_id,
            language,
            tuple(
                TurnIn(tid, role == "interviewer", tuple(by_turn[tid]))
                for tid, (doc, _, role) in turns.items()
                if doc == document_id and role != NOTE
            ),
        )
        for document_id, language in docs
    ]


def _statement_rows(plans: Sequence[StatementPlan]) -> list[dict[str, Any]]:
    return [
        {
            "document_id": plan.document_id,
            "turn_id": plan.turn_id,
            "seq": plan.seq,
            "first_passage_id": plan.passage_ids[0],
            "last_passage_id": plan.passage_ids[-1],
            "start": plan.start,
            "end": plan.end,
            "question_turn_id": plan.question_turn_id,
            "substantive": plan.substantive,
            "words": plan.words,
            "segmenter": SEGMENTER,
        }
        for plan in plans
    ]


def _replace_units(
    store: Store,
    study_id: int,
    doc_ids: list[int],
    marks: dict[int, str],
    rows: list[dict[str, Any]],
    report: UnitsReport,
) -> None:
    """Replace the documents' marks and statements in one transaction, and log it."""
    with store.begin() as connection:
        passage_ids = sa.select(schema.passage.c.id).where(
            schema.passage.c.document_id.in_(doc_ids)
        )
        connection.execute(
            schema.passage_mark.delete().where(schema.passage_mark.c.passage_id.in_(passage_ids))
        )
        connection.execute(
            schema.statement.delete().where(schema.statement.c.document_id.in_(doc_ids))
        )
        if marks:
            connection.execute(
                schema.passage_mark.insert(),
                [
                    {"passage_id": p, "kind": k, "detector": report.detector}
                    for p, k in marks.items()
                ],
            )
        if rows:
            connection.execute(schema.statement.insert(), rows)
        store.log(
            connection,
            "units.built",
            entity="study",
            entity_id=study_id,
            payload={k: v for k, v in report.__dict__.items()},
        )


def missing_documents(store: Store, study_id: int) -> list[int]:
    """Documents with speech but no statements yet (units never built, or imported since)."""
    d, st, t, s = schema.document, schema.statement, schema.turn, schema.speaker
    with store.connect() as connection:
        return list(
            connection.scalars(
                sa.select(d.c.id)
                .where(d.c.study_id == study_id)
                .where(
                    sa.exists()
                    .where(t.c.document_id == d.c.id, t.c.speaker_id == s.c.id)
                    .where(s.c.role.not_in(NOT_RESPONDENTS))
                )
                .where(~sa.exists().where(st.c.document_id == d.c.id))
                .order_by(d.c.id)
            )
        )


def ensure_units(
    store: Store,
    study_id: int,
    *,
    embedder: str | Embedder = "e5",
    progress: Progress = no_progress,
) -> UnitsReport | None:
    """Build marks and statements for documents that have none yet; None if all have them."""
    missing = missing_documents(store, study_id)
    if not missing:
        return None
    return build_units(store, study_id, embedder=embedder, documents=missing, progress=progress)


def _documents(
    store: Store, study_id: int, documents: Sequence[int] | None
) -> list[tuple[int, str]]:
    d = schema.document
    query = sa.select(d.c.id, d.c.language).where(d.c.study_id == study_id).order_by(d.c.id)
    if documents is not None:
        query = query.where(d.c.id.in_(list(documents)))
    with store.connect() as connection:
        return [(row.id, row.language or "da") for row in connection.execute(query)]


def _turns_and_passages(
    store: Store, document_ids: list[int]
) -> tuple[dict[int, tuple[int, int, str]], list[Passage]]:
    """Turns (id → document, seq, speaker role) in document order, and their passages."""
    t, s, p = schema.turn, schema.speaker, schema.passage
    with store.connect() as connection:
        turns = {
            row.id: (row.document_id, row.seq, row.role)
            for row in connection.execute(
                sa.select(t.c.id, t.c.document_id, t.c.seq, s.c.role)
                .join(s, t.c.speaker_id == s.c.id)
                .where(t.c.document_id.in_(document_ids))
                .order_by(t.c.document_id, t.c.seq, t.c.id)
            )
        }
        passages = [
            passage_from_row(row)
            for row in connection.execute(
                sa.select(p)
                .where(p.c.document_id.in_(document_ids))
                .order_by(p.c.turn_id, p.c.seq, p.c.id)
            )
        ]
    return turns, passages


def _vectors(
    store: Store, texts: list[str], embedder: str | Embedder, progress: Progress
) -> tuple[str, np.ndarray]:
    """(model id, one unit row per text): the embedder's, cached; TF-IDF if it cannot load."""
    from indsigt.embed import CachedEmbedder, TfidfEmbedder, get_embedder

    if not texts:
        return "none", np.zeros((0, 1), dtype=np.float32)
    model: Any
    if isinstance(embedder, str):
        try:
            model = TfidfEmbedder() if embedder == "tfidf" else get_embedder(embedder)
        except (IndsigtError, ImportError, OSError):
            model = TfidfEmbedder()
    else:
        model = embedder
    if isinstance(model, TfidfEmbedder):
        model.fit(texts)
        return model.model_id, np.asarray(model.embed(texts))
    cached = CachedEmbedder(model, store, progress=progress)
    return model.model_id, np.asarray(cached.embed(texts))
