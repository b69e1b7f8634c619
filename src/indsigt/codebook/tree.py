"""The study's codebook as a tree: each code under its parent, siblings in their stored order.

A code's parent is ``code.parent_id`` (its path is the parent's path, a slash and its own
name); its place among its siblings is ``code.position`` (ties sort by path). A code whose
parent is missing (an imported codebook may lack one) stands at the top.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from indsigt.queries import code_from_row
from indsigt.records import Code
from indsigt.store import Store, schema


@dataclass(frozen=True)
class Node:
    """One code in the tree, in depth-first order: ``depth`` 0 at the top, ``index`` its place
    among ``siblings`` codes under the same parent, ``children`` the codes directly beneath."""

    code: Code
    depth: int
    index: int
    siblings: int
    children: int


def tree_rows(connection: Connection, study_id: int) -> list[Node]:
    """The study's codes depth first, each group of siblings by (position, path)."""
    rows = connection.execute(
        sa.select(schema.code).where(schema.code.c.study_id == study_id)
    ).all()
    ids = {row.id for row in rows}
    beneath: dict[int | None, list[tuple[int, str, Code]]] = defaultdict(list)
    for row in rows:
        parent = row.parent_id if row.parent_id in ids else None
        beneath[parent].append((row.position, row.path, code_from_row(row)))
    for group in beneath.values():
        group.sort(key=lambda item: (item[0], item[1]))
    nodes: list[Node] = []
    seen: set[int] = set()

    def walk(group: list[tuple[int, str, Code]], depth: int) -> None:
        for index, (_, _, code) in enumerate(group):
            if code.id in seen:
                continue
            seen.add(code.id)
            nodes.append(Node(code, depth, index, len(group), len(beneath.get(code.id, []))))
            walk(beneath.get(code.id, []), depth + 1)

    walk(beneath.get(None, []), 0)
    # A code in a parent cycle (never made by indsigt, but a hand-edited store may have one)
    # is not reachable from the top: it is shown at the top rather than lost.
    stray = sorted(
        (item for group in beneath.values() for item in group if item[2].id not in seen),
        key=lambda item: item[1],
    )
    walk(stray, 0)
    return nodes


def code_tree(store: Store, study_id: int) -> list[Node]:
    """The study's codebook as a tree (see :func:`tree_rows`)."""
    with store.connect() as connection:
        return tree_rows(connection, study_id)


def next_position(connection: Connection, study_id: int, parent_id: int | None) -> int:
    """The position after the last code under ``parent_id`` (None: the top level)."""
    table = schema.code
    parent = table.c.parent_id.is_(None) if parent_id is None else table.c.parent_id == parent_id
    last = connection.scalar(
        sa.select(sa.func.max(table.c.position)).where(table.c.study_id == study_id, parent)
    )
    return 0 if last is None else int(last) + 1
