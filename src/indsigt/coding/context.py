"""What the supervised coder sees of a unit besides its own words.

Interviews are not a bag of sentences: a passage answers a question, continues the sentence
before it and belongs to a turn. A :class:`Unit` carries the unit's text (a passage today, a
statement when the study has them: the unit is whatever text the caller passes) and its
context:

* ``question``: the question that prompted it (the last interviewer turn before it, or the
  interview guide's question where the source says which one);
* ``neighbours``: the text around it in its turn (the passages before and after);
* ``previous_codes``: the codes of the unit before it (a person's where the unit was coded by
  one, else the machine's own, decided in order: :func:`decide_in_order`);
* ``document`` and ``position``: where the unit sits (its document, its place in it: 0, 1, …);
  position −1 (the default) means no order is known. The learner smooths a code's score over
  the units around it in the same document (:mod:`.smoothing`), never over a unit without order.

:data:`PARTS` names the parts so an evaluation can switch each on and off (ablation).
:data:`DEFAULT_PARTS` are those the coder uses unless told otherwise: the previous unit's codes
are left out, because cross-validation on GENNOVATE's training communities and leave-one-
document-out on pdpilot both scored the coder higher without them (docs/benchmarks.md, issue
20, stop 25): in training they are a person's, when coding the machine's own.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

PARTS = ("question", "neighbours", "previous")
DEFAULT_PARTS = ("question", "neighbours")


@dataclass(frozen=True)
class Unit:
    text: str
    question: str = ""
    neighbours: str = ""
    previous_codes: frozenset[str] = field(default_factory=frozenset)
    document: str = ""
    position: int = -1

    @property
    def ordered(self) -> bool:
        return self.position >= 0


def as_unit(item: str | Unit) -> Unit:
    return item if isinstance(item, Unit) else Unit(item)


def ordered(passages: Sequence[Any]) -> list[Unit]:
    """Passages (anything with ``text``, ``document_id`` and ``seq``) as units that carry only
    their text and their order."""
    return [Unit(p.text, document=str(p.document_id), position=p.seq) for p in passages]


def check_parts(parts: Sequence[str]) -> tuple[str, ...]:
    unknown = sorted(set(parts) - set(PARTS))
    if unknown:
        raise ValueError(f"unknown context parts {unknown} (use {', '.join(PARTS)})")
    return tuple(part for part in PARTS if part in parts)


def decide_in_order(
    predict: Callable[[list[Unit]], list[frozenset[str]]],
    units: Sequence[Unit],
    previous: Sequence[int | None],
    *,
    rounds: int = 2,
) -> list[frozenset[str]]:
    """Codes for ``units`` whose ``previous_codes`` come from the machine's own decisions:
    ``previous[k]`` is the index in ``units`` of unit ``k``'s predecessor (None: keep what
    ``units[k]`` carries, e.g. a person's codes or none). First without those codes, then
    ``rounds`` times with the codes the previous round gave the predecessors."""
    current = list(units)
    decided = predict(current)
    if all(k is None for k in previous):
        return decided
    for _ in range(rounds):
        current = [
            unit if k is None else replace(unit, previous_codes=decided[k])
            for unit, k in zip(units, previous, strict=True)
        ]
        decided = predict(current)
    return decided
