"""The codebook in the store (table ``code``): load it, and merge a codebook into it by path."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa

from indsigt.codebook.model import Codebook, parent_path
from indsigt.codebook.tree import next_position, tree_rows
from indsigt.records import Code
from indsigt.store import Store, schema
from indsigt.store.store import insert_returning_id


@dataclass(frozen=True)
class CodebookImport:
    """What an import did to the study's codebook."""

    source: str
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: int = 0


def load_codebook(store: Store, study_id: int, *, name: str = "") -> Codebook:
    """The study's codes in tree order (each code, then its sub-codes; siblings in the order
    the codebook editor gave them, else by path), with their store ids."""
    with store.connect() as connection:
        nodes = tree_rows(connection, study_id)
    return Codebook(tuple(node.code for node in nodes), name=name)


def code_values(code: Code) -> dict[str, Any]:
    """The code's stored columns besides its place (``path``, ``parent_id``, ``position``)."""
    return {
        "labels": dict(code.labels),
        "definition": code.definition,
        "include_rule": code.include,
        "exclude_rule": code.exclude,
        "keywords": list(code.keywords),
        "examples": list(code.examples),
        "color": code.color,
    }


def save_codebook(
    store: Store, study_id: int, codebook: Codebook, *, source: str = "", actor: str = "cli"
) -> CodebookImport:
    """Merge ``codebook`` into the study in one transaction: new paths are added, known paths
    updated (their codings stay); nothing is deleted. Logs one ``codebook.imported`` event."""
    added: list[str] = []
    updated: list[str] = []
    unchanged = 0
    ordered = sorted(codebook, key=lambda code: (code.path.count("/"), code.path))
    table = schema.code
    with store.begin() as connection:
        existing = {
            row.path: row
            for row in connection.execute(sa.select(table).where(table.c.study_id == study_id))
        }
        ids = {path: row.id for path, row in existing.items()}
        for code in ordered:
            values = code_values(code)
            parent = parent_path(code.path)
            values["parent_id"] = ids.get(parent) if parent else None
            row = existing.get(code.path)
            if row is None:
                position = next_position(connection, study_id, values["parent_id"])
                ids[code.path] = insert_returning_id(
                    connection,
                    table.insert().values(
                        study_id=study_id, path=code.path, position=position, **values
                    ),
                )
                added.append(code.path)
            elif any(getattr(row, key) != value for key, value in values.items()):
                connection.execute(table.update().where(table.c.id == row.id).values(**values))
                updated.append(code.path)
            else:
                unchanged += 1
        store.log(
            connection,
            "codebook.imported",
            entity="study",
            entity_id=study_id,
            actor=actor,
            payload={"source": source, "added": len(added), "updated": len(updated)},
        )
    return CodebookImport(source, added, updated, unchanged)
