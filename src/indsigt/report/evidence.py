"""The evidence index: every coded respondent passage, grouped by code, numbered and anchored.

Groups follow the findings: E1 is the first theme, E1.1 its first sub-code, and so on. A group
lists the passages coded with exactly its code; its counts (passages, leaders, interviews)
include the codes beneath it, so that they equal the prevalence the findings state.

A run of words a source blacked out ("XXXXXX X XXX XX XXXXXXXXXXXX", pdpilot's transcripts) is
printed as one mark ("[redacted]"): the report's display only, since the stored text is the
transcript as imported, which the anonymiser's offsets, codings and coded segments found by
their text all rest on.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from indsigt.analyse.evidence import CodedPassage
from indsigt.report.data import PassageRow
from indsigt.report.model import EvidenceGroup, EvidencePassage, Ref

# Blacked-out words: X only, joined by spaces or punctuation; a run is a redaction when one of
# its words has two X or more ("the X axis" stays).
_BLACKED = re.compile(r"(?<!\w)X+(?:[\s,.;:'’-]+X+)*(?!\w)")


def redactions(text: str, mark: str) -> str:
    """``text`` with each run of blacked-out words shown as ``mark``."""
    return _BLACKED.sub(lambda m: mark if "XX" in m.group() else m.group(), text)


@dataclass(frozen=True)
class Subtree:
    passages: frozenset[int]
    respondents: frozenset[int]
    documents: frozenset[int]


@dataclass
class EvidenceIndex:
    groups: list[EvidenceGroup] = field(default_factory=list)
    refs: dict[str, Ref] = field(default_factory=dict)  # code path → group ref
    subtrees: dict[str, Subtree] = field(default_factory=dict)
    anchors: dict[tuple[str, int], str] = field(default_factory=dict)  # (top, passage) → anchor

    def ref(self, path: str) -> Ref | None:
        return self.refs.get(path)

    def passage_ref(self, top: str, passage_id: int) -> Ref:
        return Ref(f"P{passage_id}", self.anchors.get((top, passage_id), ""))

    def cites(self, top: str, passage_ids: Sequence[int]) -> tuple[Ref, ...]:
        """What a quote of ``passage_ids`` cites: the passages ``top``'s evidence lists. A
        "Yeah." between two sentences of a theme is in the quote's words but no evidence of the
        theme, and a reference to it would lead nowhere; unlinked references only where none
        of the passages is listed."""
        refs = tuple(self.passage_ref(top, passage_id) for passage_id in passage_ids)
        return tuple(ref for ref in refs if ref.anchor) or refs


def subtree_of(path: str, coded: Sequence[CodedPassage]) -> Subtree:
    inside = [c for c in coded if c.code == path or c.code.startswith(path + "/")]
    return Subtree(
        frozenset(c.passage_id for c in inside),
        frozenset(c.respondent_id for c in inside if c.respondent_id is not None),
        frozenset(c.document_id for c in inside),
    )


def build_evidence(
    coded: Sequence[CodedPassage],
    *,
    tops: Sequence[str],
    children: Callable[[str], list[str]],
    titles: Mapping[str, str],
    passages: Mapping[int, PassageRow],
    interviews: Mapping[int, int],
    speakers: Mapping[int, str],
    labels: Mapping[int, str],
    describe: Callable[[Subtree], str],
    interview_word: str,
    redacted: str = "[redacted]",
) -> EvidenceIndex:
    """Groups for ``tops`` (in that order) and, recursively, ``children(path)``; a source's
    blacked-out words shown as ``redacted``."""
    direct: dict[str, dict[int, CodedPassage]] = defaultdict(dict)
    for item in coded:
        direct[item.code].setdefault(item.passage_id, item)
    index = EvidenceIndex()

    def add(path: str, number: str, top: str) -> None:
        subtree = subtree_of(path, coded)
        if not subtree.passages:
            return
        ref = Ref(f"E{number}", "e" + number.replace(".", "-"))
        index.refs[path] = ref
        index.subtrees[path] = subtree
        entries = []
        for passage_id, item in sorted(
            direct.get(path, {}).items(),
            key=lambda kv: (interviews.get(kv[1].document_id, 0), passages[kv[0]].seq),
        ):
            row = passages[passage_id]
            anchor = f"{ref.anchor}-p{passage_id}"
            index.anchors.setdefault((top, passage_id), anchor)
            respondent = item.respondent_id or 0
            entries.append(
                EvidencePassage(
                    Ref(f"P{passage_id}", anchor),
                    f"{interview_word} {interviews.get(row.document_id, 0)}, ¶ {row.seq + 1}",
                    speakers.get(respondent, ""),
                    labels.get(respondent, ""),
                    redactions(row.text.strip(), redacted),
                )
            )
        index.groups.append(
            EvidenceGroup(
                ref, titles.get(path, path), number.count("."), describe(subtree), tuple(entries)
            )
        )
        for position, child in enumerate(children(path), start=1):
            add(child, f"{number}.{position}", top)

    for position, top in enumerate(tops, start=1):
        add(top, str(position), top)
    return index
