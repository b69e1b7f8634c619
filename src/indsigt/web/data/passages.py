"""Passages in context as a page shows them: a link to the passage in its document, and for a
non-admin the document's neutral name, the speaker's publishable attributes only, and no
text from a document that still needs anonymisation (see :mod:`indsigt.sealed`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from indsigt import queries
from indsigt.analyse.retrieval import PassageInContext
from indsigt.records import Study
from indsigt.sealed import AttributeClasses
from indsigt.store import Store, schema
from indsigt.web.data.sealed import sealing
from indsigt.web.data.studies import WITHHELD


@dataclass(frozen=True)
class PassageViewer:
    """How one user sees passages of one study."""

    study: Study
    admin: bool
    names: dict[int, str]
    classes: AttributeClasses

    def readable(self, passage: PassageInContext) -> bool:
        return self.admin or not self.study.anonymisation_required or passage.anonymised

    def attribute_allowed(self, name: str) -> bool:
        return self.admin or self.classes.publishable(name)

    def item(self, passage: PassageInContext) -> dict[str, Any]:
        readable = self.readable(passage)
        url = f"/studies/{self.study.id}/documents/{passage.document_id}#p{passage.passage_id}"
        attributes = dict(passage.attributes)
        if not self.admin:
            attributes = self.classes.public(attributes)
        return {
            "passage_id": passage.passage_id,
            "document_id": passage.document_id,
            "document": passage.document
            if self.admin
            else self.names.get(passage.document_id, "Interview"),
            "url": url,
            "turn": passage.turn_seq,
            "speaker": passage.speaker,
            "role": passage.role,
            "attributes": attributes,
            "before": passage.before if readable else "",
            "text": passage.text if readable else "",
            "after": passage.after if readable else "",
            "text_withheld": None if readable else WITHHELD,
        }


def passage_viewer(store: Store, study: Study, *, admin: bool) -> PassageViewer:
    names, classes = sealing(store, study.id)
    return PassageViewer(study, admin, names, classes)


def readable_documents(store: Store, study: Study, *, admin: bool) -> list[int] | None:
    """The documents whose text this user may read (None: all of them)."""
    if admin or not study.anonymisation_required:
        return None
    d = schema.document
    with store.connect() as connection:
        return list(
            connection.execute(
                sa.select(d.c.id).where(d.c.study_id == study.id, d.c.anonymised_at.is_not(None))
            ).scalars()
        )


def attribute_values(store: Store, study_id: int, viewer: PassageViewer) -> dict[str, list[str]]:
    """The respondent attributes this user may filter by, with their values."""
    values: dict[str, set[str]] = {}
    for person in queries.respondents(store, study_id):
        for key, value in person.attributes.items():
            if viewer.attribute_allowed(str(key)):
                values.setdefault(str(key), set()).add(str(value))
    return {key: sorted(found) for key, found in sorted(values.items())}
