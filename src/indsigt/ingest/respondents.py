"""Respondents sheets (CSV, XLSX or YAML): who is behind each speaker label.

Columns (YAML keys; a sheet's headers in any case, or in Danish, Norwegian or Swedish — "Taler",
"Interview", "Navn", "Niveau" —, see ``_FIELDS``): ``speaker`` (the label in the transcript,
required), ``document`` (file name
or stem; empty = every imported document with that label), ``respondent`` (a stable id such as
R01; generated when absent), ``name`` (the real name: personal data, stored apart),
``kind`` (``respondent`` or ``interviewer``, default respondent). Every other column is a
respondent attribute: level (stat/region/kommune), role, organisation_type, country, language, …
A YAML file may be a list of rows, or a mapping with ``respondents:`` and ``interviewers:`` lists.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

import sqlalchemy as sa
import yaml

from indsigt.errors import InputError, listing
from indsigt.ingest.sheets import read_sheet
from indsigt.ingest.turns import role_word
from indsigt.records import NOTE
from indsigt.settings import humanise
from indsigt.store import Store, schema
from indsigt.tabular import csv_bytes, xlsx_bytes

_RESERVED = {"speaker", "document", "respondent", "name", "kind"}
_KINDS = {"respondent", "interviewer"}
# A column's name in the analyst's language, or with capitals, is the field it names: a Danish
# sheet's "Taler", "Interview", "Navn", "Niveau" ("Level" stayed an attribute of its own, so the
# report grouped no one by level). Any other column keeps its header as its name and label.
_FIELDS = {
    "speaker": "taler talar talare speaker_label",
    "document": "dokument interview intervju fil file transcript transskription transkription "
    "transkripsjon",
    "respondent": "respondent_id id",  # not "Deltager": such a column often holds the name
    "name": "navn namn full_name",
    "kind": "",
    "level": "niveau nivå forvaltningsniveau",
    "role": "rolle roll stilling position",
    "title": "titel tittel",
    "organisation": "organization organisasjon",
    "organisation_type": "organization_type organisationstype organisasjonstype organisationstyp",
    "country": "land",
    "language": "sprog språk",
    "sector": "sektor",
}
_ALIASES = {alias: name for name, words in _FIELDS.items() for alias in (name, *words.split())}


def field_name(header: str) -> str:
    """The field a column names ("Taler" → speaker, "Level" → level), or the header itself."""
    key = "_".join(header.strip().lower().replace("-", " ").split())
    return _ALIASES.get(key, header.strip())


@dataclass(frozen=True)
class SheetEntry:
    row: int
    speaker: str
    document: str = ""
    respondent: str = ""
    name: str = ""
    kind: str = "respondent"
    attributes: dict[str, str] = field(default_factory=dict)
    # The sheet's own headers of attributes it names in the analyst's language ("Niveau" for
    # level): the study's labels for them, where it has none ("Level" on a Danish page).
    labels: dict[str, str] = field(default_factory=dict, compare=False)

    def matches_document(self, name: str) -> bool:
        if not self.document:
            return True
        return self.document in {name, Path(name).stem, name.split("#", 1)[0]}


SHEET_SUFFIXES = (".csv", ".tsv", ".xlsx", ".xlsm", ".yaml", ".yml")


def read_respondents(path: Path) -> list[SheetEntry]:
    if not path.exists():
        raise InputError(path, "no such file")
    if path.is_dir():
        raise InputError(path, "is a directory, not a respondents sheet")
    data = path.read_bytes()
    headers: list[str] = []  # YAML's keys are the fields' names
    if path.suffix.lower() in {".yaml", ".yml"}:
        rows = _yaml_rows(path, data)
    elif path.suffix.lower() in SHEET_SUFFIXES:
        sheet = read_sheet(path, data)
        names = [field_name(column) for column in sheet.header]
        if "speaker" not in names:
            raise InputError(
                path, "a respondents sheet needs a 'speaker' column (the label in the transcript)"
            )
        twice = sorted({n for n in names if names.count(n) > 1})
        if twice:
            raise InputError(
                path, f"two columns name the field {listing(twice)}: {listing(list(sheet.header))}"
            )
        fields = dict(zip(sheet.header, names, strict=True))
        rows = [(n, {fields[k]: v for k, v in values.items()}) for n, values in sheet.rows]
        headers = list(sheet.header)
    else:
        raise InputError(path, "a respondents sheet must be .csv, .xlsx or .yaml")
    labels = _header_labels(headers)
    entries = [replace(_entry(path, number, values), labels=labels) for number, values in rows]
    if not entries:
        raise InputError(path, "the respondents sheet has no rows")
    return entries


def _header_labels(headers: list[str]) -> dict[str, str]:
    """Attribute → the header that named it, where the header is a word of its own ("Niveau",
    "Nivå", "Organisationstype"), not the field's name in other capitals ("Level")."""
    labels = {}
    for header in headers:
        name, written = field_name(header), " ".join(header.split())
        if name not in _RESERVED and name != header.strip() and written != humanise(name):
            labels[name] = written
    return labels


