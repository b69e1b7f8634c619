"""Codebooks: YAML, CSV and REFI-QDA (``.qdc``) files, the bundled default codebook, and the
study's codebook in the store.

Formats are chosen by suffix (``.yaml``/``.yml``, ``.csv``/``.tsv``, ``.qdc``) or by name.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from indsigt.codebook.csvfile import read_csv, to_csv
from indsigt.codebook.edit import (
    CodebookEditError,
    MergePlan,
    add_code,
    delete_code,
    merge_codes,
    move_code,
    plan_merge,
    step_code,
    update_code,
)
from indsigt.codebook.errors import CodebookError
from indsigt.codebook.model import Codebook, code_texts, describe, label
from indsigt.codebook.qdc import read_qdc, to_qdc
from indsigt.codebook.repository import CodebookImport, load_codebook, save_codebook
from indsigt.codebook.tree import Node, code_tree
from indsigt.codebook.yamlfile import read_yaml, to_yaml
from indsigt.interchange.validation import validate_project

FORMATS = ("yaml", "csv", "qdc")
DEFAULT_NAME = "digital_transformation"

__all__ = [
    "FORMATS",
    "Codebook",
    "CodebookEditError",
    "CodebookError",
    "CodebookImport",
    "MergePlan",
    "Node",
    "add_code",
    "code_texts",
    "code_tree",
    "default_codebook",
    "default_codebook_path",
    "delete_code",
    "describe",
    "format_of",
    "label",
    "load_codebook",
    "merge_codes",
    "move_code",
    "plan_merge",
    "read_codebook",
    "save_codebook",
    "step_code",
    "update_code",
    "write_codebook",
]


def format_of(path: str | Path, format: str | None = None) -> str:
    if format:
        if format not in FORMATS:
            raise CodebookError(
                path, f"unknown codebook format {format!r} (use {', '.join(FORMATS)})"
            )
        return format
    suffix = Path(path).suffix.lower()
    found = {".yaml": "yaml", ".yml": "yaml", ".csv": "csv", ".tsv": "csv", ".qdc": "qdc"}.get(
        suffix
    )
    if found is None:
        raise CodebookError(path, "unknown codebook suffix (use .yaml, .csv or .qdc, or a format)")
    return found


def read_codebook(
    path: str | Path, *, format: str | None = None, schema: str | Path | None = None
) -> Codebook:
    """Read a codebook file (``schema``: validate a ``.qdc`` against Codebook.xsd first)."""
    path = Path(path)
    kind = format_of(path, format)
    if not path.is_file():
        raise CodebookError(path, "no such file")
    if kind == "yaml":
        return read_yaml(path)
    if kind == "csv":
        return read_csv(path)
    return read_qdc(path, schema=schema)


def write_codebook(
    codebook: Codebook,
    path: str | Path,
    *,
    format: str | None = None,
    language: str = "da",
    schema: str | Path | None = None,
) -> Path:
    """Write a codebook file; a ``.qdc`` is validated against ``schema`` before it is written."""
    path = Path(path)
    kind = format_of(path, format)
    if kind == "yaml":
        data = to_yaml(codebook).encode("utf-8")
    elif kind == "csv":
        data = to_csv(codebook).encode("utf-8")
    else:
        data = to_qdc(codebook, language=language)
        if schema is not None:
            validate_project(data, schema, label=str(path))
    path.write_bytes(data)
    return path


def default_codebook_path() -> Path:
    return Path(str(resources.files("indsigt.codebook") / "data" / f"{DEFAULT_NAME}.yaml"))


def default_codebook() -> Codebook:
    """The bundled codebook for studies of digital transformation (Danish and English)."""
    return read_yaml(default_codebook_path())
