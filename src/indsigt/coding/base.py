"""The coder family. A coder receives passages and a codebook (records, never the store) and
returns suggested codings: ``Coding`` records with ``id=0``, status ``suggested``, the coder's
versioned name, a score in [0, 1] and its evidence. ``coding.run`` writes them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar, Generic, Protocol, TypeVar, runtime_checkable

from indsigt.codebook.model import Codebook
from indsigt.coding.settings import CoderSettings, CoderStudy
from indsigt.progress import Progress, in_batches, no_progress
from indsigt.records import Code, Coding, Passage


@runtime_checkable
class Coder(Protocol):
    """``name`` is versioned (``"keyword.v1"``): each coding records the coder that made it.
    ``from_settings`` builds a ready coder for a run (``indsigt code``, ``indsigt batch``) from
    the run's settings and the study; it raises ``IndsigtError`` when the coder cannot run.

    A coder class may also say ``per_partition: ClassVar[bool] = True``: it runs in batch jobs
    (``indsigt batch``), where it is built once on the driver, sent to the workers (so it
    pickles) and codes each partition's passages on their own, without the store and before
    they are stored (:func:`runs_per_partition`). Without the flag a coder runs only in
    ``indsigt code``."""

    name: ClassVar[str]

    @classmethod
    def from_settings(cls, settings: CoderSettings, *, study: CoderStudy) -> Coder: ...

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


def runs_per_partition(coder: type[Any]) -> bool:
    """Whether the coder class ``coder`` can code a batch job's partitions (its
    ``per_partition`` flag; see :class:`Coder`)."""
    return getattr(coder, "per_partition", False) is True


Prepared = TypeVar("Prepared")


class BatchedCoder(Generic[Prepared]):
    """A :class:`Coder` that codes passages a slice at a time, each on its own: ``code`` says
    how far it got before each slice of ``batch_size`` passages and at the end, and gathers the
    codings. The coder says what it prepares once from the codebook (``prepare``) and codes one
    slice (``code_batch``). A coder that needs every passage at once (scores relative to the
    others) writes ``code`` itself; so may any plugin coder (the protocol asks for ``code``)."""

    name: ClassVar[str]
    batch_size: int

    def prepare(self, codebook: Codebook) -> Prepared:
        raise NotImplementedError

    def code_batch(self, batch: Sequence[Passage], prepared: Prepared) -> list[Coding]:
        raise NotImplementedError

    def code(
        self,
        passages: Sequence[Passage],
        codebook: Codebook,
        *,
        progress: Progress = no_progress,
    ) -> list[Coding]:
        prepared = self.prepare(codebook)
        out: list[Coding] = []
        for _, batch in in_batches(passages, self.batch_size, progress, self.name):
            out += self.code_batch(batch, prepared)
        return out


class NullCoder(BatchedCoder[None]):
    """The do-nothing coder: suggests nothing (for tests and as a template)."""

    name: ClassVar[str] = "null.v1"
    per_partition: ClassVar[bool] = True
    batch_size = 1000

    @classmethod
    def from_settings(cls, settings: CoderSettings, *, study: CoderStudy) -> NullCoder:
        return cls()

    def prepare(self, codebook: Codebook) -> None:
        return None

    def code_batch(self, batch: Sequence[Passage], prepared: None) -> list[Coding]:
        return []
