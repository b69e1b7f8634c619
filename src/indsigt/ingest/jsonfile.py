"""Transcripts that speech-to-text tools write as JSON: the form users get when they transcribe
their recordings on their own machine.

* Whisper (``openai-whisper``, ``faster-whisper`` dumps) and WhisperX: ``{"segments": [{"start":
  0.0, "end": 2.5, "text": " …", "speaker": "SPEAKER_00"}, …]}``, times in seconds; WhisperX
  with ``--diarize`` gives each segment (and word) a speaker. A top-level list of such
  segments is read the same way.
* AssemblyAI: ``{"utterances": [{"speaker": "A", "start": 250, "end": 2600, "text": "…"}]}``,
  times in milliseconds; speaker "A" is stored as "Speaker A", as its own viewer shows it.
* whisper.cpp (``-oj``): ``{"transcription": [{"offsets": {"from": 0, "to": 2500}, "text":
  "…"}]}``, times in milliseconds; no speakers.

Consecutive segments of one speaker are one turn, with the first one's start and the last
one's end, as in subtitle files (:func:`~indsigt.ingest.subtitles.build_document`); a segment
a tool left without times (WhisperX does where it could not align the words) has none. A
WhisperX segment that diarisation left without a speaker takes the speaker most of its words
have, else the speaker of the segment before it: it is the same person's speech far more often
than a third voice. A WhisperX segment whose sentences two speakers say ("Okay, thank you. Yes,
I use it daily.") is cut between them by its words' speakers. A file with no speakers at all
is one turn, with a note saying so.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, ClassVar

from indsigt.errors import InputError
from indsigt.ingest.base import ImportOptions, ParsedDocument
from indsigt.ingest.encoding import decode
from indsigt.ingest.subtitles import Cue, build_document

NO_SPEAKERS = (
    "no speakers in the transcript (the speech-to-text tool did not separate voices, e.g. "
    "WhisperX without --diarize): it is stored as one turn"
)
SHAPES = (
    "'segments' (Whisper, WhisperX), 'utterances' (AssemblyAI) or 'transcription' (whisper.cpp)"
)


def _seconds(value: object) -> float:
    return float(value)  # type: ignore[arg-type]


def _ms(value: object) -> float:
    return float(value) / 1000  # type: ignore[arg-type]


def _offsets(item: Mapping[str, Any]) -> tuple[object, object]:
    offsets = item.get("offsets")
    if not isinstance(offsets, Mapping):
        return None, None
    return offsets.get("from"), offsets.get("to")


def _whisper_speaker(item: Mapping[str, Any]) -> str:
    speaker = item.get("speaker")
    if isinstance(speaker, str) and speaker.strip():
        return speaker.strip()
    words = item.get("words")
    said = Counter(
        word["speaker"].strip()
        for word in (words if isinstance(words, list) else ())
        if isinstance(word, Mapping) and isinstance(word.get("speaker"), str)
    )
    return said.most_common(1)[0][0] if said else ""


def _assembly_speaker(item: Mapping[str, Any]) -> str:
    speaker = item.get("speaker")
    if speaker is None or str(speaker).strip() == "":
        return ""
    label = str(speaker).strip()
    return f"Speaker {label}" if len(label) <= 2 else label


@dataclass(frozen=True)
class _Shape:
    """Where one tool keeps its segments, their times (as seconds) and their speakers."""

    key: str
    times: Callable[[Mapping[str, Any]], tuple[object, object]]
    unit: Callable[[object], float]
    speaker: Callable[[Mapping[str, Any]], str]


_SHAPES = (
    _Shape("segments", lambda s: (s.get("start"), s.get("end")), _seconds, _whisper_speaker),
    _Shape("utterances", lambda s: (s.get("start"), s.get("end")), _ms, _assembly_speaker),
    _Shape("transcription", _offsets, _ms, lambda s: ""),
)


def transcript_shape(parsed: object) -> tuple[_Shape, list[Any]] | None:
    """The tool's shape and its list of segments, or None where ``parsed`` is no transcript."""
    if isinstance(parsed, list):
        if parsed and all(isinstance(s, Mapping) and "text" in s for s in parsed):
            return _SHAPES[0], parsed
        return None
    if not isinstance(parsed, Mapping):
        return None
    for shape in _SHAPES:
        items = parsed.get(shape.key)
        if isinstance(items, list):
            return shape, items
    return None


def is_transcript(path: Path) -> bool:
    """Whether ``path`` holds a JSON transcript this importer reads (a folder's other JSON
    files — settings, metadata — are left out of a folder import instead of refusing it)."""
    try:
        return transcript_shape(json.loads(path.read_bytes())) is not None
    except (OSError, ValueError, RecursionError):
        return False


