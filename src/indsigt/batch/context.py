"""What every partition of a batch job needs, built once on the driver and shipped to the
workers: the import options, the segmenter, the study's anonymiser (detectors, policy, the
pseudonym mapping as it was when the job started), the codebook and the ready coders (the
supervised one trained here, on the driver, from the study's accepted codings)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from indsigt.anonymise.base import PER, Detector
from indsigt.anonymise.policy import Policy
from indsigt.codebook.model import Codebook
from indsigt.coding.base import Coder
from indsigt.segment.base import Segmenter


@dataclass
class WorkContext:
    source: str  # the sheet's file name (documents are named "<file>#<id>")
    file_hash: str
    text_columns: tuple[str, ...]
    id_column: str | None
    unit: str
    segmenter: Segmenter
    language: str | None  # None: guessed per answer, as `indsigt import` does
    respondent_attributes: dict[str, dict[str, str]]  # id → attributes (--respondents)
    anonymise: bool
    detectors: list[Detector] = field(default_factory=list)
    policy: Policy = field(default_factory=Policy)
    # The stored mapping (PER name key → pseudonym) when the job started; names not in it are
    # numbered on the driver, in partition order (see work.DeferredPseudonyms).
    mapping: dict[tuple[str, str], str] = field(default_factory=dict)
    entities: dict[str, str] = field(default_factory=dict)
    entity_words: dict[str, set[str]] = field(default_factory=dict)
    decisions: list[Any] = field(default_factory=list)
    codebook: Codebook = field(default_factory=lambda: Codebook(()))
    coders: list[Coder] = field(default_factory=list)
    by: tuple[str, ...] = ()

    @property
    def path(self) -> Path:
        return Path(self.source)


@dataclass(frozen=True)
class Decision:
    """A study-wide review decision on anonymisation findings (``indsigt findings``)."""

    decision: str
    surface: str
    label: str
    document_id: int | None = None


def person_mapping(rows: Sequence[tuple[str, str, str]]) -> dict[tuple[str, str], str]:
    return {(label, original): pseudo for label, original, pseudo in rows if label == PER}
