"""What the supervised coder learns from: the study's accepted human codings.

A document in which a person has accepted at least one coding counts as coded by a person:
all its passages are training examples, those without a human coding as "no code". Passages
elsewhere whose machine suggestions a person rejected are examples too (of what they are not).
Groups are documents, so the learner tunes itself across documents.

:func:`passage_units` gives the passages their context (:mod:`.context`) from the store.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import sqlalchemy as sa

from indsigt import queries
from indsigt.coding.context import Unit
from indsigt.records import Passage, is_machine_coder
from indsigt.store import Store, schema
from indsigt.store.speech import study_codings


@dataclass(frozen=True)
class TrainingSet:
    passages: list[Passage]
    codes: list[frozenset[str]]
    groups: list[str]
    human_codings: int


@dataclass(frozen=True)
class HumanCoding:
    """A coding a person accepted (or made): its passage and that passage's document, the
    person and the code's path."""

    passage_id: int
    document_id: int
    coder: str
    path: str


def accepted_codings(store: Store, study_id: int) -> list[HumanCoding]:
    """Every coding a person accepted (or made) in the study; machine coders' suggestions,
    even accepted ones, are not a person's."""
    c, p, k = schema.coding, schema.passage, schema.code
    with store.connect() as connection:
        rows = connection.execute(
            study_codings(study_id, c.c.passage_id, p.c.document_id, c.c.coder, k.c.path)
            .join(k, c.c.code_id == k.c.id)
            .where(c.c.status == "accepted")
        ).all()
    return [
        HumanCoding(int(passage_id), int(document_id), coder, path)
        for passage_id, document_id, coder, path in rows
        if not is_machine_coder(coder)
    ]


def training_set(store: Store, study_id: int) -> TrainingSet:
    """The passages the supervised coder learns from with their codes (module docstring)."""
    accepted: dict[int, set[str]] = {}
    coded_documents: set[int] = set()
    codings = accepted_codings(store, study_id)
    for coding in codings:
        accepted.setdefault(coding.passage_id, set()).add(coding.path)
        coded_documents.add(coding.document_id)
    rejected_passages = _rejected_passages(store, study_id)
    chosen = [
        passage
        for passage in queries.passages(store, study_id)
        if passage.document_id in coded_documents or passage.id in rejected_passages
    ]
    return TrainingSet(
        passages=chosen,
        codes=[frozenset(accepted.get(p.id, ())) for p in chosen],
        groups=[str(p.document_id) for p in chosen],
        human_codings=len(codings),
    )


def _rejected_passages(store: Store, study_id: int) -> set[int]:
    """Passages of the study with a rejected coding (by anyone): examples of what they are
    not."""
    c = schema.coding
    with store.connect() as connection:
        found = connection.execute(
            study_codings(study_id, c.c.passage_id).where(c.c.status == "rejected")
        ).scalars()
        return {int(passage_id) for passage_id in found}


def human_codings(store: Store, study_id: int) -> int:
    """How many accepted codings by people the study has — the ``human_codings`` of
    :func:`training_set`, what the supervised coder learns from — without reading passages."""
    c = schema.coding
    with store.connect() as connection:
        found = connection.execute(
            study_codings(study_id, c.c.coder, sa.func.count())
            .where(c.c.status == "accepted")
            .group_by(c.c.coder)
        ).all()
    return sum(int(n) for coder, n in found if not is_machine_coder(coder))


def passage_units(
    store: Store,
    study_id: int,
    passages: Sequence[Passage],
    known: Mapping[int, frozenset[str]],
) -> tuple[list[Unit], list[int | None]]:
    """Each passage as a :class:`~indsigt.coding.context.Unit` with its context: the last
    interviewer turn before its turn (the question), the passages before and after it in its
    turn (neighbours) and the codes of the passage before it in its document — a person's
    from ``known`` (passage id → code paths), else left for the machine to decide: the second
    list gives that predecessor's index in ``passages`` (None where there is nothing to
    decide). Each unit carries its order (document id, ``seq``): the learner smooths by it."""
    by_document: dict[int, list[Passage]] = {}
    for passage in queries.passages(store, study_id):
        by_document.setdefault(passage.document_id, []).append(passage)
    index = {p.id: k for k, p in enumerate(passages)}
    wanted = {p.document_id for p in passages}
    info: dict[int, tuple[str, str, int | None]] = {}  # passage id → question, neighbours, prev
    for document_id in wanted:
        doc = queries.document(store, study_id, document_id)
        roles = {s.id: s.role for s in queries.speakers(store, document_id)}
        question_of: dict[int, str] = {}
        asked = ""
        for turn in queries.turns(store, document_id):
            question_of[turn.id] = asked
            if roles.get(turn.speaker_id) == "interviewer":
                asked = doc.text[turn.start : turn.end].strip()
        rows = sorted(by_document.get(document_id, []), key=lambda p: p.seq)
        for k, passage in enumerate(rows):
            around = [
                rows[j].text
                for j in (k - 1, k + 1)
                if 0 <= j < len(rows) and rows[j].turn_id == passage.turn_id
            ]
            before = rows[k - 1].id if k else None
            info[passage.id] = (question_of.get(passage.turn_id, ""), " ".join(around), before)
    units: list[Unit] = []
    previous: list[int | None] = []
    for passage in passages:
        question, neighbours, before = info[passage.id]
        codes = known.get(before, frozenset()) if before is not None else frozenset()
        undecided = before is not None and before not in known and before in index
        units.append(
            Unit(
                passage.text,
                question,
                neighbours,
                frozenset(codes),
                document=str(passage.document_id),
                position=passage.seq,
            )
        )
        previous.append(index[before] if undecided and before is not None else None)
    return units, previous
