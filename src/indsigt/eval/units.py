"""Gold units as the supervised coder's :class:`~indsigt.coding.context.Unit` records, with the
context parts asked for, and the coder trained and applied on them (previous codes: a
person's for training units, the machine's own, decided in order, for the units it scores)."""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from typing import Any

from indsigt.coding.context import DEFAULT_PARTS, Unit, decide_in_order
from indsigt.coding.learner import Learner
from indsigt.eval.gold import GoldUnit

Labels = frozenset[str]


def units_of(
    gold: Sequence[GoldUnit], parts: Sequence[str], known: dict[str, Labels]
) -> tuple[list[Unit], list[int | None]]:
    """Units with ``parts`` of their context and their order (group, position: always, the
    learner smooths by it), and each one's predecessor among ``gold`` (by index) where its
    codes are to be decided by the machine (not in ``known``)."""
    index = {u.id: k for k, u in enumerate(gold)}
    units: list[Unit] = []
    previous: list[int | None] = []
    for unit in gold:
        codes: Labels = frozenset()
        before: int | None = None
        if "previous" in parts and unit.previous:
            if unit.previous in known:
                codes = known[unit.previous]
            else:
                before = index.get(unit.previous)
        units.append(
            Unit(
                unit.text,
                question=unit.question if "question" in parts else "",
                neighbours=unit.neighbours if "neighbours" in parts else "",
                previous_codes=codes,
                document=unit.group,
                position=unit.position,
            )
        )
        previous.append(before)
    return units, previous


def default_parts(gold: Sequence[GoldUnit]) -> tuple[str, ...]:
    """The context parts the coder sees by default: those of :data:`DEFAULT_PARTS` the units
    carry (previous codes only when asked for)."""
    return tuple(part for part in has_context(gold) if part in DEFAULT_PARTS)


def has_context(gold: Sequence[GoldUnit]) -> tuple[str, ...]:
    """The context parts these units carry at all."""
    found = []
    if any(u.question for u in gold):
        found.append("question")
    if any(u.neighbours for u in gold):
        found.append("neighbours")
    if any(u.previous for u in gold):
        found.append("previous")
    return tuple(found)


def code_units(
    learner: Learner,
    training: Sequence[GoldUnit],
    scoring: Sequence[GoldUnit],
    *,
    known: dict[str, Labels] | None = None,
) -> list[Labels]:
    """Fit ``learner`` on ``training`` (its context parts from ``learner.context``) and code
    ``scoring``. ``known``: codes people gave units outside ``training`` (none by default)."""
    parts = learner.context
    taught = {u.id: u.labels for u in training}
    train_units, _ = units_of(training, parts, taught)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        learner.fit(train_units, [u.labels for u in training], groups=[u.group for u in training])
        targets, previous = units_of(scoring, parts, {**taught, **(known or {})})
        return decide_in_order(learner.predict, targets, previous)


def new_learner(settings: dict[str, Any], context: Sequence[str]) -> Learner:
    return Learner(**settings, context=context)
