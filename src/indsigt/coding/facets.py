"""Codes that are a topic × a stance, read from a codebook's structure.

Many codebooks cross a set of topics with one set of kinds: GENNOVATE's ``NRM_MEN_C``,
``NRM_MEN_N``, ``NRM_MEN_O`` (Confirming / Nuancing / Opposing the norm "men are better
farmers"), the same three under ``NRM_MOB``, ``NRM_DIV`` and so on. "Nuancing" means the same
under every topic, so a model of the stance pooled over the topics has many times the examples
of any one child code (see :mod:`.factorised`).

:func:`detect_facet` finds that structure without knowing any codebook by name: a child's
*stance key* is what its id adds to its parent's (``NRM_MEN_C`` under ``NRM_MEN`` → ``c``; a
path ``norms/men/opposing`` → ``opposing``) or else the first word of its label
("Confirming norm: …" → ``confirming``). A key shared by children of at least
:data:`MIN_TOPICS` parents is a stance value; the children with a stance value form the facet,
each a (topic, value) pair. A codebook without such structure has no facet, and coders then
behave as before.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from indsigt.codebook.model import Codebook, label, parent_path

MIN_TOPICS = 3  # a stance value is shared by the children of this many parents (one + 2 others)
_SEPARATORS = "_-/.: "
_WORD = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True)
class Facet:
    """Child codes as (topic, stance value) pairs: ``topic_of[code]`` is its parent (the
    topic), ``value_of[code]`` its stance value (one of ``values``)."""

    values: tuple[str, ...]
    topic_of: Mapping[str, str] = field(default_factory=dict)
    value_of: Mapping[str, str] = field(default_factory=dict)

    @property
    def topics(self) -> tuple[str, ...]:
        return tuple(sorted(set(self.topic_of.values())))

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(sorted(self.topic_of))

    def code(self, topic: str, value: str) -> str | None:
        """The child code of ``topic`` with stance ``value`` (None if the codebook has none)."""
        for code, parent in self.topic_of.items():
            if parent == topic and self.value_of[code] == value:
                return code
        return None


def _suffix_key(code: str, parent: str) -> str:
    if code.startswith(parent):
        rest = code[len(parent) :].strip(_SEPARATORS)
    else:
        rest = code.rsplit("/", 1)[-1]
    return rest.lower()


def _word_key(text: str) -> str:
    found = _WORD.search(text)
    return found.group(0).lower() if found else ""


def detect_facet(
    parents: Mapping[str, str], labels: Mapping[str, str] | None = None
) -> Facet | None:
    """The stance facet of codes with ``parents`` (child code → parent code; codes without a
    parent left out) and optional ``labels`` (code → its label text), or None."""
    labels = labels or {}
    best: Facet | None = None
    for kind in ("suffix", "word"):
        keys = {
            code: _suffix_key(code, parent) if kind == "suffix" else _word_key(labels.get(code, ""))
            for code, parent in parents.items()
        }
        topics_by_key: dict[str, set[str]] = {}
        for code, key in keys.items():
            if key:
                topics_by_key.setdefault(key, set()).add(parents[code])
        values = {key for key, topics in topics_by_key.items() if len(topics) >= MIN_TOPICS}
        members = {code: key for code, key in keys.items() if key in values}
        per_topic: dict[str, int] = {}
        for code in members:
            per_topic[parents[code]] = per_topic.get(parents[code], 0) + 1
        # A topic with one stance child only has nothing to factorise.
        members = {code: key for code, key in members.items() if per_topic[parents[code]] >= 2}
        used = sorted(set(members.values()))
        if len(used) < 2 or len({parents[c] for c in members}) < MIN_TOPICS:
            continue
        facet = Facet(
            values=tuple(used),
            topic_of={code: parents[code] for code in members},
            value_of=members,
        )
        if best is None or len(facet.topic_of) > len(best.topic_of):
            best = facet
    return best


def codebook_tree(
    codebook: Codebook, *, language: str = "en"
) -> tuple[dict[str, str], dict[str, str]]:
    """A codebook's hierarchy by code path: each child's parent, and each code's label."""
    parents = {
        code.path: parent
        for code in codebook
        if (parent := parent_path(code.path)) is not None and codebook.get(parent) is not None
    }
    return parents, {code.path: label(code, language) for code in codebook}


def codebook_facet(codebook: Codebook, *, language: str = "en") -> Facet | None:
    """:func:`detect_facet` on a codebook's hierarchy (code paths ``topic/child``)."""
    return detect_facet(*codebook_tree(codebook, language=language))
