"""The interview guide as records: questions with their section, parent and probes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class GuideQuestion:
    """One question of the guide. ``label`` is the guide's own ("Q2.1", "3", "Spørgsmål 3"),
    or one made up in guide order ("Q1", "Q1.2") where the guide numbers nothing; ``parent``
    is the label of the question this one is a sub-question of; ``probes`` are the follow-up
    prompts written under it."""

    label: str
    text: str
    section: str = ""
    parent: str | None = None
    probes: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        return {
            "label": self.label,
            "text": self.text,
            "section": self.section,
            "parent": self.parent,
            "probes": list(self.probes),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> GuideQuestion:
        return cls(
            label=str(data["label"]),
            text=str(data["text"]),
            section=str(data.get("section", "")),
            parent=data.get("parent"),
            probes=tuple(str(p) for p in data.get("probes", ())),
        )


@dataclass(frozen=True)
class Guide:
    """A parsed guide: its questions in guide order, and where it came from."""

    questions: tuple[GuideQuestion, ...]
    source: str = ""
    sha256: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "sha256": self.sha256,
            "questions": [q.as_dict() for q in self.questions],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Guide:
        return cls(
            questions=tuple(GuideQuestion.from_dict(q) for q in data.get("questions", ())),
            source=str(data.get("source", "")),
            sha256=str(data.get("sha256", "")),
        )

    def labels(self) -> tuple[str, ...]:
        return tuple(q.label for q in self.questions)
