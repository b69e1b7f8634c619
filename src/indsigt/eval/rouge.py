"""ROUGE-1, ROUGE-2 and ROUGE-L F-measures (Lin 2004), as ``rouge-score`` computes them with
``use_stemmer=True``: lower-cased alphanumeric tokens, Snowball English stems."""

from __future__ import annotations

import functools
import re
from collections import Counter
from typing import Any

_TOKEN = re.compile(r"[a-z0-9]+")


@functools.cache
def _stemmer() -> Any:
    import Stemmer

    return Stemmer.Stemmer("english")


def tokens(text: str) -> list[str]:
    words = _TOKEN.findall(text.lower())
    stemmed: list[str] = _stemmer().stemWords(words)
    return stemmed


def _f(overlap: int, reference: int, candidate: int) -> float:
    if overlap == 0 or reference == 0 or candidate == 0:
        return 0.0
    precision, recall = overlap / candidate, overlap / reference
    return 2 * precision * recall / (precision + recall)


def _ngrams(words: list[str], n: int) -> Counter[tuple[str, ...]]:
    return Counter(tuple(words[i : i + n]) for i in range(len(words) - n + 1))


def _lcs(a: list[str], b: list[str]) -> int:
    previous = [0] * (len(b) + 1)
    for x in a:
        current = [0]
        for j, y in enumerate(b, start=1):
            current.append(previous[j - 1] + 1 if x == y else max(previous[j], current[j - 1]))
        previous = current
    return previous[-1]


def rouge(reference: str, candidate: str) -> dict[str, float]:
    """``{"rouge1", "rouge2", "rougeL"}`` F-measures of ``candidate`` against ``reference``."""
    ref, cand = tokens(reference), tokens(candidate)
    scores = {}
    for n in (1, 2):
        a, b = _ngrams(ref, n), _ngrams(cand, n)
        scores[f"rouge{n}"] = _f(sum((a & b).values()), sum(a.values()), sum(b.values()))
    scores["rougeL"] = _f(_lcs(ref, cand), len(ref), len(cand))
    return scores
