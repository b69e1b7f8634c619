"""Word documents (python-docx): paragraphs in order, bold speaker labels, speaker | text tables
(with columns of times beside them, as transcription services write them)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any, ClassVar

from indsigt.errors import InputError
from indsigt.ingest import docxtext
from indsigt.ingest.base import ImportOptions, ParsedDocument
from indsigt.ingest.wordproc import Transcript
from indsigt.ingest.zipguard import check_zip_bytes


def open_docx(path: Path, data: bytes) -> Any:
    """A Word file opened by python-docx, its archive checked first (``zipguard``): the one
    opening of a .docx, so that the transcript importer and the guide reader refuse the same
    files with the same messages."""
    import docx

    check_zip_bytes(path, data, what="Word .docx file")
    try:
        return docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise InputError(path, f"not a readable Word .docx file ({exc})") from exc
    except Exception as exc:  # python-docx raises assorted lxml/opc errors on damage
        raise InputError(path, f"damaged Word .docx file ({type(exc).__name__}: {exc})") from exc


class DocxImporter:
    name: ClassVar[str] = "docx.v1"
    suffixes: ClassVar[tuple[str, ...]] = (".docx",)

    def parse(self, path: Path, data: bytes, *, options: ImportOptions) -> list[ParsedDocument]:
        from docx.text.paragraph import Paragraph

        document = open_docx(path, data)
        read = Transcript()
        try:
            for block in docxtext.blocks(document.element.body):
                if block.tag == f"{docxtext.W}tbl":
                    read.table(docxtext.rows(block))
                    continue
                runs = ((run.text, bool(run.bold)) for run in Paragraph(block, document).runs)
                read.paragraph(docxtext.text(block), runs)
        except Exception as exc:  # python-docx reads attributes lazily (and finds damage late)
            raise InputError(
                path, f"damaged Word .docx file ({type(exc).__name__}: {exc})"
            ) from exc
        return [read.document(path, data, fmt="docx")]
