"""The project store: one SQLite file per study, or a PostgreSQL database for a team server."""

from indsigt.store.store import Store, upgrade_store

__all__ = ["Store", "upgrade_store"]
