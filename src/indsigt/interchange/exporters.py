"""Study exporters (``indsigt export --format``): a class per format, built-ins and plugins
(hook ``indsigt_exporters``; a plugin's exporter overrides a built-in of the same format)."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar, Protocol

from indsigt import queries
from indsigt.errors import IndsigtError
from indsigt.interchange.positions import LineEndings
from indsigt.interchange.qdpx_export import ExportReport, export_qdpx
from indsigt.records import Study
from indsigt.store import Store

FORMATS = ("qdpx",)  # the built-in formats (plugins may add more)


class StudyExporter(Protocol):
    """Writes a study to ``output``; refuses (``IndsigtError``) what it cannot export."""

    name: ClassVar[str]

    def export(
        self,
        store: Store,
        study: Study,
        output: Path,
        *,
        line_endings: LineEndings,
        schema: str | Path | None,
    ) -> ExportReport: ...


class QdpxExporter:
    """REFI-QDA's ``.qdpx`` (``qdpx_export.export_qdpx``)."""

    name: ClassVar[str] = "qdpx"

    def export(
        self,
        store: Store,
        study: Study,
        output: Path,
        *,
        line_endings: LineEndings,
        schema: str | Path | None,
    ) -> ExportReport:
        return export_qdpx(store, study, output, line_endings=line_endings, schema=schema)


def exporters() -> dict[str, type[StudyExporter]]:
    """Study exporters by format, built-ins and plugins."""
    from indsigt.plugins import components

    found: dict[str, type[StudyExporter]] = components("exporters")
    return found


def export_study(
    store: Store,
    study_id: int,
    output: str | Path,
    *,
    format: str = "qdpx",
    line_endings: LineEndings = "lf",
    schema: str | Path | None = None,
) -> ExportReport:
    """Export the study to ``output`` in ``format`` (built-in: ``qdpx``; or a plugin's
    :class:`StudyExporter`, which is given the study record)."""
    known = exporters()
    if format not in known:
        raise IndsigtError(f"unknown export format {format!r}; choose one of {', '.join(known)}")
    exporter = known[format]()
    study = queries.study(store, study_id=study_id)
    return exporter.export(store, study, Path(output), line_endings=line_endings, schema=schema)