def _yaml_rows(path: Path, data: bytes) -> list[tuple[int, dict[str, str]]]:
    try:
        # BaseLoader keeps every scalar a string: "no" (Norwegian) must not become False.
        loaded = yaml.load(data.decode("utf-8-sig"), Loader=yaml.BaseLoader)
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise InputError(path, f"not valid YAML ({exc})") from exc
    items: list[tuple[dict[str, object], str]] = []
    if isinstance(loaded, list):
        items = [(item, "") for item in loaded]
    elif isinstance(loaded, dict):
        unknown = set(loaded) - {"respondents", "interviewers"}
        if unknown:
            raise InputError(
                path, f"unknown top-level key(s): {listing(sorted(map(str, unknown)), quote=False)}"
            )
        items = [(item, "respondent") for item in loaded.get("respondents") or []]
        items += [(item, "interviewer") for item in loaded.get("interviewers") or []]
    else:
        raise InputError(path, "expected a list of respondents or respondents:/interviewers: lists")
    rows = []
    for number, (item, kind) in enumerate(items, start=1):
        if not isinstance(item, dict):
            raise InputError(path, f"entry {number}: expected a mapping, got {type(item).__name__}")
        values = {field_name(str(k)): "" if v is None else str(v) for k, v in item.items()}
        if kind:
            values.setdefault("kind", kind)
        rows.append((number, values))
    return rows


def _entry(path: Path, number: int, values: dict[str, str]) -> SheetEntry:
    speaker = values.get("speaker", "").strip()
    if not speaker:
        raise InputError(path, f"row {number}: 'speaker' is empty")
    written = values.get("kind", "").strip()
    # The kind in the analyst's words ("Moderator", "Informant"); none written, the speaker's
    # label says it where it is a role: a row for "Interviewer" is the interviewer's, not a
    # respondent whose speech is counted (a sheet that gives every speaker a level row).
    kind = role_word(written) if written else role_word(speaker) or "respondent"
    if kind not in _KINDS:
        raise InputError(path, f"row {number}: kind {written!r} must be respondent or interviewer")
    return SheetEntry(
        row=number,
        speaker=speaker,
        document=values.get("document", "").strip(),
        respondent=values.get("respondent", "").strip(),
        name=values.get("name", "").strip(),
        kind=kind,
        attributes={k: v.strip() for k, v in values.items() if k not in _RESERVED and v.strip()},
    )


SHEET_COLUMNS = ("document", "speaker", "kind", "respondent")


def speaker_sheet(store: Store, study_id: int) -> tuple[list[str], list[list[str]]]:
    """The study's speakers as a respondents sheet to fill in: a row per document and speaker
    label (a transcriber's notes left out), with the kind the import found, the respondent's
    key and attributes so far; no names. What :func:`read_respondents` reads back: add a
    ``level`` column, fill it in, import the sheet, and every speaker is linked."""
    d, s, r = schema.document, schema.speaker, schema.respondent
    query = (
        sa.select(d.c.name, s.c.label, s.c.role, r.c.key, r.c.attributes)
        .select_from(s.join(d, s.c.document_id == d.c.id).outerjoin(r, s.c.respondent_id == r.c.id))
        .where(d.c.study_id == study_id, s.c.role != NOTE)
        .order_by(d.c.id, s.c.id)
    )
    with store.connect() as connection:
        found = connection.execute(query).all()
    attributes = sorted({key for *_, values in found for key in (values or {})})
    rows = [
        [
            name,  # as stored: two files of one stem, or a sheet's documents, stay apart
            label,
            role if role in _KINDS else "",
            key or "",
            *(str((values or {}).get(attribute, "")) for attribute in attributes),
        ]
        for name, label, role, key, values in found
    ]
    return [*SHEET_COLUMNS, *attributes], rows


def write_speaker_sheet(store: Store, study_id: int, path: Path) -> int:
    """:func:`speaker_sheet` written to ``path`` (``.xlsx``, or ``.csv`` in UTF-8 with a BOM,
    which Excel opens with its letters right; every cell text, never a formula); how many
    rows."""
    columns, rows = speaker_sheet(store, study_id)
    records = [dict(zip(columns, row, strict=True)) for row in rows]
    if path.suffix.lower() == ".xlsx":
        path.write_bytes(xlsx_bytes(columns, records, sheet="respondents"))
    elif path.suffix.lower() == ".csv":
        path.write_bytes(csv_bytes(columns, records))
    else:
        raise InputError(path, "write the speakers to a .xlsx or .csv file")
    return len(rows)
