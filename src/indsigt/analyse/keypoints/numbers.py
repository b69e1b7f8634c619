"""A key point that states a number is said only by a statement that states the same number.

"Girls get married at 18-20 years of age" was counted for groups that said "at the age of 12",
"by their 15 years" or "22 - 25": the matcher reads the topic (age at marriage), not the
figure, and the figure is the point. A key point's numbers — digits, ranges ("18-20", "18 to
20"), percentages, English number words ("twenty") — must meet one of the statement's, give or
take one; a statement with no number does not say it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

_UNITS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty"
)
_WORDS = {
    word: value
    for value, word in enumerate(_UNITS.split())
    if value > 1  # "one of the most important", "no one": no figure
} | {"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80}
_NUMBER = r"(\d+(?:[.,]\d+)*|" + "|".join(sorted(_WORDS, key=len, reverse=True)) + r")"
# "18-20", "18 – 20", "18 to 20", "18 til 20", "18 till 20": one range.
_FIGURE = re.compile(
    rf"(?<![\w.,]){_NUMBER}(?:\s*(?:-|–|to|til|till)\s*{_NUMBER})?(?![\w])", re.IGNORECASE
)
_THOUSANDS = re.compile(r"\d{1,3}(?:[.,]\d{3})+")
Interval = tuple[float, float]


def figures(text: str) -> list[Interval]:
    """The numbers and ranges ``text`` states, as closed intervals."""
    found = []
    for match in _FIGURE.finditer(text):
        low = _value(match.group(1))
        high = _value(match.group(2)) if match.group(2) else low
        found.append((min(low, high), max(low, high)))
    return found


def _value(token: str) -> float:
    lowered = token.lower()
    if lowered in _WORDS:
        return float(_WORDS[lowered])
    if _THOUSANDS.fullmatch(lowered):  # "1.700 medarbejdere", "1,500 people"
        return float(re.sub(r"[.,]", "", lowered))
    head = re.match(r"\d+(?:[.,]\d+)?", lowered)  # "1.2.3" (a section number): its head
    return float(head.group().replace(",", ".")) if head else 0.0


def agree(points: Sequence[str], statements: Sequence[str]) -> NDArray[np.bool_]:
    """points × statements: whether a statement may express the point by its numbers — always
    where the point states none; else where one of the statement's figures meets one of the
    point's, give or take one."""
    said = [figures(text) for text in statements]
    result = np.ones((len(points), len(statements)), dtype=bool)
    for i, point in enumerate(points):
        wanted = figures(point)
        if not wanted:
            continue
        for j, found in enumerate(said):
            result[i, j] = any(
                low - 1 <= high2 and low2 <= high + 1
                for low, high in wanted
                for low2, high2 in found
            )
    return result
