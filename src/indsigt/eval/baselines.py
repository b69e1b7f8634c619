"""The baselines ``indsigt eval coding`` runs beside the supervised coder: ``majority`` (every
unit gets the training data's most common code set), ``keyword`` (``keyword.v1`` with keywords
learnt from the training units: each code's most distinctive words), ``tfidf_lr`` (word TF-IDF
1–2-grams), ``char_tfidf_lr`` (character 2–5-grams) and, with an embedder, ``e5_lr`` (or
``embedding_lr``): each a class-weighted logistic regression whose ``C`` — and for multi-label
gold one decision threshold — is chosen by cross-validation on the training units only, folds
keeping documents together (:func:`tuned_lr`); and where the gold describes its codes
``similarity`` (``similarity.v1`` zero-shot: no training, the descriptions only)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

Labels = frozenset[str]


def majority(train: Sequence[Labels], size: int) -> list[Labels]:
    common = Counter(train).most_common(1)[0][0] if train else frozenset()
    return [common] * size


def learnt_keywords(
    texts: Sequence[str], labels: Sequence[Labels], *, top: int = 5
) -> dict[str, list[str]]:
    """Each code's most distinctive words in the training units (document frequency among the
    code's units minus among the others), at least two units each."""
    from indsigt.lexical import LANGUAGES, stopwords, tokens

    stop = set().union(*(stopwords(lang) for lang in LANGUAGES))
    words = [
        {w for w, _, _ in tokens(text) if w not in stop and not w.isdigit() and len(w) > 2}
        for text in texts
    ]
    total = Counter(w for found in words for w in found)
    out: dict[str, list[str]] = {}
    for code in sorted({c for row in labels for c in row}):
        inside = [found for found, row in zip(words, labels, strict=True) if code in row]
        counts = Counter(w for found in inside for w in found)
        others = len(words) - len(inside)
        scored = [
            (counts[w] / len(inside) - (total[w] - counts[w]) / max(1, others), w)
            for w in counts
            if counts[w] >= 2
        ]
        out[code] = [w for score, w in sorted(scored, reverse=True)[:top] if score > 0]
    return out


def keyword_baseline(
    train_texts: Sequence[str],
    train_labels: Sequence[Labels],
    test_texts: Sequence[str],
    *,
    single_label: bool,
) -> list[Labels]:
    from indsigt.codebook.model import Codebook
    from indsigt.coding.keyword import KeywordCoder
    from indsigt.records import Code, Passage

    keywords = learnt_keywords(train_texts, train_labels)
    codebook = Codebook.from_codes(
        Code(id=0, path=code.replace("/", "-"), keywords=tuple(words))
        for code, words in keywords.items()
    )
    names = {code.id: original for code, original in zip(codebook, keywords, strict=True)}
    passages = [Passage(k, 0, 0, k, 0, len(t), t) for k, t in enumerate(test_texts)]
    found: dict[int, dict[str, float]] = {}
    for coding in KeywordCoder(negation=False).code(passages, codebook):
        found.setdefault(coding.passage_id, {})[names[coding.code_id]] = float(coding.score or 0)
    fallback = majority(train_labels, 1)[0]
    out: list[Labels] = []
    for k in range(len(test_texts)):
        scores = found.get(k, {})
        if single_label:
            out.append(frozenset({max(scores, key=lambda c: scores[c])}) if scores else fallback)
        else:
            out.append(frozenset(scores))
    return out


LR_C_GRID = (0.1, 1.0, 10.0, 100.0)
THRESHOLDS = (0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7)
Fitted = Callable[[Sequence[str]], Any]  # texts -> feature matrix


def word_tfidf(texts: Sequence[str]) -> Fitted:
    from sklearn.feature_extraction.text import TfidfVectorizer

    vectorizer = TfidfVectorizer(sublinear_tf=True, ngram_range=(1, 2), min_df=1)
    fitted: Fitted = vectorizer.fit(texts).transform
    return fitted


def char_tfidf(texts: Sequence[str]) -> Fitted:
    from sklearn.feature_extraction.text import TfidfVectorizer

    vectorizer = TfidfVectorizer(sublinear_tf=True, analyzer="char_wb", ngram_range=(2, 5))
    fitted: Fitted = vectorizer.fit(texts).transform
    return fitted


def embedding_features(embedder: Any) -> Callable[[Sequence[str]], Fitted]:
    """Embeddings as features (nothing to fit; vectors cached by text for this run)."""
    cache: dict[str, np.ndarray] = {}

    def transform(texts: Sequence[str]) -> np.ndarray:
        missing = sorted({t for t in texts if t not in cache})
        if missing:
            cache.update(zip(missing, embedder.embed(missing), strict=True))
        return np.vstack([cache[t] for t in texts]) if texts else np.zeros((0, 1))

    return lambda texts: transform


def _lr(c: float, *, dense: bool, classes: int = 2) -> Any:
    from sklearn.linear_model import LogisticRegression

    # liblinear is fast on sparse binary problems but cannot do multi-class.
    solver = "lbfgs" if dense or classes > 2 else "liblinear"
    return LogisticRegression(C=c, class_weight="balanced", max_iter=2000, solver=solver)


