"""Survey and consultation sheets (CSV, XLSX).

Two layouts:
- ``answers`` — one row per respondent: the chosen text columns become that respondent's answers
  (one document per row, one turn per answer), every other column a respondent attribute;
- ``turns`` — one row per turn of one transcript (a speaker column and a text column). Sheets in
  the GENNOVATE focus-group layout (``data_container``, ``transcript``, ``quote or transcriber's
  summary``) are recognised and read this way.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import replace
from pathlib import Path
from typing import ClassVar

from indsigt.errors import InputError, listing
from indsigt.ingest.base import ImportOptions, ParsedDocument
from indsigt.ingest.builder import TextBuilder
from indsigt.ingest.groupcodes import sheet_uses_codes, split_code
from indsigt.ingest.sheets import Sheet, read_sheet, require_columns
from indsigt.ingest.turns import clock_span, guess_roles
from indsigt.records import NOTE, SpeakerRole

_ID_NAMES = (
    "id",
    "respondent",
    "respondent_id",
    "respondentid",
    "svar_id",
    "svarid",
    "nr",
    "løbenummer",
    "responseid",
    "response_id",
)
# A transcript exported as a sheet (Teams, Zoom, Otter, a transcriber's own): a row per turn
# with a speaker column and a text column, found by their names.
_SPEAKER_COLUMNS = frozenset({"speaker", "speaker name", "taler", "talar", "talare"})
_TURN_TEXT_COLUMNS = frozenset({"text", "transcript", "utterance", "tekst", "transskription"})
_GENNOVATE_KIND = "quote or transcriber's summary"
_TRANSCRIBER, _PARTICIPANTS = "Transcriber", "Participants"
# The guide's structure copied into a sheet: "Module 2.  Gender norms, livelihoods, and family
# formation (1 ½ hours)", "Activity E. FGD:  Aspirations of Youth", "Interview Guide. …",
# "Focus Group:  Activity E: …" — a module's or activity's number, or a time for a part.
_GUIDE_HEADING = re.compile(
    r"(?i)^(?:module\s+\d+\s*[.:]|activity\s+[a-z]\s*[.:]|interview\s+guide\b|focus\s+group\s*:)"
    r"|\(\s*\d[\d\s½¼¾/.,-]*(?:hours?|minutes?|mins?)\s*\)$"
)
# The guide's own question, numbered as the sheet's questions are (data_container "E.47"):
# "E.47    At what age do women typically have their first child?"
_GUIDE_QUESTION = re.compile(r"^[A-Z]{1,2}\.\d+(?:\.\d+)*\.?\s+[^?]*\?$")
# A transcriber's aside as a row of its own, wholly in brackets (mixed ones too, as typed):
# "[All participants have agreed]", "(One participant out of 10]."
_ASIDE = re.compile(r"^[\[(][^\[\]()]*[\])]\W*$")
# An activity table's heading copied into a quote row: a few words ending in its colon ("Two
# most important reasons for girls leaving education are:").
_TABLE_HEADING_WORDS = 10
# Words of a column that holds someone's coding of the answers, not answers.
_CODING_WORDS = frozenset({
    "code", "codes", "coding", "coded", "kode", "koder", "kodning", "kodet", "kod",
    "theme", "themes", "tema", "temaer", "teman", "category", "categories", "kategori",
    "kategorier", "label", "labels", "tag", "tags",
})  # fmt: skip


class TableImporter:
    name: ClassVar[str] = "table.v1"
    suffixes: ClassVar[tuple[str, ...]] = (".csv", ".tsv", ".xlsx", ".xlsm")

    def parse(self, path: Path, data: bytes, *, options: ImportOptions) -> list[ParsedDocument]:
        sheet = read_sheet(path, data, sheet=options.sheet, encoding=options.encoding)
        layout = options.layout
        if layout == "auto":
            gennovate = {"data_container", "transcript", _GENNOVATE_KIND} <= set(sheet.header)
            exported = not options.text_columns and _turn_columns(sheet.header) is not None
            layout = "turns" if options.speaker_column or gennovate or exported else "answers"
        if layout == "turns":
            return [_turns_document(path, data, sheet, options)]
        if layout == "answers":
            return _answer_documents(path, data, sheet, options)
        raise InputError(path, f"unknown layout {layout!r} (answers, turns or auto)")


def _answer_documents(
    path: Path, data: bytes, sheet: Sheet, options: ImportOptions
) -> list[ParsedDocument]:
    guessed = not options.text_columns
    text_columns = options.text_columns or answer_columns(path, sheet)
    require_columns(path, sheet, text_columns, option="--text-column")
    id_column = options.id_column or guess_id_column(sheet.header)
    if id_column is not None:
        require_columns(path, sheet, (id_column,), option="--id-column")
    file_hash = hashlib.sha256(data).hexdigest()
    documents: list[ParsedDocument] = []
    seen: set[str] = set()
    empty = 0
    for number, values in sheet.rows:
        key = values[id_column] if id_column else f"row {number}"
        check_answer_id(path, number, key, id_column, seen)
        document = answer_document(path, file_hash, number, values, text_columns, id_column)
        if document is not None:
            documents.append(replace(document, encoding=sheet.encoding))
        else:
            empty += 1
    if not documents:
        raise InputError(path, "no row has text in " + listing(text_columns))
    notes = list(sheet.notes)
    others = [h for h in sheet.header if h and h not in text_columns and h != id_column]
    if guessed and others:  # say which columns became answers and which attributes
        notes.append(
            f"answers read from column(s) {listing(text_columns)}; respondent attributes: "
            f"{listing(others)} (--text-column chooses the answer columns)"
        )
    if empty:
        notes.append(f"{empty} row(s) with no text in {listing(text_columns)} were not imported")
    documents[0] = replace(documents[0], notes=tuple(notes))
    return documents


def check_answer_id(
    path: Path, number: int, key: str, id_column: str | None, seen: set[str]
) -> None:
    """An answer's id is given and no other row's (``seen`` takes it): the one rule for
    ``indsigt import`` and ``indsigt batch``'s checking pass, which key documents alike."""
    if not key:
        raise InputError(path, f"row {number}: empty id in column {id_column!r}")
    if key in seen:
        raise InputError(path, f"row {number}: id {key!r} appears twice")
    seen.add(key)


