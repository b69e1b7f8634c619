"""Editing the study's codebook: add, change and delete a code, move a code (new parent, new
place among its siblings) and merge one code into another. Each change is one transaction and
logs one event (``code.added``, ``code.updated``, ``code.deleted``, ``code.moved``,
``code.merged``).

A code's path is its names from the top joined by ``/`` (spaces around each name dropped), at
most 500 characters; a code's labels are at most 500 characters each and its colour is
``#rrggbb`` or empty. A new code, or a changed path, needs its parent in the codebook already
(an unknown parent is refused, never made on the side). Deleting a code deletes its sub-codes
and the codings of all of them.

A moved code takes its sub-codes along: its path and theirs follow the new parent. Merging
``source`` into ``target`` moves the source's codings to the target — where the target has a
coding of the same passage by the same coder already, the two collapse into one (the decided
one wins: accepted over suggested over rejected) —, moves its sub-codes, memos and promoted
themes under the target, and deletes the source. Refused, before anything is written: an
unknown code, a code into itself or into one of its own sub-codes, and a path that is taken.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, ClassVar

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from indsigt.codebook.repository import code_values
from indsigt.codebook.tree import Node, next_position, tree_rows
from indsigt.errors import IndsigtError
from indsigt.queries import code_from_row
from indsigt.records import Code
from indsigt.store import Store, schema
from indsigt.store.store import insert_returning_id
from indsigt.store.tx import writing

MAX_PATH = 500
MAX_LABEL = 500
COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")
DIRECTIONS = ("up", "down", "indent", "outdent")
# A decided coding outranks a suggestion when two collapse into one.
STATUS_RANK = {"accepted": 2, "suggested": 1, "rejected": 0}


class CodebookEditError(IndsigtError):
    """A move or merge that cannot be made. ``reason`` names the kind (the web app words it in
    the interface's language), ``params`` the codes involved; ``status`` is the HTTP answer."""

    status: ClassVar[int] = 422
    reason: ClassVar[str] = ""

    def __init__(self, message: str, **params: Any) -> None:
        self.params = params
        super().__init__(message)


class UnknownCode(CodebookEditError):
    status = 404
    reason = "unknown"


class IntoItself(CodebookEditError):
    reason = "itself"


class IntoDescendant(CodebookEditError):
    reason = "descendant"


class PathTaken(CodebookEditError):
    status = 409
    reason = "taken"


class CannotStep(CodebookEditError):
    reason = "step"


class PathTooLong(CodebookEditError):
    reason = "long"


class LabelTooLong(CodebookEditError):
    reason = "label"


class BadPath(CodebookEditError):
    """An empty path, or one with an empty name in it (``a//b``)."""

    reason = "path"


class UnknownParent(CodebookEditError):
    """A new path under a code the codebook does not have."""

    reason = "parent"


class BadColor(CodebookEditError):
    reason = "color"


@dataclass(frozen=True)
class MergePlan:
    """What merging ``source`` into ``target`` does (or did): ``codings`` of the source in all,
    ``moved`` of them re-pointed to the target, ``collapsed`` into a coding the target had of
    the same passage by the same coder; ``children`` sub-codes and ``memos`` moved."""

    source: str
    target: str
    codings: int
    moved: int
    collapsed: int
    children: int
    memos: int


def _node(nodes: list[Node], code_id: int) -> Node:
    for node in nodes:
        if node.code.id == code_id:
            return node
    raise UnknownCode(f"no code {code_id} in this study", id=code_id)


def _beneath(nodes: list[Node], code_id: int) -> list[Node]:
    """The sub-codes of ``code_id`` at any depth (they follow it in depth-first order)."""
    start = next(i for i, node in enumerate(nodes) if node.code.id == code_id)
    depth = nodes[start].depth
    found: list[Node] = []
    for node in nodes[start + 1 :]:
        if node.depth <= depth:
            break
        found.append(node)
    return found


def _siblings(nodes: list[Node], parent_id: int | None, but: int | None = None) -> list[int]:
    ids = {node.code.id for node in nodes}
    return [
        node.code.id
        for node in nodes
        if (node.code.parent_id if node.code.parent_id in ids else None) == parent_id
        and node.code.id != but
    ]


def _name(path: str) -> str:
    return path.rsplit("/", 1)[-1]


def _check_into(nodes: list[Node], code: Node, into: Node, verb: str) -> None:
    if into.code.id == code.code.id:
        raise IntoItself(f"cannot {verb} {code.code.path!r} into itself", path=code.code.path)
    if any(node.code.id == into.code.id for node in _beneath(nodes, code.code.id)):
        raise IntoDescendant(
            f"cannot {verb} {code.code.path!r} into its own sub-code {into.code.path!r}",
            path=code.code.path,
            target=into.code.path,
        )


def _new_paths(nodes: list[Node], node: Node, new_path: str) -> dict[int, str]:
    """The paths of ``node`` and its sub-codes once it is ``new_path``: each sub-code's path is
    its parent's new path and its own name (a path a store got wrong is put right)."""
    paths = {node.code.id: new_path}
    for sub in _beneath(nodes, node.code.id):
        parent = paths.get(sub.code.parent_id or 0)
        paths[sub.code.id] = f"{parent}/{_name(sub.code.path)}" if parent else _name(sub.code.path)
    return paths


def _repath(connection: Connection, nodes: list[Node], node: Node, new_path: str) -> None:
    """Give ``node`` the path ``new_path`` and its sub-codes the paths beneath it."""
    paths = _new_paths(nodes, node, new_path)
    too_long = [path for path in paths.values() if len(path) > MAX_PATH]
    if too_long:
        raise PathTooLong(
            f"the path {too_long[0]!r} would be over {MAX_PATH} characters", path=too_long[0]
        )
    table = schema.code
    for sub in [node, *_beneath(nodes, node.code.id)]:
        if paths[sub.code.id] != sub.code.path:
            connection.execute(
                table.update().where(table.c.id == sub.code.id).values(path=paths[sub.code.id])
            )


def _taken(nodes: list[Node], path: str, but: set[int]) -> bool:
    return any(node.code.path == path and node.code.id not in but for node in nodes)


def _place(connection: Connection, order: list[int]) -> None:
    table = schema.code
    for position, code_id in enumerate(order):
        connection.execute(table.update().where(table.c.id == code_id).values(position=position))


def relocate(
    connection: Connection,
    study_id: int,
    code_id: int,
    *,
    parent_id: int | None,
    position: int | None = None,
    name: str | None = None,
    keep_place: bool = False,
) -> tuple[str, str, int]:
    """Inside the caller's transaction: put the code under ``parent_id`` at ``position`` (None:
    last; with ``keep_place`` and the same parent: where it was), named ``name`` (None: as it
    is); its sub-codes' paths follow. Returns (old path, new path, position); logs nothing."""
    nodes = tree_rows(connection, study_id)
    node = _node(nodes, code_id)
    parent = _node(nodes, parent_id) if parent_id is not None else None
    if parent is not None:
        _check_into(nodes, node, parent, "move")
    name = name or _name(node.code.path)
    new_path = f"{parent.code.path}/{name}" if parent else name
    paths = _new_paths(nodes, node, new_path)
    for path in paths.values():
        if _taken(nodes, path, set(paths)):
            raise PathTaken(f"the codebook has a code {path!r} already", path=path)
    old = node.code.path
    _repath(connection, nodes, node, new_path)
    connection.execute(
        schema.code.update().where(schema.code.c.id == code_id).values(parent_id=parent_id)
    )
    old_parent = _parent(nodes, node)
    order = _siblings(nodes, parent_id, but=code_id)
    if keep_place and old_parent == parent_id and position is None:
        position = node.index
    where = len(order) if position is None else max(0, min(position, len(order)))
    order.insert(where, code_id)
    _place(connection, order)
    if old_parent != parent_id:
        _place(connection, _siblings(nodes, old_parent, but=code_id))
    return old, new_path, where


def move_code(
    store: Store,
    study_id: int,
    code_id: int,
    *,
    parent_id: int | None,
    position: int | None = None,
    actor: str = "cli",
) -> str:
    """Put the code under ``parent_id`` (None: the top level) at ``position`` among the codes
    there (0 first; None or past the end: last); its sub-codes go with it. Returns the code's
    new path. Logs ``code.moved``."""
    with writing(store) as connection:
        old, new_path, where = relocate(
            connection, study_id, code_id, parent_id=parent_id, position=position
        )
        store.log(
            connection,
            "code.moved",
            entity="code",
            entity_id=code_id,
            actor=actor,
            payload={"study_id": study_id, "from": old, "to": new_path, "position": where},
        )
    return new_path


def step_target(nodes: list[Node], code_id: int, direction: str) -> tuple[int | None, int]:
    """Where one keyboard step takes a code: ``up``/``down`` past its neighbour, ``indent``
    under the code above it (last), ``outdent`` beside its parent (right after it)."""
    if direction not in DIRECTIONS:
        raise CannotStep(
            f"unknown direction {direction!r} (use {', '.join(DIRECTIONS)})",
            path="",
            direction=direction,
        )
    node = _node(nodes, code_id)
    parent = _parent(nodes, node)
    siblings = _siblings(nodes, parent)
    path = node.code.path
    if direction == "up":
        if node.index == 0:
            raise CannotStep(
                f"{path!r} is the first code here already", path=path, direction=direction
            )
        return parent, node.index - 1
    if direction == "down":
        if node.index == len(siblings) - 1:
            raise CannotStep(
                f"{path!r} is the last code here already", path=path, direction=direction
            )
        return parent, node.index + 1
    if direction == "indent":
        if node.index == 0:
            raise CannotStep(
                f"{path!r} has no code above it to go under", path=path, direction=direction
            )
        return siblings[node.index - 1], len(_siblings(nodes, siblings[node.index - 1]))
    if parent is None:
        raise CannotStep(f"{path!r} is at the top level already", path=path, direction="outdent")
    above = _node(nodes, parent)
    return _parent(nodes, above), above.index + 1


def step_code(store: Store, study_id: int, code_id: int, direction: str, *, actor: str) -> str:
    """Move a code one step (see :func:`step_target`); returns its new path."""
    with store.connect() as connection:
        nodes = tree_rows(connection, study_id)
    parent_id, position = step_target(nodes, code_id, direction)
    return move_code(store, study_id, code_id, parent_id=parent_id, position=position, actor=actor)


def _duplicate_key() -> list[sa.Column[Any]]:
    """The columns that make a coding unique besides its code (passage and coder; a span too
    where the schema has one): two codings equal on these collapse when their codes merge."""
    for constraint in schema.coding.constraints:
        if isinstance(constraint, sa.UniqueConstraint) and "code_id" in constraint.columns:
            return [column for column in constraint.columns if column.name != "code_id"]
    raise AssertionError("coding has no unique constraint on code_id")  # pragma: no cover


def _codings(connection: Connection, code_id: int) -> list[Any]:
    coding = schema.coding
    query = sa.select(coding.c.id, coding.c.status, *_duplicate_key()).where(
        coding.c.code_id == code_id
    )
    return list(connection.execute(query).all())


def _plan(
    connection: Connection, study_id: int, source_id: int, target_id: int
) -> tuple[MergePlan, list[Node], Node, Node, list[tuple[int, int, bool]]]:
    """The merge checked and counted; ``pairs`` are (source coding, target twin, source wins)."""
    nodes = tree_rows(connection, study_id)
    source = _node(nodes, source_id)
    target = _node(nodes, target_id)
    _check_into(nodes, source, target, "merge")
    leaving = {source_id} | {sub.code.id for sub in _beneath(nodes, source_id)}
    for child in nodes:
        if child.code.parent_id != source_id:
            continue
        wanted = f"{target.code.path}/{_name(child.code.path)}"
        for path in _new_paths(nodes, child, wanted).values():
            if _taken(nodes, path, leaving):
                raise PathTaken(
                    f"the codebook has a code {path!r} already: merge or rename "
                    f"{child.code.path!r} first",
                    path=path,
                    child=child.code.path,
                )
    width = len(_duplicate_key())
    theirs = {tuple(row[2 : 2 + width]): row for row in _codings(connection, target_id)}
    pairs = []
    mine = _codings(connection, source_id)
    for row in mine:
        twin = theirs.get(tuple(row[2 : 2 + width]))
        if twin is not None:
            wins = STATUS_RANK.get(row.status, 0) > STATUS_RANK.get(twin.status, 0)
            pairs.append((row.id, twin.id, wins))
    memos = connection.scalar(sa.select(sa.func.count()).where(schema.note.c.code_id == source_id))
    plan = MergePlan(
        source=source.code.path,
        target=target.code.path,
        codings=len(mine),
        moved=len(mine) - len(pairs),
        collapsed=len(pairs),
        children=source.children,
        memos=int(memos or 0),
    )
    return plan, nodes, source, target, pairs


def plan_merge(store: Store, study_id: int, source_id: int, target_id: int) -> MergePlan:
    """What :func:`merge_codes` would do, without doing it (for a confirmation)."""
    with store.connect() as connection:
        return _plan(connection, study_id, source_id, target_id)[0]


def merge_codes(
    store: Store, study_id: int, source_id: int, target_id: int, *, actor: str = "cli"
) -> MergePlan:
    """Merge code ``source_id`` into ``target_id`` (see the module); logs ``code.merged``."""
    coding, code, note = schema.coding, schema.code, schema.note
    with writing(store) as connection:
        plan, nodes, source, target, pairs = _plan(connection, study_id, source_id, target_id)
        for mine, twin, wins in pairs:
            connection.execute(coding.delete().where(coding.c.id == (twin if wins else mine)))
        connection.execute(
            coding.update().where(coding.c.code_id == source_id).values(code_id=target_id)
        )
        connection.execute(
            note.update().where(note.c.code_id == source_id).values(code_id=target_id)
        )
        connection.execute(
            schema.theme.update()
            .where(schema.theme.c.code_id == source_id)
            .values(code_id=target_id)
        )
        position = next_position(connection, study_id, target_id)
        for child in nodes:
            if child.code.parent_id != source_id:
                continue
            _repath(connection, nodes, child, f"{target.code.path}/{_name(child.code.path)}")
            connection.execute(
                code.update()
                .where(code.c.id == child.code.id)
                .values(parent_id=target_id, position=position)
            )
            position += 1
        connection.execute(code.delete().where(code.c.id == source_id))
        _place(connection, _siblings(nodes, _parent(nodes, source), but=source_id))
        store.log(
            connection,
            "code.merged",
            entity="code",
            entity_id=target_id,
            actor=actor,
            payload={
                "study_id": study_id,
                "source": plan.source,
                "source_id": source_id,
                "target": plan.target,
                "codings": plan.codings,
                "moved": plan.moved,
                "collapsed": plan.collapsed,
                "children": plan.children,
                "memos": plan.memos,
            },
        )
    return plan


def _parent(nodes: list[Node], node: Node) -> int | None:
    ids = {n.code.id for n in nodes}
    return node.code.parent_id if node.code.parent_id in ids else None


def clean_path(path: str) -> str:
    """``path`` with the spaces around each name and the slashes at its ends dropped; refused
    when it is empty, has an empty name in it or is over :data:`MAX_PATH` characters."""
    cleaned = "/".join(part.strip() for part in path.strip().strip("/").split("/"))
    if not cleaned or "//" in cleaned:
        raise BadPath(f"a code needs a path of names joined by '/', not {path!r}", path=path)
    if len(cleaned) > MAX_PATH:
        raise PathTooLong(f"the path {cleaned!r} is over {MAX_PATH} characters", path=cleaned)
    return cleaned


def check_code(code: Code, *, before: Code | None = None) -> Code:
    """``code`` with its path cleaned and its colour in lower case; refused: a bad path, a label
    over :data:`MAX_LABEL` characters (one ``before`` had already is let be: an imported
    codebook may have it), a colour other than ``#rrggbb``."""
    path = clean_path(code.path)
    kept = before.labels if before is not None else {}
    for language, text in code.labels.items():
        if len(text) > MAX_LABEL and kept.get(language) != text:
            raise LabelTooLong(
                f"the {language!r} label of {path!r} is over {MAX_LABEL} characters",
                path=path,
                language=language,
            )
    color = code.color.strip()
    if color and not COLOR.match(color):
        raise BadColor(f"colour {color!r}: use #rrggbb", path=path, color=color)
    return Code(
        id=code.id,
        path=path,
        labels=dict(code.labels),
        definition=code.definition,
        include=code.include,
        exclude=code.exclude,
        keywords=tuple(code.keywords),
        examples=tuple(code.examples),
        color=color.lower(),
    )


def _parent_of(connection: Connection, study_id: int, path: str) -> int | None:
    """The id of the code ``path`` goes under (None at the top); an unknown parent is refused,
    never created on the side (it would then appear in the report as a code nobody made)."""
    if "/" not in path:
        return None
    parent = path.rsplit("/", 1)[0]
    found = connection.scalar(
        sa.select(schema.code.c.id).where(
            schema.code.c.study_id == study_id, schema.code.c.path == parent
        )
    )
    if found is None:
        raise UnknownParent(
            f"the codebook has no code {parent!r} to put {path!r} under", parent=parent, path=path
        )
    return int(found)


def _path_taken(connection: Connection, study_id: int, path: str, *, but: int | None) -> bool:
    query = sa.select(schema.code.c.id).where(
        schema.code.c.study_id == study_id, schema.code.c.path == path
    )
    if but is not None:
        query = query.where(schema.code.c.id != but)
    return connection.scalar(query) is not None


def get_code(store: Store, study_id: int, code_id: int) -> Code:
    """The study's code ``code_id``; :class:`UnknownCode` when the study has none."""
    with store.connect() as connection:
        return _get(connection, study_id, code_id)


def _get(connection: Connection, study_id: int, code_id: int) -> Code:
    row = connection.execute(
        sa.select(schema.code).where(
            schema.code.c.study_id == study_id, schema.code.c.id == code_id
        )
    ).first()
    if row is None:
        raise UnknownCode(f"no code {code_id} in this study", id=code_id)
    return code_from_row(row)


def add_code(store: Store, study_id: int, code: Code, *, actor: str = "cli") -> int:
    """Add ``code`` (its ``id`` and ``parent_id`` are ignored: the parent is the code its path
    names) last among the codes beside it; returns its id. Refused: a bad path, label or
    colour, a path taken, an unknown parent. Logs ``code.added``."""
    code = check_code(code)
    with writing(store) as connection:
        if _path_taken(connection, study_id, code.path, but=None):
            raise PathTaken(f"the codebook has a code {code.path!r} already", path=code.path)
        parent_id = _parent_of(connection, study_id, code.path)
        code_id = insert_returning_id(
            connection,
            schema.code.insert().values(
                study_id=study_id,
                path=code.path,
                parent_id=parent_id,
                position=next_position(connection, study_id, parent_id),
                **code_values(code),
            ),
        )
        store.log(
            connection,
            "code.added",
            entity="code",
            entity_id=code_id,
            actor=actor,
            payload={"study_id": study_id, "path": code.path},
        )
    return code_id


def update_code(
    store: Store, study_id: int, code_id: int, code: Code, *, actor: str = "cli"
) -> tuple[str, ...]:
    """Give code ``code_id`` the path, labels, texts, keywords, examples and colour of ``code``
    (its ``id`` and ``parent_id`` are ignored). A new path moves the code — and its sub-codes,
    whose paths follow — under the parent the path names, which must exist and must not be the
    code or one of its sub-codes; an unchanged path keeps its place (an imported codebook may
    lack a parent). Returns the columns that changed; logs ``code.updated``."""
    clean_path(code.path)  # a bad path is refused before anything is read
    with writing(store) as connection:
        old = _get(connection, study_id, code_id)
        code = check_code(code, before=old)
        if _path_taken(connection, study_id, code.path, but=code_id):
            raise PathTaken(f"the codebook has a code {code.path!r} already", path=code.path)
        if code.path != old.path:
            relocate(
                connection,
                study_id,
                code_id,
                parent_id=_parent_of(connection, study_id, code.path),
                name=_name(code.path),
                keep_place=True,
            )
        values = code_values(code)
        connection.execute(schema.code.update().where(schema.code.c.id == code_id).values(**values))
        before = {"path": old.path, **code_values(old)}
        after = {"path": code.path, **values}
        changed = tuple(sorted(key for key, value in after.items() if value != before[key]))
        store.log(
            connection,
            "code.updated",
            entity="code",
            entity_id=code_id,
            actor=actor,
            payload={"study_id": study_id, "path": code.path, "changed": list(changed)},
        )
    return changed


def delete_code(store: Store, study_id: int, code_id: int, *, actor: str = "cli") -> int:
    """Delete the code, its sub-codes and every coder's codings of them; returns the codings
    removed. Logs ``code.deleted`` (with the number of codings and of sub-codes removed)."""
    coding = schema.coding
    with writing(store) as connection:
        code = _get(connection, study_id, code_id)
        nodes = tree_rows(connection, study_id)
        beneath = [node.code.id for node in _beneath(nodes, code_id)]
        removed = int(
            connection.scalar(
                sa.select(sa.func.count())
                .select_from(coding)
                .where(coding.c.code_id.in_([code_id, *beneath]))
            )
            or 0
        )
        connection.execute(schema.code.delete().where(schema.code.c.id == code_id))
        store.log(
            connection,
            "code.deleted",
            entity="code",
            entity_id=code_id,
            actor=actor,
            payload={
                "study_id": study_id,
                "path": code.path,
                "codings_removed": removed,
                "sub_codes_removed": len(beneath),
            },
        )
    return removed
