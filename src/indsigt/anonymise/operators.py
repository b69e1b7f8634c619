"""Operators turn a resolved span into its replacement; ``apply`` rewrites a text with the
replacements from the end backwards, so that the offsets of the spans not yet replaced stay
valid."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import ClassVar, Protocol

from indsigt.anonymise.base import Span


class Operator(Protocol):
    """Returns the replacement for ``surface`` (the original text of ``span``)."""

    name: ClassVar[str]

    def operate(self, surface: str, span: Span) -> str: ...


class Keep:
    name: ClassVar[str] = "keep.v1"

    def operate(self, surface: str, span: Span) -> str:
        return surface


@dataclass(frozen=True)
class Redact:
    """A typed placeholder: "[CPR]", "[TELEFON]", "[E-MAIL]"."""

    placeholders: dict[str, str]
    name: ClassVar[str] = "redact.v1"

    def operate(self, surface: str, span: Span) -> str:
        return self.placeholders.get(span.label, f"[{span.label}]")


@dataclass(frozen=True)
class Generalise:
    """The type instead of the name: "[kommune]", "[region]", "[styrelse]"."""

    placeholders: dict[str, str]
    name: ClassVar[str] = "generalise.v1"

    def operate(self, surface: str, span: Span) -> str:
        return self.placeholders.get(span.label, f"[{span.label.lower()}]")


@dataclass(frozen=True)
class Pseudonymise:
    """A consistent pseudonym for a person ("Leder A", "Person 2", "Interviewer"), from a
    callable that remembers who is who (``pseudonyms.Pseudonyms.person``)."""

    lookup: Callable[[str, Span], str]
    name: ClassVar[str] = "pseudonymise.v1"

    def operate(self, surface: str, span: Span) -> str:
        return self.lookup(surface, span)


def apply(text: str, edits: Sequence[tuple[int, int, str]]) -> str:
    """Apply non-overlapping edits ``(start, end, replacement)`` from the end of the text
    backwards, so that the offsets of the edits not yet applied stay valid."""
    out = text
    for start, end, replacement in sorted(edits, key=lambda e: e[0], reverse=True):
        out = out[:start] + replacement + out[end:]
    return out
