"""Helpers for the REFI-QDA tests: small studies with codes, codings and notes written straight
into the store (the coding stage is built elsewhere), and hand-built .qdpx archives.

No sample .qdpx/.qde files from real QDA tools are available here, so the import tests use
archives built by hand from the QDA-XML 1.0 standard (Project.xsd and its documentation)."""

from __future__ import annotations

import os
import zipfile
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa

import indsigt
from indsigt.store import schema

WHEN = datetime(2026, 1, 14, 9, 30, tzinfo=UTC)
REPO = Path(__file__).resolve().parents[2]
# The REFI-QDA schemas live outside the repository (see ../shared/refi-qda/SOURCE.md).
REFI_QDA = Path(os.environ.get("INDSIGT_REFI_QDA", REPO.parent / "shared" / "refi-qda"))


def make_study(
    folder: Path,
    transcripts: dict[str, str],
    *,
    name: str = "test",
    attributes: dict[str, dict[str, str]] | None = None,
    codes: Sequence[tuple[str, str, str]] = (),
    anonymisation_required: bool = False,
) -> indsigt.Project:
    """A study from ``transcripts`` (file name → "Label: text" lines) through the ingest
    pipeline; ``attributes`` by respondent key; ``codes`` as (path, colour, definition)."""
    folder.mkdir(parents=True, exist_ok=True)
    files = []
    for file_name, text in transcripts.items():
        path = folder / file_name
        path.write_text(text, encoding="utf-8")
        files.append(path)
    project = indsigt.init_study(
        folder / f"{name}.db", name=name, anonymisation_required=anonymisation_required
    )
    project.import_files(files)
    with project.store.begin() as connection:
        for key, values in (attributes or {}).items():
            connection.execute(
                schema.respondent.update()
                .where(schema.respondent.c.key == key)
                .values(attributes=values)
            )
        for path, color, definition in codes:
            add_code(connection, project, path, color=color, definition=definition)
    return project


def add_code(
    connection: sa.Connection,
    project: indsigt.Project,
    path: str,
    *,
    color: str = "",
    definition: str = "",
) -> int:
    parent = connection.scalar(
        sa.select(schema.code.c.id).where(
            schema.code.c.study_id == project.study.id,
            schema.code.c.path == path.rsplit("/", 1)[0],
        )
    )
    key = connection.execute(
        schema.code.insert().values(
            study_id=project.study.id,
            parent_id=parent if "/" in path else None,
            path=path,
            labels={},
            definition=definition,
            include_rule="",
            exclude_rule="",
            keywords=[],
            examples=[],
            color=color,
        )
    ).inserted_primary_key
    assert key is not None
    return int(key[0])


def code_ids(project: indsigt.Project) -> dict[str, int]:
    with project.store.connect() as connection:
        rows = connection.execute(
            sa.select(schema.code.c.path, schema.code.c.id).where(
                schema.code.c.study_id == project.study.id
            )
        ).all()
    return {path: code_id for path, code_id in rows}


def add_coding(
    project: indsigt.Project,
    passage_id: int,
    code_path: str,
    coder: str,
    *,
    status: str = "accepted",
    score: float | None = None,
) -> None:
    with project.store.begin() as connection:
        connection.execute(
            schema.coding.insert().values(
                passage_id=passage_id,
                code_id=code_ids(project)[code_path],
                coder=coder,
                score=score,
                status=status,
                evidence={},
                created_at=WHEN,
            )
        )


def add_note(
    project: indsigt.Project,
    title: str,
    text: str,
    *,
    author: str = "anna",
    document_id: int | None = None,
    code_path: str | None = None,
) -> None:
    code_id = code_ids(project)[code_path] if code_path else None
    with project.store.begin() as connection:
        connection.execute(
            schema.note.insert().values(
                study_id=project.study.id,
                document_id=document_id,
                code_id=code_id,
                author=author,
                title=title,
                text=text,
                created_at=WHEN,
            )
        )


def codings(project: indsigt.Project) -> set[tuple[Any, ...]]:
    """Every coding as (document name, start, end, passage text, code path, coder, status,
    score): what a round trip must keep."""
    c, p, d, k = schema.coding, schema.passage, schema.document, schema.code
    with project.store.connect() as connection:
        rows = connection.execute(
            sa.select(d.c.name, p.c.start, p.c.end, p.c.text, k.c.path, c.c.coder, c.c.status)
            .add_columns(c.c.score)
            .join(p, c.c.passage_id == p.c.id)
            .join(d, p.c.document_id == d.c.id)
            .join(k, c.c.code_id == k.c.id)
            .where(d.c.study_id == project.study.id)
        ).all()
    return {tuple(row) for row in rows}


def codes(project: indsigt.Project) -> set[tuple[str, str, str, str | None]]:
    """Every code as (path, colour, definition, parent path)."""
    k = schema.code
    parent = k.alias("parent")
    with project.store.connect() as connection:
        rows = connection.execute(
            sa.select(k.c.path, k.c.color, k.c.definition, parent.c.path)
            .outerjoin(parent, k.c.parent_id == parent.c.id)
            .where(k.c.study_id == project.study.id)
        ).all()
    return {tuple(row) for row in rows}  # type: ignore[misc]


def respondents_by_document(project: indsigt.Project) -> dict[str, set[str]]:
    """Document name → pseudonyms of the respondents who speak in it."""
    s, d, r = schema.speaker, schema.document, schema.respondent
    with project.store.connect() as connection:
        rows = connection.execute(
            sa.select(d.c.name, r.c.pseudonym)
            .join(s, s.c.document_id == d.c.id)
            .join(r, s.c.respondent_id == r.c.id)
            .where(d.c.study_id == project.study.id)
        ).all()
    found: dict[str, set[str]] = {}
    for name, pseudonym in rows:
        found.setdefault(name, set()).add(pseudonym)
    return found


def qdpx(path: Path, project_qde: str | bytes, files: dict[str, str | bytes] | None = None) -> Path:
    """Write a hand-built .qdpx: ``project.qde`` plus ``files`` (archive name → content)."""
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(
            "project.qde",
            project_qde.encode("utf-8") if isinstance(project_qde, str) else project_qde,
        )
        for member, content in (files or {}).items():
            archive.writestr(
                member, content.encode("utf-8") if isinstance(content, str) else content
            )
    return path


def leftovers(folder: Path) -> list[str]:
    """Files an aborted import might leave beside its target."""
    return sorted(p.name for p in folder.iterdir() if ".db" in p.name)
