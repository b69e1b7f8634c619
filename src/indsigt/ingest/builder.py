"""Building a document's text from pieces while recording turn offsets."""

from __future__ import annotations

import re

from indsigt.ingest.base import ParsedTurn
from indsigt.segment.marks import TIME

_TIME_FIRST = re.compile(rf"^[ \t]*[\[(]?{TIME}[\])]?[ \t]+")  # "[00:00:03] Bo: "
_TIME_AFTER = re.compile(rf"[ \t]*[\[(]{TIME}[\])]$")  # "Bo (00:03): "


class TextBuilder:
    """Appends "Label: utterance" blocks separated by blank lines, recording each turn's span
    (the utterance only, not the label)."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._length = 0
        self.turns: list[ParsedTurn] = []

    def _append(self, piece: str) -> None:
        self._parts.append(piece)
        self._length += len(piece)

    def heading(self, line: str) -> None:
        """Text outside any turn (a question number, a section title)."""
        self._append(line.strip() + "\n")

    def turn(
        self,
        speaker: str,
        utterance: str,
        *,
        label: str | None = None,
        start_ms: int | None = None,
        end_ms: int | None = None,
    ) -> None:
        utterance = utterance.strip()
        if not utterance:
            return
        shown = speaker if label is None else label
        if shown:
            self._append(f"{shown}: ")
        start = self._length
        self._append(utterance)
        self.turns.append(ParsedTurn(speaker, start, self._length, start_ms, end_ms))
        self._append("\n\n")

    @property
    def text(self) -> str:
        return "".join(self._parts).rstrip("\n") + "\n" if self._parts else ""


def printed_label(text: str, start: int) -> str | None:
    """The label printed before the turn that starts at ``start`` ("R 7-6" of "R 7-6: I am
    from …", as :meth:`TextBuilder.turn` writes it; "Bo" of "[00:00:03] Bo: …", a Word table's
    row with its time), or None when the turn's line has none."""
    line = _TIME_FIRST.sub("", text[text.rfind("\n", 0, start) + 1 : start])
    if not line.endswith(": ") or len(line) > 202:
        return None
    label = line[:-2].strip().strip("*_").strip()  # "**Bo**: " in Markdown is "Bo"
    return _TIME_AFTER.sub("", label) or None
