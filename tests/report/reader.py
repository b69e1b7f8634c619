"""Reading the outputs as a reader would: PDF pages as images and text, DOCX paragraphs."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import docx
from PIL import Image


def pdf_pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    line = next(line for line in info.stdout.splitlines() if line.startswith("Pages:"))
    return int(line.split()[1])


def pdf_text(pdf: Path) -> str:
    done = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, check=True)
    return done.stdout.decode("utf-8")


def page_images(pdf: Path, folder: Path, *, dpi: int = 30) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    subprocess.run(["pdftoppm", "-png", "-r", str(dpi), str(pdf), str(folder / "page")], check=True)
    return sorted(folder.glob("page-*.png"))


def ink(image: Path) -> float:
    """Share of pixels that are not (nearly) white."""
    with Image.open(image) as opened:
        grey = opened.convert("L")
        histogram = grey.histogram()
    total = sum(histogram)
    return sum(histogram[:245]) / total


def docx_document(path: Path) -> Any:
    return docx.Document(str(path))


def docx_text(path: Path) -> str:
    document = docx_document(path)
    parts = [p.text for p in document.paragraphs]
    parts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    for section in document.sections:
        parts += [p.text for p in section.header.paragraphs + section.footer.paragraphs]
    return "\n".join(parts)
