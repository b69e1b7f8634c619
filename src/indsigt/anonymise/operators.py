"""Operators turn a resolved span into its replacement; ``apply`` rewrites a text with the
replacements from the end backwards, so that the offsets of the spans not yet replaced stay
valid. The policy names an action per label (``redact``, ``generalise``, ``pseudonymise``,
``keep``); :func:`operators` gives each action's operator, a plugin's overriding a built-in
(hook ``indsigt_operators``)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import ClassVar, Protocol, Self

from indsigt.anonymise.base import Span
from indsigt.anonymise.policy import GENERALISE, KEEP, PSEUDONYMISE, REDACT, Policy

PersonLookup = Callable[[str, Span], str]


class Operator(Protocol):
    """Returns the replacement for ``surface`` (the original text of ``span``). Built per
    document by ``from_policy`` from the study's policy and its pseudonym lookup (who is
    who: ``pseudonyms.Pseudonyms.person``)."""

    name: ClassVar[str]

    @classmethod
    def from_policy(cls, policy: Policy, *, person: PersonLookup) -> Operator: ...

    def operate(self, surface: str, span: Span) -> str: ...


class Keep:
    name: ClassVar[str] = "keep.v1"

    @classmethod
    def from_policy(cls, policy: Policy, *, person: PersonLookup) -> Keep:
        return cls()

    def operate(self, surface: str, span: Span) -> str:
        return surface


@dataclass(frozen=True)
class Redact:
    """A typed placeholder: "[CPR]", "[TELEFON]", "[E-MAIL]"; a label the policy has no
    placeholder for, in brackets as it is ("[CASENO]")."""

    placeholders: dict[str, str]
    name: ClassVar[str] = "redact.v1"

    @classmethod
    def from_policy(cls, policy: Policy, *, person: PersonLookup) -> Self:
        return cls(policy.placeholders)

    def operate(self, surface: str, span: Span) -> str:
        return self.placeholders.get(span.label, self.unknown(span.label))

    @staticmethod
    def unknown(label: str) -> str:
        return f"[{label}]"


@dataclass(frozen=True)
class Generalise(Redact):
    """The type instead of the name: "[kommune]", "[region]", "[styrelse]"; a label the
    policy has no placeholder for, in lower case ("[caseno]")."""

    name: ClassVar[str] = "generalise.v1"

    @staticmethod
    def unknown(label: str) -> str:
        return f"[{label.lower()}]"


@dataclass(frozen=True)
class Pseudonymise:
    """A consistent pseudonym for a person ("Leder A", "Person 2", "Interviewer"), from a
    callable that remembers who is who (``pseudonyms.Pseudonyms.person``)."""

    lookup: PersonLookup
    name: ClassVar[str] = "pseudonymise.v1"

    @classmethod
    def from_policy(cls, policy: Policy, *, person: PersonLookup) -> Pseudonymise:
        return cls(person)

    def operate(self, surface: str, span: Span) -> str:
        return self.lookup(surface, span)


BUILTIN_OPERATORS: dict[str, type[Operator]] = {
    REDACT: Redact,
    GENERALISE: Generalise,
    PSEUDONYMISE: Pseudonymise,
    KEEP: Keep,
}


def operators(policy: Policy, *, person: PersonLookup) -> dict[str, Operator]:
    """Each action's operator for one document, built-ins and plugins (a plugin's operator
    overrides a built-in for the same action)."""
    from indsigt.plugins import components

    classes: dict[str, type[Operator]] = components("operators")
    return {action: cls.from_policy(policy, person=person) for action, cls in classes.items()}


def apply(text: str, edits: Sequence[tuple[int, int, str]]) -> str:
    """Apply non-overlapping edits ``(start, end, replacement)`` from the end of the text
    backwards, so that the offsets of the edits not yet applied stay valid."""
    out = text
    for start, end, replacement in sorted(edits, key=lambda e: e[0], reverse=True):
        out = out[:start] + replacement + out[end:]
    return out
