"""The work on one partition (a block of sheet rows), in two steps that run on a worker.

1. :func:`prepare`: rows → documents (the importer's own row reader), language, turns and
   passages (the segmenter), then the anonymiser's plan for each document (the detectors,
   review decisions, overlap resolution, policy and operators of ``indsigt anonymise``).
   A person's name the study has no pseudonym for yet gets a placeholder: pseudonyms are
   numbered study-wide in order of first appearance, so the driver numbers the new names of
   each partition in partition order, exactly as a sequential run would.
2. :func:`finish`: the numbered pseudonyms replace the placeholders; the edits are applied,
   turns and passages are moved through them (``remap``), the coders code the pseudonymised
   passages, and the partition's share of the segment tables is counted.

Both return plain records; the driver alone writes to the store.
"""

from __future__ import annotations

import re
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from indsigt.anonymise.operators import apply
from indsigt.anonymise.pseudonyms import PERSON, Pseudonyms
from indsigt.anonymise.remap import Remap
from indsigt.anonymise.study import plan_document
from indsigt.batch.aggregate import PartialCounts, count_partition
from indsigt.batch.context import WorkContext
from indsigt.ingest.language import guess_languages
from indsigt.ingest.tables import answer_document
from indsigt.records import Passage

Rows = Sequence[tuple[int, dict[str, str]]]
_OPEN, _CLOSE = "\ue000", "\ue001"
# Ends in a digit, as "Person 7" does, so that a genitive gets the same ending ("Person 7s").
_PLACEHOLDER = re.compile(f"{_OPEN}(\\d+){_CLOSE}0")


class DeferredPseudonyms(Pseudonyms):
    """The study's pseudonyms as of the job's start; a name not among them gets a
    placeholder, numbered later by the driver (``pending``: name → placeholder index)."""

    def __init__(self, context: WorkContext) -> None:
        super().__init__(
            words=context.policy.person_words,
            entities=dict(context.entities),
            entity_words=context.entity_words,
            stored=[],
        )
        self.mapping = context.mapping  # read only here
        self.pending: dict[str, int] = {}

    def lookup(self, name: str) -> str:
        found = self.mapping.get((PERSON, name))
        if found is not None:
            return found
        index = self.pending.setdefault(name, len(self.pending))
        return f"{_OPEN}{index}{_CLOSE}0"


@dataclass
class SourceRow:
    """A row of the sheet as a document: its row number and key, name, hash, language and
    text as read (``original``)."""

    row: int
    key: str
    name: str
    sha256: str
    language: str
    original: str


@dataclass
class PreparedDocument(SourceRow):
    attributes: dict[str, str]
    turns: list[tuple[int, int]]  # offsets into ``original``
    passages: list[tuple[int, int, int]]  # (turn index, start, end) into ``original``
    edits: list[tuple[int, int, str]] = field(default_factory=list)
    findings: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class Partition:
    """Which partition: its number, how many rows, the first and last row number."""

    number: int
    rows: int
    first_row: int
    last_row: int


@dataclass
class Prepared(Partition):
    documents: list[PreparedDocument]
    names: list[str]  # new person names; placeholder i stands for names[i]
    labels: Counter[str] = field(default_factory=Counter)
    detectors: Counter[str] = field(default_factory=Counter)
    kept: int = 0
    false_positives: int = 0
    seconds: dict[str, float] = field(default_factory=dict)

    @property
    def passage_count(self) -> int:
        return sum(len(doc.passages) for doc in self.documents)


@dataclass
class FinishedDocument(SourceRow):
    text: str  # pseudonymised (the original when the study needs no anonymisation)
    attributes: dict[str, str]
    changes: list[tuple[int, int, int]]  # the edit: (start, end, replacement length)
    turns: list[tuple[int, int]]
    passages: list[tuple[int, int, int]]  # (turn index, start, end) into ``text``
    findings: list[dict[str, Any]]


@dataclass
class Finished(Partition):
    """A partition ready to be written: documents, codings by passage position (the
    partition's passages numbered in document order) and the partial segment counts."""

    documents: list[FinishedDocument]
    names: list[str]
    codings: list[tuple[int, int, str, float | None, dict[str, Any]]]
    counts: PartialCounts
    labels: Counter[str]
    detectors: Counter[str]
    kept: int
    false_positives: int
    seconds: dict[str, float]

    @property
    def passage_count(self) -> int:
        return sum(len(doc.passages) for doc in self.documents)


