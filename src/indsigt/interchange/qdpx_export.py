"""Exporting a study as a REFI-QDA project (``.qdpx``: a zip with ``project.qde`` and the text
sources under ``sources/``), for NVivo, ATLAS.ti, MAXQDA, QualCoder and other QDA tools.

What goes in: the coders and note authors as users, the code system (hierarchy from the code
paths, colours, definitions as descriptions), every document as a ``TextSource`` whose text is
``sources/<GUID>.txt`` (referenced as ``internal://<GUID>.txt``), every coding as a
``PlainTextSelection`` over its passage with one ``Coding`` by its coder's user, respondents as
``Cases`` with their attributes as text ``Variables`` and a ``SourceRef`` to each document they
speak in, and the notes. What never goes in: names (the identity table), the pseudonym mapping,
the original un-anonymised text, anonymisation findings, speaker labels as such, identifying
respondent attributes and document file names (see ``repository.py``). A memo on one passage
is a ``PlainTextSelection`` of the passage with the note's ``NoteRef`` and no coding. The
report warns when the exported attributes together single out fewer than 3 respondents.

A study that needs anonymisation is exported only once every document is anonymised. Exports
are deterministic: GUIDs come from the study name and record ids, zip entries carry a fixed
date, so exporting an unchanged study twice gives identical files.
"""

from __future__ import annotations

import os
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from indsigt.errors import IndsigtError
from indsigt.guard import require_anonymised
from indsigt.interchange.codetree import code_tree
from indsigt.interchange.model import (
    QdaCase,
    QdaCode,
    QdaCoding,
    QdaNote,
    QdaProject,
    QdaSelection,
    QdaSource,
    QdaUser,
    QdaVariable,
)
from indsigt.interchange.names import stable_guid, status_description, user_name
from indsigt.interchange.positions import ExportPositions, LineEndings, source_file_text
from indsigt.interchange.qde_write import project_xml
from indsigt.interchange.repository import StoredNote, StudyContent, read_study
from indsigt.interchange.validation import validate_project
from indsigt.records import Document, Study
from indsigt.sealed import AttributeClasses, check_attributes
from indsigt.store import Store

_FIXED_DATE = (1980, 1, 1, 0, 0, 0)


@dataclass(frozen=True)
class ExportReport:
    path: str
    format: str
    sources: int
    codes: int
    codings: int
    users: int
    cases: int
    notes: int
    validated: bool
    # The attribution check on the exported (publishable) attributes: combinations that fewer
    # than k respondents share.
    warnings: tuple[str, ...] = ()


def export_qdpx(
    store: Store,
    study: Study,
    output: str | Path,
    *,
    line_endings: LineEndings = "lf",
    schema: str | Path | None = None,
) -> ExportReport:
    """Write ``study`` as a ``.qdpx`` file. With ``schema`` (the path of REFI-QDA's
    Project.xsd), ``project.qde`` is validated first and nothing is written if it fails."""
    if line_endings not in ("lf", "crlf"):
        raise IndsigtError(f"line endings must be lf or crlf, not {line_endings!r}")
    target = Path(output)
    if target.is_dir():
        raise IndsigtError(f"{target}: is a directory; give a file name such as study.qdpx")
    if not target.parent.is_dir():
        raise IndsigtError(f"{target}: the folder {target.parent} does not exist")
    require_anonymised(store, study.id, stage="REFI-QDA export")
    content = read_study(store, study)
    project, files = build_project(content, line_endings=line_endings)
    publishable = AttributeClasses(
        {n: "publishable" for r in content.respondents for n in r.attributes}
    )
    qde = project_xml(project)
    if schema is not None:
        validate_project(qde, schema, label=f"{target}: project.qde")
    write_archive(target, qde, files)
    return ExportReport(
        path=str(target),
        format="qdpx",
        sources=len(project.sources),
        codes=sum(1 for _ in _all_codes(project.codes)),
        codings=sum(len(sel.codings) for s in project.sources for sel in s.selections),
        users=len(project.users),
        cases=len(project.cases),
        notes=len(project.notes),
        validated=schema is not None,
        warnings=tuple(w.message for w in check_attributes(content.respondents, publishable)),
    )


@dataclass(frozen=True)
class _Guids:
    """The project's GUIDs: stable ones from the study name and record ids."""

    guid: Callable[..., str]
    users: dict[str, str]  # coder or author → GUID
    codes: dict[int, str]  # code id → GUID


@dataclass(frozen=True)
class _NotesOn:
    """The notes by what they are about."""

    codes: dict[int, list[str]]  # code id → note GUIDs
    documents: dict[int, list[str]]  # document id → note GUIDs
    passages: dict[int, list[StoredNote]]  # document id → notes on one of its passages


