"""The code system for export: indsigt's flat code table (paths "Parent/Child", or a
``parent_id`` for a one-segment path) as the nested ``Code`` elements of QDA-XML."""

from __future__ import annotations

from collections.abc import Callable

from indsigt.interchange.model import QdaCode
from indsigt.interchange.xmlutil import RGB
from indsigt.records import Code


def code_tree(
    codes: list[Code],
    code_guid: dict[int, str],
    notes: dict[int, list[str]],
    path_guid: Callable[[str], str],
) -> tuple[QdaCode, ...]:
    """Nest codes by path ("Parent/Child"), or by ``parent_id`` for a one-segment path. A parent
    path with no code of its own becomes a non-codable code, so the hierarchy survives."""
    by_path = {code.path: code for code in codes}
    by_id = {code.id: code for code in codes}
    parent_of: dict[str, str | None] = {}
    for code in codes:
        segments = code.path.split("/")
        for depth in range(1, len(segments)):  # ancestors first, so a code can override
            ancestor = "/".join(segments[:depth])
            parent_of.setdefault(ancestor, ancestor.rsplit("/", 1)[0] if "/" in ancestor else None)
    for code in codes:
        if "/" in code.path:
            parent_of[code.path] = code.path.rsplit("/", 1)[0]
        elif code.parent_id in by_id and by_id[code.parent_id].path != code.path:
            parent_of[code.path] = by_id[code.parent_id].path
        else:
            parent_of[code.path] = None
    # A chain of parent_ids that never reaches the top (a cycle) is cut: that code goes on top.
    for key in list(parent_of):
        seen, cursor = {key}, parent_of[key]
        while cursor is not None and cursor not in seen:
            seen.add(cursor)
            cursor = parent_of.get(cursor)
        if cursor == key:
            parent_of[key] = None
    children: dict[str | None, list[str]] = {}
    for key, parent in parent_of.items():
        children.setdefault(parent, []).append(key)

    def build(key: str) -> QdaCode:
        code = by_path.get(key)
        kids = tuple(build(child) for child in sorted(children.get(key, [])))
        name = key.rsplit("/", 1)[-1]
        if code is None:
            return QdaCode(guid=path_guid(key), name=name, codable=False, children=kids)
        return QdaCode(
            guid=code_guid[code.id],
            name=name,
            color=code.color if RGB.match(code.color) else "",
            description=code.definition,
            note_refs=tuple(notes.get(code.id, ())),
            children=kids,
        )

    return tuple(build(key) for key in sorted(children.get(None, [])))
