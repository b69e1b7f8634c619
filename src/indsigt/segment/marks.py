"""Time marks a transcriber writes into the running text: f4transkript's "#00:01:23-4#"
(tenths after the dash) at the end of each paragraph, "[00:05:12]" or "(00:05:12)" where a
minute began. They are no speech: a turn or a passage keeps them outside its span, and a
span of marks alone is no span. A mark inside a sentence stays where it is."""

from __future__ import annotations

import re

TIME = r"\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?"  # a clock time in a transcript, "0:03"
_MARK = (
    rf"(?:#(?P<f4>\d{{1,2}}:\d{{2}}:\d{{2}})(?:[-.,](?P<tenth>\d))?#|[\[(](?P<clock>{TIME})[\])])"
)
_LEADING_MARK = re.compile(rf"{_MARK}\s*")
_TRAILING_MARK = re.compile(rf"\s*{_MARK}$")


def milliseconds(clock: str) -> int:
    """A clock time in milliseconds: "1:02:03" → 3 723 000; "0:03" and "00:03" are minutes
    and seconds."""
    whole, _, fraction = clock.replace(",", ".").partition(".")
    seconds = 0
    for part in whole.split(":"):
        seconds = seconds * 60 + int(part)
    return seconds * 1000 + (int(fraction.ljust(3, "0")[:3]) if fraction else 0)


def _mark_ms(match: re.Match[str]) -> int:
    if match["f4"]:
        return milliseconds(match["f4"]) + 100 * int(match["tenth"] or 0)
    return milliseconds(match["clock"])


def without_marks(text: str, start: int, stop: int) -> tuple[int, int, int | None, int | None]:
    """The span ``text[start:stop]`` (stripped of blanks) without the time marks at its start
    and end, and the first and the last of those times; ``start >= stop`` where it was marks
    alone."""
    first = last = None
    while (lead := _LEADING_MARK.match(text, start, stop)) is not None:
        first = _mark_ms(lead) if first is None else first
        start = lead.end()
    while (tail := _TRAILING_MARK.search(text, start, stop)) is not None:
        last = _mark_ms(tail) if last is None else last
        stop = tail.start()
    return start, stop, first, last
