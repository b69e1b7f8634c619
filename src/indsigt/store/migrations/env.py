"""Alembic environment: always run from indsigt.store.migrate with a live connection."""

from __future__ import annotations

from alembic import context

from indsigt.store.migrate import include_name
from indsigt.store.schema import metadata

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    include_name=include_name,
)
with context.begin_transaction():
    context.run_migrations()