def guess_id_column(header: tuple[str, ...]) -> str | None:
    """The column that looks like a respondent id ("id", "svar_id", "ResponseId", …)."""
    return next((h for h in header if h.lower().replace(" ", "_") in _ID_NAMES), None)


def answer_document(
    path: Path,
    file_hash: str,
    number: int,
    values: dict[str, str],
    text_columns: tuple[str, ...],
    id_column: str | None,
) -> ParsedDocument | None:
    """One respondent's row as a document (one turn per answered text column); None when
    every text column is empty. Keyed by the file's hash and the row's id."""
    key = values[id_column] if id_column else f"row {number}"
    builder = TextBuilder()
    for column in text_columns:
        answer = values.get(column, "").strip()
        if answer:
            builder.heading(column)
            builder.turn(key, answer, label="")
    if not builder.turns:
        return None
    attributes = {
        name: value
        for name, value in values.items()
        if name and name not in text_columns and name != id_column and value
    }
    return ParsedDocument(
        name=f"{path.name}#{key}",
        text=builder.text,
        turns=tuple(builder.turns),
        format=path.suffix.lower().lstrip("."),
        roles={key: "respondent"},
        sha256=hashlib.sha256(f"{file_hash}\0{key}".encode()).hexdigest(),
        attributes={key: attributes},
        metadata={"row": number, "source": path.name},
    )


def answer_columns(path: Path, sheet: Sheet) -> tuple[str, ...]:
    """The columns of ``sheet`` (all its rows, or a sample of them) that hold answers, as
    `indsigt import` and `indsigt batch` guess them when no --text-column is given."""
    found = _guess_text_columns(sheet)
    if not found:
        raise InputError(
            path,
            "no column looks like free-text answers; name them with --text-column (columns: "
            + listing(h for h in sheet.header if h)
            + ")",
        )
    return found


