"""Descriptive statistics of a study: per document and per segment (e.g. level)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass
from typing import Any

from indsigt import queries
from indsigt.analyse.evidence import MISSING
from indsigt.settings import study_segment_by
from indsigt.store import Store, schema
from indsigt.store.speech import speech


@dataclass(frozen=True)
class DocumentCounts:
    """One document: its speakers, respondents, turns, passages, words (and respondents')."""

    document: str
    format: str
    language: str
    speakers: int
    respondents: int
    turns: int
    passages: int
    words: int
    respondent_words: int


@dataclass(frozen=True)
class SegmentCounts:
    """One value of the attribute: its respondents, the documents they speak in, the
    passages and words of their speech."""

    value: str
    respondents: int
    documents: int
    passages: int
    words: int


@dataclass(frozen=True)
class StudyStatistics:
    """Per document and per value of the respondent attribute ``by``; :meth:`as_dict` is its
    JSON (a segment's value under the attribute's name)."""

    by: str
    documents: tuple[DocumentCounts, ...]
    segments: tuple[SegmentCounts, ...]
    totals: dict[str, int]

    def as_dict(self) -> dict[str, Any]:
        segments = [
            {self.by: s.value, **{k: v for k, v in asdict(s).items() if k != "value"}}
            for s in self.segments
        ]
        documents = [asdict(d) for d in self.documents]
        return {"by": self.by, "documents": documents, "segments": segments, "totals": self.totals}


def study_statistics(store: Store, study_id: int, *, by: str | None = None) -> StudyStatistics:
    """``documents``: one row per document; ``segments``: one row per value of attribute ``by``
    (None: the study's, :func:`indsigt.settings.segment_by`) — respondents, documents they
    speak in, passages and words of their speech."""
    by = by or study_segment_by(store, study_id)
    p, t, s, d = schema.passage, schema.turn, schema.speaker, schema.document
    query = speech(
        study_id,
        d.c.id,
        d.c.name,
        d.c.format,
        d.c.language,
        s.c.role,
        s.c.respondent_id,
        s.c.label,
        t.c.id.label("turn_id"),
        p.c.text,
        speakers="everyone",
    )
    attributes = {r.id: r.attributes for r in queries.respondents(store, study_id)}
    documents: dict[int, dict[str, Any]] = {}
    segments: dict[str, dict[str, Any]] = defaultdict(
        lambda: {"respondents": set(), "documents": set(), "passages": 0, "words": 0}
    )
    with store.connect() as connection:
        for row in connection.execute(query):
            words = len(row.text.split())
            _count_document(documents, row, words)
            if row.respondent_id is not None:
                value = str(attributes.get(row.respondent_id, {}).get(by) or MISSING)
                segment = segments[value]
                segment["respondents"].add(row.respondent_id)
                segment["documents"].add(row.id)
                segment["passages"] += 1
                segment["words"] += words
    return _tables(by, documents, segments)


def _count_document(documents: dict[int, dict[str, Any]], row: Any, words: int) -> None:
    """Add one passage (``row``) to its document's counts."""
    doc = documents.setdefault(
        row.id,
        {
            "document": row.name,
            "format": row.format,
            "language": row.language,
            "speakers": set(),
            "respondents": set(),
            "turns": set(),
            "passages": 0,
            "words": 0,
            "respondent_words": 0,
        },
    )
    doc["speakers"].add(row.label)
    doc["turns"].add(row.turn_id)
    doc["passages"] += 1
    doc["words"] += words
    if row.respondent_id is not None:
        doc["respondents"].add(row.respondent_id)
        doc["respondent_words"] += words


def _tables(
    by: str, documents: dict[int, dict[str, Any]], segments: dict[str, dict[str, Any]]
) -> StudyStatistics:
    """The counts as records: sets become their sizes; totals over all documents."""
    document_rows = tuple(
        DocumentCounts(
            **{
                **doc,
                "speakers": len(doc["speakers"]),
                "respondents": len(doc["respondents"]),
                "turns": len(doc["turns"]),
            }
        )
        for _, doc in sorted(documents.items())
    )
    segment_rows = tuple(
        SegmentCounts(
            value,
            respondents=len(seg["respondents"]),
            documents=len(seg["documents"]),
            passages=seg["passages"],
            words=seg["words"],
        )
        for value, seg in sorted(segments.items())
    )
    totals = {
        "documents": len(document_rows),
        "respondents": len({r for seg in segments.values() for r in seg["respondents"]}),
        "passages": sum(row.passages for row in document_rows),
        "words": sum(row.words for row in document_rows),
    }
    return StudyStatistics(by, document_rows, segment_rows, totals)
