"""The document view's highlights: each piece of a turn's text (a passage, or the text
between passages) cut into segments by the spans of the codings over it, and each coding's
chip placed after the piece its span ends in.

A coding's span is its own (a selection: ``coding.start``/``coding.end``) or its passage's;
a span over several passages highlights all of them and has one chip, at its end.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from itertools import pairwise
from typing import Any

MAX_COLORS = 3  # a segment under more codings shows the first three colours


def _order(coding: dict[str, Any]) -> tuple[int, int, str]:
    # Accepted before suggested; the narrower span first (it is the more specific coding).
    start, end = coding["span"]
    return (coding["status"] == "suggested", end - start, coding["path"])


def lay_out(text: str, pieces: Sequence[dict[str, Any]], codings: Sequence[dict[str, Any]]) -> None:
    """Give each piece (``start``, ``end`` into ``text``) its ``segments`` (``text``, the ids
    of the ``codings`` over it, up to three ``colors``, ``suggested`` when no coding there is
    accepted) and its ``chips`` (the codings whose span ends in it). ``codings`` each have a
    ``span`` ``(start, end)``. Pieces must be in document order."""
    ordered = sorted(codings, key=lambda c: c["span"])
    starts = [piece["start"] for piece in pieces]
    for piece in pieces:
        piece["chips"] = []
    for coding in sorted(codings, key=_order):
        at = bisect.bisect_left(starts, coding["span"][1]) - 1
        if at >= 0:
            pieces[at]["chips"].append(coding)
    active: list[dict[str, Any]] = []
    waiting = 0
    for piece in pieces:
        low, high = piece["start"], piece["end"]
        while waiting < len(ordered) and ordered[waiting]["span"][0] < high:
            active.append(ordered[waiting])
            waiting += 1
        active = [c for c in active if c["span"][1] > low]
        over = [c for c in active if c["span"][0] < high]
        cuts = sorted({low, high} | {x for c in over for x in c["span"] if low < x < high})
        segments = []
        for a, b in pairwise(cuts):
            under = sorted((c for c in over if c["span"][0] <= a and b <= c["span"][1]), key=_order)
            segments.append(
                {
                    "text": text[a:b],
                    "codings": [c["id"] for c in under],
                    "colors": [c["color"] for c in under[:MAX_COLORS]],
                    "suggested": bool(under) and all(c["status"] == "suggested" for c in under),
                }
            )
        piece["segments"] = segments
