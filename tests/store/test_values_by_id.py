"""`values_by_id`: one column of a table's rows by id, the read several stages shared."""

from __future__ import annotations

from pathlib import Path

import indsigt
from indsigt.store import schema
from indsigt.store.store import values_by_id


def test_a_column_by_row_id(study_path: Path) -> None:
    first = study_path.parent / "a.txt"
    second = study_path.parent / "b.txt"
    first.write_text("I: Hej?\nR: Hej med dig.\n", encoding="utf-8")
    second.write_text("I: Og så?\nR: Det ved jeg ikke.\n", encoding="utf-8")
    with indsigt.init_study(study_path) as study:
        study.import_files([first, second])
        documents = {Path(doc.name).stem: doc for doc in study.documents()}
        a, b = documents["a"], documents["b"]
        with study.store.connect() as connection:
            assert values_by_id(connection, schema.document.c.text, [b.id, a.id]) == {
                a.id: a.text,
                b.id: b.text,
            }
            assert values_by_id(connection, schema.document.c.name, [a.id, 999]) == {a.id: a.name}
            assert values_by_id(connection, schema.document.c.text, []) == {}
