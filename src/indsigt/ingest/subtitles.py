"""Subtitle transcripts from Teams, Zoom and transcription services: WebVTT and SRT.

Timestamps are kept on turns. The speaker comes from a ``<v Name>`` voice tag (Teams), or a
"Name: " prefix in the cue text (Zoom, many SRT exporters) that is a role word or starts two cues
or more. Consecutive cues of one speaker are merged into one turn.
"""

from __future__ import annotations

import hashlib
import io
import re
from collections import Counter
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import ClassVar

from indsigt.errors import InputError
from indsigt.ingest.base import ImportOptions, ParsedDocument
from indsigt.ingest.builder import TextBuilder
from indsigt.ingest.encoding import decode
from indsigt.ingest.turns import guess_roles, role_word

_PREFIX = re.compile(r"^(?P<label>[^\W\d_][\w.'’\- ]{0,39}?)\s*:\s+(?P<rest>\S.*)$", re.DOTALL)
_VOICE = re.compile(r"<v(?:\.[\w.]+)?\s+(?P<label>[^>]+)>", re.IGNORECASE)
_TAG = re.compile(r"</?[^>]+>")
_TIMING = re.compile(
    r"^\s*(?:\d{1,}:)?\d{1,2}:\d{2}[.,]\d{3}\s+-->\s+(?:\d{1,}:)?\d{1,2}:\d{2}[.,]\d{3}(?:\s.*)?$"
)


def check_timings(text: str, path: Path) -> None:
    """Name the first cue line whose times cannot be read (parsers may skip it silently)."""
    for number, line in enumerate(text.splitlines(), start=1):
        if "-->" in line and not _TIMING.match(line):
            raise InputError(path, f"line {number}: broken cue time {line.strip()!r}")


def _milliseconds(stamp: str) -> int:
    """Milliseconds of a cue time such as "01:02:03.450" or "02:03.450".

    (webvtt-py's ``start_in_seconds`` drops the milliseconds.)"""
    clock, _, fraction = stamp.strip().replace(",", ".").partition(".")
    seconds = 0
    for part in clock.split(":"):
        seconds = seconds * 60 + int(part)
    return seconds * 1000 + int(fraction.ljust(3, "0")[:3])


_MILLISECOND = timedelta(milliseconds=1)


@dataclass(frozen=True)
class Cue:
    start_ms: int
    end_ms: int
    speaker: str
    text: str
    whole: str = ""  # the text with its "Name: " prefix, when the speaker came from one


def split_speaker(raw: str) -> tuple[str, str, str]:
    """(speaker, text, whole text if the speaker came from a "Name: " prefix) of one cue."""
    voice = _VOICE.search(raw)
    text = " ".join(_TAG.sub("", raw).split())
    if voice:
        return voice.group("label").strip(), text, ""
    prefix = _PREFIX.match(text)
    if prefix:
        return prefix.group("label").strip(), prefix.group("rest").strip(), text
    return "", text, ""


def _confirm_prefixes(cues: list[Cue]) -> list[Cue]:
    """A "Name: " prefix names a speaker when it is a role word or labels two cues or more;
    otherwise ("Men jeg siger: noget") it is speech, as in running text."""
    counts = Counter(cue.speaker for cue in cues if cue.whole)
    return [
        Cue(cue.start_ms, cue.end_ms, "", cue.whole)
        if cue.whole and counts[cue.speaker] < 2 and role_word(cue.speaker) is None
        else cue
        for cue in cues
    ]


def build_document(path: Path, data: bytes, cues: list[Cue], *, fmt: str) -> ParsedDocument:
    cues = _confirm_prefixes([cue for cue in cues if cue.text])
    if not cues:
        raise InputError(path, "no cues with text in the subtitle file")
    builder = TextBuilder()
    group: list[Cue] = []

    def flush() -> None:
        if group:
            builder.turn(
                group[0].speaker,
                " ".join(cue.text for cue in group),
                start_ms=group[0].start_ms,
                end_ms=group[-1].end_ms,
            )
            group.clear()

    for cue in cues:
        if group and cue.speaker != group[-1].speaker:
            flush()
        group.append(cue)
    flush()
    text = builder.text
    turns = builder.turns
    return ParsedDocument(
        name=path.name,
        text=text,
        turns=tuple(turns),
        format=fmt,
        roles=guess_roles(text, turns),
        sha256=hashlib.sha256(data).hexdigest(),
        metadata={"cues": len(cues)},
    )


class VttImporter:
    name: ClassVar[str] = "vtt.v1"
    suffixes: ClassVar[tuple[str, ...]] = (".vtt",)

    def parse(self, path: Path, data: bytes, *, options: ImportOptions) -> list[ParsedDocument]:
        import webvtt
        from webvtt.errors import MalformedCaptionError, MalformedFileError

        text, _ = decode(data, path)
        check_timings(text, path)
        try:
            captions = webvtt.from_buffer(io.StringIO(text))
        except (MalformedFileError, MalformedCaptionError, ValueError) as exc:
            raise InputError(path, f"broken WebVTT ({exc})") from exc
        cues = []
        for caption in captions.captions:
            speaker, utterance, whole = split_speaker(caption.raw_text)
            if not speaker and caption.voice:
                speaker = caption.voice
            try:
                start = _milliseconds(caption.start)
                end = _milliseconds(caption.end)
            except (ValueError, TypeError) as exc:
                raise InputError(path, f"broken cue time {caption.start!r} ({exc})") from exc
            if end < start:
                raise InputError(
                    path, f"cue {caption.start} --> {caption.end} ends before it starts"
                )
            cues.append(Cue(start, end, speaker, utterance, whole))
        return [build_document(path, data, cues, fmt="vtt")]


class SrtImporter:
    name: ClassVar[str] = "srt.v1"
    suffixes: ClassVar[tuple[str, ...]] = (".srt",)

    def parse(self, path: Path, data: bytes, *, options: ImportOptions) -> list[ParsedDocument]:
        import srt

        text, _ = decode(data, path)
        check_timings(text, path)
        try:
            subtitles = list(srt.parse(text))
        except (srt.SRTParseError, ValueError) as exc:
            raise InputError(path, f"broken SRT ({exc})") from exc
        cues = []
        for subtitle in subtitles:
            speaker, utterance, whole = split_speaker(subtitle.content)
            cues.append(
                Cue(
                    subtitle.start // _MILLISECOND,
                    subtitle.end // _MILLISECOND,
                    speaker,
                    utterance,
                    whole,
                )
            )
        return [build_document(path, data, cues, fmt="srt")]
