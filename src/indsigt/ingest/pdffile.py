"""PDF transcripts with a text layer (pypdf). Scanned PDFs get a clear error."""

from __future__ import annotations

import io
import logging
import re
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, ClassVar

from indsigt.errors import InputError, listing
from indsigt.ingest.base import ImportOptions, ParsedDocument
from indsigt.ingest.textfile import document_from_text

_PAGE_NUMBER = re.compile(
    r"^[ \t]*(?:-\s*)?\d{1,4}(?:\s*-)?(?:\s*/\s*\d{1,4})?[ \t]*$", re.MULTILINE
)

_BLANKS = re.compile(r"[ \t]+")
# Characters of text a PDF may yield in all. pypdf inflates one stream to at most 75 MB;
# this bounds a PDF of many such pages (a compression bomb spread over pages).
MAX_TEXT_CHARS = 64 * 1024 * 1024


def pdf_pages(path: Path, data: bytes, *, layout: bool = False) -> list[str]:
    """Each page's text layer (pypdf's layout mode with ``layout``, else its plain mode): the
    one reading of a PDF, so that the transcript importer and the guide reader refuse the same
    files (encrypted, damaged, a text layer over ``MAX_TEXT_CHARS``) with the same messages."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        with _quiet_pypdf():
            reader = PdfReader(io.BytesIO(data))
            # An owner password only restricts editing; such files open with the empty password.
            if reader.is_encrypted and not reader.decrypt(""):
                raise InputError(path, "the PDF is encrypted; save an unprotected copy first")
            return _page_texts(path, reader, "layout" if layout else "plain")
    except InputError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError) as exc:
        raise InputError(path, f"not a readable PDF ({exc})") from exc
    except Exception as exc:  # pypdf raises assorted errors on damage (unknown filters, …)
        raise InputError(path, f"damaged PDF ({type(exc).__name__}: {exc})") from exc


@contextmanager
def _quiet_pypdf() -> Iterator[None]:
    """pypdf logs what it repairs or cannot read ("EOF marker not found") as bare lines on
    stderr, naming no file; a damaged file is refused with its name instead, and a repaired
    one is read."""
    logger = logging.getLogger("pypdf")
    level = logger.level
    logger.setLevel(logging.ERROR + 1)
    try:
        yield
    finally:
        logger.setLevel(level)


def _page_texts(path: Path, reader: Any, mode: str) -> list[str]:
    pages: list[str] = []
    total = 0
    for number, page in enumerate(reader.pages, start=1):
        text = page.extract_text(extraction_mode=mode) or ""
        total += len(text)
        if total > MAX_TEXT_CHARS:
            raise InputError(
                path,
                f"page {number}: the text layer exceeds {MAX_TEXT_CHARS // (1024 * 1024)} million "
                "characters (a compression bomb?)",
            )
        pages.append(text)
    return pages


class PdfImporter:
    name: ClassVar[str] = "pdf.v1"
    suffixes: ClassVar[tuple[str, ...]] = (".pdf",)

    def parse(self, path: Path, data: bytes, *, options: ImportOptions) -> list[ParsedDocument]:
        pages = pdf_pages(path, data)
        text = "\n".join(_PAGE_NUMBER.sub("", page).strip("\n") for page in pages)
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        # pypdf separates words by tabs where a PDF places each word itself: one space instead,
        # so that passages and quotes read (and search) like the page.
        text = "\n".join(_BLANKS.sub(" ", line).strip(" ") for line in text.split("\n"))
        text = unicodedata.normalize("NFC", text)
        if len(text.strip()) < 20 * max(1, len(pages)) // 4 or not text.strip():
            raise InputError(
                path,
                f"no text layer ({len(pages)} page(s), {len(text.strip())} characters): "
                "a scanned PDF? Run OCR on it first (e.g. ocrmypdf) and import the result",
            )
        blank = [number for number, page in enumerate(pages, start=1) if not page.strip()]
        notes = (
            (
                f"{len(blank)} of {len(pages)} page(s) have no text layer (page "
                f"{listing(blank, quote=False)}): scanned? Their text is not imported",
            )
            if blank
            else ()
        )
        return [
            document_from_text(
                path, data, text, fmt="pdf", metadata={"pages": len(pages)}, notes=notes
            )
        ]
