"""Removing documents from a study: one imported by mistake, or a transcript to import again
once corrected (a changed file is otherwise imported beside the old one, under a new name)."""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa

from indsigt.errors import IndsigtError, listing
from indsigt.store import Store, graph, schema
from indsigt.store.graph import Removed

__all__ = ["Removed", "remove_documents"]


def remove_documents(
    store: Store, study_id: int, names: Sequence[str], *, actor: str = "cli"
) -> Removed:
    """Remove the documents named ``names`` with everything recorded on them (turns,
    passages, codings, statements, findings, notes, the sealed original text) and the
    respondents who spoke in no other document; an event per document says what went. A name
    the study does not have is an error, and then nothing is removed."""
    wanted = list(dict.fromkeys(name.strip() for name in names if name.strip()))
    if not wanted:
        raise IndsigtError("name the documents to remove (`indsigt ls STUDY documents` lists them)")
    d = schema.document
    with store.begin() as connection:
        found = dict(
            connection.execute(
                sa.select(d.c.name, d.c.id).where(d.c.study_id == study_id, d.c.name.in_(wanted))
            ).all()
        )
        missing = [name for name in wanted if name not in found]
        if missing:
            raise IndsigtError(
                f"no document named {listing(missing)} in the study; nothing was removed "
                "(`indsigt ls STUDY documents` lists them)"
            )
        removed = graph.delete_documents(connection, study_id, list(found.values()))
        for name, document_id in found.items():
            store.log(
                connection,
                "document.removed",
                entity="document",
                entity_id=document_id,
                actor=actor,
                payload={"name": name},
            )
    return removed
