"""A coding with its own span (a selection in the web app) exports as one PlainTextSelection of
exactly that span, also when it runs over several passages; whole-passage codings as before."""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from lxml import etree

import indsigt
from indsigt.interchange import import_qdpx
from indsigt.interchange.xmlutil import NS
from indsigt.store import schema

from .helpers import WHEN, add_coding, code_ids, make_study

N = {"q": NS}
TRANSCRIPT = (
    "I: Hvad betyder digitalisering for jer? 😀\n"
    "R1: Det betyder alt for os i Ærø Kommune. Vi er små, så vi må samarbejde.\n"
)


@pytest.fixture
def study(tmp_path: Path) -> Iterator[indsigt.Project]:
    project = make_study(
        tmp_path / "in", {"aeroe.txt": TRANSCRIPT}, codes=[("ledelse", "", ""), ("små", "", "")]
    )
    yield project
    project.close()


def _span_coding(project: indsigt.Project, phrase: str, code: str) -> None:
    doc = project.documents()[0]
    start = doc.text.index(phrase)
    anchor = next(p for p in project.passages(doc) if p.start <= start < p.end)
    with project.store.begin() as connection:
        connection.execute(
            schema.coding.insert().values(
                passage_id=anchor.id,
                code_id=code_ids(project)[code],
                coder="anna",
                score=None,
                status="accepted",
                evidence={},
                created_at=WHEN,
                start=start,
                end=start + len(phrase),
            )
        )


def _selections(path: Path) -> list[tuple[str, str]]:
    """(selected text of the source file, name) of every PlainTextSelection."""
    with zipfile.ZipFile(path) as archive:
        root = etree.fromstring(archive.read("project.qde"))
        source = root.find("q:Sources/q:TextSource", N)
        assert source is not None
        raw = archive.read(
            "sources/" + source.get("plainTextPath", "").removeprefix("internal://")
        ).decode("utf-8")
    return sorted(
        (raw[int(s.get("startPosition", "")) : int(s.get("endPosition", ""))], s.get("name", ""))
        for s in source.findall("q:PlainTextSelection", N)
    )


def test_span_codings_export_their_exact_span(study: indsigt.Project, tmp_path: Path) -> None:
    whole = next(p for p in study.passages() if p.text == "Vi er små, så vi må samarbejde.")
    add_coding(study, whole.id, "ledelse", "bo")
    _span_coding(study, "alt for os", "ledelse")  # part of a sentence (after an emoji line)
    _span_coding(study, "Ærø Kommune. Vi er små", "små")  # over two sentences: one selection
    report = study.export(tmp_path / "out.qdpx")
    assert report.codings == 3
    texts = [text for text, _ in _selections(tmp_path / "out.qdpx")]
    assert texts == sorted(
        ["Vi er små, så vi må samarbejde.", "alt for os", "Ærø Kommune. Vi er små"]
    )
    with study.store.connect() as connection:
        assert connection.scalar(sa.select(sa.func.count()).select_from(schema.coding)) == 3


def test_a_span_export_is_valid_and_imports_as_one_coding(
    study: indsigt.Project, tmp_path: Path, project_xsd: Path
) -> None:
    _span_coding(study, "Ærø Kommune. Vi er små", "små")
    report = study.export(tmp_path / "out.qdpx", schema=project_xsd)
    assert report.validated
    import_qdpx(tmp_path / "out.qdpx", tmp_path / "back.db", anonymisation_required=False)
    with indsigt.open_study(tmp_path / "back.db") as back:
        passages = {p.id: p.text for p in back.passages()}
        with back.store.connect() as connection:
            coded = connection.execute(sa.select(schema.coding.c.passage_id)).scalars().all()
    assert [passages[p] for p in coded] == ["Ærø Kommune. Vi er små"]
