"""`indsigt eval themes --units raw`: themes on raw transcripts, before and after statements.

Every passage of the transcripts goes through the units stage in memory (the talk detector,
then statements on the same vectors the themes use). Two runs on the same vectors:

- ``passages`` (what themes ran on before): every respondent passage, conversational or not;
- ``statements`` (the default now): substantive statements only; BERTopic beside it.

For each run: the share of theme members that are conversational by the detector (a
statement counts as conversational when the detector marks its whole text), and the themes
whose representatives are mostly conversational. Gold: a unit takes the family of the coded
segment it overlaps most (in characters); uncoded units are clustered like the rest but not
scored, so NMI/ARI are over the units that overlap a coded segment. ``coverage``: the share
of characters inside coded segments that lie in substantive statements (the detector keeps
what people coded).
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import Any

import numpy as np

from indsigt.errors import IndsigtError
from indsigt.eval.raw import RawSet
from indsigt.eval.twins import twin_pairs
from indsigt.progress import Progress, no_progress
from indsigt.themes.discover import ThemeResult, discover_themes
from indsigt.units.base import TalkDetector
from indsigt.units.plan import StatementPlan, plan_units
from indsigt.units.rules import RuleTalkDetector


def evaluate_raw_themes(
    raw: RawSet,
    *,
    seed: int = 0,
    baselines: bool = True,
    embedder: str = "e5",
    detector: TalkDetector | None = None,
    progress: Progress = no_progress,
) -> dict[str, Any]:
    """Conversational shares, coverage of coded text, NMI/ARI against the coded families and
    near-twin pairs for indsigt (and BERTopic) on statements; see the module docstring."""
    from indsigt.eval.themes import _bertopic

    detector = detector or RuleTalkDetector()
    embed = _embedding(embedder, progress)
    marks, plans = plan_units(raw.documents, detector=detector, embed=embed, progress=progress)
    statements = [p for p in plans if p.substantive]
    if len(statements) < 10:
        raise IndsigtError(f"too few statements ({len(statements)}) to evaluate themes")
    texts = [raw.texts[s.document_id][s.start : s.end] for s in statements]
    passages = [
        p
        for doc in raw.documents
        for turn in doc.turns
        if not turn.interviewer
        for p in turn.passages
    ]
    report: dict[str, Any] = {
        "set": raw.name,
        "passages": sum(len(t.passages) for d in raw.documents for t in d.turns),
        "respondent_passages": len(passages),
        "conversational_passages": len(marks),
        "statements": len(statements),
        "coded_segments": sum(len(v) for v in raw.spans.values()),
        "coded_segments_not_found": raw.missing,
        "coverage": _coverage(raw, statements),
        "detector": detector.name,
    }
    before = discover_themes(
        [p.text for p in passages],
        language="en",
        seed=seed,
        vectors=embed([p.text for p in passages]),
    )
    report["before"] = _conversational(
        before, [p.id in marks for p in passages], [p.text for p in passages]
    )
    started = time.perf_counter()
    vectors = embed(texts)
    embedded = time.perf_counter() - started
    whole = detector.detect(texts, language="en")
    gold = [_family(raw, s) for s in statements]
    scored = [i for i, g in enumerate(gold) if g is not None]
    report["scored_statements"] = len(scored)
    started = time.perf_counter()
    after = discover_themes(texts, language="en", seed=seed, vectors=vectors)
    report["after"] = {
        **_conversational(after, [k is not None for k in whole], texts),
        **_score(after.assignments, gold, scored),
        **twin_pairs(after.assignments, vectors, gold),
        "seconds": round(embedded + time.perf_counter() - started, 3),
    }
    if baselines:
        started = time.perf_counter()
        topics = _bertopic(texts, vectors, seed)
        report["bertopic"] = {
            **_score(topics, gold, scored),
            "themes": len({t for t in topics if t >= 0}),
            "unassigned_share": round(sum(t < 0 for t in topics) / len(topics), 4),
            "seconds": round(embedded + time.perf_counter() - started, 3),
        }
    return report


def theme_members(
    raw: RawSet, *, seed: int = 0, embedder: str = "e5", progress: Progress = no_progress
) -> list[tuple[int, str]]:
    """(theme id, text) of every statement in a theme of the ``statements`` run."""
    texts, result = statement_themes(raw, seed=seed, embedder=embedder, progress=progress)
    return [(a, texts[i]) for i, a in enumerate(result.assignments) if a >= 0]


def statement_themes(
    raw: RawSet, *, seed: int = 0, embedder: str = "e5", progress: Progress = no_progress
) -> tuple[list[str], ThemeResult]:
    """The substantive statements' texts and the themes of the ``statements`` run."""
    detector = RuleTalkDetector()
    embed = _embedding(embedder, progress)
    _, plans = plan_units(raw.documents, detector=detector, embed=embed, progress=progress)
    texts = [raw.texts[p.document_id][p.start : p.end] for p in plans if p.substantive]
    return texts, discover_themes(texts, language="en", seed=seed, vectors=embed(texts))