def build_project(
    content: StudyContent, *, line_endings: LineEndings = "lf"
) -> tuple[QdaProject, dict[str, str]]:
    """The QDA-XML project and the archive's source files (member name → text)."""
    from indsigt.version import __version__

    study = content.study
    guid = partial(stable_guid, study.name)
    users = sorted({c.coder for c in content.codings} | {n.author for n in content.notes})
    ids = _Guids(
        guid,
        {name: guid("user", name) for name in users},
        {code.id: guid("code", code.id) for code in content.codes},
    )
    notes_on = _notes_on(content, guid)
    files: dict[str, str] = {}
    sources = []
    for doc in content.documents:
        source = _source(content, doc, ids, notes_on, line_endings)
        files[f"sources/{source.guid}.txt"] = source_file_text(doc.text, line_endings)
        sources.append(source)
    attribute_names = sorted({key for r in content.respondents for key in r.attributes})
    variable_guid = {name: guid("variable", name) for name in attribute_names}
    project = QdaProject(
        name=study.name,
        origin=f"indsigt {__version__}",
        created_at=study.created_at,
        description=study.description,
        users=tuple(QdaUser(ids.users[name], user_name(name), name) for name in users),
        codes=code_tree(content.codes, ids.codes, notes_on.codes, partial(guid, "code-path")),
        variables=tuple(QdaVariable(variable_guid[name], name) for name in attribute_names),
        cases=_cases(content, guid, variable_guid),
        sources=tuple(sources),
        notes=tuple(
            QdaNote(
                guid=guid("note", note.id),
                name=note.title,
                text=note.text,
                user=ids.users[note.author],
                created_at=note.created_at,
            )
            for note in content.notes
        ),
        note_refs=tuple(
            guid("note", n.id) for n in content.notes if n.document_id is None and n.code_id is None
        ),
    )
    return project, files


def _notes_on(content: StudyContent, guid: Callable[..., str]) -> _NotesOn:
    notes_on = _NotesOn({}, {}, {})
    for note in content.notes:
        if note.code_id is not None:
            notes_on.codes.setdefault(note.code_id, []).append(guid("note", note.id))
        if note.passage_id is not None and note.document_id is not None:
            notes_on.passages.setdefault(note.document_id, []).append(note)
        elif note.document_id is not None:
            notes_on.documents.setdefault(note.document_id, []).append(guid("note", note.id))
    return notes_on


def _source(
    content: StudyContent,
    doc: Document,
    ids: _Guids,
    notes_on: _NotesOn,
    line_endings: LineEndings,
) -> QdaSource:
    """A document as a text source: its codings' selections, then its passage memos."""
    guid = ids.guid
    source_guid = guid("source", doc.id)
    position = ExportPositions(doc.text, line_endings)
    selections = tuple(
        QdaSelection(
            guid=guid("selection", coding.id),
            start=position(coding.start),
            end=position(coding.end),
            name=_snippet(coding.text),
            description=status_description(coding.status, coding.score),
            user=ids.users[coding.coder],
            created_at=coding.created_at,
            codings=(
                QdaCoding(
                    guid=guid("coding", coding.id),
                    code_ref=ids.codes[coding.code_id],
                    user=ids.users[coding.coder],
                    created_at=coding.created_at,
                ),
            ),
        )
        for coding in content.codings
        if coding.document_id == doc.id
    ) + tuple(
        # A memo on a passage: a selection of the passage carrying the note, no coding.
        QdaSelection(
            guid=guid("memo-selection", note.id),
            start=position(note.start),
            end=position(note.end),
            name=_snippet(note.passage_text),
            user=ids.users[note.author],
            created_at=note.created_at,
            note_refs=(guid("note", note.id),),
        )
        for note in notes_on.passages.get(doc.id, ())
    )
    return QdaSource(
        guid=source_guid,
        name=doc.name,
        path=f"internal://{source_guid}.txt",
        selections=selections,
        note_refs=tuple(notes_on.documents.get(doc.id, ())),
        created_at=doc.imported_at,
    )


def _cases(
    content: StudyContent, guid: Callable[..., str], variable_guid: dict[str, str]
) -> tuple[QdaCase, ...]:
    """Respondents as cases: their attributes' values and the documents they speak in."""
    return tuple(
        QdaCase(
            guid=guid("case", respondent.id),
            name=respondent.pseudonym,
            values=tuple(
                (variable_guid[key], str(respondent.attributes[key]))
                for key in sorted(respondent.attributes)
            ),
            source_refs=tuple(
                guid("source", doc_id) for doc_id in content.speaking.get(respondent.id, ())
            ),
        )
        for respondent in content.respondents
    )


def write_archive(target: Path, qde: bytes, files: dict[str, str]) -> None:
    """Write the zip next to ``target`` and move it into place (no half-written file)."""
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    os.close(handle)
    try:
        with zipfile.ZipFile(temporary, "w", zipfile.ZIP_DEFLATED) as archive:
            _add(archive, "project.qde", qde)
            for member, text in files.items():
                _add(archive, member, text.encode("utf-8"))
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _add(archive: zipfile.ZipFile, member: str, data: bytes) -> None:
    info = zipfile.ZipInfo(member, date_time=_FIXED_DATE)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    archive.writestr(info, data)


def _all_codes(codes: tuple[QdaCode, ...]) -> list[QdaCode]:
    return [c for code in codes for c in (code, *_all_codes(code.children))]


def _snippet(text: str, limit: int = 60) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
