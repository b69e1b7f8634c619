"""Raw transcripts for `indsigt eval themes --units raw`: every passage of the interviews, not
only the segments human coders cut out, with the coded segments as character spans.

- pdpilot-interviews: ``transcripts_txt/P*.txt``, turns ``Dan:`` (the interviewer) and
  ``Participant:``; spans from ``coded_segments.csv`` (parent code = family).
- gennovate-focusgroups: ``transcripts/*.csv``, one turn per quote row (the transcriber's
  summaries and the guide's headings are notes, left out as the units stage leaves them out;
  there is no interviewer speech in them), a document per transcript file
  (``TRANSCRIPT_BD3_BD3E_F.csv`` → ``BD3E_F``); spans from the coded templates' quotes of
  that document (indicator = family).

Coded text is found after reducing both sides to lower-case letters and digits (the
templates replaced some apostrophes by "?"), verbatim, else by its first and last 40
characters.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

from indsigt.errors import InputError
from indsigt.eval.gold import read_text
from indsigt.eval.pdpilot import locate
from indsigt.ingest.base import ImportOptions
from indsigt.ingest.tables import TableImporter
from indsigt.ingest.textfile import without_line_numbers
from indsigt.records import NOTE
from indsigt.segment.sentences import SentenceSegmenter
from indsigt.units.plan import DocumentIn, PassageIn, TurnIn

_TURN = re.compile(r"^([A-Z][A-Za-z ]{0,20}):\s+", re.MULTILINE)
_INTERVIEWER = {"dan", "interviewer"}


@dataclass(frozen=True)
class RawSet:
    name: str
    documents: list[DocumentIn]
    texts: dict[int, str]  # document id → text (offsets of passages and spans)
    spans: dict[int, list[tuple[int, int, str]]]  # document id → coded (start, end, family)
    missing: int  # coded segments not found in the transcripts


def load_raw(name: str, path: Path) -> RawSet:
    """The raw set ``pdpilot`` or ``gennovate`` from its folder in ../shared/data."""
    if name == "pdpilot":
        return _pdpilot(path)
    if name == "gennovate":
        return _gennovate(path)
    raise InputError(path, f"no raw transcripts reader for {name!r}")


def _pdpilot(path: Path) -> RawSet:
    root = path.parent if path.is_file() else path
    folder, table = root / "transcripts_txt", root / "coded_segments.csv"
    if not folder.is_dir() or not table.is_file():
        raise InputError(root, "expected transcripts_txt/ and coded_segments.csv (pdpilot)")
    segments = list(csv.DictReader(io.StringIO(read_text(table))))
    builder = _Builder("pdpilot")
    for transcript in sorted(folder.glob("P*.txt")):
        # as `indsigt import` reads it: without the PDF margin's line numbers
        text, _ = without_line_numbers(read_text(transcript))
        heads = list(_TURN.finditer(text))
        turns = [
            (m.group(1).strip().lower() in _INTERVIEWER, m.end(), _end(heads, k, len(text)))
            for k, m in enumerate(heads)
        ]
        coded = [
            (r["segment"], r["parent_code"]) for r in segments if r["document"] == transcript.stem
        ]
        builder.add(text, turns, coded)
    return builder.result()


def _gennovate(path: Path) -> RawSet:
    root = path.parent if path.is_file() else path
    folder, templates = root / "transcripts", root / "coded_templates"
    if not folder.is_dir() or not templates.is_dir():
        raise InputError(root, "expected transcripts/ and coded_templates/ (gennovate)")
    coded: dict[str, list[tuple[str, str]]] = {}
    for file in sorted(templates.glob("template_*.csv")):
        for row in csv.DictReader(io.StringIO(read_text(file))):
            text, label = (row.get("text") or "").strip(), (row.get("indicator_label") or "")
            if text and label.strip():
                coded.setdefault((row.get("document_code") or "").strip(), []).append(
                    (text, label.strip())
                )
    builder = _Builder("gennovate")
    for file in sorted(folder.glob("*.csv")):
        parts = file.stem.split("_")
        if not file.stem.lower().startswith("transcript_") or len(parts) < 4:
            continue  # the question list, the empty template
        code = f"{parts[2]}_{parts[3]}"
        # Read as `indsigt import` reads it and the units stage sees it: the participants'
        # turns, without members' codes ("R.3. …") and without the notes (the transcriber's
        # summaries, the guide's headings: no one's speech).
        (document,) = TableImporter().parse(file, file.read_bytes(), options=ImportOptions())
        turns = [
            (False, turn.start, turn.end)
            for turn in document.turns
            if document.roles.get(turn.speaker) != NOTE
        ]
        builder.add(document.text, turns, coded.get(code, []))
    return builder.result()


def _end(heads: list[re.Match[str]], k: int, length: int) -> int:
    return heads[k + 1].start() if k + 1 < len(heads) else length


class _Builder:
    def __init__(self, name: str) -> None:
        self.name = name
        self.documents: list[DocumentIn] = []
        self.texts: dict[int, str] = {}
        self.spans: dict[int, list[tuple[int, int, str]]] = {}
        self.missing = 0
        self.segmenter = SentenceSegmenter()
        self.next_id = 1
        self.next_turn = 1

    def add(
        self, text: str, turns: list[tuple[bool, int, int]], coded: list[tuple[str, str]]
    ) -> None:
        doc_id = len(self.documents) + 1
        built = []
        for interviewer, start, end in turns:
            passages = []
            for s, e in self.segmenter.split(text, start, end):
                passages.append(PassageIn(self.next_id, s, e, text[s:e]))
                self.next_id += 1
            built.append(TurnIn(self.next_turn, interviewer, tuple(passages)))
            self.next_turn += 1
        self.documents.append(DocumentIn(doc_id, "en", tuple(built)))
        self.texts[doc_id] = text
        # The whole text (pdpilot's coded segments keep the speakers' labels), else only the
        # turns' speech (a GENNOVATE quote of two rows has no section label between them).
        readings = [_flatten(text), _flatten(text, [(start, end) for _, start, end in turns])]
        spans = []
        for segment, family in coded:
            needle, _ = _flatten(segment)
            for flat, positions in readings:
                found = locate(flat, needle, edge=40, min_length=8, loose_end=False)
                if found is not None:
                    spans.append((positions[found[0]], positions[found[1] - 1] + 1, family))
                    break
            else:
                self.missing += 1
        self.spans[doc_id] = spans

    def result(self) -> RawSet:
        return RawSet(self.name, self.documents, self.texts, self.spans, self.missing)


def _flatten(text: str, within: list[tuple[int, int]] | None = None) -> tuple[str, list[int]]:
    """Lower-case letters and digits of ``text`` (only those in its ``within`` ranges, when
    given) and each one's offset in it."""
    ranges = within if within is not None else [(0, len(text))]
    kept = [(text[i].lower(), i) for a, b in ranges for i in range(a, b) if text[i].isalnum()]
    return "".join(c for c, _ in kept), [i for _, i in kept]
