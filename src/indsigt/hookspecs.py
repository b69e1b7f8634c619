"""The plugin hooks, one per component family. Built-in components register through these
same hooks (``builtins.py``); a plugin's component overrides a built-in of the same name
(``plugins.components``). A plugin is a module or object with functions marked
``@hookimpl``, announced by the entry point group ``indsigt``:

    [project.entry-points.indsigt]
    example = "indsigt_example"

Every hook takes no argument and returns classes (never instances): each family's protocol
says how an instance is built (``Coder.from_settings``, ``Operator.from_policy``, the theme
components' ``from_options``; importers, segmenters, detectors, report writers and exporters
with no arguments; embedders with the keyword options ``get_embedder`` is given).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pluggy

if TYPE_CHECKING:
    import click

    from indsigt.anonymise.base import Detector
    from indsigt.anonymise.operators import Operator
    from indsigt.coding.base import Coder
    from indsigt.embed.base import Embedder
    from indsigt.ingest.base import Importer
    from indsigt.interchange.exporters import StudyExporter
    from indsigt.report.formats import ReportWriter
    from indsigt.segment.base import Segmenter
    from indsigt.themes.base import Clusterer, Labeller, PhraseLabeller, Reducer, Vectoriser

hookspec = pluggy.HookspecMarker("indsigt")
hookimpl = pluggy.HookimplMarker("indsigt")


@hookspec
def indsigt_importers() -> list[type[Importer]]:  # type: ignore[empty-body]
    """Importer classes (``indsigt.ingest.base.Importer``), chosen by file suffix: a plugin's
    importer overrides a built-in for the same suffix."""


@hookspec
def indsigt_segmenters() -> dict[str, type[Segmenter]]:  # type: ignore[empty-body]
    """``{passage unit: segmenter class}`` (``indsigt.segment.base.Segmenter``), e.g.
    ``{"sentence": SentenceSegmenter}``."""


@hookspec
def indsigt_detectors() -> dict[str, type[Detector]]:  # type: ignore[empty-body]
    """``{versioned name: detector class}`` (``indsigt.anonymise.base.Detector``), built with
    no arguments and run by ``indsigt anonymise`` besides the study's known participants and
    the tagger. A detector with ``propagates = True`` seeds name propagation with the full
    person names it finds."""


@hookspec
def indsigt_operators() -> dict[str, type[Operator]]:  # type: ignore[empty-body]
    """``{policy action: operator class}`` (``indsigt.anonymise.operators.Operator``), e.g.
    ``{"redact": Redact}``; a policy naming the action gets the operator."""


@hookspec
def indsigt_embedders() -> dict[str, type[Embedder]]:  # type: ignore[empty-body]
    """``{name: embedder class}`` (``indsigt.embed.base.Embedder``), e.g. ``{"e5": ...}``."""


@hookspec
def indsigt_coders() -> dict[str, type[Coder]]:  # type: ignore[empty-body]
    """``{versioned name: coder class}`` (``indsigt.coding.base.Coder``), e.g.
    ``{"keyword.v1": KeywordCoder}``; each class builds itself from the run's
    ``CoderSettings`` (``Coder.from_settings``)."""


@hookspec
def indsigt_vectorisers() -> dict[str, type[Vectoriser]]:  # type: ignore[empty-body]
    """Theme discovery: ``{versioned name: vectoriser class}`` (``indsigt.themes.base``)."""


@hookspec
def indsigt_reducers() -> dict[str, type[Reducer]]:  # type: ignore[empty-body]
    """Theme discovery: ``{versioned name: reducer class}``."""


@hookspec
def indsigt_clusterers() -> dict[str, type[Clusterer]]:  # type: ignore[empty-body]
    """Theme discovery: ``{versioned name: clusterer class}``."""


@hookspec
def indsigt_labellers() -> dict[str, type[Labeller]]:  # type: ignore[empty-body]
    """Theme discovery: ``{versioned name: term labeller class}``."""


@hookspec
def indsigt_phrase_labellers() -> dict[str, type[PhraseLabeller]]:  # type: ignore[empty-body]
    """Theme discovery: ``{versioned name: phrase labeller class}``."""


@hookspec
def indsigt_report_formats() -> dict[str, type[ReportWriter]]:  # type: ignore[empty-body]
    """``{format: report writer class}`` (``indsigt.report.formats.ReportWriter``): what
    ``indsigt report --format`` writes, e.g. ``{"md": MarkdownWriter}``."""


@hookspec
def indsigt_exporters() -> dict[str, type[StudyExporter]]:  # type: ignore[empty-body]
    """``{format: study exporter class}`` (``indsigt.interchange.exporters.StudyExporter``):
    what ``indsigt export --format`` writes, e.g. ``{"qdpx": QdpxExporter}``."""


@hookspec
def indsigt_commands() -> list[click.Command]:  # type: ignore[empty-body]
    """Commands added to the ``indsigt`` command line; a name a built-in command has is
    refused."""
