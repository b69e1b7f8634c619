"""The coder family. A coder receives passages and a codebook (records, never the store) and
returns suggested codings: ``Coding`` records with ``id=0``, status ``suggested``, the coder's
versioned name, a score in [0, 1] and its evidence. ``coding.run`` writes them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar, Protocol, runtime_checkable

from indsigt.codebook.model import Codebook
from indsigt.progress import Progress, no_progress
from indsigt.records import Code, Coding, Passage


@runtime_checkable
class Coder(Protocol):
    """``name`` is versioned (``"keyword.v1"``): each coding records the coder that made it."""

    name: ClassVar[str]

    def code(
        self,
        passages: Sequence[Passage],
        codebook: Codebook,
        *,
        progress: Progress = no_progress,
    ) -> list[Coding]: ...


def suggestion(
    passage: Passage, code: Code, coder: str, score: float, evidence: dict[str, Any]
) -> Coding:
    """A machine coding as a coder returns it (not stored yet: ``id`` 0)."""
    return Coding(
        id=0,
        passage_id=passage.id,
        code_id=code.id,
        coder=coder,
        score=round(float(score), 4),
        status="suggested",
        evidence=evidence,
    )


class NullCoder:
    """The do-nothing coder: suggests nothing (for tests and as a template)."""

    name: ClassVar[str] = "null.v1"

    def code(
        self,
        passages: Sequence[Passage],
        codebook: Codebook,
        *,
        progress: Progress = no_progress,
    ) -> list[Coding]:
        progress(len(passages), len(passages), self.name)
        return []
