"""Memos (issue 21) through a REFI-QDA export and import: on a document, a code and a
passage (a passage memo travels as a selection of the passage with a NoteRef, no coding)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import sqlalchemy as sa
from lxml import etree

import indsigt
from indsigt.interchange import import_qdpx
from indsigt.memos import add_memo
from indsigt.store import schema

from .helpers import code_ids, make_study
from .test_export import TRANSCRIPT, N


def test_memos_round_trip(tmp_path: Path, project_xsd: Path) -> None:
    project = make_study(tmp_path / "in", {"aeroe.txt": TRANSCRIPT}, codes=[("ledelse", "", "")])
    try:
        passages = {p.text: p for p in project.passages()}
        target = passages["Vi er små, så vi må samarbejde."]
        s = project.study.id
        add_memo(
            project.store, s, "Om hele interviewet.", author="anna", document_id=target.document_id
        )
        add_memo(project.store, s, "Om koden.", author="bo", code_id=code_ids(project)["ledelse"])
        add_memo(
            project.store, s, '<b>Samarbejde</b> "nødvendigt".', author="anna", passage_id=target.id
        )
        report = project.export(tmp_path / "out.qdpx", schema=project_xsd)
    finally:
        project.close()
    assert report.validated and report.notes == 3 and report.codings == 0
    with zipfile.ZipFile(tmp_path / "out.qdpx") as archive:
        root = etree.fromstring(archive.read("project.qde"))
    (selection,) = root.iterfind("q:Sources/q:TextSource/q:PlainTextSelection", N)
    assert selection.find("q:Coding", N) is None and selection.find("q:NoteRef", N) is not None

    imported = import_qdpx(tmp_path / "out.qdpx", tmp_path / "new.db", schema=project_xsd)
    assert imported.notes == 3
    with indsigt.open_study(tmp_path / "new.db") as again:
        n, p, k = schema.note, schema.passage, schema.code
        with again.store.connect() as connection:
            rows = connection.execute(
                sa.select(n.c.text, n.c.author, n.c.document_id, p.c.text, k.c.path)
                .outerjoin(p, n.c.passage_id == p.c.id)
                .outerjoin(k, n.c.code_id == k.c.id)
                .order_by(n.c.id)
            ).all()
        (doc,) = again.documents()
    assert [tuple(row) for row in rows] == [
        ("Om hele interviewet.", "anna", doc.id, None, None),
        ("Om koden.", "bo", None, None, "ledelse"),
        (
            '<b>Samarbejde</b> "nødvendigt".',
            "anna",
            doc.id,
            "Vi er små, så vi må samarbejde.",
            None,
        ),
    ]
