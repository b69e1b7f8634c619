"""Turning a parsed REFI-QDA project into the records to write: pure, touches no store.

Everything that can be wrong with the input is found here, before a study exists: a selection
outside its source, a missing source file, a coding of an unknown code. Things indsigt cannot
keep but that do not make the rest wrong (a coding of a whole source, a case's code refs, an
empty selection) become warnings in the report.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

from indsigt.errors import InputError
from indsigt.ingest.language import guess_language
from indsigt.interchange.archive import Archive
from indsigt.interchange.model import QdaCode, QdaProject, QdaSource
from indsigt.interchange.names import UNKNOWN_CODER, coder_name, parse_status
from indsigt.interchange.passages import covered, passage_spans
from indsigt.interchange.positions import SourceText
from indsigt.interchange.xmlutil import RGB
from indsigt.records import CodingStatus
from indsigt.segment import Span, get_segmenter

PATH_SEPARATOR_STANDIN = "∕"  # U+2215: a "/" inside a code name would read as a level


@dataclass(frozen=True)
class PlannedCode:
    guid: str
    path: str
    parent: str | None  # the parent's GUID
    color: str
    description: str


@dataclass(frozen=True)
class PlannedRespondent:
    guid: str
    key: str
    pseudonym: str
    attributes: dict[str, str]


@dataclass(frozen=True)
class PlannedCoding:
    passage: int  # index into PlannedDocument.passages
    code: str  # GUID
    coder: str
    status: CodingStatus
    score: float | None
    created_at: datetime | None
    selection: str  # GUID, kept as evidence


@dataclass(frozen=True)
class PlannedDocument:
    guid: str
    name: str
    text: str
    sha256: str
    language: str
    metadata: dict[str, object]
    passages: list[Span]
    codings: list[PlannedCoding]
    respondents: list[str]  # GUIDs of the cases that reference this source


@dataclass(frozen=True)
class PlannedNote:
    title: str
    text: str
    author: str
    created_at: datetime | None
    document: str | None  # GUID
    code: str | None  # GUID
    passage: int | None = None  # index into the document's passages (a note on one passage)


@dataclass
class ImportPlan:
    name: str
    language: str
    description: str
    codes: list[PlannedCode] = field(default_factory=list)
    respondents: list[PlannedRespondent] = field(default_factory=list)
    documents: list[PlannedDocument] = field(default_factory=list)
    notes: list[PlannedNote] = field(default_factory=list)
    users: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def plan_import(
    project: QdaProject,
    archive: Archive,
    *,
    name: str | None = None,
    language: str | None = None,
) -> ImportPlan:
    return _Planner(project, archive).plan(name=name, language=language)


def unique(name: str, taken: set[str]) -> str:
    candidate, number = name, 2
    while candidate in taken:
        candidate = f"{name} ({number})"
        number += 1
    taken.add(candidate)
    return candidate


class _Planner:
    def __init__(self, project: QdaProject, archive: Archive) -> None:
        self.project = project
        self.archive = archive
        self.warnings: list[str] = [
            f"<{section}> is not imported (indsigt does not keep it)" for section in project.ignored
        ] + list(project.skipped)
        self.coders = self._coders()
        # selection GUID → (source GUID, index of the one passage it is), for notes on passages
        self.selected_passage: dict[str, tuple[str, int]] = {}

    def fail(self, problem: str, line: int | None = None) -> InputError:
        where = f"{self.archive.member} line {line}" if line else self.archive.member
        return InputError(self.archive.path, f"{where}: {problem}")

    def plan(self, *, name: str | None, language: str | None) -> ImportPlan:
        if not self.project.sources and self.project.skipped:
            raise self.fail(
                "no source with text to import: "
                + "; ".join(self.project.skipped)
                + "; indsigt imports text sources (TextSource, a PDF's text representation, a "
                "recording's transcript)"
            )
        codes = self._codes(self.project.codes, None, None, set(), [])
        respondents = self._respondents()
        documents = self._documents({code.guid for code in codes}, respondents, language)
        languages = Counter(doc.language for doc in documents)
        return ImportPlan(
            name=(name or self.project.name or self.archive.path.stem)[:200],
            language=language or (languages.most_common(1)[0][0] if languages else "da"),
            description=self.project.description,
            codes=codes,
            respondents=respondents,
            documents=documents,
            notes=self._notes(),
            users=sorted(set(self.coders.values())),
            warnings=self.warnings,
        )

    # -- users -------------------------------------------------------------------------------
    def _coders(self) -> dict[str, str]:
        """User GUID → coder name (a machine coder's "indsigt keyword.v1" → "keyword.v1")."""
        coders: dict[str, str] = {}
        taken: set[str] = set()
        for user in self.project.users:
            label = user.name or user.id or f"user {user.guid[:8]}"
            coder = coder_name(label)
            if coder in taken:
                coder = unique(f"{coder} ({user.id or user.guid[:8]})", taken)
            taken.add(coder)
            coders[user.guid] = coder
        return coders

    def coder(self, guid: str | None) -> str:
        if guid is None:
            return UNKNOWN_CODER
        return self.coders.get(guid, f"user {guid}")

    # -- codes -------------------------------------------------------------------------------
    def _codes(
        self,
        codes: tuple[QdaCode, ...],
        parent_path: str | None,
        parent_guid: str | None,
        seen: set[str],
        found: list[PlannedCode],
    ) -> list[PlannedCode]:
        siblings: set[str] = set()
        for code in codes:
            if code.guid in seen:
                raise self.fail(f"code GUID {code.guid} appears twice in the code book")
            seen.add(code.guid)
            segment = code.name.replace("/", PATH_SEPARATOR_STANDIN)
            if segment != code.name:
                self.warnings.append(
                    f"code {code.name!r}: '/' separates levels in indsigt, stored as "
                    f"{PATH_SEPARATOR_STANDIN!r}"
                )
            segment = unique(segment, siblings)
            path = f"{parent_path}/{segment}" if parent_path is not None else segment
            color = code.color
            if color and not RGB.match(color):
                self.warnings.append(f"code {path!r}: colour {color!r} is not #RRGGBB, dropped")
                color = ""
            found.append(PlannedCode(code.guid, path, parent_guid, color, code.description))
            self._codes(code.children, path, code.guid, seen, found)
        return found

    # -- cases -------------------------------------------------------------------------------
    def _respondents(self) -> list[PlannedRespondent]:
        variables: dict[str, str] = {}
        taken: set[str] = set()
        for variable in self.project.variables:
            variables[variable.guid] = unique(variable.name, taken)
        keys: set[str] = set()
        planned = []
        for number, case in enumerate(self.project.cases, start=1):
            attributes = {}
            for ref, value in case.values:
                if ref not in variables:
                    self.warnings.append(f"case {case.name!r}: a value of unknown variable {ref}")
                    continue
                attributes[variables[ref]] = value
            if case.ignored:
                self.warnings.append(
                    f"case {case.name!r}: {case.ignored} code/selection reference(s) not imported"
                )
            planned.append(
                PlannedRespondent(
                    case.guid, unique(case.name, keys), f"Respondent {number}", attributes
                )
            )
        return planned

    # -- sources -----------------------------------------------------------------------------
    def _documents(
        self, code_guids: set[str], respondents: list[PlannedRespondent], language: str | None
    ) -> list[PlannedDocument]:
        variables = {v.guid: v.name for v in self.project.variables}
        speaking: dict[str, list[str]] = {}
        parts: dict[str, list[str]] = {}  # a recording's GUID → its transcripts' sources
        for source in self.project.sources:
            if source.recording:
                parts.setdefault(source.recording, []).append(source.guid)
        for case, respondent in zip(self.project.cases, respondents, strict=True):
            for ref in case.source_refs:
                for guid in parts.get(ref, [ref]):  # a case naming a recording speaks in each
                    speaking.setdefault(guid, []).append(respondent.guid)
        known = {source.guid for source in self.project.sources}
        for ref in sorted(set(speaking) - known):
            self.warnings.append(f"a case refers to source {ref}, which the project lacks")
        segmenter = get_segmenter("sentence")
        names: set[str] = set()
        hashes: set[str] = set()
        documents: list[PlannedDocument] = []
        for source in self.project.sources:
            if source.guid in {d.guid for d in documents}:
                raise self.fail(f"source GUID {source.guid} appears twice")
            what = f"text of source {source.name!r}"
            raw = (
                source.content
                if source.content is not None
                else self.archive.text(source.path, what=what)
            )
            text = SourceText(raw)
            selections = self._selections(source, text, code_guids)
            passages = passage_spans(
                text.text, 0, len(text.text), [span for span, _ in selections], segmenter
            )
            codings = self._codings(source, passages, selections)
            for span, index in selections:
                inside = covered(passages, span)
                if len(inside) == 1:
                    guid = source.selections[index].guid
                    self.selected_passage[guid] = (source.guid, inside[0])
            sha256 = hashlib.sha256(text.raw.encode("utf-8")).hexdigest()
            if sha256 in hashes:  # the same text twice: keep both, keyed apart
                sha256 = hashlib.sha256(f"{text.raw}\x1f{source.guid}".encode()).hexdigest()
            hashes.add(sha256)
            metadata: dict[str, object] = {
                "source": f"{self.archive.path.name}#{source.name or source.guid}",
                "qdpx_guid": source.guid,
            }
            if source.description:
                metadata["description"] = source.description
            values = {variables.get(ref, ref): value for ref, value in source.values}
            if values:
                metadata["variables"] = values
            documents.append(
                PlannedDocument(
                    guid=source.guid,
                    name=unique(source.name or f"source {source.guid[:8]}", names),
                    text=text.text,
                    sha256=sha256,
                    language=language or guess_language(text.text),
                    metadata=metadata,
                    passages=passages,
                    codings=codings,
                    respondents=speaking.get(source.guid, []),
                )
            )
        return documents

    def _selections(
        self, source: QdaSource, text: SourceText, code_guids: set[str]
    ) -> list[tuple[Span, int]]:
        """Each selection's span in the stored text, with its index in ``source.selections``."""
        found = []
        for index, selection in enumerate(source.selections):
            label = f"selection {selection.guid} ({selection.start}–{selection.end})"
            if selection.end < selection.start:
                raise self.fail(
                    f"{label} in source {source.name!r} ends before it starts", selection.line
                )
            if selection.start < 0 or selection.end > len(text):
                raise self.fail(
                    f"{label} is outside source {source.name!r}, which has {len(text)} "
                    "characters (REFI-QDA counts Unicode characters, line endings included)",
                    selection.line,
                )
            for coding in selection.codings:
                if coding.code_ref not in code_guids:
                    raise self.fail(
                        f"{label} in source {source.name!r}: a coding refers to code "
                        f"{coding.code_ref}, which is not in the code book",
                        selection.line,
                    )
            span = (text.offset(selection.start), text.offset(selection.end))
            if span[0] == span[1]:
                self.warnings.append(f"{label} in source {source.name!r} is empty, skipped")
                continue
            found.append((span, index))
        if source.codings:
            self.warnings.append(
                f"source {source.name!r}: {len(source.codings)} coding(s) of the whole source "
                "not imported (indsigt codes passages)"
            )
        return found

    def _codings(
        self, source: QdaSource, passages: list[Span], selections: list[tuple[Span, int]]
    ) -> list[PlannedCoding]:
        codings: dict[tuple[int, str, str], PlannedCoding] = {}
        for span, index in selections:
            selection = source.selections[index]
            inside = covered(passages, span)
            if not inside and selection.codings:
                self.warnings.append(
                    f"selection {selection.guid} in source {source.name!r} covers no passage "
                    "(only blanks), its codings are skipped"
                )
            status, score = parse_status(selection.description)
            for coding in selection.codings:
                coder = self.coder(coding.user or selection.user)
                for passage in inside:
                    key = (passage, coding.code_ref, coder)
                    codings.setdefault(
                        key,
                        PlannedCoding(
                            passage=passage,
                            code=coding.code_ref,
                            coder=coder,
                            status=status,
                            score=score,
                            created_at=coding.created_at or selection.created_at,
                            selection=selection.guid,
                        ),
                    )
        return list(codings.values())

    # -- notes -------------------------------------------------------------------------------
    def _notes(self) -> list[PlannedNote]:
        attached: dict[str, tuple[str | None, str | None]] = {}

        def attach(ref: str, document: str | None, code: str | None) -> None:
            was_document, was_code = attached.get(ref, (None, None))
            if (document and was_document) or (code and was_code):
                self.warnings.append(f"note {ref} is attached to several items; kept on the first")
            attached[ref] = (was_document or document, was_code or code)

        on_passage: dict[str, int] = {}
        for source in self.project.sources:
            for ref in source.note_refs:
                attach(ref, source.guid, None)
            for selection in source.selections:
                for ref in selection.note_refs:
                    # A note on selected text: on its passage when the selection is exactly
                    # one passage (indsigt's own memos), else on the document.
                    attach(ref, source.guid, None)
                    found = self.selected_passage.get(selection.guid)
                    if found is not None and ref not in on_passage:
                        on_passage[ref] = found[1]

        def on_codes(codes: tuple[QdaCode, ...]) -> None:
            for code in codes:
                for ref in code.note_refs:
                    attach(ref, None, code.guid)
                on_codes(code.children)

        on_codes(self.project.codes)
        notes = []
        for note in self.project.notes:
            text = note.text
            if text is None:
                text = self.archive.text(note.path, what=f"text of note {note.name!r}")
            document, code = attached.get(note.guid, (None, None))
            notes.append(
                PlannedNote(
                    title=note.name,
                    text=SourceText(text).text,
                    author=self.coder(note.user),
                    created_at=note.created_at,
                    document=document,
                    code=code,
                    passage=on_passage.get(note.guid) if document else None,
                )
            )
        return notes
