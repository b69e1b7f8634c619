"""The codebook (table ``code``): list, add, edit, delete, move, merge. The changes, their
rules and their events are the library's (``indsigt.codebook.edit``), worded here."""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa

from indsigt.codebook import edit
from indsigt.codebook.edit import (
    COLOR,
    BadColor,
    BadPath,
    CannotStep,
    CodebookEditError,
    IntoDescendant,
    IntoItself,
    LabelTooLong,
    MergePlan,
    PathTaken,
    PathTooLong,
    UnknownCode,
    UnknownParent,
    merge_codes,
    move_code,
    plan_merge,
    step_code,
)
from indsigt.codebook.repository import load_codebook
from indsigt.codebook.tree import Node, code_tree
from indsigt.records import Code
from indsigt.store import Store, schema
from indsigt.web.data.colors import default_color
from indsigt.web.i18n import N_
from indsigt.web.problems import BadInput, Conflict, HttpProblem, NotFound

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

    def record(self, language: str, labels: dict[str, str]) -> Code:
        """The code as typed (the library checks and cleans its path and colour): the label
        typed is its label in ``language`` (none typed: none there), ``labels`` the others."""
        labels = dict(labels)
        if self.label.strip():
            labels[language] = self.label.strip()
        else:
            labels.pop(language, None)
        return Code(
            id=0,
            path=self.path,
            labels=labels,
            definition=self.definition.strip(),
            include=self.include.strip(),
            exclude=self.exclude.strip(),
            keywords=tuple(self.keyword_list()),
            examples=tuple(self.example_list()),
            color=self.color.strip(),
        )

    def keyword_list(self) -> list[str]:
        return [k.strip() for k in self.keywords.replace("\n", ",").split(",") if k.strip()]

    def example_list(self) -> list[str]:
        return [e.strip() for e in self.examples.splitlines() if e.strip()]


def list_codes(store: Store, study_id: int) -> list[Code]:
    return list(load_codebook(store, study_id).codes)


def get_code(store: Store, study_id: int, code_id: int) -> Code:
    try:
        return edit.get_code(store, study_id, code_id)
    except CodebookEditError as error:
        raise _problem(error) from None


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


def add_code(store: Store, study_id: int, data: CodeInput, *, language: str, actor: str) -> int:
    """Add the code typed (:func:`indsigt.codebook.edit.add_code`, which checks it)."""
    try:
        return edit.add_code(store, study_id, data.record(language, {}), actor=actor)
    except CodebookEditError as error:
        raise _problem(error) from None


def update_code(
    store: Store, study_id: int, code_id: int, data: CodeInput, *, language: str, actor: str
) -> None:
    """Change a code as typed (:func:`indsigt.codebook.edit.update_code`): the label typed is
    its label in ``language``, its labels in other languages stay."""
    try:
        edit.check_code(data.record(language, {}))  # what was typed, before the code is read
        old = edit.get_code(store, study_id, code_id)
        edit.update_code(store, study_id, code_id, data.record(language, old.labels), actor=actor)
    except CodebookEditError as error:
        raise _problem(error) from None


def delete_code(store: Store, study_id: int, code_id: int, *, actor: str) -> int:
    """Delete a code, its sub-codes and their codings (:func:`indsigt.codebook.edit.delete_code`);
    returns the codings removed."""
    try:
        return edit.delete_code(store, study_id, code_id, actor=actor)
    except CodebookEditError as error:
        raise _problem(error) from None


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
    if isinstance(error, (PathTooLong, LabelTooLong)):
        return BadInput(N_("the code path and label are limited to 500 characters"))
    if isinstance(error, BadPath):
        return BadInput(N_("a code needs a path, e.g. udfordringer/kompetencer"))
    if isinstance(error, BadColor):
        return BadInput(N_("colour %(color)r: use #rrggbb"), color=p["color"])
    if isinstance(error, UnknownParent):
        return BadInput(
            N_(
                "the codebook has no code %(parent)r to put %(path)r under: add %(parent)r "
                "first, or choose an existing parent"
            ),
            parent=p["parent"],
            path=p["path"],
        )
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