def _guess_text_columns(sheet: Sheet) -> tuple[str, ...]:
    """The columns that hold answers: mostly sentences (five words or more), different from
    row to row. Not one that names a coding of the answers ("human_codes", "Tema"), nor one
    whose text is the same in most rows or stands in one row of many (an instruction or a
    note about the sheet): those stay respondent attributes."""
    chosen = []
    several = len(sheet.rows) >= 2
    for name in sheet.header:
        filled = [v for v in (values.get(name, "") for _, values in sheet.rows) if v]
        if not filled or name.lower() in _ID_NAMES or _names_a_coding(name):
            continue
        if several and (len(filled) < 2 or len(set(filled)) < len(filled) / 2):
            continue
        wordy = sum(1 for v in filled if len(v.split()) >= 5)
        if wordy / len(filled) >= 0.5 and sum(map(len, filled)) / len(filled) >= 30:
            chosen.append(name)
    return tuple(chosen)


def _names_a_coding(column: str) -> bool:
    """ "human_codes", "Tema", "final categories" — not "Begrundelse for kategori" (an answer
    about one): a name of one or two words that ends in a coding word."""
    words = [word for word in re.split(r"[\W_]+", column.lower()) if word]
    return 0 < len(words) <= 2 and words[-1] in _CODING_WORDS


def _turn_columns(header: tuple[str, ...]) -> tuple[str, str] | None:
    """(speaker column, text column) of a transcript exported as a sheet, by their names
    ("Speaker" and "Text"), or None."""
    speaker = next((h for h in header if h.strip().lower() in _SPEAKER_COLUMNS), None)
    text = next((h for h in header if h.strip().lower() in _TURN_TEXT_COLUMNS), None)
    return (speaker, text) if speaker and text else None


def _turns_document(
    path: Path, data: bytes, sheet: Sheet, options: ImportOptions
) -> ParsedDocument:
    gennovate = _GENNOVATE_KIND in sheet.header and not options.speaker_column
    exported = None if gennovate or options.speaker_column else _turn_columns(sheet.header)
    if exported is not None:  # found by their names: say so, and what else the sheet holds
        speaker, text = exported
        options = replace(
            options, speaker_column=speaker, text_columns=options.text_columns or (text,)
        )
    text_column = (options.text_columns or ("transcript" if gennovate else "text",))[0]
    require_columns(path, sheet, (text_column,), option="--text-column")
    if options.speaker_column:
        require_columns(path, sheet, (options.speaker_column,), option="--speaker-column")
    builder = TextBuilder()
    roles: dict[str, SpeakerRole] = {}
    coded = gennovate and sheet_uses_codes(_gennovate_quotes(sheet, text_column))
    times = () if gennovate else _time_columns(sheet, (options.speaker_column, text_column))
    for _, values in sheet.rows:
        utterance = values.get(text_column, "").strip()
        if not utterance:
            continue
        if gennovate:
            roles.update(_gennovate_row(builder, values, utterance, coded=coded))
        else:
            speaker = values.get(options.speaker_column or "", "").strip() or "Speaker"
            start_ms, end_ms = _row_times(values, times)
            builder.turn(speaker, utterance, start_ms=start_ms, end_ms=end_ms)
    if not builder.turns:
        raise InputError(path, f"no row has text in column {text_column!r}")
    text = builder.text
    guessed = guess_roles(text, builder.turns)
    guessed.update(roles)
    return ParsedDocument(
        name=path.name,
        text=text,
        turns=tuple(builder.turns),
        format=path.suffix.lower().lstrip("."),
        roles=guessed,
        sha256=hashlib.sha256(data).hexdigest(),
        metadata={"layout": "gennovate" if gennovate else "turns"},
        encoding=sheet.encoding,
        notes=(
            *sheet.notes,
            *_turns_note(sheet, options, text_column, times, found=bool(exported)),
        ),
    )


# A column of lengths of time, not points in it ("Duration", "Varighed")
_LENGTH = re.compile(r"(?i)dur|varighed|varaktighet|varaktighed|længde|lengde|längd|length")


