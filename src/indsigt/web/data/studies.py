"""Studies in the store, with their sizes and anonymisation state."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from indsigt.queries import study_from_row
from indsigt.records import Study
from indsigt.store import Store, schema
from indsigt.web.i18n import N_


def get_study(store: Store, study_id: int) -> Study | None:
    with store.connect() as connection:
        row = connection.execute(
            sa.select(schema.study).where(schema.study.c.id == study_id)
        ).first()
    return None if row is None else study_from_row(row)


def list_studies(
    store: Store, *, only_coder: Callable[[int], str | None] = lambda study_id: None
) -> list[dict[str, Any]]:
    """Every study with its document, passage and coding counts; ``only_coder(study_id)``
    names the one coder whose codings a blinded user may count there (None: everyone's)."""
    s, d, p, c = schema.study, schema.document, schema.passage, schema.coding
    with store.connect() as connection:
        studies = [study_from_row(row) for row in connection.execute(sa.select(s).order_by(s.c.id))]
        documents: dict[int, int] = dict(
            connection.execute(
                sa.select(d.c.study_id, sa.func.count()).group_by(d.c.study_id)
            ).all()
        )
        pending: dict[int, int] = dict(
            connection.execute(
                sa.select(d.c.study_id, sa.func.count())
                .where(d.c.anonymised_at.is_(None))
                .group_by(d.c.study_id)
            ).all()
        )
        passages: dict[int, int] = dict(
            connection.execute(
                sa.select(d.c.study_id, sa.func.count())
                .select_from(p.join(d, p.c.document_id == d.c.id))
                .group_by(d.c.study_id)
            ).all()
        )
        by_coder = connection.execute(
            sa.select(d.c.study_id, c.c.coder, sa.func.count())
            .select_from(c.join(p, c.c.passage_id == p.c.id).join(d, p.c.document_id == d.c.id))
            .group_by(d.c.study_id, c.c.coder)
        ).all()
    codings: dict[int, int] = {}
    for study_id, coder, count in by_coder:
        if only_coder(study_id) in (None, coder):
            codings[study_id] = codings.get(study_id, 0) + count
    return [
        {
            "id": study.id,
            "name": study.name,
            "language": study.language,
            "description": study.description,
            "anonymisation_required": study.anonymisation_required,
            "documents": documents.get(study.id, 0),
            "documents_not_anonymised": pending.get(study.id, 0)
            if study.anonymisation_required
            else 0,
            "passages": passages.get(study.id, 0),
            "codings": codings.get(study.id, 0),
        }
        for study in studies
    ]


WITHHELD = N_(
    "this document is not anonymised yet: its text is shown to admins only until an admin "
    "has anonymised the study (on the Jobs page)"
)


def is_anonymised(connection: Connection, document_id: int) -> bool:
    return (
        connection.scalar(
            sa.select(schema.document.c.anonymised_at).where(schema.document.c.id == document_id)
        )
        is not None
    )


def text_withheld(study: Study, anonymised: bool, *, admin: bool) -> str | None:
    """Why a document's text is withheld from this user, or None: un-anonymised text (in a
    study that needs anonymisation) is for admins only."""
    if admin or not study.anonymisation_required or anonymised:
        return None
    return WITHHELD


def codable_document(connection: Connection, study: Study, document_id: int) -> str | None:
    """Why codings on this document are refused (un-anonymised text), or None."""
    if not study.anonymisation_required:
        return None
    anonymised = connection.scalar(
        sa.select(schema.document.c.anonymised_at).where(schema.document.c.id == document_id)
    )
    if anonymised is None:
        return N_(
            "this document is not anonymised yet; coding needs pseudonymised text: an admin "
            "anonymises the study on the Jobs page"
        )
    return None
