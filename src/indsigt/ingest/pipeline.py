"""Importing sources into a study: parse everything, check everything, then write it all in
one transaction. A failed import leaves the store unchanged; re-importing identical content is a
no-op (documents are keyed by the SHA-256 of their source)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from indsigt.errors import ImportFailed, InputError, listing
from indsigt.ingest.base import ImportOptions, ParsedDocument
from indsigt.ingest.encoding import assumed
from indsigt.ingest.groupnoun import settle_noun
from indsigt.ingest.language import guess_languages
from indsigt.ingest.registry import expand_folders, importer_for
from indsigt.ingest.respondents import SheetEntry, read_respondents
from indsigt.progress import Progress, no_progress
from indsigt.records import SpeakerRole
from indsigt.segment import get_segmenter
from indsigt.settings import ATTRIBUTE_LABELS, attribute_labels, write_setting
from indsigt.store import Store, graph, schema


@dataclass(frozen=True)
class ImportReport:
    imported: tuple[str, ...] = ()
    skipped: tuple[str, ...] = ()
    turns: int = 0
    passages: int = 0
    respondents: int = 0
    speakers_linked: int = 0
    # What the user should know about how the sources were read (an encoding that was guessed).
    notes: tuple[str, ...] = ()


@dataclass
class _Assignment:
    """What the respondents sheet says about one (document, speaker label)."""

    role: SpeakerRole
    respondent_key: str | None
    name: str = ""
    attributes: dict[str, str] = field(default_factory=dict)


def import_files(
    store: Store,
    study_id: int,
    paths: Sequence[str | Path],
    *,
    respondents: str | Path | None = None,
    unit: str = "sentence",
    language: str | None = None,
    options: ImportOptions | None = None,
    progress: Progress = no_progress,
) -> ImportReport:
    options = options or ImportOptions()
    segmenter = get_segmenter(unit)
    with store.connect() as connection:
        stored_hashes = set(
            connection.scalars(
                sa.select(schema.document.c.sha256).where(schema.document.c.study_id == study_id)
            )
        )
    files, folder_notes, folder_errors = expand_folders([Path(p) for p in paths])
    parsed, skipped, notes, errors = _parse_all(files, stored_hashes, options, progress)
    notes, errors = [*folder_notes, *notes], [*folder_errors, *errors]
    entries: list[SheetEntry] = []
    if respondents is not None:
        try:
            entries = read_respondents(Path(respondents))
        except InputError as exc:
            errors.append(exc)
    if errors:
        raise ImportFailed(errors, sources=len(files) + len(folder_errors))
    with store.begin() as connection:
        assignments = _assign(
            connection, study_id, parsed, entries, Path(respondents or ""), skipped
        )
        report = _write(
            connection, store, study_id, parsed, assignments, segmenter, unit, language, progress
        )
        linked, retired, renamed = _link_stored_speakers(connection, study_id, entries, assignments)
        _label_attributes(connection, store, study_id, entries)
        settled = settle_language(connection, store, study_id)
        noun = settle_noun(
            connection,
            store,
            study_id,
            first_import=not stored_hashes,
            documents=[doc.metadata for doc in parsed],
        )
    if renamed:
        notes.append(
            f"{renamed} anonymised document(s) name speakers by the pseudonyms of the "
            "respondents they had before: anonymise the study again so that the text follows "
            "the sheet"
        )
    if retired:
        notes.append(
            f"{retired} respondent(s) stored before are replaced by the sheet's and removed "
            "(they spoke nowhere else; the names known for them go to the sheet's)"
        )
    if settled:
        notes.append(
            f"study language set to {settled}, the documents' (init --language chooses it)"
        )
    if noun:
        notes.append(
            f"respondent noun set to {noun}: the documents are focus groups "
            "(settings respondent-noun changes it)"
        )
    return ImportReport(
        imported=report.imported,
        skipped=tuple(skipped),
        turns=report.turns,
        passages=report.passages,
        respondents=report.respondents,
        speakers_linked=linked,
        notes=tuple(notes),
    )


LANGUAGE_FROM_DOCUMENTS = "language_from_documents"  # setting: init named no language


def settle_language(connection: Connection, store: Store, study_id: int) -> str | None:
    """A study created without a language (``init`` with no ``--language``) takes the most
    common language of its documents once it has any, and keeps it; the new language, or None
    when nothing changed (a language chosen at ``init``, no documents yet, or the documents
    are in the language the study started with)."""
    setting, document = schema.setting, schema.document
    pending = setting.c.study_id == study_id, setting.c.key == LANGUAGE_FROM_DOCUMENTS
    if connection.scalar(sa.select(setting.c.value).where(*pending)) is None:
        return None
    counts = connection.execute(
        sa.select(document.c.language, sa.func.count())
        .where(document.c.study_id == study_id)
        .group_by(document.c.language)
        .order_by(sa.func.count().desc(), document.c.language)
    ).first()
    if counts is None:
        return None
    language = str(counts[0])
    connection.execute(setting.delete().where(*pending))
    old = connection.scalar(sa.select(schema.study.c.language).where(schema.study.c.id == study_id))
    if language == old:
        return None  # Danish documents in a study that started Danish: nothing changes
    connection.execute(
        schema.study.update().where(schema.study.c.id == study_id).values(language=language)
    )
    store.log(
        connection,
        "study.language",
        entity="study",
        entity_id=study_id,
        payload={"language": language, "from": "documents"},
    )
    return language


def _parse_all(
    paths: list[Path], stored: set[str], options: ImportOptions, progress: Progress
) -> tuple[list[ParsedDocument], list[str], list[str], list[InputError]]:
    parsed: list[ParsedDocument] = []
    skipped: list[str] = []
    notes: list[str] = []
    errors: list[InputError] = []
    seen = set(stored)
    for index, path in enumerate(paths):
        progress(index, len(paths), f"reading {path.name}")
        try:
            if not path.exists():
                raise InputError(path, "no such file")
            importer = importer_for(path)
            try:
                data = path.read_bytes()
            except OSError as exc:
                raise InputError(path, f"cannot read ({exc.strerror})") from exc
            if not data.strip():  # for every importer (a text file's BOM alone: encoding.py)
                raise InputError(path, "the file is empty")
            documents = importer.parse(path, data, options=options)
        except InputError as exc:
            errors.append(exc)
            continue
        notes.extend(
            f"{path.name}: {note}" for note in dict.fromkeys(n for d in documents for n in d.notes)
        )
        guessed = sorted({d.encoding for d in documents if d.encoding and assumed(d.encoding)})
        if guessed and options.encoding is None:
            notes.append(
                f"{path.name}: not UTF-8; read as {', '.join(guessed)} "
                "(give --encoding if that is wrong)"
            )
        for document in documents:
            if document.sha256 in seen:
                skipped.append(document.name)
                continue
            seen.add(document.sha256)
            parsed.append(document)
    progress(len(paths), len(paths), "read")
    return parsed, skipped, notes, errors


def _assign(
    connection: Connection,
    study_id: int,
    parsed: list[ParsedDocument],
    entries: list[SheetEntry],
    sheet: Path,
    skipped: Sequence[str] = (),
) -> dict[tuple[str, str], _Assignment]:
    """Match sheet rows to (document, speaker) pairs; unknown speakers are an error."""
    stored = connection.execute(
        sa.select(schema.document.c.name, schema.speaker.c.label)
        .join(schema.speaker, schema.speaker.c.document_id == schema.document.c.id)
        .where(schema.document.c.study_id == study_id)
    ).all()
    pairs = [(doc.name, turn.speaker) for doc in parsed for turn in doc.turns]
    pairs += [(name, label) for name, label in stored]
    pairs = list(dict.fromkeys(pairs))
    was = _labels_before_anonymisation(connection, study_id)
    assignments: dict[tuple[str, str], _Assignment] = {}
    errors: list[InputError] = []
    for entry in entries:
        matched = [
            p for p in pairs if entry.speaker in (p[1], was.get(p)) and entry.matches_document(p[0])
        ]
        duplicate = next(
            (name for name in skipped if entry.document and entry.matches_document(name)), None
        )
        if not matched and duplicate:
            errors.append(
                InputError(
                    sheet,
                    f"row {entry.row}: document {duplicate!r} was not imported: its content "
                    "is identical to a document already in the study",
                )
            )
            continue
        if not matched:
            where = f"document {entry.document!r}" if entry.document else "any document"
            known = sorted({label for name, label in pairs if entry.matches_document(name)})
            hint = (
                f" (speakers there: {listing(known, quote=False)})"
                if known and entry.document
                else ""
            )
            errors.append(
                InputError(
                    sheet, f"row {entry.row}: speaker {entry.speaker!r} not found in {where}{hint}"
                )
            )
            continue
        key = entry.respondent or (_name_key(entry.name) if entry.name else f"R-row{entry.row}")
        for pair in matched:
            if entry.kind == "interviewer":
                assignments[pair] = _Assignment("interviewer", None, entry.name)
            else:
                assignments[pair] = _Assignment("respondent", key, entry.name, entry.attributes)
    if errors:
        raise ImportFailed(errors)
    return assignments


def _labels_before_anonymisation(
    connection: Connection, study_id: int
) -> dict[tuple[str, str], str]:
    """(document name, a speaker's label now) → the label the transcript gave them, for the
    speakers anonymisation renamed ("Participant" is "Respondent A" now): the analyst's sheet
    names speakers as the transcripts do. From the sealed pseudonym mapping; it is read to
    match, never shown (a sheet naming no one the study has lists the labels as they are)."""
    d, s, p = schema.document, schema.speaker, schema.pseudonym
    scope = sa.literal("speaker:") + sa.cast(d.c.id, sa.String)
    rows = connection.execute(
        sa.select(d.c.name, s.c.label, p.c.original)
        .select_from(s.join(d, s.c.document_id == d.c.id))
        .join(
            p, (p.c.study_id == d.c.study_id) & (p.c.label == scope) & (p.c.pseudonym == s.c.label)
        )
        .where(d.c.study_id == study_id)
    ).all()
    return {(name, label): original for name, label, original in rows}


def _label_attributes(
    connection: Connection, store: Store, study_id: int, entries: Sequence[SheetEntry]
) -> None:
    """The sheet's headers as the labels of the attributes they name ("Niveau" for level),
    where the study has no label of its own for them yet."""
    if not entries or not entries[0].labels:
        return
    labels = attribute_labels(connection, study_id)
    new = {name: label for name, label in entries[0].labels.items() if name not in labels}
    if new:
        write_setting(connection, store, study_id, ATTRIBUTE_LABELS, labels | new, actor="import")


def _name_key(name: str) -> str:
    """A stable respondent key for a sheet row that gives a name but no respondent id. The
    name itself must not be the key: real names live only in the ``identity`` table."""
    return "R-" + hashlib.sha256(name.encode("utf-8")).hexdigest()[:12]


@dataclass
class _Written:
    imported: tuple[str, ...]
    turns: int
    passages: int
    respondents: int


def _write(
    connection: Connection,
    store: Store,
    study_id: int,
    parsed: list[ParsedDocument],
    assignments: dict[tuple[str, str], _Assignment],
    segmenter: object,
    unit: str,
    language: str | None,
    progress: Progress,
) -> _Written:
    respondents = _RespondentIndex(connection, study_id)
    names = graph.unique_names(connection, study_id, [doc.name for doc in parsed])
    turns_total = passages_total = 0
    guessed = guess_languages([doc.text for doc in parsed])
    for index, (doc, name) in enumerate(zip(parsed, names, strict=True)):
        progress(index, len(parsed), f"storing {doc.name}")
        speakers = _speakers(doc, name, assignments, respondents)
        new = graph.NewDocument(
            name=name,
            text=doc.text,
            sha256=doc.sha256,
            format=doc.format,
            language=language or _sheet_language(doc, assignments) or guessed[index],
            unit=unit,
            source_path=doc.metadata.get("source", doc.name),
            meta=doc.metadata,
            speakers=speakers,
            turns=doc.turns,
            passages=[
                (number, s, e)
                for number, t in enumerate(doc.turns)
                for s, e in segmenter.split(doc.text, t.start, t.end)  # type: ignore[attr-defined]
            ],
        )
        written = graph.write_document(connection, study_id, new)
        graph.log_imported(connection, store, written.id, new)
        turns_total += len(doc.turns)
        passages_total += len(new.passages)
    progress(len(parsed), len(parsed), "stored")
    return _Written(tuple(names), turns_total, passages_total, respondents.created)


def _speakers(
    doc: ParsedDocument,
    name: str,
    assignments: dict[tuple[str, str], _Assignment],
    respondents: _RespondentIndex,
) -> list[graph.NewSpeaker]:
    """The document's speakers in order of their first turn, with their roles and
    respondents (from the sheet, else from the source; found or created)."""
    speakers = []
    labels = list(dict.fromkeys(turn.speaker for turn in doc.turns))
    for position, label in enumerate(labels, start=1):
        assigned = assignments.get((doc.name, label))
        role: SpeakerRole = assigned.role if assigned else doc.roles.get(label, "respondent")
        respondent_id = None
        if assigned and assigned.respondent_key:
            respondent_id = respondents.get(assigned.respondent_key, assigned.attributes)
            respondents.remember_name(respondent_id, assigned.name)
        elif assigned and assigned.role == "interviewer":
            respondents.remember_interviewer(assigned.name)
        elif role == "respondent":
            key = name if label in doc.attributes else f"{name}#S{position}"
            respondent_id = respondents.get(key, doc.attributes.get(label, {}))
        speakers.append(graph.NewSpeaker(label, role, respondent_id))
    return speakers


def _sheet_language(
    doc: ParsedDocument, assignments: dict[tuple[str, str], _Assignment]
) -> str | None:
    for label in {turn.speaker for turn in doc.turns}:
        assigned = assignments.get((doc.name, label))
        if assigned and assigned.attributes.get("language"):
            return assigned.attributes["language"]
    return None


def _link_stored_speakers(
    connection: Connection,
    study_id: int,
    entries: Iterable[SheetEntry],
    assignments: dict[tuple[str, str], _Assignment],
) -> tuple[int, int, int]:
    """Apply a sheet to documents imported earlier (their speakers get respondents/roles): how
    many speakers it linked; how many stored respondents it replaced (made from speaker
    labels, or by an earlier sheet under another key) that spoke nowhere else: they are removed,
    the names known for them go to the sheet's respondent; and how many anonymised documents
    now name a speaker by the pseudonym of the respondent they had before."""
    if not entries:
        return 0, 0, 0
    index = _RespondentIndex(connection, study_id)
    s = schema.speaker
    rows = connection.execute(
        sa.select(
            s.c.id,
            s.c.label,
            s.c.respondent_id,
            schema.document.c.name,
            s.c.role,
            schema.document.c.anonymised_at,
        )
        .join(schema.document, s.c.document_id == schema.document.c.id)
        .where(schema.document.c.study_id == study_id)
    ).all()
    linked = 0
    replaced: dict[int, int | None] = {}
    renamed: set[str] = set()  # anonymised documents whose text names someone else now
    for speaker_id, label, before, doc_name, role, anonymised in rows:
        assigned = assignments.get((doc_name, label))
        if assigned is None:
            continue
        respondent_id = None
        if assigned.respondent_key:
            respondent_id = index.get(assigned.respondent_key, assigned.attributes)
            index.remember_name(respondent_id, assigned.name)
        else:
            index.remember_interviewer(assigned.name)
        connection.execute(
            s.update()
            .where(s.c.id == speaker_id)
            .values(role=assigned.role, respondent_id=respondent_id)
        )
        linked += 1
        if before is not None and before != respondent_id:
            replaced[before] = respondent_id
        if anonymised is not None and (before != respondent_id or role != assigned.role):
            renamed.add(doc_name)
    return linked, graph.retire_respondents(connection, replaced), len(renamed)


class _RespondentIndex:
    """Find-or-create respondents by key inside one transaction; names go to ``identity``."""

    def __init__(self, connection: Connection, study_id: int) -> None:
        self.connection = connection
        self.study_id = study_id
        stored = graph.stored_respondents(connection, study_id)
        self.ids = {key: r.id for key, r in stored.items()}
        self.attributes = {r.id: r.attributes for r in stored.values()}
        self.created = 0

    def get(self, key: str, attributes: dict[str, str]) -> int:
        if key in self.ids:
            respondent_id = self.ids[key]
            merged = {**self.attributes[respondent_id], **attributes}
            if merged != self.attributes[respondent_id]:
                graph.update_attributes(self.connection, respondent_id, merged)
                self.attributes[respondent_id] = merged
            return int(respondent_id)
        number = len(self.ids) + 1
        (respondent_id,) = graph.insert_respondents(
            self.connection,
            self.study_id,
            [graph.NewRespondent(key, f"Respondent {number}", attributes)],
        )
        self.ids[key] = respondent_id
        self.attributes[respondent_id] = dict(attributes)
        self.created += 1
        return respondent_id

    def remember_name(self, respondent_id: int, name: str) -> None:
        self._identity("respondent", name, respondent_id)

    def remember_interviewer(self, name: str) -> None:
        self._identity("interviewer", name, None)

    def _identity(self, role: str, name: str, respondent_id: int | None) -> None:
        if not name:
            return
        exists = self.connection.scalar(
            sa.select(schema.identity.c.id).where(
                schema.identity.c.study_id == self.study_id,
                schema.identity.c.role == role,
                schema.identity.c.name == name,
            )
        )
        if exists is None:
            self.connection.execute(
                schema.identity.insert().values(
                    study_id=self.study_id, respondent_id=respondent_id, role=role, name=name
                )
            )
