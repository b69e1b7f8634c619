"""Cue blocks of WebVTT and SRT files, read line by line so that no text is dropped silently.

A file is a sequence of blocks separated by blank lines. A cue block is an optional identifier
(a cue number in SRT), a timing line ``START --> END [settings]`` and the cue's text. Times are
``[hours:]minutes:seconds.mmm``; ``,`` before the milliseconds (SRT, and WebVTT converted from
SRT) is read like ``.``, and minutes may exceed 59 when there are no hours ("75:00.000").

Where a strict parser would skip something, this one keeps it or refuses the file naming the
line: a block without a timing line right after a cue is more text of that cue (a blank line
inside the cue's text); any other text outside a cue, or two timing lines in one block, is an
error. WebVTT ``NOTE``, ``STYLE`` and ``REGION`` blocks and the header's metadata lines are
skipped, as they hold no speech. Error messages quote timing lines, never transcript text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from indsigt.errors import InputError

Format = Literal["WebVTT", "SRT"]

_STAMP = r"(?:\d{1,9}:)?\d{1,2}:\d{2}[.,]\d{3}"
_TIMING = re.compile(rf"^\s*(?P<start>{_STAMP})\s*-->\s*(?P<end>{_STAMP})(?:\s.*)?$")
# A broken timing line is quoted in errors only when it looks like one (one token each side of
# the arrow, then cue settings): a line of speech with an arrow in it is not repeated.
_TIMING_LIKE = re.compile(r"^\s*\S{1,16}\s*-->\s*\S{1,16}(?:\s+\S+:\S+)*\s*$")
_HEADER = re.compile(r"^WEBVTT(?:[ \t].*)?$")
_NON_CUE = re.compile(r"^(?:NOTE|STYLE|REGION)(?:[ \t].*)?$")


@dataclass(frozen=True)
class RawCue:
    line: int  # the line number of its timing line
    start_ms: int
    end_ms: int
    text: str  # the cue's text lines, joined by "\n" (tags and entities as in the file)


def milliseconds(stamp: str) -> int:
    """Milliseconds of a cue time such as "01:02:03.450", "02:03,450" or "75:00.000"."""
    clock, _, fraction = stamp.strip().replace(",", ".").partition(".")
    seconds = 0
    for part in clock.split(":"):
        seconds = seconds * 60 + int(part)
    return seconds * 1000 + int(fraction.ljust(3, "0")[:3])


def read_cues(text: str, path: Path, *, fmt: Format) -> list[RawCue]:
    """Every cue of ``text`` (decoded, ``\\n`` line endings) in file order."""
    lines = text.split("\n")
    first = 0
    if fmt == "WebVTT":
        if not lines or not _HEADER.match(lines[0].lstrip("\ufeff").rstrip()):
            raise InputError(path, "broken WebVTT: the first line must be 'WEBVTT'")
        first = 1
        while first < len(lines) and lines[first].strip() and "-->" not in lines[first]:
            first += 1  # header metadata ("Kind: captions", "Language: da")
    cues: list[RawCue] = []
    after_cue = False
    for block in _blocks(lines, first):
        timed = [index for index, (_, line) in enumerate(block) if "-->" in line]
        if not timed:
            if fmt == "WebVTT" and _NON_CUE.match(block[0][1].strip()):
                after_cue = False
                continue
            if not after_cue:
                raise InputError(
                    path,
                    f"line {block[0][0]}: broken {fmt}: text outside any cue (no cue time "
                    "before it)",
                )
            last = cues[-1]
            more = "\n".join(line for _, line in block)
            cues[-1] = RawCue(last.line, last.start_ms, last.end_ms, f"{last.text}\n{more}")
            continue
        if len(timed) > 1 or timed[0] > 1:
            number = block[timed[1] if timed[0] <= 1 else timed[0]][0]
            raise InputError(
                path,
                f"line {number}: broken {fmt}: a cue time must open its block (after at most "
                "a cue number); is a blank line missing before it?",
            )
        number, line = block[timed[0]]
        match = _TIMING.match(line)
        if match is None:
            shown = line.strip()[:80] if _TIMING_LIKE.match(line) else None
            raise InputError(
                path,
                f"line {number}: broken cue time {shown!r}"
                if shown
                else f"line {number}: '-->' in a line that is not a cue time",
            )
        start, end = milliseconds(match["start"]), milliseconds(match["end"])
        if end < start:
            raise InputError(
                path,
                f"line {number}: cue {match['start']} --> {match['end']} ends before it starts",
            )
        body = "\n".join(text for _, text in block[timed[0] + 1 :])
        cues.append(RawCue(number, start, end, body))
        after_cue = True
    return cues


def _blocks(lines: list[str], first: int) -> list[list[tuple[int, str]]]:
    """Runs of non-blank lines as (line number, line), from line index ``first`` on."""
    blocks: list[list[tuple[int, str]]] = []
    current: list[tuple[int, str]] = []
    for number, line in enumerate(lines[first:], start=first + 1):
        if line.strip():
            current.append((number, line.rstrip()))
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks
