"""Aligning an interview's turns to its guide: order-aware dynamic programming over similarity.

Interviews follow a guide loosely: questions are skipped, asked out of order, merged, and
followed up. A nearest match per turn ignores the order that most interviews keep, so each
interviewer turn is scored against every question (e5 sentence vectors, cosine above the turn's
median over all questions, plus stemmed content-word overlap), and a Viterbi pass picks the
best path through three kinds of state:

- ``ask(q)``: the turn asks question ``q`` (or one of its probes); scored by the similarity,
  minus a penalty for the move from the last question asked: none for the next question in
  guide order, a small one per skipped question, a larger one for going back;
- ``stay(q)``: a turn after ``q`` that asks no guide question (a follow-up, a remark); a
  constant score that an ``ask`` has to beat;
- ``start``: before any guide question (greetings, consent, small talk).

A ``stay`` turn that asks something (it has a "?") is a follow-up and carries ``q``'s label
(``follow_ups="question"``, the default) or none (``follow_ups="none"``); a ``stay`` turn
without a question (thanks, "I'll stop the recording") and ``start`` turns carry none.
Respondent turns carry the label of the interviewer turn they answer (the last one before
them). Pure: the caller gives the turn texts and roles and an embedder."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np

from indsigt.embed.base import Embedder
from indsigt.guide.model import Guide
from indsigt.lexical import Stems, stopwords, tokens

METHOD = "guide.align.v1"
FollowUps = Literal["question", "none"]
_SENTENCE = re.compile(r"[^.!?]*\?")


@dataclass(frozen=True)
class AlignTurn:
    """What the aligner needs of a turn: the speaker's role and the (anonymised) text."""

    role: str
    text: str


@dataclass(frozen=True)
class AlignParams:
    """Scores of the path (similarity units: cosine above the turn's median, plus overlap)."""

    stay: float = 0.06  # a turn that asks no guide question
    skip: float = 0.02  # per question skipped going forward
    skip_cap: int = 6  # skipping more costs no more
    back: float = 0.06  # going back to an earlier (or the same) question
    lexical_weight: float = 0.25
    probe_margin: float = 0.01  # a probe's similarity counts a little less than the question's


def similarity(
    turns: Sequence[str],
    guide: Guide,
    *,
    embedder: Embedder,
    languages: Sequence[str] = ("da", "no", "sv", "en"),
    params: AlignParams = AlignParams(),
) -> np.ndarray:
    """Turns × questions: e5 cosine above the turn's median over questions, plus overlap."""
    if not turns or not guide.questions:
        return np.zeros((len(turns), len(guide.questions)), dtype=np.float32)
    variants: list[tuple[int, str, float]] = []
    for index, question in enumerate(guide.questions):
        variants.append((index, question.text, 0.0))
        variants.extend((index, probe, params.probe_margin) for probe in question.probes)
    focus = [_questions_in(text) for text in turns]
    texts = list(turns) + focus + [text for _, text, _ in variants]
    vectors = embedder.embed(texts)
    n, m = len(turns), len(guide.questions)
    whole, asked, guide_vectors = vectors[:n], vectors[n : 2 * n], vectors[2 * n :]
    cosine = np.maximum(whole @ guide_vectors.T, asked @ guide_vectors.T)
    semantic = np.full((n, m), -1.0, dtype=np.float32)
    for column, (index, _, margin) in enumerate(variants):
        semantic[:, index] = np.maximum(semantic[:, index], cosine[:, column] - margin)
    semantic -= np.median(semantic, axis=1, keepdims=True)
    bags = [" ".join([q.section, q.text, *q.probes]) for q in guide.questions]
    words = _coverage(turns, bags, languages)
    scores: np.ndarray = semantic + params.lexical_weight * words
    return scores


def _questions_in(text: str) -> str:
    """The sentences of a turn that ask something (the whole turn if none does)."""
    asked = " ".join(match.group().strip() for match in _SENTENCE.finditer(text))
    return asked or text


