"""Reliability between two coders (people or components) in a study — what the web app's
reliability page and the report's method section both show. The unit is the passage.

Units: every passage of the documents that both coders have coded (at least one coding each,
any status). A coder applied a code to a passage when they have a coding of it; for a component
that includes suggestions a person later rejected, because the row records what the component
decided, while its status records the review. Codes: those either coder applied in these units.
"Overall" pools every passage × code decision of those codes.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

import sqlalchemy as sa

from indsigt.analyse.agreement import Agreement, Table, agreement, tables_by_code
from indsigt.codebook.model import label
from indsigt.codebook.repository import load_codebook
from indsigt.store import Store, schema
from indsigt.store.speech import study_codings


def N_(message: str) -> str:
    """Marks ``message`` for the web app's catalogue (extracted by ``scripts/catalogues.sh``);
    the library keeps it in English and the web app translates it."""
    return message


UNIT_NOTE = N_(
    "Unit: passage. Compared over every passage of the documents both coders coded; a coder "
    "applied a code to a passage when they have a coding of it (a component's rejected "
    "suggestions included). Overall pools every passage × code decision."
)


def _decisions(store: Store, study_id: int, coder: str) -> set[tuple[int, int, int]]:
    """(document, passage, code) of every coding by ``coder``."""
    c, p = schema.coding, schema.passage
    with store.connect() as connection:
        rows = connection.execute(
            study_codings(study_id, p.c.document_id, c.c.passage_id, c.c.code_id).where(
                c.c.coder == coder
            )
        )
        return {(int(doc), int(passage), int(code)) for doc, passage, code in rows.all()}


def _figures(result: Agreement) -> dict[str, Any]:
    return {**asdict(result.table), "decisions": result.table.units, **_without_table(result)}


def _without_table(result: Agreement) -> dict[str, Any]:
    data = asdict(result)
    data.pop("table")
    return data


def compare(
    store: Store, study_id: int, language: str, coder_a: str, coder_b: str
) -> dict[str, Any]:
    """Per-code and overall agreement between two coders, with the unit stated."""
    a_rows, b_rows = _decisions(store, study_id, coder_a), _decisions(store, study_id, coder_b)
    documents = {row[0] for row in a_rows} & {row[0] for row in b_rows}
    p = schema.passage
    units: list[int] = []
    if documents:
        with store.connect() as connection:
            units = list(
                connection.scalars(sa.select(p.c.id).where(p.c.document_id.in_(sorted(documents))))
            )
    a = {(passage, code) for doc, passage, code in a_rows if doc in documents}
    b = {(passage, code) for doc, passage, code in b_rows if doc in documents}
    codes = load_codebook(store, study_id).by_id()
    used = sorted({code for _, code in a | b} & codes.keys(), key=lambda i: codes[i].path)
    tables = tables_by_code(units, used, a, b)
    overall = sum(tables.values(), Table())
    return {
        "a": coder_a,
        "b": coder_b,
        "unit": "passage",
        "unit_note": UNIT_NOTE,
        "documents": len(documents),
        "units": len(units),
        "overall": _figures(agreement(overall)),
        "codes": [
            {
                "id": code_id,
                "path": codes[code_id].path,
                "label": label(codes[code_id], language),
                **_figures(agreement(tables[code_id])),
            }
            for code_id in used
        ],
    }
