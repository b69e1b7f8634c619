"""Report formats: a writer per format (``indsigt report --format``), built-ins and plugins
(hook ``indsigt_report_formats``; a plugin's writer overrides a built-in of the same format).
Every writer gets the one context (``model.Report``) the others get; HTML is rendered once
and shared by the writers that need it (``html``, ``pdf``)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import ClassVar, Protocol

from indsigt.report.model import Report


class ReportWriter(Protocol):
    """Writes ``report`` to ``target`` (``report.<name>``). ``html()`` is the report rendered
    as HTML (with the study's template); ``template`` that template's path, if any."""

    name: ClassVar[str]

    def write(
        self,
        report: Report,
        target: Path,
        *,
        html: Callable[[], str],
        template: str | Path | None,
    ) -> None: ...


class HtmlWriter:
    name: ClassVar[str] = "html"

    def write(
        self, report: Report, target: Path, *, html: Callable[[], str], template: str | Path | None
    ) -> None:
        target.write_text(html(), encoding="utf-8")


class PdfWriter:
    """WeasyPrint on the HTML (extra ``report``)."""

    name: ClassVar[str] = "pdf"

    def write(
        self, report: Report, target: Path, *, html: Callable[[], str], template: str | Path | None
    ) -> None:
        from indsigt.report.pdf import write_pdf

        write_pdf(html(), target, base_url=template)


class DocxWriter:
    name: ClassVar[str] = "docx"

    def write(
        self, report: Report, target: Path, *, html: Callable[[], str], template: str | Path | None
    ) -> None:
        from indsigt.report.docx import write_docx

        write_docx(report, target)


class MarkdownWriter:
    name: ClassVar[str] = "md"

    def write(
        self, report: Report, target: Path, *, html: Callable[[], str], template: str | Path | None
    ) -> None:
        from indsigt.report.markdown import write_markdown

        write_markdown(report, target)


BUILTIN_WRITERS: tuple[type[ReportWriter], ...] = (
    HtmlWriter,
    PdfWriter,
    DocxWriter,
    MarkdownWriter,
)


def report_writers() -> dict[str, type[ReportWriter]]:
    """Report writers by format, built-ins and plugins."""
    from indsigt.plugins import components

    found: dict[str, type[ReportWriter]] = components("report_formats")
    return found