def _coverage(turns: Sequence[str], bags: Sequence[str], languages: Sequence[str]) -> np.ndarray:
    """How much of a turn's content words (stems; stop words and short words left out) a
    question's words cover, each word weighted by how few questions have it (IDF over the
    guide): "Så til udfordringerne?" is covered by the question in the "Udfordringer" section."""
    stems = Stems(languages)
    stop: set[str] = set()
    for language in stems.languages:
        stop |= stopwords(language)

    def bag(text: str) -> set[tuple[str, str]]:
        found: set[tuple[str, str]] = set()
        for word, _, _ in tokens(text):
            if len(word) > 2 and word not in stop and not word.isdigit():
                found.update(stems.keys(word))
        return found

    questions = [bag(text) for text in bags]
    counts: dict[tuple[str, str], int] = {}
    for found in questions:
        for key in found:
            counts[key] = counts.get(key, 0) + 1
    unknown = float(np.log(len(questions) + 1))
    result = np.zeros((len(turns), len(questions)), dtype=np.float32)
    for i, text in enumerate(turns):
        words = bag(text)
        weight = {
            key: float(np.log((len(questions) + 1) / (counts.get(key, 0) + 1))) or 0.1
            for key in words
        }
        for key in words:
            if key not in counts:
                weight[key] = unknown
        total = sum(weight.values()) + 1.0
        for j, found in enumerate(questions):
            result[i, j] = sum(w for key, w in weight.items() if key in found) / total
    return result


def best_path(scores: np.ndarray, *, params: AlignParams = AlignParams()) -> list[int | None]:
    """For each row (an interviewer turn): the question index asked, or ``-(q + 1)`` for a
    turn that stays with question ``q``, or None before any question. Viterbi over
    ``start``, ``ask(q)`` and ``stay(q)``."""
    n, m = scores.shape
    if n == 0:
        return []
    if m == 0:
        return [None] * n
    index = np.arange(m)
    # move[L + 1, j]: from "last asked L" (L = -1: none yet) to asking j.
    last = np.arange(-1, m)[:, None]
    gap = index[None, :] - last - 1
    move = np.where(
        gap == 0,
        0.0,
        np.where(gap > 0, -params.skip * np.minimum(gap, params.skip_cap), -params.back),
    )
    neg = -1e9
    start = np.zeros(n)
    ask = np.full((n, m), neg)
    stay = np.full((n, m), neg)
    back_ask = np.zeros((n, m), dtype=np.int64)  # previous state: -1 start, q ask, m + q stay
    back_stay = np.zeros((n, m), dtype=np.int64)
    start[0] = params.stay
    ask[0] = scores[0] + move[0]
    for i in range(1, n):
        start[i] = start[i - 1] + params.stay
        # The best way to be "after L" at i - 1: ask(L) or stay(L).
        after = np.maximum(ask[i - 1], stay[i - 1])
        after_from = np.where(ask[i - 1] >= stay[i - 1], index, m + index)
        candidates = np.vstack([start[i - 1] + move[0], after[:, None] + move[1:]])
        best = np.argmax(candidates, axis=0)
        ask[i] = candidates[best, index] + scores[i]
        back_ask[i] = np.where(best == 0, -1, after_from[np.maximum(best - 1, 0)])
        stay[i] = after + params.stay
        back_stay[i] = after_from
    # Trace back from the best final state.
    finals = [(start[-1], -1)] + [(ask[-1, q], q) for q in range(m)]
    finals += [(stay[-1, q], m + q) for q in range(m)]
    state = max(finals, key=lambda item: item[0])[1]
    path: list[int | None] = [None] * n
    for i in range(n - 1, -1, -1):
        if state == -1:
            path[i] = None
            continue  # start only follows start
        if state < m:
            path[i] = state
            state = int(back_ask[i, state])
        else:
            path[i] = -(state - m + 1)
            state = int(back_stay[i, state - m])
    return path


def align_turns(
    turns: Sequence[AlignTurn],
    guide: Guide,
    *,
    embedder: Embedder,
    languages: Sequence[str] = ("da", "no", "sv", "en"),
    follow_ups: FollowUps = "question",
    params: AlignParams = AlignParams(),
) -> list[str | None]:
    """The guide label (or None) of every turn, interviewer and respondent alike."""
    asking = [i for i, turn in enumerate(turns) if turn.role == "interviewer"]
    scores = similarity(
        [turns[i].text for i in asking],
        guide,
        embedder=embedder,
        languages=languages,
        params=params,
    )
    path = best_path(scores, params=params)
    labels: list[str | None] = [None] * len(turns)
    for i, step in zip(asking, path, strict=True):
        if step is None:
            continue
        if step >= 0:
            labels[i] = guide.questions[step].label
        elif follow_ups == "question" and "?" in turns[i].text:
            labels[i] = guide.questions[-step - 1].label
    current: str | None = None
    for i, turn in enumerate(turns):
        if turn.role == "interviewer":
            current = labels[i]
        else:
            labels[i] = current
    return labels
