"""The codebook (table ``code``): list, add, edit, delete, move, merge. Each change logs an
event; moving and merging are the library's (``indsigt.codebook.edit``), worded here."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from indsigt.codebook.edit import (
    CannotStep,
    CodebookEditError,
    IntoDescendant,
    IntoItself,
    MergePlan,
    PathTaken,
    PathTooLong,
    UnknownCode,
    merge_codes,
    move_code,
    plan_merge,
    relocate,
    step_code,
)
from indsigt.codebook.repository import load_codebook
from indsigt.codebook.tree import Node, code_tree, next_position
from indsigt.queries import code_from_row
from indsigt.records import Code
from indsigt.store import Store, schema
from indsigt.store.store import insert_returning_id
from indsigt.store.tx import writing
from indsigt.web.data.colors import default_color
from indsigt.web.i18n import N_
from indsigt.web.problems import BadInput, Conflict, HttpProblem, NotFound

COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")
PALETTE = (
    "#f4a261",
    "#2a9d8f",
    "#e9c46a",
    "#8ab17d",
    "#e76f51",
    "#6d9dc5",
    "#b5838d",
    "#c2b280",
    "#9c89b8",
    "#52b69a",
)


def color_of(code: Code) -> str:
    """The code's colour when it is a valid ``#rrggbb``, else its own default colour (distinct
    from its neighbours': :func:`indsigt.web.data.colors.default_color`)."""
    if COLOR.match(code.color):
        return code.color.lower()
    return default_color(code.id)


def label_of(code: Code, language: str) -> str:
    return code.labels.get(language) or next(iter(code.labels.values()), "") or code.path


@dataclass(frozen=True)
class CodeInput:
    """What the editor sends for one code; text fields as typed."""

    path: str
    label: str = ""
    definition: str = ""
    include: str = ""
    exclude: str = ""
    keywords: str = ""
    examples: str = ""
    color: str = ""

    def checked(self) -> CodeInput:
        path = "/".join(part.strip() for part in self.path.strip().strip("/").split("/"))
        if not path or "//" in path:
            raise BadInput(N_("a code needs a path, e.g. udfordringer/kompetencer"))
        if len(path) > 500 or len(self.label) > 500:
            raise BadInput(N_("the code path and label are limited to 500 characters"))
        color = self.color.strip()
        if color and not COLOR.match(color):
            raise BadInput(N_("colour %(color)r: use #rrggbb"), color=color)
        return CodeInput(
            path,
            self.label.strip(),
            self.definition.strip(),
            self.include.strip(),
            self.exclude.strip(),
            self.keywords,
            self.examples,
            color.lower(),
        )

    def keyword_list(self) -> list[str]:
        return [k.strip() for k in self.keywords.replace("\n", ",").split(",") if k.strip()]

    def example_list(self) -> list[str]:
        return [e.strip() for e in self.examples.splitlines() if e.strip()]


def list_codes(store: Store, study_id: int) -> list[Code]:
    return list(load_codebook(store, study_id).codes)


def get_code(store: Store, study_id: int, code_id: int) -> Code:
    with store.connect() as connection:
        row = connection.execute(
            sa.select(schema.code).where(
                schema.code.c.study_id == study_id, schema.code.c.id == code_id
            )
        ).first()
    if row is None:
        raise NotFound(N_("no code %(id)s in this study"), id=code_id)
    return code_from_row(row)


def coding_counts(store: Store, study_id: int, *, only_coder: str | None) -> dict[int, int]:
    """Codings (any status) per code: everyone's, or only ``only_coder``'s (blind coding)."""
    c, k = schema.coding, schema.code
    query = (
        sa.select(c.c.code_id, sa.func.count())
        .select_from(c.join(k, c.c.code_id == k.c.id))
        .where(k.c.study_id == study_id)
        .group_by(c.c.code_id)
    )
    if only_coder is not None:
        query = query.where(c.c.coder == only_coder)
    with store.connect() as connection:
        return dict(connection.execute(query).all())


