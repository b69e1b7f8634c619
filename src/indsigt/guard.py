"""Guards between stages: later stages see pseudonymised text only."""

from __future__ import annotations

import sqlalchemy as sa

from indsigt.errors import IndsigtError
from indsigt.store import Store, schema


class NotAnonymised(IndsigtError):
    """A stage that needs pseudonymised text was asked to run before anonymisation."""


def unanonymised_documents(store: Store, study_id: int) -> list[str]:
    """Names of the study's documents whose text has not been anonymised yet."""
    with store.connect() as connection:
        return list(
            connection.scalars(
                sa.select(schema.document.c.name)
                .where(schema.document.c.study_id == study_id)
                .where(schema.document.c.anonymised_at.is_(None))
                .order_by(schema.document.c.id)
            )
        )


def require_anonymised(store: Store, study_id: int, *, stage: str) -> None:
    """Raise unless every document is anonymised or the study is marked as not needing it."""
    with store.connect() as connection:
        required = connection.scalar(
            sa.select(schema.study.c.anonymisation_required).where(schema.study.c.id == study_id)
        )
    if not required:
        return
    pending = unanonymised_documents(store, study_id)
    if pending:
        shown = ", ".join(pending[:5]) + (
            f" and {len(pending) - 5} more" if len(pending) > 5 else ""
        )
        raise NotAnonymised(
            f"{stage} needs anonymised text, but {len(pending)} document(s) are not anonymised "
            f"({shown}); run `indsigt anonymise run STUDY` first, or create the study with "
            "`indsigt init --no-anonymisation` if it holds no personal data"
        )
