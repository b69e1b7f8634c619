"""What the supervised coder learns from: the study's accepted human codings.

A document in which a person has accepted at least one coding counts as coded by a person:
all its passages are training examples, those without a human coding as "no code". Passages
elsewhere whose machine suggestions a person rejected are examples too (of what they are not).
Groups are documents, so the learner tunes itself across documents.
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa

from indsigt import queries
from indsigt.interchange.names import is_machine_coder
from indsigt.records import Passage
from indsigt.store import Store, schema


@dataclass(frozen=True)
class TrainingSet:
    passages: list[Passage]
    codes: list[frozenset[str]]
    groups: list[str]
    human_codings: int


def training_set(store: Store, study_id: int) -> TrainingSet:
    c, p, d, k = schema.coding, schema.passage, schema.document, schema.code
    with store.connect() as connection:
        rows = connection.execute(
            sa.select(c.c.passage_id, c.c.coder, c.c.status, k.c.path, p.c.document_id)
            .join(p, c.c.passage_id == p.c.id)
            .join(d, p.c.document_id == d.c.id)
            .join(k, c.c.code_id == k.c.id)
            .where(d.c.study_id == study_id, c.c.status.in_(("accepted", "rejected")))
        ).all()
    accepted: dict[int, set[str]] = {}
    coded_documents: set[int] = set()
    rejected_passages: set[int] = set()
    human = 0
    for passage_id, coder, status, path, document_id in rows:
        if status == "accepted" and not is_machine_coder(coder):
            accepted.setdefault(passage_id, set()).add(path)
            coded_documents.add(document_id)
            human += 1
        elif status == "rejected":
            rejected_passages.add(passage_id)
    chosen = [
        passage
        for passage in queries.passages(store, study_id)
        if passage.document_id in coded_documents or passage.id in rejected_passages
    ]
    return TrainingSet(
        passages=chosen,
        codes=[frozenset(accepted.get(p.id, ())) for p in chosen],
        groups=[str(p.document_id) for p in chosen],
        human_codings=human,
    )
