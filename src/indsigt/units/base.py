"""The conversational-talk family: a detector reads passages' texts and returns, for each, the
kind of talk that carries no content (``backchannel``, ``filler``, …) or None (substantive).

A detector sees texts only (records, never the store); marks are stored per passage with the
detector's versioned name, and no text is ever dropped from a document.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar, Literal, Protocol, runtime_checkable

TalkKind = Literal[
    "backchannel",  # "Yeah." "Okay." "Mm." "Ja." "Nå." "Præcis."
    "filler",  # "Øh." "Um, well."
    "greeting",  # "Thank you." "Tak fordi du ville." "Hi."
    "signoff",  # "Bye." "Vi ses." "Have a good day."
    "interview",  # talk about the interview: "could you repeat the question"
    "pseudonym",  # a pseudonym or speaker label alone: "Person 41." "Leder A."
    "nonverbal",  # a stage direction alone: "(griner)" "[laughs]" "."
    "no_content",  # a fragment without content words: "I think so." "Det er det."
    "non_answer",  # nothing to say on the question: "I don't know." "Same answer as above."
]
KINDS: tuple[TalkKind, ...] = (
    "backchannel",
    "filler",
    "greeting",
    "signoff",
    "interview",
    "pseudonym",
    "nonverbal",
    "no_content",
    "non_answer",
)


@runtime_checkable
class TalkDetector(Protocol):
    name: ClassVar[str]

    def detect(self, texts: Sequence[str], *, language: str) -> list[TalkKind | None]:
        """One entry per text: the kind of conversational talk, or None for substance."""
        ...


class NullTalkDetector:
    """Marks nothing: every passage is substantive."""

    name: ClassVar[str] = "talk.null.v1"

    def detect(self, texts: Sequence[str], *, language: str) -> list[TalkKind | None]:
        return [None] * len(texts)
