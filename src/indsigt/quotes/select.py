"""Choosing quotes: near the centre of what was said, quotable, and diverse.

Candidates (see candidates.py) are vectorised with character n-gram TF-IDF, scored by cosine
similarity to their centroid (representativeness), and picked greedily by maximal marginal
relevance, preferring respondents and segments not yet quoted. Quotes come from the stored
(pseudonymised) text; any participant name still found in a quote excludes it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, TypedDict, Unpack

import numpy as np
import sqlalchemy as sa

from indsigt import queries
from indsigt.anonymise.attribution import attribution_label, check_labels
from indsigt.guard import require_anonymised
from indsigt.quotes.candidates import Candidate, load_candidates
from indsigt.records import MIN_GROUP
from indsigt.sealed import attribute_classes, check_attributes
from indsigt.settings import noun_of, publishable_quotes
from indsigt.stagecall import forwards
from indsigt.store import Store, schema
from indsigt.units import publishable


@dataclass(frozen=True)
class Quote:
    passage_ids: tuple[int, ...]
    document: str
    respondent_id: int
    text: str
    attribution: str
    score: float
    warnings: tuple[str, ...] = ()
    # As a report prints it: without fillers and false starts (:func:`indsigt.units.publishable`,
    # in its document's language), or verbatim where the study's setting asks for that.
    printed: str = ""
    language: str = ""  # its document's


def select_quotes(
    store: Store,
    study_id: int,
    *,
    code: str | None = None,
    passage_ids: Sequence[int] = (),
    n: int = 3,
    lang: str | None = None,
    k: int = MIN_GROUP,
    attribute: str = "level",
    statuses: Sequence[str] = ("accepted", "suggested"),
    coders: Sequence[str] = (),
    min_words: int = 12,
    max_words: int = 60,
    diversity: float = 0.4,
    about: str | None = None,
    unit: str = "statement",
) -> list[Quote]:
    """Up to ``n`` quotes for a code (its sub-codes included) or for given passages.

    ``about`` describes what the quotes should be about (default: the code's label,
    definition and examples); candidates close to it rank higher, beside those close to the
    centre of all candidates. ``unit``: a quote stays inside one statement (default) or
    one turn (``passage``, ``turn``); see :func:`~indsigt.quotes.candidates.load_candidates`.
    ``attribute``: the respondent attribute the quotes are spread over. Each quote is
    attributed by the respondent's level with
    :func:`~indsigt.anonymise.attribution.attribution_label`, the label the report prints, in
    ``lang`` (None: the study's language)."""
    require_anonymised(store, study_id, stage="quotes")
    lang = lang or queries.study(store, study_id=study_id).language
    candidates = load_candidates(
        store,
        study_id,
        code=code,
        passage_ids=passage_ids,
        statuses=statuses,
        coders=coders,
        min_words=min_words,
        max_words=max_words,
        unit=unit,
    )
    names = _participant_names(store, study_id)
    candidates = [c for c in candidates if not _mentions(c.text, names)]
    if not candidates:
        return []
    pool, last = _standalone_first(candidates, n)
    if about is None and code is not None:
        about = _description(store, study_id, code)
    vectors, target = _vectors([c.text for c in pool], about)
    centre = np.asarray(vectors.mean(axis=0)).ravel()
    norm = float(np.linalg.norm(centre)) or 1.0
    representativeness = np.asarray(vectors @ centre).ravel() / norm
    if target is not None:
        representativeness = (representativeness + np.asarray(vectors @ target).ravel()) / 2
    chosen = _mmr(pool, vectors, representativeness, n, diversity, attribute, last)
    return _attributed(store, study_id, pool, chosen, representativeness, lang=lang, k=k)


def _standalone_first(candidates: list[Candidate], n: int) -> tuple[list[Candidate], np.ndarray]:
    """The candidates to choose from, and which of them come last. A quote stands on its own
    and says something: not one that points back to something unquoted, nor a question
    ("Could you remind me what that one did?"), nor one that breaks off ("… it looks like."),
    nor one that says little ("If there was like something else, I think it would be that
    would make it.", quotes/substance.py). With at least ``n`` such quotes only they are
    chosen from; with fewer, every candidate is, those come first and the others after them
    (all others: pdpilot's report quoted "…, I don't think you want to, but." where too few
    whole quotes were left)."""
    weak = [bool(c.dangling or c.question or c.unfinished or c.says_little) for c in candidates]
    standalone = [c for c, w in zip(candidates, weak, strict=True) if not w]
    if len(standalone) >= n:
        return standalone, np.zeros(len(standalone), dtype=bool)
    others = [c for c, w in zip(candidates, weak, strict=True) if w]
    return standalone + others, np.arange(len(candidates)) >= len(standalone)


def _attributed(
    store: Store,
    study_id: int,
    pool: Sequence[Candidate],
    chosen: Sequence[int],
    representativeness: np.ndarray,
    *,
    lang: str,
    k: int,
) -> list[Quote]:
    """The chosen candidates as quotes, each attributed by the respondent's level and warned
    about where the label or the attributes could identify the speaker."""
    with store.connect() as connection:
        noun = noun_of(connection, study_id, lang)
        classes = attribute_classes(connection, study_id)
    clean = publishable_quotes(store, study_id)
    respondents = queries.respondents(store, study_id)
    labels = {
        r.id: attribution_label(r.attributes, level="level", language=lang, noun=noun)
        for r in respondents
    }
    rare = {warning.label: warning.count for warning in check_labels(labels, k=k)}
    combinations = check_attributes(respondents, classes, k=k)
    quotes = []
    for index in chosen:
        candidate = pool[index]
        label = attribution_label(candidate.attributes, level="level", language=lang, noun=noun)
        warnings = []
        if label in rare:
            warnings.append(
                f"the label {label!r} covers only {rare[label]} respondent(s) (k = {k}): "
                "a reader may identify the speaker"
            )
        own = {n: v for n, v in classes.public(candidate.attributes).items() if v}
        warnings += [w.message for w in combinations if dict(w.attributes) == own]
        if candidate.dangling:
            warnings.append("starts with a word that refers back to something unquoted")
        if candidate.question:
            warnings.append("is a question, not a statement")
        if candidate.unfinished:
            warnings.append("breaks off before the thought ends")
        if candidate.says_little:
            warnings.append(f"says little: it {candidate.says_little}")
        quotes.append(
            Quote(
                candidate.passage_ids,
                candidate.document,
                candidate.respondent_id,
                candidate.text,
                label,
                round(float(representativeness[index]), 4),
                tuple(warnings),
                publishable(candidate.text, language=candidate.language or lang)
                if clean
                else candidate.text.strip(),
                candidate.language,
            )
        )
    return quotes


def _vectors(texts: list[str], about: str | None) -> tuple[Any, np.ndarray | None]:
    """Unit rows of the candidates (sparse: thousands of candidates stay small) and the
    unit vector of ``about`` (None without one)."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    matrix = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True)
    vectors = matrix.fit_transform(texts).tocsr()
    if not about or not about.strip():
        return vectors, None
    target = np.asarray(matrix.transform([about]).toarray(), dtype=np.float64)[0]
    norm = float(np.linalg.norm(target))
    return vectors, (target / norm if norm else None)


def _mmr(
    pool: list[Candidate],
    vectors: Any,
    relevance: np.ndarray,
    n: int,
    diversity: float,
    attribute: str,
    last: np.ndarray,
) -> list[int]:
    """Greedy maximal marginal relevance, preferring respondents and segments not yet
    quoted and any candidate to those ``last`` marks; one sparse product per pick, so it is
    linear in the number of candidates."""
    chosen: list[int] = []
    respondents = np.array([c.respondent_id for c in pool])
    segments = np.array([c.attributes.get(attribute, "") for c in pool], dtype=object)
    redundancy = np.zeros(len(pool))
    quoted_respondents: set[int] = set()
    quoted_segments: set[str] = set()
    while len(chosen) < min(n, len(pool)):
        score = (1 - diversity) * relevance - diversity * redundancy
        score = score - 1.0 * np.isin(respondents, list(quoted_respondents))  # others first
        score = score + 0.1 * ~np.isin(segments, list(quoted_segments))  # another segment
        score = score - 3.0 * last  # below every other candidate, even a quoted respondent's
        score[chosen] = -np.inf
        best = int(np.argmax(score))
        chosen.append(best)
        quoted_respondents.add(pool[best].respondent_id)
        quoted_segments.add(segments[best])
        similarity = np.asarray((vectors @ vectors[best].T).toarray()).ravel()
        redundancy = np.maximum(redundancy, similarity)
    return chosen


def _description(store: Store, study_id: int, code: str) -> str:
    """The code's labels, definition and examples, as one text."""
    k = schema.code
    with store.connect() as connection:
        row = connection.execute(
            sa.select(k.c.labels, k.c.definition, k.c.examples).where(
                k.c.study_id == study_id, k.c.path == code
            )
        ).first()
    if row is None:
        return ""
    labels = " ".join(str(v) for v in dict(row.labels or {}).values())
    examples = " ".join(str(e) for e in (row.examples or []))
    return " ".join(part for part in (labels, row.definition or "", examples) if part)


class QuoteOptions(TypedDict, total=False):
    """What :func:`study_quotes` passes on to :func:`select_quotes` for each code (the
    defaults are there)."""

    n: int
    lang: str | None
    k: int
    unit: str


def study_quotes(
    store: Store, study_id: int, *, codes: Sequence[str] = (), **options: Unpack[QuoteOptions]
) -> dict[str, list[Quote]]:
    """Quotes per code (``codes``; default: every top-level code), each by
    :func:`select_quotes` with the same ``n``, ``lang``, ``k`` and ``unit``."""
    if not codes:
        with store.connect() as connection:
            paths = connection.scalars(
                sa.select(schema.code.c.path).where(schema.code.c.study_id == study_id)
            ).all()
        codes = sorted({path.split("/")[0] for path in paths})
    return {code: select_quotes(store, study_id, code=code, **options) for code in codes}


forwards(study_quotes, select_quotes, QuoteOptions)


def _participant_names(store: Store, study_id: int) -> list[str]:
    """Names (and their parts of 3+ letters) from the sealed identity table."""
    with store.connect() as connection:
        names = connection.scalars(
            sa.select(schema.identity.c.name).where(schema.identity.c.study_id == study_id)
        ).all()
    parts = {name.lower() for name in names}
    parts |= {part.lower() for name in names for part in name.split() if len(part) >= 3}
    return sorted(parts)


def _mentions(text: str, names: list[str]) -> bool:
    import re

    lowered = text.lower()
    return any(re.search(rf"(?<!\w){re.escape(name)}", lowered) for name in names)
