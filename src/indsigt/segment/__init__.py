"""Segmentation: turns → passages (sentence by default; paragraph or turn on request)."""

from __future__ import annotations

from indsigt.errors import IndsigtError
from indsigt.segment.base import Segmenter, Span
from indsigt.segment.sentences import SentenceSegmenter
from indsigt.segment.units import ParagraphSegmenter, TurnSegmenter

UNITS: dict[str, type[Segmenter]] = {
    "sentence": SentenceSegmenter,
    "paragraph": ParagraphSegmenter,
    "turn": TurnSegmenter,
}


def get_segmenter(unit: str) -> Segmenter:
    """The segmenter for a passage unit, from built-ins and plugins (a plugin's segmenter
    overrides a built-in for the same unit)."""
    from indsigt.plugins import components

    table: dict[str, type[Segmenter]] = components("segmenters")
    if unit not in table:
        raise IndsigtError(f"unknown passage unit {unit!r}; choose one of {', '.join(table)}")
    return table[unit]()


__all__ = [
    "UNITS",
    "ParagraphSegmenter",
    "Segmenter",
    "SentenceSegmenter",
    "Span",
    "TurnSegmenter",
    "get_segmenter",
]