def _parent_id(connection: Connection, study_id: int, path: str, *, strict: bool) -> int | None:
    """The id of the parent code of ``path`` (None at the top); an unknown parent is refused,
    never created on the side (it would then appear in the report as a code nobody made)."""
    if "/" not in path:
        return None
    parent = path.rsplit("/", 1)[0]
    found = connection.scalar(
        sa.select(schema.code.c.id).where(
            schema.code.c.study_id == study_id, schema.code.c.path == parent
        )
    )
    if found is None and not strict:
        return None  # an existing code keeps its place (an imported codebook may lack a parent)
    if found is None:
        raise BadInput(
            N_(
                "the codebook has no code %(parent)r to put %(path)r under: add %(parent)r "
                "first, or choose an existing parent"
            ),
            parent=parent,
            path=path,
        )
    return int(found)


def _path_taken(connection: Connection, study_id: int, path: str, but: int | None) -> bool:
    query = sa.select(schema.code.c.id).where(
        schema.code.c.study_id == study_id, schema.code.c.path == path
    )
    if but is not None:
        query = query.where(schema.code.c.id != but)
    return connection.scalar(query) is not None


def _values(
    connection: Connection,
    study_id: int,
    data: CodeInput,
    language: str,
    labels: dict[str, str],
    *,
    new_path: bool = True,
) -> dict[str, Any]:
    labels = dict(labels)
    if data.label:
        labels[language] = data.label
    else:
        labels.pop(language, None)
    return {
        "path": data.path,
        "parent_id": _parent_id(connection, study_id, data.path, strict=new_path),
        "labels": labels,
        "definition": data.definition,
        "include_rule": data.include,
        "exclude_rule": data.exclude,
        "keywords": data.keyword_list(),
        "examples": data.example_list(),
        "color": data.color,
    }


def add_code(store: Store, study_id: int, data: CodeInput, *, language: str, actor: str) -> int:
    data = data.checked()
    with writing(store) as connection:
        if _path_taken(connection, study_id, data.path, None):
            raise Conflict(N_("the codebook has a code %(path)r already"), path=data.path)
        values = _values(connection, study_id, data, language, {})
        values["position"] = next_position(connection, study_id, values["parent_id"])
        code_id = insert_returning_id(
            connection, schema.code.insert().values(study_id=study_id, **values)
        )
        store.log(
            connection,
            "code.added",
            entity="code",
            entity_id=code_id,
            actor=actor,
            payload={"study_id": study_id, "path": data.path},
        )
    return code_id


def update_code(
    store: Store, study_id: int, code_id: int, data: CodeInput, *, language: str, actor: str
) -> None:
    """Change a code; a new path moves it (and its sub-codes, whose paths follow) under the
    parent the path names, which must exist and must not be the code or one of its own."""
    data = data.checked()
    old = get_code(store, study_id, code_id)
    with writing(store) as connection:
        if _path_taken(connection, study_id, data.path, code_id):
            raise Conflict(N_("the codebook has a code %(path)r already"), path=data.path)
        values = _values(
            connection, study_id, data, language, old.labels, new_path=data.path != old.path
        )
        if data.path != old.path:
            try:
                relocate(
                    connection,
                    study_id,
                    code_id,
                    parent_id=values["parent_id"],
                    name=data.path.rsplit("/", 1)[-1],
                    keep_place=True,
                )
            except CodebookEditError as error:
                raise _problem(error) from None
        rest = {k: v for k, v in values.items() if k not in ("path", "parent_id")}
        connection.execute(schema.code.update().where(schema.code.c.id == code_id).values(**rest))
        changed = {
            key: value
            for key, value in values.items()
            if key != "parent_id" and value != _old_value(old, key)
        }
        store.log(
            connection,
            "code.updated",
            entity="code",
            entity_id=code_id,
            actor=actor,
            payload={"study_id": study_id, "path": data.path, "changed": sorted(changed)},
        )


