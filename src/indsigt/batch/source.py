"""The sheet of a batch job: checked once before anything is written, then read again in
partitions of consecutive rows."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path

from indsigt.batch.ledger import JobOptions
from indsigt.errors import InputError
from indsigt.ingest.language import guess_language
from indsigt.ingest.respondents import read_respondents
from indsigt.ingest.sheets import Sheet, require_columns
from indsigt.ingest.stream import open_sheet
from indsigt.ingest.tables import answer_columns, answer_document, check_answer_id

Rows = list[tuple[int, dict[str, str]]]


def partitions(path: Path, options: JobOptions) -> Iterator[tuple[int, Rows, int]]:
    """(number, rows, rows read so far) for consecutive blocks of ``partition_size`` rows."""
    with open_sheet(path, sheet=options.sheet) as stream:
        block: Rows = []
        number = read = 0
        for row in stream:
            block.append(row)
            read += 1
            if len(block) == options.partition_size:
                yield number, block, read
                block, number = [], number + 1
        if block:
            yield number, block, read


GUESS_ROWS = 2000  # rows read to guess a sheet's answer columns


def guess_answer_columns(path: Path, *, sheet: str | None = None) -> tuple[str, ...]:
    """The answer columns of a sheet named by no --text-column: guessed as `indsigt import`
    guesses them, from its first rows."""
    with open_sheet(path, sheet=sheet) as stream:
        sample = Sheet(stream.header, tuple(itertools.islice(stream, GUESS_ROWS)))
    return answer_columns(path, sample)


def scan(
    path: Path, options: JobOptions, file_hash: str, attributes: dict[str, dict[str, str]]
) -> tuple[int, set[str]]:
    """Read the sheet once before anything is written: the columns exist, every id is there
    and unique. Returns the number of rows and, when the keyword coder needs them and no
    --language is given, the answers' languages (``indsigt code`` matches keywords in the
    languages of the study's documents)."""
    seen: set[str] = set()
    rows = 0
    languages: set[str] = set()
    guess = "keyword.v1" in options.coders and not options.language
    with open_sheet(path, sheet=options.sheet) as stream:
        header_only = Sheet(stream.header, ())
        require_columns(path, header_only, options.text_columns, option="--text-column")
        if options.id_column:
            require_columns(path, header_only, (options.id_column,), option="--id-column")
        for number, values in stream:
            rows += 1
            if guess:
                doc = answer_document(
                    path, file_hash, number, values, options.text_columns, options.id_column
                )
                if doc is not None:
                    extra = attributes.get(next(iter(doc.roles)), {})
                    languages.add(extra.get("language") or guess_language(doc.text))
            if options.id_column is None:
                continue
            check_answer_id(path, number, values[options.id_column], options.id_column, seen)
    if not rows:
        raise InputError(path, "the sheet has a header but no rows")
    return rows, languages


def respondent_attributes(sheet: str | None) -> dict[str, dict[str, str]]:
    """``--respondents``: attributes by answer id (the sheet's ``speaker`` column)."""
    if not sheet:
        return {}
    entries = read_respondents(Path(sheet))
    named = next((entry for entry in entries if entry.name), None)
    if named is not None:
        raise InputError(
            sheet,
            f"row {named.row}: a batch job takes attributes only, no real names (the 'name' "
            "column); remove that column",
        )
    return {entry.speaker: dict(entry.attributes) for entry in entries}