def _embedding(name: str, progress: Progress) -> Any:
    if name == "tfidf":
        from indsigt.embed import TfidfEmbedder

        def tfidf(texts: list[str]) -> np.ndarray:
            return np.asarray(TfidfEmbedder().fit(texts).embed(texts))

        return tfidf
    from indsigt.eval.coding import eval_embedder

    model = eval_embedder(name, progress)
    if model is None:
        raise IndsigtError("raw units need vectors: use --embedder e5, tfidf or a model path")

    def cached(texts: list[str]) -> np.ndarray:
        return np.asarray(model.embed(texts))

    return cached


def _conversational(
    result: ThemeResult, conversational: Sequence[bool], texts: Sequence[str]
) -> dict[str, Any]:
    members = [i for i, a in enumerate(result.assignments) if a >= 0]
    talk = sum(1 for i in members if conversational[i])
    bad = [
        {"theme": t.id, "label": t.label, "examples": [texts[i] for i in t.representative]}
        for t in result.themes
        if sum(conversational[i] for i in t.representative) * 2 > len(t.representative)
    ]
    return {
        "themes": len(result.themes),
        "members": len(members),
        "conversational_members": talk,
        "conversational_share": round(talk / max(1, len(members)), 4),
        "conversational_themes": len(bad),
        "conversational_theme_examples": bad[:10],
        "unassigned_share": round(result.unassigned_share, 4),
    }


def _score(
    assignments: Sequence[int], gold: Sequence[str | None], scored: list[int]
) -> dict[str, float]:
    from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

    truth = [gold[i] for i in scored]
    found = [int(assignments[i]) for i in scored]
    return {
        "nmi": round(float(normalized_mutual_info_score(truth, found)), 4),
        "ari": round(float(adjusted_rand_score(truth, found)), 4),
    }


def _family(raw: RawSet, statement: StatementPlan) -> str | None:
    overlap: dict[str, int] = {}
    for start, end, family in raw.spans[statement.document_id]:
        shared = min(end, statement.end) - max(start, statement.start)
        if shared > 0:
            overlap[family] = overlap.get(family, 0) + shared
    return max(sorted(overlap), key=lambda f: overlap[f]) if overlap else None


def _coverage(raw: RawSet, statements: Sequence[StatementPlan]) -> dict[str, Any]:
    """Characters inside coded segments (letters and digits, each counted once) that lie in
    substantive statements: of those the respondents spoke (statements are respondent
    speech; a coded segment may take in the interviewer's question), and of all."""
    inside = total = spoken = 0
    for doc in raw.documents:
        text = raw.texts[doc.id]
        coded = np.zeros(len(text), dtype=bool)
        for start, end, _ in raw.spans[doc.id]:
            coded[start:end] = True
        respondent = np.zeros(len(text), dtype=bool)
        for turn in doc.turns:
            for p in turn.passages if not turn.interviewer else ():
                respondent[p.start : p.end] = True
        kept = np.zeros(len(text), dtype=bool)
        for s in statements:
            if s.document_id == doc.id:
                kept[s.start : s.end] = True
        letters = np.array([c.isalnum() for c in text], dtype=bool) & coded
        total += int(letters.sum())
        spoken += int((letters & respondent).sum())
        inside += int((letters & kept).sum())
    return {
        "coded_chars": total,
        "respondent_coded_chars": spoken,
        "in_substantive": inside,
        "share": round(inside / max(1, spoken), 4),
        "share_of_all_coded": round(inside / max(1, total), 4),
    }
