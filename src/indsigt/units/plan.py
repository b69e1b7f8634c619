"""Marks and statements of documents held in memory: the stage's work without the store.

:func:`plan_units` takes documents as turns of passages (offsets into the document's text),
runs the talk detector on every passage, embeds the substantive passages of non-interviewer
turns, and splits each such turn into statements (:mod:`indsigt.units.texttiling`).
:mod:`indsigt.units.study` feeds it stored records; the raw-transcript evaluation feeds it
transcripts read from files.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from indsigt.progress import Progress, no_progress
from indsigt.units.base import TalkDetector
from indsigt.units.lexicon import LAUGHTER
from indsigt.units.rules import content_words
from indsigt.units.texttiling import Span, cutoff, gap_depths, join_talk, split_turn

SEGMENTER = "statements.texttiling.v1"
# Marks that make a short statement banter; a "Yeah." before a short answer does not.
BANTER = frozenset({"greeting", "signoff", "interview", "pseudonym"})


@dataclass(frozen=True)
class PassageIn:
    id: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class TurnIn:
    id: int
    interviewer: bool
    passages: tuple[PassageIn, ...]


@dataclass(frozen=True)
class DocumentIn:
    id: int
    language: str
    turns: tuple[TurnIn, ...]  # in spoken order


@dataclass(frozen=True)
class StatementPlan:
    document_id: int
    turn_id: int
    seq: int
    passage_ids: tuple[int, ...]
    start: int
    end: int
    question_turn_id: int | None
    substantive: bool
    words: int


def plan_units(
    documents: Sequence[DocumentIn],
    *,
    detector: TalkDetector,
    embed: Callable[[list[str]], np.ndarray],
    min_words: int = 20,
    max_words: int = 120,
    cutoff_sd: float = -0.5,
    min_content: int = 5,
    progress: Progress = no_progress,
) -> tuple[dict[int, str], list[StatementPlan]]:
    """(conversational kind by passage id, statements) of ``documents``. ``embed`` turns
    texts into unit rows (it is called once, on all substantive respondent passages). Banter
    is not substantive either: a statement whose substantive passages hold fewer than
    ``min_content`` content words and that laughs or holds thanks, a sign-off or talk about
    the interview ("Selv tak. Pas på kasserne på vej ud.", "Det er jeg ikke overrasket over.
    (griner)"); a backchannel or a false start before a short answer ("Yeah. We use SHAP.")
    leaves it substantive (coders code such answers: measured on pdpilot)."""
    marks = _detect_talk(documents, detector, progress)
    spoken = [
        p
        for doc in documents
        for turn in doc.turns
        if not turn.interviewer
        for p in turn.passages
        if p.id not in marks
    ]
    vectors = embed([p.text for p in spoken]) if spoken else np.zeros((0, 1))
    vector_of = {p.id: vectors[i] for i, p in enumerate(spoken)}
    plans: list[StatementPlan] = []
    for doc in documents:
        plans.extend(
            _plan_document(
                doc,
                marks,
                vector_of,
                min_words=min_words,
                max_words=max_words,
                cutoff_sd=cutoff_sd,
                min_content=min_content,
            )
        )
    return marks, plans


def _detect_talk(
    documents: Sequence[DocumentIn], detector: TalkDetector, progress: Progress
) -> dict[int, str]:
    """Conversational kind by passage id, for every passage of every turn."""
    marks: dict[int, str] = {}
    for number, doc in enumerate(documents, start=1):
        progress(number, len(documents), "conversational talk")
        passages = [p for turn in doc.turns for p in turn.passages]
        kinds = detector.detect([p.text for p in passages], language=doc.language)
        marks.update({p.id: kind for p, kind in zip(passages, kinds, strict=True) if kind})
    return marks


def _plan_document(
    doc: DocumentIn,
    marks: dict[int, str],
    vector_of: dict[int, np.ndarray],
    *,
    min_words: int,
    max_words: int,
    cutoff_sd: float,
    min_content: int,
) -> list[StatementPlan]:
    """One document's statements: each non-interviewer turn split at its deep gaps."""
    depths = {
        turn.id: gap_depths(np.array([vector_of[p.id] for p in turn.passages if p.id in vector_of]))
        for turn in doc.turns
        if not turn.interviewer
    }
    threshold = cutoff([d for values in depths.values() for d in values], sd=cutoff_sd)
    plans: list[StatementPlan] = []
    question: int | None = None
    seq = 0
    for turn in doc.turns:
        if turn.interviewer:
            question = turn.id
            continue
        found = turn.passages
        if not found:
            continue
        spans = split_turn(
            [p.id not in marks for p in found],
            [len(p.text.split()) for p in found],
            depths[turn.id],
            threshold=threshold,
            min_words=min_words,
            max_words=max_words,
            attach=False,
        )
        spans = [
            _banter(span, found, marks, doc.language, min_content) for span in join_talk(spans)
        ]
        for span in spans:
            members = found[span.first : span.last + 1]
            plans.append(
                StatementPlan(
                    doc.id,
                    turn.id,
                    seq,
                    tuple(p.id for p in members),
                    members[0].start,
                    members[-1].end,
                    question,
                    span.substantive,
                    sum(len(p.text.split()) for p in members),
                )
            )
            seq += 1
    return plans


def _banter(
    span: Span, found: Sequence[PassageIn], marks: dict[int, str], language: str, least: int
) -> Span:
    members = found[span.first : span.last + 1]
    if not span.substantive:
        return span
    talk = any(marks.get(p.id) in BANTER for p in members) or any(
        LAUGHTER.search(p.text) for p in members
    )
    content = sum(content_words(p.text, language=language) for p in members if p.id not in marks)
    return Span(span.first, span.last, False) if talk and content < least else span
