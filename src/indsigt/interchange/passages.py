"""How coded selections become passages on import.

The rule: the source's text is cut at every selection's start and end. Each piece that is
exactly one selection's span becomes one passage, as it is (whitespace included, so the
coding's span survives a round trip). Every other piece is split into sentences by the sentence
segmenter, as the ingest pipeline does. Passages so never overlap, and every selection is the
run of whole passages inside it; its codings are stored on each of those passages. When
selections do not overlap (indsigt's own exports: one selection per coded passage) each
selection becomes exactly one passage with exactly its span.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Sequence
from itertools import pairwise

from indsigt.segment import Segmenter, Span


def passage_spans(
    text: str, start: int, end: int, selections: Iterable[Span], segmenter: Segmenter
) -> list[Span]:
    """Passages of ``text[start:end]`` such that every selection is a union of whole passages."""
    exact = {(s, e) for s, e in selections if start <= s < e <= end}
    cuts = sorted({start, end} | {p for span in exact for p in span})
    spans: list[Span] = []
    for a, b in pairwise(cuts):
        if (a, b) in exact:
            spans.append((a, b))
        else:
            spans.extend(segmenter.split(text, a, b))
    return spans


def covered(passages: Sequence[Span], selection: Span) -> range:
    """Indices of the passages (sorted, not overlapping) that lie inside ``selection``."""
    starts = [s for s, _ in passages]
    first = bisect_left(starts, selection[0])
    last = first
    while last < len(passages) and passages[last][1] <= selection[1]:
        last += 1
    return range(first, last)
