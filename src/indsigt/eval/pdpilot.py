"""PDPilot user-study interviews (``pdpilot-interviews``): 7 English transcripts and the
MAXQDA coded segments, 8 parent codes.

The unit is the speaker turn (``Dan:`` / ``Participant:``). A turn carries a parent code when a
segment with that code covers at least half of the turn, or when the turn holds at least half
of the segment (long segments run over several turns). Segments are found in the transcript
after normalising whitespace and case; SOURCE.md says 261 of 262 are there verbatim. The
text is read as the importer reads it: runs of a PDF margin's line numbers are left out
(:func:`indsigt.ingest.textfile.without_line_numbers`). Groups are
the participants (P1…P7), so a split never puts one interview on both sides.

Context: a turn's question is the interviewer's (``Dan``'s, the first speaker of each
interview) last turn before it; its neighbours the turns just before and after it; its previous
unit the turn before it; its position the turn's number (the learner smooths a code's score
over neighbouring turns: coded segments run over several).
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from indsigt.errors import InputError
from indsigt.eval.gold import GoldSet, GoldUnit, codes_of, read_text
from indsigt.ingest.textfile import without_line_numbers

TURN = re.compile(r"^([A-Z][A-Za-z ]{0,20}):\s+", re.MULTILINE)
COVER = 0.5


def _normalised_with_map(text: str) -> tuple[str, list[int]]:
    """Lower-case text with runs of whitespace as one space, and each character's offset in
    the original."""
    out: list[str] = []
    positions: list[int] = []
    previous_space = True
    for offset, char in enumerate(text):
        if char.isspace():
            if not previous_space:
                out.append(" ")
                positions.append(offset)
            previous_space = True
            continue
        out.append(char.lower())
        positions.append(offset)
        previous_space = False
    return "".join(out), positions


def locate(
    flat: str, needle: str, *, edge: int = 60, min_length: int = 1, loose_end: bool = True
) -> tuple[int, int] | None:
    """Where ``needle`` is in ``flat``: verbatim, else from its first to its last ``edge``
    characters (the PDF conversion changed a few segments in the middle: page breaks); where
    only the start is found, the needle's length from there (``loose_end``) or None. A needle
    shorter than ``min_length`` is not looked for."""
    if len(needle) < max(1, min_length):
        return None
    found = flat.find(needle)
    if found >= 0:
        return found, found + len(needle)
    start = flat.find(needle[:edge])
    if start < 0:
        return None
    end = flat.find(needle[-edge:], start)
    if end >= 0 and end + edge - start <= 1.5 * len(needle):
        return start, end + edge
    return (start, min(len(flat), start + len(needle))) if loose_end else None


def _turns(text: str) -> list[tuple[str, int, int]]:
    starts = [(m.group(1), m.start(), m.end()) for m in TURN.finditer(text)]
    turns = []
    for k, (speaker, _, body) in enumerate(starts):
        end = starts[k + 1][1] if k + 1 < len(starts) else len(text)
        turns.append((speaker, body, end))
    return turns


def load_pdpilot(path: str | Path) -> GoldSet:
    root = Path(path)
    if root.is_file():
        root = root.parent
    table = root / "coded_segments.csv"
    folder = root / "transcripts_txt"
    if not table.is_file() or not folder.is_dir():
        raise InputError(
            root, "expected coded_segments.csv and transcripts_txt/ (pdpilot-interviews)"
        )
    segments = list(csv.DictReader(io.StringIO(read_text(table))))
    units: list[GoldUnit] = []
    missing = 0
    for transcript in sorted(folder.glob("P*.txt")):
        document = transcript.stem
        text, _ = without_line_numbers(read_text(transcript))
        flat, positions = _normalised_with_map(text)
        spans: list[tuple[int, int, str]] = []
        for row in segments:
            if row["document"] != document:
                continue
            needle, _ = _normalised_with_map(row["segment"])
            span = locate(flat, needle)
            if span is None:
                missing += 1
                continue
            spans.append((positions[span[0]], positions[span[1] - 1] + 1, row["parent_code"]))
        turns = [(sp, s, e) for sp, s, e in _turns(text) if text[s:e].strip()]
        interviewer = turns[0][0] if turns else ""
        asked = ""
        for number, (speaker, start, end) in enumerate(turns):
            body = text[start:end].strip()
            labels = set()
            for s_start, s_end, code in spans:
                overlap = min(end, s_end) - max(start, s_start)
                if overlap > 0 and (
                    overlap >= COVER * (end - start) or overlap >= COVER * (s_end - s_start)
                ):
                    labels.add(code)
            around = [
                f"{turns[k][0]}: {text[turns[k][1] : turns[k][2]].strip()}"
                for k in (number - 1, number + 1)
                if 0 <= k < len(turns)
            ]
            units.append(
                GoldUnit(
                    f"{document}:{number}",
                    f"{speaker}: {body}",
                    document,
                    frozenset(labels),
                    question=asked,
                    neighbours=" ".join(around),
                    previous=f"{document}:{number - 1}" if number else "",
                    position=number,
                )
            )
            if speaker == interviewer:
                asked = body
    notes = [f"{missing} coded segment(s) not found in the transcripts"] if missing else []
    return GoldSet("pdpilot", "turn", units, codes_of(units), notes=notes)
