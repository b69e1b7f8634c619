"""An example indsigt plugin: the hooks below add

- a detector, ``caseno.v1``: case numbers such as "SAG-2024-0042" (label ``CASENO``, which the
  default policy redacts as "[CASENO]");
- a coder, ``mentions.v1``: a passage that mentions a word of its list (one list per
  language, chosen by the run's settings: the study's languages) gets the codebook's first
  leaf code, the words and languages as its evidence; it runs in batch jobs too;
- a command, ``indsigt example-count STUDY``: the study's documents and passages.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import ClassVar

import click

from indsigt.anonymise.base import Span
from indsigt.codebook.model import Codebook
from indsigt.coding.base import suggestion
from indsigt.coding.settings import CoderSettings, CoderStudy
from indsigt.hookspecs import hookimpl
from indsigt.progress import Progress, no_progress
from indsigt.records import Coding, Passage


class CaseNumberDetector:
    """A municipality's case number points to one citizen's case."""

    name: ClassVar[str] = "caseno.v1"
    pattern = re.compile(r"\bSAG-\d{4}-\d{4}\b")

    def detect(self, text: str, *, language: str = "da") -> list[Span]:
        return [
            Span(m.start(), m.end(), "CASENO", 1.0, self.name) for m in self.pattern.finditer(text)
        ]


WORDS = {
    "da": ("robot", "robotter", "robotterne"),
    "en": ("robot", "robots"),
}


class MentionCoder:
    name: ClassVar[str] = "mentions.v1"
    per_partition: ClassVar[bool] = True  # it also codes the partitions of `indsigt batch`

    def __init__(self, words: Sequence[str], languages: Sequence[str]) -> None:
        self.words = frozenset(words)
        self.languages = tuple(languages)

    @classmethod
    def from_settings(cls, settings: CoderSettings, *, study: CoderStudy) -> MentionCoder:
        words = [w for language in settings.languages for w in WORDS.get(language, ())]
        study.notes.append(f"mentions.v1: {len(set(words))} word(s) for {settings.languages}")
        return cls(words, settings.languages)

    def code(
        self, passages: Sequence[Passage], codebook: Codebook, *, progress: Progress = no_progress
    ) -> list[Coding]:
        leaf = codebook.leaves()[0]
        out = []
        for passage in passages:
            found = sorted({w for w in re.findall(r"\w+", passage.text.lower()) if w in self.words})
            if found:
                evidence = {"words": found, "languages": list(self.languages)}
                out.append(suggestion(passage, leaf, self.name, 0.9, evidence))
        progress(len(passages), len(passages), self.name)
        return out


@click.command("example-count")
@click.argument("study")
def example_count(study: str) -> None:
    """The study's documents and passages (an example plugin command)."""
    import indsigt

    with indsigt.open_study(study) as project:
        click.echo(f"{len(project.documents())} document(s), {len(project.passages())} passage(s)")


@hookimpl
def indsigt_detectors() -> dict[str, type[CaseNumberDetector]]:
    return {CaseNumberDetector.name: CaseNumberDetector}


@hookimpl
def indsigt_coders() -> dict[str, type[MentionCoder]]:
    return {MentionCoder.name: MentionCoder}


@hookimpl
def indsigt_commands() -> list[click.Command]:
    return [example_count]
