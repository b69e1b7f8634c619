"""The built-in components, registered like any plugin (a plugin's component of the same
name overrides one of these: ``plugins.components``). Imports are inside the hooks, so that
looking up one family does not import every stage."""

from __future__ import annotations

from typing import TYPE_CHECKING

from indsigt.hookspecs import hookimpl

if TYPE_CHECKING:
    from indsigt.anonymise.base import Detector
    from indsigt.anonymise.operators import Operator
    from indsigt.coding.base import Coder
    from indsigt.embed.base import Embedder
    from indsigt.ingest.base import Importer
    from indsigt.interchange.exporters import StudyExporter
    from indsigt.report.formats import ReportWriter
    from indsigt.segment.base import Segmenter
    from indsigt.themes.base import Clusterer, Labeller, PhraseLabeller, Reducer, Vectoriser


@hookimpl
def indsigt_importers() -> list[type[Importer]]:
    from indsigt.ingest.docxfile import DocxImporter
    from indsigt.ingest.htmlfile import HtmlImporter
    from indsigt.ingest.jsonfile import JsonImporter
    from indsigt.ingest.odtfile import OdtImporter
    from indsigt.ingest.pdffile import PdfImporter
    from indsigt.ingest.rtffile import RtfImporter
    from indsigt.ingest.subtitles import SrtImporter, VttImporter
    from indsigt.ingest.tables import TableImporter
    from indsigt.ingest.textfile import TextImporter

    return [
        TextImporter,
        DocxImporter,
        OdtImporter,
        RtfImporter,
        HtmlImporter,
        PdfImporter,
        VttImporter,
        SrtImporter,
        JsonImporter,
        TableImporter,
    ]


@hookimpl
def indsigt_segmenters() -> dict[str, type[Segmenter]]:
    from indsigt.segment import UNITS

    return dict(UNITS)


@hookimpl
def indsigt_detectors() -> dict[str, type[Detector]]:
    from indsigt.anonymise.detectors import BUILTIN_DETECTORS

    return {cls.name: cls for cls in BUILTIN_DETECTORS}


@hookimpl
def indsigt_operators() -> dict[str, type[Operator]]:
    from indsigt.anonymise.operators import BUILTIN_OPERATORS

    return dict(BUILTIN_OPERATORS)


@hookimpl
def indsigt_embedders() -> dict[str, type[Embedder]]:
    from indsigt.embed.e5 import E5Embedder
    from indsigt.embed.tfidf import TfidfEmbedder

    return {E5Embedder.name: E5Embedder, TfidfEmbedder.name: TfidfEmbedder}


@hookimpl
def indsigt_coders() -> dict[str, type[Coder]]:
    from indsigt.coding import BUILTIN_CODERS

    return dict(BUILTIN_CODERS)


@hookimpl
def indsigt_vectorisers() -> dict[str, type[Vectoriser]]:
    from indsigt.themes.components import TfidfVectoriser

    return {TfidfVectoriser.name: TfidfVectoriser}


@hookimpl
def indsigt_reducers() -> dict[str, type[Reducer]]:
    from indsigt.themes.components import SvdReducer, UmapReducer

    return {SvdReducer.name: SvdReducer, UmapReducer.name: UmapReducer}


@hookimpl
def indsigt_clusterers() -> dict[str, type[Clusterer]]:
    from indsigt.themes.components import KMeansClusterer

    return {KMeansClusterer.name: KMeansClusterer}


@hookimpl
def indsigt_labellers() -> dict[str, type[Labeller]]:
    from indsigt.themes.components import CTfidfLabeller

    return {CTfidfLabeller.name: CTfidfLabeller}


@hookimpl
def indsigt_phrase_labellers() -> dict[str, type[PhraseLabeller]]:
    from indsigt.themes.phrase import CentralStatementLabeller

    return {CentralStatementLabeller.name: CentralStatementLabeller}


@hookimpl
def indsigt_report_formats() -> dict[str, type[ReportWriter]]:
    from indsigt.report.formats import BUILTIN_WRITERS

    return {cls.name: cls for cls in BUILTIN_WRITERS}


@hookimpl
def indsigt_exporters() -> dict[str, type[StudyExporter]]:
    from indsigt.interchange.exporters import QdpxExporter

    return {QdpxExporter.name: QdpxExporter}
