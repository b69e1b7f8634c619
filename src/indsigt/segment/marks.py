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
_MARK_AT_END = re.compile(rf"{_MARK}$")
_LONGEST = 16  # characters of the longest mark, "[01:02:03.123]": where one at the end starts


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
    # Searched for in the last few characters only: a search of the whole span for blanks
    # and a mark at its end took 79 s on a passage with 100,000 blanks inside.
    while (tail := _MARK_AT_END.search(text, max(start, stop - _LONGEST), stop)) is not None:
        last = _mark_ms(tail) if last is None else last
        stop = tail.start()
        while stop > start and text[stop - 1].isspace():
            stop -= 1
    return start, stop, first, last