def _cue(path: Path, shape: _Shape, number: int, item: object) -> Cue:
    where = f"{shape.key}[{number}]"
    if not isinstance(item, Mapping):
        raise InputError(path, f"{where} is not an object with a text")
    text = item.get("text")
    if not isinstance(text, str):
        raise InputError(path, f"{where} has no text")
    said = " ".join(text.split())
    start, end = shape.times(item)
    if start is None or end is None:  # WhisperX leaves a segment it could not align untimed
        return Cue(None, None, shape.speaker(item), said)
    try:
        begins, ends = shape.unit(start), shape.unit(end)
    except (TypeError, ValueError):
        raise InputError(path, f"{where}: the time {start!r} to {end!r} is no number") from None
    if not (math.isfinite(begins) and math.isfinite(ends)) or begins < 0 or ends < begins:
        raise InputError(path, f"{where}: the time {start} to {end} is not a span")
    return Cue(round(begins * 1000), round(ends * 1000), shape.speaker(item), said)


_SENTENCE_END = (".", "?", "!", "…")


def _by_word_speakers(shape: _Shape, item: Mapping[str, Any], cue: Cue) -> list[Cue]:
    """A WhisperX segment whose words two speakers say, cut where the speaker changes between
    sentences: "Okay, thank you. Yes, I use it daily." is the interviewer's thanks and the
    respondent's answer, where the segment's one speaker gave both to one of them. Each
    sentence goes to the speaker of most of its words (a word diarisation gave the other voice
    inside a sentence is no change of turn). Nothing is cut (``[]``) where the words do not
    spell the segment's text or one speaker says it all."""
    words = item.get("words")
    if not isinstance(words, list) or not all(
        isinstance(w, Mapping) and isinstance(w.get("word"), str) for w in words
    ):
        return []
    if " ".join(" ".join(w["word"] for w in words).split()) != cue.text:
        return []
    sentences: list[list[Mapping[str, Any]]] = [[]]
    for word in words:
        sentences[-1].append(word)
        if word["word"].strip().rstrip("\"'”’»)").endswith(_SENTENCE_END):
            sentences.append([])
    runs: list[tuple[str, list[Mapping[str, Any]]]] = []
    for sentence in (s for s in sentences if s):
        said = Counter(w["speaker"].strip() for w in sentence if isinstance(w.get("speaker"), str))
        speaker = said.most_common(1)[0][0] if said else (runs[-1][0] if runs else cue.speaker)
        if runs and runs[-1][0] == speaker:
            runs[-1][1].extend(sentence)
        else:
            runs.append((speaker, list(sentence)))
    if len(runs) < 2:
        return []
    return [
        Cue(
            _word_ms(shape, run[0], "start", cue.start_ms),
            _word_ms(shape, run[-1], "end", cue.end_ms),
            speaker,
            " ".join(" ".join(w["word"] for w in run).split()),
        )
        for speaker, run in runs
    ]


def _word_ms(shape: _Shape, word: Mapping[str, Any], key: str, default: int | None) -> int | None:
    """A word's time in milliseconds, or ``default`` (the segment's) where it has none."""
    try:
        value = shape.unit(word[key])
    except (KeyError, TypeError, ValueError):
        return default
    return round(value * 1000) if math.isfinite(value) and value >= 0 else default


def _carried(cues: list[Cue]) -> list[Cue]:
    """A segment without a speaker, in a file that has speakers, takes the one before it."""
    out: list[Cue] = []
    for cue in cues:
        if not cue.speaker and out:
            cue = Cue(cue.start_ms, cue.end_ms, out[-1].speaker, cue.text)
        out.append(cue)
    return out


class JsonImporter:
    name: ClassVar[str] = "json.v1"
    suffixes: ClassVar[tuple[str, ...]] = (".json",)

    def parse(self, path: Path, data: bytes, *, options: ImportOptions) -> list[ParsedDocument]:
        text, encoding = decode(data, path, encoding=options.encoding)
        try:
            parsed = json.loads(text)
        except json.JSONDecodeError as exc:
            raise InputError(
                path, f"broken JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}"
            ) from None
        except RecursionError:
            raise InputError(path, "JSON nested too deeply to be a transcript") from None
        found = transcript_shape(parsed)
        if found is None:
            raise InputError(path, f"not a transcript: JSON without {SHAPES}")
        shape, items = found
        cues = []
        for number, item in enumerate(items):
            cue = _cue(path, shape, number, item)
            split = _by_word_speakers(shape, item, cue) if shape.key == "segments" else []
            cues += split or [cue]
        if not any(cue.text for cue in cues):
            raise InputError(path, f"no speech: the transcript's {shape.key} hold no text")
        speakers = any(cue.speaker for cue in cues)
        document = build_document(
            path, data, _carried(cues) if speakers else cues, fmt="json", encoding=encoding
        )
        language = parsed.get("language") if isinstance(parsed, Mapping) else None
        metadata = {**document.metadata, "transcript": shape.key}
        if isinstance(language, str) and language:
            metadata["transcriber_language"] = language
        notes = document.notes if speakers else (*document.notes, NO_SPEAKERS)
        return [replace(document, metadata=metadata, notes=notes)]
