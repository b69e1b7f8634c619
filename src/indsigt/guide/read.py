"""A guide file's text as lines, its layout kept where the structure lives in it.

Plain text and Markdown are decoded as transcripts are (``ingest.encoding``). Word and
OpenDocument files keep what the transcript importer drops because a transcript does not need
it: heading styles (written as ``# …``) and list paragraphs (``- …``, numbered ones ``1. …``,
indented by level). RTF is read as its text (lists as their printed numbers and bullets).
PDFs are read with pypdf's layout mode, which keeps the indentation of sub-questions and
probes (the plain mode the transcript importer uses can put every word on its own line)."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from pathlib import Path
from typing import Any

from indsigt.errors import InputError
from indsigt.ingest.docxfile import open_docx
from indsigt.ingest.encoding import decode
from indsigt.ingest.odtfile import odt_outline
from indsigt.ingest.pdffile import _PAGE_NUMBER, pdf_pages
from indsigt.ingest.rtffile import rtf_text

SUFFIXES = (".txt", ".md", ".text", ".docx", ".odt", ".rtf", ".pdf")
_INNER_BLANKS = re.compile(r"(?<=\S)[ \t]{2,}")


def read_guide_text(path: str | Path) -> tuple[str, str]:
    """``(text, sha256)`` of a guide file; InputError names the file and the problem."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise InputError(
            path,
            f"unsupported guide file type {suffix or '(no suffix)'!r}; "
            "use .txt, .md, .docx, .odt, .rtf or .pdf",
        )
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(path, f"cannot read the file ({exc.strerror or exc})") from exc
    if not data.strip():
        raise InputError(path, "the file is empty")
    if suffix == ".docx":
        text = _docx_text(path, data)
    elif suffix == ".odt":
        text = odt_outline(path, data)
    elif suffix == ".rtf":
        # a paragraph a line, and a blank line between (a heading is a paragraph of its own)
        text = rtf_text(path, data).replace("|", " ").replace("\n", "\n\n")
    elif suffix == ".pdf":
        text = _pdf_text(path, data)
    else:
        text, _ = decode(data, path)
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    return text, hashlib.sha256(data).hexdigest()


def _docx_text(path: Path, data: bytes) -> str:
    document = open_docx(path, data)
    lines: list[str] = []
    counters: dict[int, int] = {}
    for paragraph in document.paragraphs:
        text = paragraph.text.strip()
        style = (paragraph.style.name if paragraph.style is not None else "") or ""
        lowered = style.lower()
        if not text:
            lines.append("")
            continue
        if lowered.startswith(("heading", "title", "overskrift", "rubrik")):
            lines.extend(["", f"# {text}"])
            counters.clear()
            continue
        level = _list_level(paragraph)
        if "list" in lowered or level is not None:
            depth = level or 0
            indent = "    " * depth
            if "number" in lowered:
                counters[depth] = counters.get(depth, 0) + 1
                for deeper in [d for d in counters if d > depth]:
                    del counters[deeper]
                lines.append(f"{indent}{counters[depth]}. {text}")
            else:
                lines.append(f"{indent}- {text}")
            continue
        lines.append(text)
    return "\n".join(lines)


def _list_level(paragraph: Any) -> int | None:
    """The list level of a paragraph with direct numbering (``w:numPr/w:ilvl``), else None."""
    properties = paragraph._p.pPr
    if properties is None or properties.numPr is None:
        return None
    ilvl = properties.numPr.ilvl
    return int(ilvl.val) if ilvl is not None and ilvl.val is not None else 0


def _pdf_text(path: Path, data: bytes) -> str:
    pages = pdf_pages(path, data, layout=True)
    lines: list[str] = []
    for page in pages:
        page = _PAGE_NUMBER.sub("", page)
        lines.extend(_INNER_BLANKS.sub(" ", line.rstrip()) for line in page.split("\n"))
    text = "\n".join(lines)
    if not text.strip():
        raise InputError(
            path, f"no text layer ({len(pages)} page(s)): a scanned PDF? Run OCR on it first"
        )
    return text
