"""Building the framework matrix (Ritchie & Spencer's framework method; NVivo's framework
matrices): for every row (respondent or document) and column (code, stored emergent theme or
guide question), the
row's most representative excerpts in that column — the units most similar both to the
column's own content (code definition and examples, or the question and its probes) and to
the cell's other units — with their passage references. Anonymised text only."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TypedDict, Unpack

import numpy as np
import sqlalchemy as sa

from indsigt import queries
from indsigt.embed import CachedEmbedder, get_embedder
from indsigt.errors import IndsigtError
from indsigt.guard import require_anonymised
from indsigt.guide.study import load_guide, turn_questions
from indsigt.matrix.model import (
    Columns,
    Excerpt,
    Matrix,
    MatrixCell,
    MatrixColumn,
    MatrixUnit,
    Rows,
    UnitName,
)
from indsigt.matrix.units import respondent_units
from indsigt.matrix.write import write_matrix
from indsigt.progress import Progress, no_progress
from indsigt.stagecall import forwards
from indsigt.store import Store, schema

ROWS = ("respondent", "document")
COLUMNS = ("code", "theme", "question")


def build_matrix(
    store: Store,
    study_id: int,
    *,
    rows: Rows = "respondent",
    columns: Columns = "code",
    unit: UnitName = "passage",
    per_cell: int = 2,
    embedder: str = "e5",
    only_coder: str | None = None,
    progress: Progress = no_progress,
) -> Matrix:
    """The matrix of the study. ``only_coder``: codings by that coder only (blind coding)."""
    if rows not in ROWS:
        raise IndsigtError(f"unknown rows {rows!r}; use {' or '.join(ROWS)}")
    if columns not in COLUMNS:
        raise IndsigtError(f"unknown columns {columns!r}; use {', '.join(COLUMNS)}")
    if per_cell < 1:
        raise IndsigtError("--per-cell must be at least 1")
    require_anonymised(store, study_id, stage="the framework matrix")
    language = _language(store, study_id)
    units = respondent_units(store, study_id, unit=unit)
    if columns == "code":
        matrix_columns, member_of = _code_columns(store, study_id, language, only_coder)
    elif columns == "theme":
        matrix_columns, member_of = _theme_columns(store, study_id, language)
    else:
        matrix_columns, member_of = _question_columns(store, study_id)
    position = {column.key: n for n, column in enumerate(matrix_columns)}
    in_cell: dict[tuple[str, str], list[MatrixUnit]] = defaultdict(list)
    for item in units:
        row = item.respondent if rows == "respondent" else item.document
        # In column order, never the set's own: that changes with PYTHONHASHSEED, and with it
        # the cells' order, the texts embedded together and so the excerpts chosen.
        for key in sorted(member_of(item), key=lambda k: (position.get(k, len(position)), k)):
            in_cell[(row, key)].append(item)
    row_names = list(
        dict.fromkeys(u.respondent if rows == "respondent" else u.document for u in units)
    )
    model = CachedEmbedder(get_embedder(embedder), store, progress=progress)
    needed = list(dict.fromkeys(u.text for members in in_cell.values() for u in members))
    descriptions = [c.description or c.label for c in matrix_columns]
    vectors = model.embed(needed + descriptions) if needed else np.zeros((0, 1), np.float32)
    by_text = {text: vectors[i] for i, text in enumerate(needed)}
    column_vector = (
        {c.key: vectors[len(needed) + i] for i, c in enumerate(matrix_columns)} if needed else {}
    )
    cells: dict[tuple[str, str], MatrixCell] = {}
    for (row, key), members in in_cell.items():
        members = list({u.passage_ids: u for u in members}.values())
        matrix = np.vstack([by_text[u.text] for u in members])
        centroid = matrix.mean(axis=0)
        norm = float(np.linalg.norm(centroid)) or 1.0
        score = 0.5 * (matrix @ column_vector[key]) + 0.5 * (matrix @ (centroid / norm))
        order = np.argsort(-score, kind="stable")[:per_cell]
        chosen = sorted(order, key=lambda i: members[i].passage_ids)  # in interview order
        cells[(row, key)] = MatrixCell(
            row=row,
            column=key,
            excerpts=tuple(
                Excerpt(
                    text=members[i].text,
                    ref=members[i].ref,
                    passage_ids=members[i].passage_ids,
                    score=round(float(score[i]), 4),
                )
                for i in chosen
            ),
            units=len(members),
        )
    if rows == "respondent":
        row_names = sorted(row_names, key=_natural)
    return Matrix(
        rows_by=rows,
        columns_by=columns,
        unit=unit,
        rows=tuple(row_names),
        columns=tuple(matrix_columns),
        cells=cells,
    )


class MatrixOptions(TypedDict, total=False):
    """What :func:`study_matrix` passes on to :func:`build_matrix` (the defaults are there)."""

    rows: Rows
    columns: Columns
    unit: UnitName
    per_cell: int
    embedder: str
    progress: Progress


def study_matrix(
    store: Store,
    study_id: int,
    *,
    output: str | Path | None = None,
    **options: Unpack[MatrixOptions],
) -> Matrix:
    """The framework matrix by :func:`build_matrix`, written to ``output`` if given (the format
    from its suffix, see :func:`~indsigt.matrix.write.write_matrix`)."""
    matrix = build_matrix(store, study_id, **options)
    if output is not None:
        write_matrix(matrix, output)
    return matrix


forwards(study_matrix, build_matrix, MatrixOptions)


def _natural(text: str) -> tuple[object, ...]:
    return tuple(int(p) if p.isdigit() else p.lower() for p in re.split(r"(\d+)", text))


def _language(store: Store, study_id: int) -> str:
    with store.connect() as connection:
        found = connection.scalar(
            sa.select(schema.study.c.language).where(schema.study.c.id == study_id)
        )
    return str(found or "da")


Membership = Callable[[MatrixUnit], set[str]]


def _code_columns(
    store: Store, study_id: int, language: str, only_coder: str | None
) -> tuple[list[MatrixColumn], Membership]:
    with store.connect() as connection:
        codes = [
            queries.code_from_row(row)
            for row in connection.execute(
                sa.select(schema.code)
                .where(schema.code.c.study_id == study_id)
                .order_by(schema.code.c.path)
            )
        ]
        query = (
            sa.select(schema.coding.c.passage_id, schema.code.c.path)
            .join(schema.code, schema.coding.c.code_id == schema.code.c.id)
            .where(schema.code.c.study_id == study_id, schema.coding.c.status != "rejected")
        )
        if only_coder is not None:
            query = query.where(schema.coding.c.coder == only_coder)
        coded: dict[int, set[str]] = defaultdict(set)
        for passage_id, path in connection.execute(query):
            # A code's column holds its sub-codes' codings too (as `indsigt codings --code`).
            parts = path.split("/")
            coded[passage_id].update("/".join(parts[: n + 1]) for n in range(len(parts)))
    if not codes:
        raise IndsigtError(
            "the study has no codebook; "
            "run `indsigt codebook STUDY import FILE` (or `--default`) first"
        )
    columns = [
        MatrixColumn(
            key=code.path,
            label=code.labels.get(language) or next(iter(code.labels.values()), code.path),
            group=code.path.split("/")[0],
            description=" ".join(
                part
                for part in (code.labels.get(language, ""), code.definition, *code.examples)
                if part
            ),
        )
        for code in codes
    ]
    return columns, _by_passage(coded)


def _by_passage(columns_of: Mapping[int, set[str]]) -> Membership:
    """A unit is in the columns of any of its passages."""

    def member_of(item: MatrixUnit) -> set[str]:
        found: set[str] = set()
        for passage_id in item.passage_ids:
            found |= columns_of.get(passage_id, set())
        return found

    return member_of


def _theme_columns(
    store: Store, study_id: int, language: str
) -> tuple[list[MatrixColumn], Membership]:
    """The latest stored whole-study run of `indsigt themes` (merged themes left out): a
    column per theme, keyed ``T<number>``, one group."""
    from indsigt.themes.stored import latest_themes

    themes = latest_themes(store, study_id)
    if not themes:
        raise IndsigtError("the study stores no themes; run `indsigt themes STUDY` first")
    group = "Temaer" if language in ("da", "nb", "no", "nn", "sv") else "Themes"
    columns = [
        MatrixColumn(
            key=f"T{theme.number}",
            label=f"{theme.number}. {theme.label}",
            group=group,
            description=" ".join([theme.label, *theme.terms]),
        )
        for theme in themes
    ]
    theme_of: dict[int, set[str]] = defaultdict(set)
    for theme in themes:
        for passage_id in theme.passage_ids:
            theme_of[passage_id].add(f"T{theme.number}")
    return columns, _by_passage(theme_of)


def _question_columns(store: Store, study_id: int) -> tuple[list[MatrixColumn], Membership]:
    guide = load_guide(store, study_id)
    if guide is None:
        raise IndsigtError(
            "the study has no interview guide; run `indsigt guide STUDY import FILE` "
            "and `indsigt guide STUDY align` first"
        )
    labels: dict[int, str | None] = {}
    for doc in queries.documents(store, study_id):
        labels.update(turn_questions(doc.metadata))
    if not labels:
        raise IndsigtError(
            "the interviews are not aligned to the guide; run `indsigt guide STUDY align`"
        )
    columns = [
        MatrixColumn(
            key=q.label,
            label=f"{q.label} {q.text}",
            group=q.section or "Guide",
            description=" ".join([q.text, *q.probes]),
        )
        for q in guide.questions
    ]

    def member_of(item: MatrixUnit) -> set[str]:
        label = labels.get(item.turn_id)
        return {label} if label else set()

    return columns, member_of
