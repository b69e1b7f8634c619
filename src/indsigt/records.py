"""Records: the frozen dataclasses every stage reads and writes.

Offsets (``start``, ``end``) are Python ``str`` code points into ``Document.text``, half-open:
``doc.text[start:end]`` is the span. This is the one offset unit in indsigt.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

SpeakerRole = Literal["interviewer", "respondent", "unknown", "note"]
"""Who a turn's speaker is. ``unknown``: someone we could not tell apart, analysed as a
respondent is; ``note``: nobody — text of the record that no one said (a transcriber's summary,
a guide's heading), shown with its document and exported, never analysed as speech."""
NOTE: SpeakerRole = "note"
PassageUnit = Literal["sentence", "paragraph", "turn"]
CodingStatus = Literal["suggested", "accepted", "rejected"]


@dataclass(frozen=True)
class Study:
    id: int
    name: str
    language: str
    description: str = ""
    segment_attributes: tuple[str, ...] = ("level",)
    anonymisation_required: bool = True
    created_at: datetime | None = None


@dataclass(frozen=True)
class Respondent:
    id: int
    key: str
    pseudonym: str
    attributes: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Document:
    id: int
    name: str
    text: str
    format: str
    language: str
    sha256: str
    source_path: str = ""
    unit: PassageUnit = "sentence"
    metadata: dict[str, Any] = field(default_factory=dict)
    imported_at: datetime | None = None


@dataclass(frozen=True)
class Speaker:
    id: int
    document_id: int
    label: str
    role: SpeakerRole
    respondent_id: int | None = None


@dataclass(frozen=True)
class Turn:
    id: int
    document_id: int
    speaker_id: int
    seq: int
    start: int
    end: int
    start_ms: int | None = None
    end_ms: int | None = None


@dataclass(frozen=True)
class ParsedTurn:
    """A turn before it is stored (what an importer parses and the store's writer takes): one
    speaker's uninterrupted speech, ``text[start:end]`` of its document, the speaker by label."""

    speaker: str
    start: int
    end: int
    start_ms: int | None = None
    end_ms: int | None = None


@dataclass(frozen=True)
class Passage:
    id: int
    document_id: int
    turn_id: int
    seq: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Code:
    id: int
    path: str
    labels: dict[str, str] = field(default_factory=dict)
    definition: str = ""
    include: str = ""
    exclude: str = ""
    keywords: tuple[str, ...] = ()
    examples: tuple[str, ...] = ()
    parent_id: int | None = None
    color: str = ""


# A component names itself "name.vN" (keyword.v1, ensemble.v2, a plugin's "acme.tone.v3"),
# perhaps with its parts in brackets ("anonymise.v1[cpr.v1,phone.v1]"); any other coder is a
# person. The one rule: the web app (roles, the queue, reliability), the report's method
# section, REFI-QDA users, training data and the prevalence estimate all ask it.
# The smallest group a table cell, a quote's attribution or a combination of publishable
# attributes may single out (``k``): fewer respondents than this are marked or withheld.
MIN_GROUP = 3

MACHINE_CODER = re.compile(r"^[\w-]+(?:\.[\w-]+)*\.v\d+(?:\[.*\])?$")


def is_machine_coder(coder: str) -> bool:
    """Whether ``coder`` is a coding component (``name.vN``) rather than a person."""
    return MACHINE_CODER.match(coder) is not None


@dataclass(frozen=True)
class Coding:
    """``coder``: a person's id, or a component's versioned name (:func:`is_machine_coder`)."""

    id: int
    passage_id: int
    code_id: int
    coder: str
    score: float | None
    status: CodingStatus
    evidence: dict[str, Any] = field(default_factory=dict)
    created_at: datetime | None = None


@dataclass(frozen=True)
class Finding:
    id: int
    document_id: int
    start: int
    end: int
    label: str
    detector: str
    score: float
    status: str = "detected"


@dataclass(frozen=True)
class Event:
    id: int
    at: datetime
    actor: str
    action: str
    entity: str
    entity_id: str
    payload: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class TalkMark:
    """A passage a talk detector marked as conversational (``kind``: backchannel, filler, …)."""

    passage_id: int
    kind: str
    detector: str


@dataclass(frozen=True)
class Statement:
    """An idea unit of a respondent turn: passages ``first_passage_id..last_passage_id`` of
    ``turn_id``, ``document.text[start:end]`` (= ``text``), prompted by the interviewer turn
    ``question_turn_id``. Not ``substantive``: conversational passages only."""

    id: int
    document_id: int
    turn_id: int
    seq: int
    first_passage_id: int
    last_passage_id: int
    start: int
    end: int
    question_turn_id: int | None
    substantive: bool
    words: int
    text: str = ""
    passage_ids: tuple[int, ...] = ()
