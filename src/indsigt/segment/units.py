"""The other passage units: whole turns and paragraphs (blank-line separated)."""

from __future__ import annotations

import re
from typing import ClassVar

from indsigt.segment.base import Span, strip_span

_BLANK_LINE = re.compile(r"\n[ \t]*\n\s*")


class TurnSegmenter:
    """One passage per turn."""

    name: ClassVar[str] = "turn.v1"

    def split(self, text: str, start: int, end: int) -> list[Span]:
        span = strip_span(text, start, end)
        return [span] if span else []


class ParagraphSegmenter:
    """One passage per paragraph; paragraphs are separated by blank lines or single newlines
    that start a new line of speech."""

    name: ClassVar[str] = "paragraph.v1"

    def split(self, text: str, start: int, end: int) -> list[Span]:
        spans: list[Span] = []
        cursor = start
        for match in _BLANK_LINE.finditer(text, start, end):
            span = strip_span(text, cursor, match.start())
            if span:
                spans.append(span)
            cursor = match.end()
        span = strip_span(text, cursor, end)
        if span:
            spans.append(span)
        return spans