def _scores(
    x_train: Any, y: np.ndarray, x_test: Any, c: float, *, single_label: bool
) -> np.ndarray:
    """Probabilities ``(rows of x_test, columns)``: per class (single-label) or per code."""
    dense = isinstance(x_train, np.ndarray)
    rows = x_test.shape[0]
    if single_label:
        out = np.zeros((rows, int(y.max()) + 1))
        present = np.unique(y)
        if len(present) < 2:
            out[:, present] = 1.0
            return out
        model = _lr(c, dense=dense, classes=len(present)).fit(x_train, y)
        out[:, model.classes_] = model.predict_proba(x_test)
        return out
    out = np.zeros((rows, y.shape[1]))
    for j in range(y.shape[1]):
        column = y[:, j]
        if column.min() == column.max():
            out[:, j] = float(column[0])
            continue
        out[:, j] = _lr(c, dense=dense).fit(x_train, column).predict_proba(x_test)[:, 1]
    return out


def _macro_f1(truth: np.ndarray, guess: np.ndarray) -> float:
    tp = (truth & guess).sum(0)
    denominator = truth.sum(0) + guess.sum(0)
    used = denominator > 0
    return float(np.mean(2 * tp[used] / denominator[used])) if used.any() else 0.0


def tuned_lr(
    train_texts: Sequence[str],
    train_labels: Sequence[Labels],
    test_texts: Sequence[str],
    *,
    single_label: bool,
    featurise: Callable[[Sequence[str]], Fitted] = word_tfidf,
    groups: Sequence[str] | None = None,
    c_grid: Sequence[float] = LR_C_GRID,
    thresholds: Sequence[float] = THRESHOLDS,
    folds: int = 5,
    seed: int = 0,
) -> list[Labels]:
    """Logistic regression (class-weighted) on ``featurise``'s features; ``C`` and, for
    multi-label gold, one decision threshold chosen by cross-validation on the training units
    only (folds keep ``groups`` together): accuracy (single-label) or macro-F1."""
    from indsigt.coding.learner import folds_of

    texts = list(train_texts)
    if single_label:
        names = sorted({min(labels) for labels in train_labels if labels})
        index = {name: k for k, name in enumerate(names)}
        keep = [k for k, labels in enumerate(train_labels) if labels]
        texts = [texts[k] for k in keep]
        groups = [groups[k] for k in keep] if groups is not None else None
        y = np.array([index[min(train_labels[k])] for k in keep])
        if len(names) < 2:
            return [frozenset(names)] * len(test_texts)
    else:
        names = sorted({c for labels in train_labels for c in labels})
        y = np.array([[name in labels for name in names] for labels in train_labels])
        if not names:
            return [frozenset()] * len(test_texts)
    pairs = folds_of(len(texts), groups, y if single_label else None, folds=folds, seed=seed)
    out_of_fold = {c: np.zeros((len(texts), len(names))) for c in c_grid}
    for train, test in pairs:
        transform = featurise([texts[i] for i in train])
        x_train, x_test = transform([texts[i] for i in train]), transform([texts[i] for i in test])
        for c in c_grid:
            found = _scores(x_train, y[train], x_test, c, single_label=single_label)
            # a fold may lack the highest classes: its columns stop early
            out_of_fold[c][np.ix_(test, np.arange(found.shape[1]))] = found[:, : len(names)]
    best: tuple[float, float, float] = (-1.0, c_grid[0], 0.5)
    for c, scores in out_of_fold.items():
        if single_label:
            score = float(np.mean(scores.argmax(1) == y))
            best = max(best, (score, c, 0.5), key=lambda row: row[0])
            continue
        for threshold in thresholds:
            score = _macro_f1(y, scores >= threshold)
            best = max(best, (score, c, threshold), key=lambda row: row[0])
    _, c, threshold = best
    transform = featurise(texts)
    final = _scores(transform(texts), y, transform(test_texts), c, single_label=single_label)
    if single_label:
        return [frozenset({names[int(k)]}) for k in final[:, : len(names)].argmax(1)]
    return [frozenset(names[j] for j in np.flatnonzero(row >= threshold)) for row in final]


def tfidf_lr(
    train_texts: Sequence[str],
    train_labels: Sequence[Labels],
    test_texts: Sequence[str],
    *,
    single_label: bool,
    groups: Sequence[str] | None = None,
    **options: Any,
) -> list[Labels]:
    """The word TF-IDF (1–2-grams) baseline: :func:`tuned_lr` on word features."""
    return tuned_lr(
        train_texts,
        train_labels,
        test_texts,
        single_label=single_label,
        groups=groups,
        featurise=word_tfidf,
        **options,
    )


def similarity_zero_shot(
    descriptions: dict[str, str],
    test_texts: Sequence[str],
    *,
    embedder: Any,
    single_label: bool,
) -> list[Labels]:
    """``similarity.v1`` with the gold's code descriptions and no training at all (only for
    gold that describes its codes): the most similar code (single-label), or the coder's own
    rule (multi-label)."""
    from indsigt.codebook.model import Codebook
    from indsigt.coding.similarity import SimilarityCoder
    from indsigt.records import Code, Passage

    names = sorted(descriptions)
    codebook = Codebook.from_codes(
        Code(0, path=f"c{k}", labels={"en": name}, definition=descriptions[name])
        for k, name in enumerate(names)
    )
    coder = (
        SimilarityCoder(embedder, min_z=-1e9, margin=0.0, min_words=0)
        if single_label
        else SimilarityCoder(embedder, min_words=0)
    )
    passages = [Passage(k, 0, 0, k, 0, len(t), t) for k, t in enumerate(test_texts)]
    found: dict[int, set[str]] = {}
    for coding in coder.code(passages, codebook):
        found.setdefault(coding.passage_id, set()).add(names[coding.code_id - 1])
    return [frozenset(found.get(k, ())) for k in range(len(test_texts))]
