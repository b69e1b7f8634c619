"""The study facade: open a study, then call one function per stage. It holds no algorithm;
each method delegates to the stage module that does the work."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from indsigt import queries
from indsigt.errors import IndsigtError, StoreError
from indsigt.ingest.base import ImportOptions
from indsigt.ingest.pipeline import ImportReport, import_files
from indsigt.progress import Progress, no_progress
from indsigt.records import Document, Passage, Respondent, Speaker, Study, Turn
from indsigt.store import Store, schema
from indsigt.store.store import insert_returning_id, now

if TYPE_CHECKING:
    from indsigt.interchange import ExportReport
    from indsigt.interchange.positions import LineEndings


class Project:
    """An open study: its store and the study record."""

    def __init__(self, store: Store, study: Study) -> None:
        self.store = store
        self.study = study

    # -- ingest -----------------------------------------------------------------------------
    def import_files(
        self,
        paths: Sequence[str | Path],
        *,
        respondents: str | Path | None = None,
        unit: str = "sentence",
        language: str | None = None,
        options: ImportOptions | None = None,
        progress: Progress = no_progress,
    ) -> ImportReport:
        return import_files(
            self.store,
            self.study.id,
            paths,
            respondents=respondents,
            unit=unit,
            language=language,
            options=options,
            progress=progress,
        )

    # -- interchange ------------------------------------------------------------------------
    def export(
        self,
        output: str | Path,
        *,
        format: str = "qdpx",
        line_endings: LineEndings = "lf",
        schema: str | Path | None = None,
    ) -> ExportReport:
        """Export the study (REFI-QDA ``.qdpx``); see :mod:`indsigt.interchange`."""
        from indsigt.interchange import export_study

        return export_study(
            self.store,
            self.study,
            output,
            format=format,
            line_endings=line_endings,
            schema=schema,
        )

    # -- reading ----------------------------------------------------------------------------
    def documents(self) -> list[Document]:
        return queries.documents(self.store, self.study.id)

    def document(self, ref: str | int) -> Document:
        return queries.document(self.store, self.study.id, ref)

    def respondents(self) -> list[Respondent]:
        return queries.respondents(self.store, self.study.id)

    def speakers(self, doc: Document) -> list[Speaker]:
        return queries.speakers(self.store, doc.id)

    def turns(self, doc: Document) -> list[Turn]:
        return queries.turns(self.store, doc.id)

    def passages(self, doc: Document | None = None) -> list[Passage]:
        return queries.passages(self.store, self.study.id, doc.id if doc else None)

    def compare(
        self,
        *,
        by: str = "level",
        unit: str = "respondents",
        k: int = 3,
        suppress: bool = False,
        statuses: Sequence[str] = ("accepted", "suggested"),
        coders: Sequence[str] = (),
    ) -> dict[str, Any]:
        """Segment table, co-occurrence and saturation as one JSON-ready dict."""
        from dataclasses import asdict

        from indsigt.analyse import cooccurrence, saturation, segment_table

        table = segment_table(
            self.store,
            self.study.id,
            by=by,
            unit=unit,
            k=k,
            suppress=suppress,
            statuses=statuses,
            coders=coders,
        )
        pairs = cooccurrence(
            self.store,
            self.study.id,
            unit=unit,
            statuses=statuses,
            coders=coders,
        )
        return {
            "table": asdict(table),
            "cooccurrence": [{"a": a, "b": b, "n": n} for a, b, n in pairs],
            "saturation": saturation(self.store, self.study.id, statuses=statuses, coders=coders),
        }

    def statistics(self, *, by: str = "level") -> dict[str, Any]:
        from indsigt.stats import study_statistics

        return study_statistics(self, by=by)

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Project:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def init_study(
    location: str | Path,
    *,
    name: str | None = None,
    language: str = "da",
    description: str = "",
    anonymisation_required: bool = True,
) -> Project:
    """Create a new study: an SQLite file (default) or an empty PostgreSQL database."""
    store = Store.create(location)
    study_name = name or (Path(str(location)).stem if "://" not in str(location) else "study")
    with store.begin() as connection:
        study_id = insert_returning_id(
            connection,
            schema.study.insert().values(
                name=study_name,
                language=language,
                description=description,
                segment_attributes=["level"],
                anonymisation_required=anonymisation_required,
                created_at=now(),
            ),
        )
        store.log(
            connection,
            "study.created",
            entity="study",
            entity_id=study_id,
            payload={"name": study_name, "language": language},
        )
    return Project(store, queries.study(store, name=study_name))


def open_study(location: str | Path, *, name: str | None = None) -> Project:
    """Open an existing study (SQLite path or PostgreSQL URL)."""
    store = Store.open(location)
    try:
        return Project(store, queries.study(store, name=name))
    except IndsigtError:
        store.close()
        raise
    except sa.exc.SQLAlchemyError as exc:  # pragma: no cover - defensive
        store.close()
        raise StoreError(f"{location}: cannot read the study ({exc})") from exc
