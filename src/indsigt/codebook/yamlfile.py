"""Codebooks as YAML: nested codes with labels per language, definition, include/exclude
rules, keywords and examples. See ``data/digital_transformation.yaml`` for a full example::

    name: My codebook
    codes:
      - key: udfordringer
        labels: {da: Udfordringer, en: Challenges}
        codes:
          - key: kompetencer
            labels: {da: Kompetencer og talent, en: Competences and talent}
            definition: {da: "…", en: "…"}     # or one string
            include: "…"
            exclude: "…"
            keywords: {da: [kompetence*, talent], en: [skills]}   # or one list
            examples: ["…"]
            color: "#2a9d8f"

A code is named by ``key`` (one path segment, nested under its parent) or by ``path``
(``parent/child``, at the top level).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from indsigt.codebook.errors import CodebookError
from indsigt.codebook.model import Codebook, parent_path
from indsigt.codebook.texts import LANGUAGES, join_languages, split_languages
from indsigt.ingest.encoding import decode
from indsigt.records import Code

CODE_FIELDS = {
    "key",
    "path",
    "label",
    "labels",
    "definition",
    "include",
    "exclude",
    "keywords",
    "examples",
    "color",
    "codes",
}
COLOR = re.compile(r"^#([0-9a-fA-F]{6}|[0-9a-fA-F]{3})$")
SEGMENT = re.compile(r"^[^/\s][^/]*$")


def read_yaml(path: str | Path) -> Codebook:
    """Read a YAML codebook; a malformed file raises :class:`CodebookError` (file, line, field)."""
    path = Path(path)
    text, _ = decode(path.read_bytes(), path)
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 0
        problem = getattr(exc, "problem", exc)
        raise CodebookError(path, f"not valid YAML ({problem})", line=line) from exc
    reader = _Reader(path)
    name = ""
    listed: yaml.Node | None = root
    if isinstance(root, yaml.MappingNode):
        top = reader.mapping(root, {"name", "language", "languages", "description", "codes"})
        name = reader.string(top["name"], "name") if "name" in top else ""
        if "codes" not in top:
            raise CodebookError(path, "a codebook needs a list of codes", line=1, field="codes")
        listed = top["codes"]
    if not isinstance(listed, yaml.SequenceNode) or not listed.value:
        raise CodebookError(path, "expected a list of codes", line=_line(listed), field="codes")
    codes: list[Code] = []
    for node in listed.value:
        reader.code(node, None, codes)
    return Codebook.from_codes(codes, name=name or path.stem)


def _line(node: yaml.Node | None) -> int:
    return node.start_mark.line + 1 if node is not None else 1


class _Reader:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.seen: dict[str, int] = {}

    def fail(self, node: yaml.Node, field: str, problem: str) -> CodebookError:
        return CodebookError(self.path, problem, line=_line(node), field=field)

    def mapping(self, node: yaml.Node, allowed: set[str]) -> dict[str, yaml.Node]:
        if not isinstance(node, yaml.MappingNode):
            raise self.fail(node, "", "expected a mapping (key: value)")
        out: dict[str, yaml.Node] = {}
        for key_node, value in node.value:
            key = str(key_node.value)
            if key not in allowed:
                known = ", ".join(sorted(allowed))
                raise self.fail(key_node, key, f"unknown field (known: {known})")
            out[key] = value
        return out

    def string(self, node: yaml.Node, field: str) -> str:
        if not isinstance(node, yaml.ScalarNode):
            raise self.fail(node, field, "expected text")
        return str(node.value).strip()

    def strings(self, node: yaml.Node, field: str) -> list[str]:
        if isinstance(node, yaml.ScalarNode):
            return [self.string(node, field)] if str(node.value).strip() else []
        if not isinstance(node, yaml.SequenceNode):
            raise self.fail(node, field, "expected a list of texts")
        return [self.string(item, field) for item in node.value if str(item.value).strip()]

    def per_language(self, node: yaml.Node, field: str) -> dict[str, yaml.Node]:
        """``{language: node}`` for a mapping by language, ``{"": node}`` otherwise."""
        if not isinstance(node, yaml.MappingNode):
            return {"": node}
        out = {}
        for key_node, value in node.value:
            language = str(key_node.value)
            if language not in LANGUAGES:
                raise self.fail(key_node, field, f"language {language!r}: use da, no, sv or en")
            out[language] = value
        return out

    def text(self, node: yaml.Node, field: str) -> str:
        return join_languages(
            {
                lang: self.string(value, field)
                for lang, value in self.per_language(node, field).items()
            }
        )

    def listing(self, node: yaml.Node, field: str) -> tuple[str, ...]:
        items: list[str] = []
        for value in self.per_language(node, field).values():
            items += [item for item in self.strings(value, field) if item not in items]
        return tuple(items)

    def code(self, node: yaml.Node, parent: str | None, codes: list[Code]) -> None:
        fields = self.mapping(node, CODE_FIELDS)
        if "key" in fields:
            key = self.string(fields["key"], "key")
            if not SEGMENT.match(key):
                raise self.fail(fields["key"], "key", f"{key!r} is not one path segment")
            path = f"{parent}/{key}" if parent else key
        elif "path" in fields:
            path = "/".join(p.strip() for p in self.string(fields["path"], "path").split("/"))
            if not path or "//" in path or path.startswith("/") or path.endswith("/"):
                raise self.fail(fields["path"], "path", f"{path!r} is not a code path")
            if parent and parent_path(path) != parent:
                raise self.fail(fields["path"], "path", f"{path!r} is not beneath {parent!r}")
        else:
            raise self.fail(node, "key", "every code needs a key (or a path)")
        if path in self.seen:
            raise self.fail(node, "key", f"code {path!r} is defined twice (line {self.seen[path]})")
        self.seen[path] = _line(node)
        labels: dict[str, str] = {}
        if "labels" in fields:
            for lang, value in self.per_language(fields["labels"], "labels").items():
                if not lang:
                    raise self.fail(fields["labels"], "labels", "expected {language: label}")
                labels[lang] = self.string(value, "labels")
        if "label" in fields:
            labels.setdefault("", self.string(fields["label"], "label"))
            labels = {k or "da": v for k, v in labels.items()}
        color = self.string(fields["color"], "color") if "color" in fields else ""
        if color and not COLOR.match(color):
            raise self.fail(fields["color"], "color", f"{color!r}: use #rrggbb")
        codes.append(
            Code(
                id=0,
                path=path,
                labels=labels,
                definition=self.text(fields["definition"], "definition")
                if "definition" in fields
                else "",
                include=self.text(fields["include"], "include") if "include" in fields else "",
                exclude=self.text(fields["exclude"], "exclude") if "exclude" in fields else "",
                keywords=self.listing(fields["keywords"], "keywords")
                if "keywords" in fields
                else (),
                examples=self.listing(fields["examples"], "examples")
                if "examples" in fields
                else (),
                color=color,
            )
        )
        if "codes" in fields:
            children = fields["codes"]
            if not isinstance(children, yaml.SequenceNode):
                raise self.fail(children, "codes", "expected a list of codes")
            for child in children.value:
                self.code(child, path, codes)


def to_yaml(codebook: Codebook) -> str:
    """The codebook as nested YAML (the format :func:`read_yaml` reads)."""
    by_parent: dict[str | None, list[Code]] = {}
    for code in codebook.codes:
        parent = parent_path(code.path)
        if parent is not None and codebook.get(parent) is None:
            parent = None  # an orphan keeps its full path at the top level
        by_parent.setdefault(parent, []).append(code)

    def entry(code: Code, nested: bool) -> dict[str, Any]:
        item: dict[str, Any] = (
            {"key": code.path.rsplit("/", 1)[-1]} if nested else {"path": code.path}
        )
        if code.labels:
            item["labels"] = dict(code.labels)
        for field, value in (
            ("definition", code.definition),
            ("include", code.include),
            ("exclude", code.exclude),
        ):
            if value:
                parts = split_languages(value)
                item[field] = parts[""] if list(parts) == [""] else parts
        if code.keywords:
            item["keywords"] = list(code.keywords)
        if code.examples:
            item["examples"] = list(code.examples)
        if code.color:
            item["color"] = code.color
        children = by_parent.get(code.path, [])
        if children:
            item["codes"] = [entry(child, True) for child in children]
        return item

    document = {
        "name": codebook.name or "codebook",
        "codes": [entry(code, "/" not in code.path) for code in by_parent.get(None, [])],
    }
    return yaml.safe_dump(document, allow_unicode=True, sort_keys=False, width=100)
