"""The built-in components, registered like any plugin."""

from __future__ import annotations

from typing import Any

from indsigt.hookspecs import hookimpl


@hookimpl
def indsigt_importers() -> list[Any]:
    from indsigt.ingest.docxfile import DocxImporter
    from indsigt.ingest.pdffile import PdfImporter
    from indsigt.ingest.subtitles import SrtImporter, VttImporter
    from indsigt.ingest.tables import TableImporter
    from indsigt.ingest.textfile import TextImporter

    return [TextImporter, DocxImporter, PdfImporter, VttImporter, SrtImporter, TableImporter]


@hookimpl
def indsigt_segmenters() -> dict[str, Any]:
    from indsigt.segment import UNITS

    return dict(UNITS)


@hookimpl
def indsigt_coders() -> dict[str, Any]:
    from indsigt.coding import BUILTIN_CODERS

    return dict(BUILTIN_CODERS)


@hookimpl
def indsigt_embedders() -> dict[str, Any]:
    from indsigt.embed.e5 import E5Embedder
    from indsigt.embed.tfidf import TfidfEmbedder

    return {E5Embedder.name: E5Embedder, TfidfEmbedder.name: TfidfEmbedder}