def _time_columns(sheet: Sheet, read: tuple[str | None, ...]) -> tuple[str, ...]:
    """The columns beside the speaker and the text that hold only times ("Start time", "End
    time" of a Teams or Otter export; "00:00:03 - 00:00:08" in one column): the turns' times."""
    return tuple(
        column
        for column in sheet.header
        if column not in read
        and not _LENGTH.search(column)
        and any(values.get(column, "").strip() for _, values in sheet.rows)
        and all(
            not values.get(column, "").strip() or clock_span(values[column])
            for _, values in sheet.rows
        )
    )


def _row_times(values: dict[str, str], times: tuple[str, ...]) -> tuple[int | None, int | None]:
    """A row's start and end: the first time column's time (or span), the second's start."""
    spans = [clock_span(values.get(column, "")) for column in times[:2]]
    start, end = spans[0] if spans and spans[0] else (None, None)
    if end is None and len(spans) == 2 and spans[1]:
        end = spans[1][0]
    return start, end


def _turns_note(
    sheet: Sheet, options: ImportOptions, text_column: str, times: tuple[str, ...], *, found: bool
) -> tuple[str, ...]:
    """Where the turns layout was chosen by the columns' names (``found``), which columns it
    read (the times of a Teams or Otter export too) and which it left."""
    if not found:
        return ()
    read = (options.speaker_column, text_column, *times[:2])
    left = [h for h in sheet.header if h and h not in read]
    return (
        f"read as a transcript, a turn per row: speaker column {options.speaker_column!r}, "
        f"text column {text_column!r}"
        + (f", times from {listing(times[:2])}" if times else "")
        + (f"; not read: {listing(left)}" if left else "")
        + " (--layout answers reads a row per respondent)",
    )


def _gennovate_row(
    builder: TextBuilder, values: dict[str, str], utterance: str, *, coded: bool
) -> dict[str, SpeakerRole]:
    """Add one row of a GENNOVATE sheet: the group's quote as the participants' turn, the
    transcriber's summary and the guide's headings and questions as a note (no one's speech,
    kept in the document); returns the role of the speaker it used."""
    kind = _gennovate_kind(values, utterance)
    section = values.get("data_container", "").strip()
    if section:
        builder.heading(f"[{section}]")
    if kind == "heading":  # "Focus Group: Activity E", "ROSTER", "Module 2.  …"
        builder.turn(_TRANSCRIBER, utterance, label="")
        return {_TRANSCRIBER: NOTE}
    if kind == "summary":
        builder.turn(_TRANSCRIBER, utterance)
        return {_TRANSCRIBER: NOTE}
    # A member's code ("R 7-6 I am …") is the turn's label; the speaker stays the group.
    split = split_code(utterance) if coded else None
    if split is not None and split.label is not None:
        builder.turn(_PARTICIPANTS, split.utterance, label=split.label)
    else:
        builder.turn(_PARTICIPANTS, utterance)
    return {_PARTICIPANTS: "respondent"}


def _gennovate_kind(values: dict[str, str], utterance: str) -> str:
    """``summary`` (the transcriber's, or their aside in brackets in a quote row), ``heading``
    (a row outside every question of the guide, the guide's own heading or numbered question
    copied into a row, or an activity table's heading ending in its colon) or ``quote``.
    A quote row without a question is still a quote when it says something ("Markets are too
    far …"): only a row with neither a kind nor a question is a heading by its place."""
    kind = values.get(_GENNOVATE_KIND, "").lower()
    if "summary" in kind or _ASIDE.match(utterance):
        return "summary"
    if utterance.endswith(":") and len(utterance.split()) <= _TABLE_HEADING_WORDS:
        return "heading"
    if not kind and not values.get("data_container", "").strip():
        return "heading"
    if _GUIDE_QUESTION.match(utterance):
        return "heading"
    if len(utterance.split()) <= 15 and _GUIDE_HEADING.search(utterance):
        return "heading"
    return "quote"


def _gennovate_quotes(sheet: Sheet, text_column: str) -> list[str]:
    """The participants' rows of a GENNOVATE sheet (not the transcriber's summaries, nor the
    guide's headings)."""
    return [
        utterance
        for _, values in sheet.rows
        if (utterance := values.get(text_column, "").strip())
        and _gennovate_kind(values, utterance) == "quote"
    ]
