"""The baselines ``indsigt eval coding`` runs beside the supervised coder: ``majority`` (every
unit gets the training data's most common code set), ``keyword`` (``keyword.v1`` with keywords
learnt from the training units: each code's most distinctive words), ``tfidf_lr`` (word TF-IDF
+ logistic regression with scikit-learn's defaults; threshold 0.5, or the most probable label
for single-label data), and where the gold describes its codes ``similarity`` (``similarity.v1``
zero-shot: no training, the descriptions only)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
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
    from indsigt.coding.text import LANGUAGES, stopwords, tokens

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


def tfidf_lr(
    train_texts: Sequence[str],
    train_labels: Sequence[Labels],
    test_texts: Sequence[str],
    *,
    single_label: bool,
) -> list[Labels]:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    vectorizer = TfidfVectorizer()
    x_train = vectorizer.fit_transform(train_texts)
    x_test = vectorizer.transform(test_texts)
    if single_label:
        names = [min(labels) if labels else "" for labels in train_labels]
        if len(set(names)) < 2:
            return [frozenset({names[0]})] * len(test_texts)
        model = LogisticRegression(max_iter=1000).fit(x_train, names)
        return [frozenset({label}) for label in model.predict(x_test)]
    codes = sorted({c for labels in train_labels for c in labels})
    columns = []
    for code in codes:
        y = np.array([code in labels for labels in train_labels])
        if y.min() == y.max():
            columns.append(np.full(len(test_texts), bool(y[0])))
            continue
        model = LogisticRegression(max_iter=1000).fit(x_train, y)
        columns.append(model.predict_proba(x_test)[:, 1] >= 0.5)
    return [
        frozenset(code for code, column in zip(codes, columns, strict=True) if column[k])
        for k in range(len(test_texts))
    ]


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
