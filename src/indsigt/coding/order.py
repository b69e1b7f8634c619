"""Which document a person should code next: the one least like those already coded.

A team codes a few interviews and lets the supervised coder propose the rest; what it learns
from depends on which interviews those are. The next document to code is the uncoded one whose
words are least like any coded document's (its highest TF-IDF cosine to one of them, lowest
first): a different kind of interview teaches the coder more than a second one like the first.

Measured against the coder's own doubt (the uncoded document whose units it is least sure
about, on average) and against random order on the in-study curve (``indsigt eval coding …
--curve-by documents``; ``bench/instudy_curve.py`` runs it alone; docs/benchmarks.md,
"Which document to code next (stop 34)"): on GENNOVATE's 14 focus groups the coder's doubt
lost to random order (area under the curve, κ −0.007) and the least-alike document gained
over both (+0.005 over random, +0.012 over the doubt); on pdpilot's 7 interviews the two are
level (κ −0.001 against random, either way).

Before anyone has coded, nothing is known to be unlike: the documents come in the study's
order (which first document serves best was not measured).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass

import numpy as np

from indsigt.coding.training import accepted_codings
from indsigt.guard import require_anonymised
from indsigt.store import Store, schema
from indsigt.store.speech import speech


def least_alike(texts: Mapping[str, str], coded: Collection[str]) -> list[tuple[str, float]]:
    """The documents of ``texts`` (key → its words) not in ``coded``, each with its highest
    TF-IDF cosine to a coded one, least alike first (ties: in key order; 0.0 for every one
    when nothing is coded or nothing has words)."""
    keys = sorted(texts)
    rest = [key for key in keys if key not in coded]
    done = [k for k, key in enumerate(keys) if key in coded]
    if not rest:
        return []
    alike = dict.fromkeys(rest, 0.0)
    if done:
        from sklearn.feature_extraction.text import TfidfVectorizer

        try:
            vectors = TfidfVectorizer(sublinear_tf=True).fit_transform([texts[k] for k in keys])
        except ValueError:  # no words in any document
            return [(key, 0.0) for key in rest]
        similar = (vectors @ vectors[done].T).toarray()
        for key in rest:
            alike[key] = round(float(np.max(similar[keys.index(key)])), 4)
    return sorted(((key, alike[key]) for key in rest), key=lambda pair: pair[1])


@dataclass(frozen=True)
class DocumentToCode:
    """A document to code next (:func:`documents_to_code`): how many passages it has besides
    the interviewer's, and how alike it is to the documents people have coded (0.0 before
    anyone has)."""

    document_id: int
    name: str
    passages: int
    alike: float


def coded_documents(store: Store, study_id: int) -> set[int]:
    """The ids of the documents in which a person has accepted or made a coding."""
    return {coding.document_id for coding in accepted_codings(store, study_id)}


def documents_to_code(
    store: Store, study_id: int, *, limit: int = 5, coded: Collection[int] | None = None
) -> list[DocumentToCode]:
    """Documents no person has coded yet, least like the ones they have first (module doc),
    compared by what was said in them besides the interviewer's words; a document with
    nothing else is left out. ``coded``: :func:`coded_documents`, where the caller has it."""
    require_anonymised(store, study_id, stage="coding")
    p, d = schema.passage, schema.document
    words: dict[str, list[str]] = {}
    names: dict[str, str] = {}
    with store.connect() as connection:
        rows = connection.execute(
            speech(study_id, d.c.id, d.c.name, p.c.text, speakers="not_interviewers").order_by(
                d.c.id, p.c.seq
            )
        ).all()
    for document_id, name, text in rows:
        key = f"{int(document_id):012d}"  # the study's order is the ids'
        words.setdefault(key, []).append(text)
        names[key] = name
    if coded is None:
        coded = coded_documents(store, study_id)
    done = {f"{document_id:012d}" for document_id in coded}
    ranked = least_alike({key: " ".join(found) for key, found in words.items()}, done)
    return [
        DocumentToCode(int(key), names[key], len(words[key]), alike)
        for key, alike in ranked[:limit]
    ]