def _old_value(code: Code, key: str) -> Any:
    return {
        "path": code.path,
        "labels": code.labels,
        "definition": code.definition,
        "include_rule": code.include,
        "exclude_rule": code.exclude,
        "keywords": list(code.keywords),
        "examples": list(code.examples),
        "color": code.color,
    }[key]


def delete_code(store: Store, study_id: int, code_id: int, *, actor: str) -> int:
    """Delete a code and (by cascade) its codings and sub-codes; returns the codings removed."""
    code = get_code(store, study_id, code_id)
    removed = coding_counts(store, study_id, only_coder=None).get(code_id, 0)
    with writing(store) as connection:
        connection.execute(schema.code.delete().where(schema.code.c.id == code_id))
        store.log(
            connection,
            "code.deleted",
            entity="code",
            entity_id=code_id,
            actor=actor,
            payload={"study_id": study_id, "path": code.path, "codings_removed": removed},
        )
    return removed


def tree(store: Store, study_id: int) -> list[Node]:
    return code_tree(store, study_id)


STEP_REFUSED = {
    "up": N_("%(path)s is the first code here already"),
    "down": N_("%(path)s is the last code here already"),
    "indent": N_("%(path)s has no code above it to go under"),
    "outdent": N_("%(path)s is at the top level already"),
}


def _problem(error: CodebookEditError) -> HttpProblem:
    """The library's refusal in the interface's words."""
    p = error.params
    if isinstance(error, UnknownCode):
        return NotFound(N_("no code %(id)s in this study"), id=p["id"])
    if isinstance(error, IntoItself):
        return BadInput(N_("%(path)s cannot go into itself"), path=p["path"])
    if isinstance(error, IntoDescendant):
        return BadInput(
            N_("%(path)s cannot go into its own sub-code %(target)s"),
            path=p["path"],
            target=p["target"],
        )
    if isinstance(error, PathTaken) and "child" in p:
        return Conflict(
            N_("the codebook has a code %(path)r already: merge or rename %(child)r first"),
            path=p["path"],
            child=p["child"],
        )
    if isinstance(error, PathTaken):
        return Conflict(N_("the codebook has a code %(path)r already"), path=p["path"])
    if isinstance(error, PathTooLong):
        return BadInput(N_("the code path and label are limited to 500 characters"))
    if isinstance(error, CannotStep) and p.get("direction") in STEP_REFUSED:
        return BadInput(STEP_REFUSED[p["direction"]], path=p["path"])
    if isinstance(error, CannotStep):
        return BadInput(
            N_("direction %(direction)r: use up, down, indent or outdent"),
            direction=p.get("direction", ""),
        )
    return BadInput(str(error))  # pragma: no cover - every kind is worded above


def move(
    store: Store,
    study_id: int,
    code_id: int,
    *,
    direction: str = "",
    parent_id: int | None = None,
    position: int | None = None,
    actor: str,
) -> str:
    """One keyboard step (``direction``), or a drop: under ``parent_id`` at ``position``."""
    try:
        if direction:
            return step_code(store, study_id, code_id, direction, actor=actor)
        return move_code(
            store, study_id, code_id, parent_id=parent_id, position=position, actor=actor
        )
    except CodebookEditError as error:
        raise _problem(error) from None


def merge_preview(store: Store, study_id: int, source_id: int, target_id: int) -> MergePlan:
    try:
        return plan_merge(store, study_id, source_id, target_id)
    except CodebookEditError as error:
        raise _problem(error) from None


def merge(store: Store, study_id: int, source_id: int, target_id: int, *, actor: str) -> MergePlan:
    try:
        return merge_codes(store, study_id, source_id, target_id, actor=actor)
    except CodebookEditError as error:
        raise _problem(error) from None
