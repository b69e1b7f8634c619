"""Focus-group members' codes at the start of a quote ("R 7-6 I am from…", "R.3.Women have…",
"R5= I think…", "R 1, R5, R8 Every…"): a transcriber's note of who in the group spoke, not
part of what was said.

A code is "R", an optional ".", "," or "-", spaces, one or two digits, more numbers after
"-" or "," (each may repeat the "R"), then ".", ":", "=" or "," (not followed by a digit, so
"R 4.2" is no code) or a space, and some text after it. Three digits are never a code
("R 500 was the price"). A sheet's codes are taken off only when they are the transcriber's
habit there — at least a quarter of its quotes, and two or more, begin with one — so a single
quote that happens to begin with "R 50 …" in a sheet without codes keeps its words.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

_NUMBER = r"\d{1,2}(?!\d)"
_CODE = re.compile(
    r"R[.,-]?[ \t]*"
    rf"(?P<numbers>{_NUMBER}(?:[ \t]*[-,][ \t]*(?:R[.]?[ \t]*)?{_NUMBER})*)"
    r"(?:[ \t]*[.:=,]+(?!\d)[ \t]*|[ \t]+)"
    r"(?=\S)"
)
MIN_SHARE = 0.25  # of a sheet's quotes that begin with a code, for its codes to be taken off


@dataclass(frozen=True)
class Coded:
    """A quote split into the member's code as a label ("R 7-6", "R 5, 6") and what was said."""

    label: str | None
    utterance: str


def split_code(text: str) -> Coded:
    """The code at the start of ``text`` (see the module docstring), or no label."""
    match = _CODE.match(text)
    if match is None:
        return Coded(None, text)
    numbers = re.sub(r"[ \t]*-[ \t]*", "-", match.group("numbers"))
    numbers = re.sub(r"[ \t]*,[ \t]*(?:R[.]?[ \t]*)?", ", ", numbers)
    return Coded(f"R {numbers}", text[match.end() :])


def sheet_uses_codes(quotes: Sequence[str]) -> bool:
    """Whether codes begin enough of a sheet's quotes to be its transcriber's habit."""
    coded = sum(1 for quote in quotes if _CODE.match(quote))
    return coded >= 2 and coded >= MIN_SHARE * len(quotes)