def prepare(number: int, rows: Rows, context: WorkContext) -> Prepared:
    """Step 1 on a worker: documents, passages and the anonymiser's plan (see the module)."""
    began = time.perf_counter()
    documents: list[PreparedDocument] = []
    found = []
    for row_number, values in rows:
        doc = answer_document(
            context.path,
            context.file_hash,
            row_number,
            values,
            context.text_columns,
            context.id_column,
        )
        if doc is not None:
            found.append((row_number, doc))
    # As `indsigt import`: the option, else the respondents sheet, else a guess (a short
    # answer's weak guess yields to what the partition's answers show on firm evidence).
    guessed = guess_languages([doc.text for _, doc in found])
    for (row_number, doc), guess in zip(found, guessed, strict=True):
        key = next(iter(doc.roles))
        extra = context.respondent_attributes.get(key, {})
        attributes = {**doc.attributes.get(key, {}), **extra}
        language = context.language or extra.get("language") or guess
        turns = [(turn.start, turn.end) for turn in doc.turns]
        passages = [
            (index, start, end)
            for index, (turn_start, turn_end) in enumerate(turns)
            for start, end in context.segmenter.split(doc.text, turn_start, turn_end)
        ]
        documents.append(
            PreparedDocument(
                row_number, key, doc.name, doc.sha256, language, doc.text, attributes, turns,
                passages,
            )
        )  # fmt: skip
    imported = time.perf_counter()
    prepared = Prepared(
        number,
        len(rows),
        rows[0][0] if rows else 0,
        rows[-1][0] if rows else 0,
        documents,
        [],
        seconds={"import": imported - began},
    )
    if context.anonymise:
        pseudonyms = DeferredPseudonyms(context)
        decisions = context.decisions
        for detector in context.detectors:
            prefetch = getattr(detector, "prefetch", None)
            if prefetch is not None:  # the tagger: one batched encoder run per partition
                prefetch([doc.original for doc in documents])
        for prepared_doc in documents:
            plan = plan_document(
                prepared_doc.original,
                document_id=0,  # a new document: only study-wide review decisions apply
                language=prepared_doc.language,
                detectors=context.detectors,
                policy=context.policy,
                pseudonyms=pseudonyms,
                labels={},  # answers carry no speaker labels in their text
                decisions=decisions,
            )
            prepared_doc.edits, prepared_doc.findings = plan.edits, plan.findings
            prepared.labels.update(plan.labels)
            prepared.detectors.update(plan.detectors)
            prepared.kept += plan.kept
            prepared.false_positives += plan.false_positives
        prepared.names = list(pseudonyms.pending)
    prepared.seconds["anonymise"] = time.perf_counter() - imported
    return prepared


def names_of(prepared: Prepared) -> list[str]:
    """The new person names of a prepared partition (a small result for the driver)."""
    return prepared.names


def finish(prepared: Prepared, pseudonyms: Sequence[str], context: WorkContext) -> Finished:
    """Step 2 on a worker: apply the edits with the numbered pseudonyms, move turns and
    passages, code the passages, count the partition's share of the segment tables."""
    began = time.perf_counter()

    def numbered(match: re.Match[str]) -> str:
        return pseudonyms[int(match.group(1))]

    documents: list[FinishedDocument] = []
    passages: list[Passage] = []
    for doc_index, doc in enumerate(prepared.documents):
        edits = [
            (start, end, _PLACEHOLDER.sub(numbered, new) if _OPEN in new else new)
            for start, end, new in doc.edits
        ]
        text = apply(doc.original, edits) if edits else doc.original
        changes = [(start, end, len(new)) for start, end, new in edits]
        forward = Remap(changes)
        turns = [forward.span(start, end) for start, end in doc.turns]
        moved = [(t, *forward.span(start, end)) for t, start, end in doc.passages]
        for seq, (t, start, end) in enumerate(moved):
            passages.append(
                Passage(-(len(passages) + 1), -(doc_index + 1), -(t + 1), seq, start, end,
                        text[start:end])
            )  # fmt: skip
        documents.append(
            FinishedDocument(
                doc.row, doc.key, doc.name, doc.sha256, doc.language, doc.original, text,
                doc.attributes, changes, turns, moved, doc.findings,
            )
        )  # fmt: skip
    seconds = dict(prepared.seconds)
    seconds["anonymise"] += time.perf_counter() - began
    codings: list[tuple[int, int, str, float | None, dict[str, Any]]] = []
    substantive = _substantive(passages, [doc.language for doc in documents])
    for coder in context.coders:
        started = time.perf_counter()
        for coding in coder.code(substantive, context.codebook):
            codings.append(
                (-coding.passage_id - 1, coding.code_id, coding.coder, coding.score,
                 coding.evidence)
            )  # fmt: skip
        seconds[coder.name] = time.perf_counter() - started
    started = time.perf_counter()
    owners = [-p.document_id - 1 for p in passages]
    counts = count_partition(
        [doc.attributes for doc in documents], owners, codings, context.codebook, context.by
    )
    seconds["aggregate"] = time.perf_counter() - started
    return Finished(
        prepared.number,
        prepared.rows,
        prepared.first_row,
        prepared.last_row,
        documents,
        prepared.names,
        codings,
        counts,
        prepared.labels,
        prepared.detectors,
        prepared.kept,
        prepared.false_positives,
        seconds,
    )


def _substantive(passages: Sequence[Passage], languages: Sequence[str]) -> list[Passage]:
    """The passages a coder sees, as `indsigt code` chooses them: none marked conversational
    by the rule detector (answers sheets have no interviewer turns)."""
    from indsigt.units.rules import RuleTalkDetector

    detector = RuleTalkDetector()
    by_language: dict[str, list[Passage]] = {}
    for passage in passages:
        by_language.setdefault(languages[-passage.document_id - 1] or "da", []).append(passage)
    talk: set[int] = set()
    for language, group in by_language.items():
        kinds = detector.detect([p.text for p in group], language=language)
        talk.update(p.id for p, kind in zip(group, kinds, strict=True) if kind)
    return [p for p in passages if p.id not in talk]
