"""The white paper: one report context built from the store (``context.py``), rendered as HTML
(Jinja2), PDF (WeasyPrint), DOCX (python-docx) and Markdown, in Danish, English, Norwegian or
Swedish, with every
claim linked to the passages it rests on."""

from indsigt.report.build import (
    FORMATS,
    ReportResult,
    parse_formats,
    study_report,
    write_report,
)
from indsigt.report.context import build_context
from indsigt.report.model import Report

__all__ = [
    "FORMATS",
    "Report",
    "ReportResult",
    "build_context",
    "parse_formats",
    "study_report",
    "write_report",
]
