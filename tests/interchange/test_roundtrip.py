"""Round trip: export → import gives the same documents, codes, codings (passage spans per code
per coder, with status and score), respondent attributes and notes, for generated studies."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import indsigt
from indsigt.interchange import import_qdpx, schema_errors
from indsigt.store import schema

from .helpers import (
    add_coding,
    add_note,
    codes,
    codings,
    make_study,
    respondents_by_document,
)

CODERS = ["anna", "bo", "keyword.v1", "similarity.v2"]
CODE_POOL = [
    "ledelse",
    "ledelse/mobilisering",
    "ledelse/mobilisering/kultur",
    "drivere",
    "drivere/ai",
]
LETTERS = "abdefgiklmnorstuvæøåé"

word = st.one_of(
    st.text(alphabet=LETTERS, min_size=1, max_size=7),
    st.sampled_from(["😀", "🇩🇰", "Ærø", "2.", "bl.a.", "kl."]),
)
sentence = st.builds(
    lambda first, rest, end: " ".join([first.capitalize(), *rest]) + end,
    st.text(alphabet=LETTERS, min_size=1, max_size=7),
    st.lists(word, max_size=5),
    st.sampled_from([".", "?", "!", "…"]),
)
turn = st.tuples(st.sampled_from(["I", "R1", "R2"]), st.lists(sentence, min_size=1, max_size=3))
transcript = st.lists(turn, min_size=1, max_size=4).map(
    lambda turns: "".join(f"{label}: {' '.join(sentences)}\n" for label, sentences in turns)
)
free_text = st.text(alphabet=LETTERS + " ÆØÅ\n😀/-.,", max_size=25)


@st.composite
def studies(draw: st.DrawFn) -> dict[str, Any]:
    paths = set(draw(st.lists(st.sampled_from(CODE_POOL), max_size=5)))
    paths |= {p.rsplit("/", 1)[0] for p in paths if "/" in p}
    paths |= {p.rsplit("/", 1)[0] for p in paths if "/" in p}
    return {
        "transcripts": draw(st.lists(transcript, min_size=1, max_size=3)),
        "codes": [
            (path, draw(st.sampled_from(["", "#A1B2C3", "#fff"])), draw(free_text))
            for path in sorted(paths)
        ],
        "codings": draw(
            st.lists(
                st.tuples(
                    st.integers(0, 10_000),  # passage, modulo the number of passages
                    st.integers(0, 10_000),  # code, modulo the number of codes
                    st.sampled_from(CODERS),
                    st.sampled_from(["suggested", "accepted", "rejected"]),
                    st.one_of(st.none(), st.floats(0, 1)),
                ),
                max_size=12,
            )
        ),
        "attributes": draw(
            st.lists(st.dictionaries(st.sampled_from(["level", "role", "sector"]), free_text))
        ),
        "notes": draw(
            st.lists(
                st.tuples(free_text, free_text, st.sampled_from(CODERS), st.integers(0, 2)),
                max_size=3,
            )
        ),
        "line_endings": draw(st.sampled_from(["lf", "crlf"])),
    }


def build(folder: Path, spec: dict[str, Any]) -> indsigt.Project:
    project = make_study(
        folder,
        {f"d{i}.txt": text for i, text in enumerate(spec["transcripts"])},
        name="runde",
        codes=spec["codes"],
    )
    respondents = project.respondents()
    with project.store.begin() as connection:
        for respondent, attributes in zip(respondents, spec["attributes"], strict=False):
            connection.execute(
                schema.respondent.update()
                .where(schema.respondent.c.id == respondent.id)
                .values(attributes=attributes)
            )
    passages = project.passages()
    seen = set()
    for p, c, coder, status, score in spec["codings"]:
        if not spec["codes"]:
            break
        passage, code = passages[p % len(passages)], spec["codes"][c % len(spec["codes"])][0]
        if (passage.id, code, coder) not in seen:
            seen.add((passage.id, code, coder))
            add_coding(project, passage.id, code, coder, status=status, score=score)
    for title, text, author, where in spec["notes"]:
        if where == 1:
            add_note(project, title, text, author=author, document_id=passages[0].document_id)
        elif where == 2 and spec["codes"]:
            add_note(project, title, text, author=author, code_path=spec["codes"][0][0])
        else:
            add_note(project, title, text, author=author)
    with project.store.begin() as connection:  # exports know documents by neutral names only
        for number, doc in enumerate(project.documents(), start=1):
            connection.execute(
                schema.document.update()
                .where(schema.document.c.id == doc.id)
                .values(name=f"Interview {number}")
            )
    return project


def notes(project: indsigt.Project) -> list[tuple[Any, ...]]:
    n, d, k = schema.note, schema.document, schema.code
    with project.store.connect() as connection:
        rows = connection.execute(
            sa.select(n.c.title, n.c.text, n.c.author, d.c.name, k.c.path)
            .outerjoin(d, n.c.document_id == d.c.id)
            .outerjoin(k, n.c.code_id == k.c.id)
            .order_by(n.c.id)
        ).all()
    return [tuple(row) for row in rows]


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(spec=studies())
@pytest.mark.slow  # generated studies, each exported and imported again
def test_export_then_import_keeps_the_study(project_xsd: Path, spec: dict[str, Any]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        original = build(base / "in", spec)
        with original:
            report = original.export(
                base / "study.qdpx",
                line_endings=spec["line_endings"],
                schema=project_xsd,
            )
            assert report.validated
            import_qdpx(base / "study.qdpx", base / "copy.db", anonymisation_required=False)
            with indsigt.open_study(base / "copy.db") as copy:
                assert copy.study.name == "runde"
                assert {d.name: d.text for d in copy.documents()} == {
                    d.name: d.text for d in original.documents()
                }
                assert codes(copy) == codes(original)
                assert codings(copy) == codings(original)
                assert [(r.pseudonym, r.attributes) for r in copy.respondents()] == [
                    (r.pseudonym, {k: v for k, v in r.attributes.items() if k != "role"})
                    for r in original.respondents()
                ]  # an identifying attribute (role) is never exported
                assert respondents_by_document(copy) == respondents_by_document(original)
                assert notes(copy) == notes(original)
                # And once more: the copy exports to an equally valid file.
                copy.export(base / "again.qdpx", schema=project_xsd)


def test_the_schema_rejects_a_foreign_document(project_xsd: Path) -> None:
    assert schema_errors(b"<x/>", project_xsd) == [
        "line 1: Element 'x': No matching global declaration available for the validation root."
    ]
