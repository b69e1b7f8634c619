"""Subtitle transcripts from Teams, Zoom and transcription services: WebVTT and SRT.

Timestamps are kept on turns. The speaker comes from a ``<v Name>`` voice tag (Teams), or a
"Name: " prefix in the cue text (Zoom, many SRT exporters; "[SPEAKER_00]: " from WhisperX) that
is a role word or a numbered speaker or starts two cues or more. Consecutive cues of one
speaker are merged into one turn.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from indsigt.errors import InputError
from indsigt.ingest.base import ImportOptions, ParsedDocument
from indsigt.ingest.builder import TextBuilder
from indsigt.ingest.cues import Format, RawCue, read_cues
from indsigt.ingest.encoding import decode
from indsigt.ingest.textfile import with_turns
from indsigt.ingest.turns import numbered_speaker, role_word

# "Name: …", and WhisperX's "[SPEAKER_00]: …"
_PREFIX = re.compile(
    r"^\[?(?P<label>[^\W\d_][\w.'’\- ]{0,39}?)\]?\s*:\s+(?P<rest>\S.*)$", re.DOTALL
)
_VOICE = re.compile(r"<v(?:\.[\w.]+)?\s+(?P<label>[^>]+)>", re.IGNORECASE)
_VOICE_START = re.compile(r"(?=<v[\s.])", re.IGNORECASE)
_TAG = re.compile(r"</?[^>]+>")


@dataclass(frozen=True)
class Cue:
    start_ms: int | None  # None: a JSON transcript's segment that its tool left without times
    end_ms: int | None
    speaker: str
    text: str
    whole: str = ""  # the text with its "Name: " prefix, when the speaker came from one


def split_speaker(raw: str) -> tuple[str, str, str]:
    """(speaker, text, whole text if the speaker came from a "Name: " prefix) of one cue."""
    voice = _VOICE.search(raw)
    text = " ".join(html.unescape(_TAG.sub("", raw)).split())
    if voice:
        return voice.group("label").strip(), text, ""
    prefix = _PREFIX.match(text)
    if prefix:
        return prefix.group("label").strip(), prefix.group("rest").strip(), text
    return "", text, ""


def _confirm_prefixes(cues: list[Cue]) -> list[Cue]:
    """A "Name: " prefix names a speaker when it is a role word or a numbered speaker or
    labels two cues or more; otherwise ("Men jeg siger: noget") it is speech, as in running
    text."""
    counts = Counter(cue.speaker for cue in cues if cue.whole)
    return [
        Cue(cue.start_ms, cue.end_ms, "", cue.whole)
        if cue.whole
        and counts[cue.speaker] < 2
        and role_word(cue.speaker) is None
        and not numbered_speaker(cue.speaker)
        else cue
        for cue in cues
    ]


def build_document(
    path: Path, data: bytes, cues: list[Cue], *, fmt: str, encoding: str
) -> ParsedDocument:
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
    return with_turns(
        path,
        data,
        builder.text,
        builder.turns,
        fmt=fmt,
        metadata={"cues": len(cues), "encoding": encoding},
        encoding=encoding,
    )


def _cues(path: Path, raws: list[RawCue]) -> list[Cue]:
    """Cues with their speakers; a cue with several ``<v>`` voices becomes one per voice."""
    cues = []
    for raw in raws:
        for part in _VOICE_START.split(raw.text):
            speaker, utterance, whole = split_speaker(part)
            cues.append(Cue(raw.start_ms, raw.end_ms, speaker, utterance, whole))
    return cues


class _CueImporter:
    """A file of cue blocks: ``fmt`` is the stored format, ``cues`` the blocks' format."""

    fmt: ClassVar[str]
    cues: ClassVar[Format]

    def parse(self, path: Path, data: bytes, *, options: ImportOptions) -> list[ParsedDocument]:
        text, encoding = decode(data, path, encoding=options.encoding)
        cues = _cues(path, read_cues(text, path, fmt=self.cues))
        return [build_document(path, data, cues, fmt=self.fmt, encoding=encoding)]


class VttImporter(_CueImporter):
    name: ClassVar[str] = "vtt.v1"
    suffixes: ClassVar[tuple[str, ...]] = (".vtt",)
    fmt: ClassVar[str] = "vtt"
    cues: ClassVar[Format] = "WebVTT"


class SrtImporter(_CueImporter):
    name: ClassVar[str] = "srt.v1"
    suffixes: ClassVar[tuple[str, ...]] = (".srt",)
    fmt: ClassVar[str] = "srt"
    cues: ClassVar[Format] = "SRT"
