"""What the supervised coder learns from (coding/training.py): the one reader of a study's
human codings, and the training set built on it."""

from __future__ import annotations

import indsigt
from indsigt.coding.training import HumanCoding, accepted_codings, training_set

from .helpers import add_codings


def test_people_s_accepted_codings_only_and_what_the_coder_learns_from(
    small: indsigt.Project,
) -> None:
    documents = {doc.name: doc.id for doc in small.documents()}
    passages = small.passages()
    in_a = [p for p in passages if p.document_id == documents["a.txt"]]
    in_b = [p for p in passages if p.document_id == documents["b.txt"]]
    first, second = small.codebook().codes[:2]
    add_codings(
        small.store,
        [
            (in_a[1].id, first.id, "anna", "accepted"),
            (in_a[1].id, second.id, "bob", "accepted"),
            (in_a[2].id, first.id, "anna", "suggested"),  # not decided: not learnt from
            (in_b[1].id, first.id, "keyword.v1", "accepted"),  # a machine's, not a person's
            (in_b[2].id, second.id, "keyword.v1", "rejected"),  # an example of what it is not
        ],
    )
    study_id = small.study.id

    found = accepted_codings(small.store, study_id)
    assert sorted(found, key=lambda c: c.coder) == [
        HumanCoding(in_a[1].id, documents["a.txt"], "anna", first.path),
        HumanCoding(in_a[1].id, documents["a.txt"], "bob", second.path),
    ]

    data = training_set(small.store, study_id)
    assert [p.id for p in data.passages] == [*(p.id for p in in_a), in_b[2].id]
    codes = dict(zip((p.id for p in data.passages), data.codes, strict=True))
    assert codes[in_a[1].id] == {first.path, second.path}
    assert codes[in_b[2].id] == frozenset()
    assert sum(bool(c) for c in data.codes) == 1  # the others of a are "no code"
    assert data.groups == [str(p.document_id) for p in data.passages]
    assert data.human_codings == 2
