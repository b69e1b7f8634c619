"""Validation of ``project.qde`` against the REFI-QDA schema (Project.xsd).

indsigt does not ship the schema: pass the path of ``Project.xsd`` from the REFI-QDA standard
(QDA-XML 1.0). Export validates before it writes anything; import validates before it reads.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from lxml import etree

from indsigt.errors import IndsigtError, InputError
from indsigt.interchange.xmlutil import parser


class SchemaInvalid(IndsigtError):
    """A ``project.qde`` does not conform to Project.xsd."""


def schema_errors(data: bytes, schema: str | Path) -> list[str]:
    """The schema violations of a QDA-XML document, as "line N: message" ("" list if valid)."""
    xsd = _load(str(Path(schema).resolve()))
    try:
        document = etree.fromstring(data, parser())
    except etree.XMLSyntaxError as exc:
        return [f"not well-formed XML ({exc})"]
    if xsd.validate(document):
        return []
    return [f"line {error.line}: {error.message}" for error in xsd.error_log]


def validate_project(data: bytes, schema: str | Path, *, label: str) -> None:
    """Raise :class:`SchemaInvalid` naming ``label`` and the first problems."""
    errors = schema_errors(data, schema)
    if errors:
        shown = "; ".join(errors[:5]) + (f"; and {len(errors) - 5} more" if len(errors) > 5 else "")
        raise SchemaInvalid(f"{label}: does not conform to {Path(schema).name}: {shown}")


@lru_cache(maxsize=4)
def _load(path: str) -> etree.XMLSchema:
    try:
        return etree.XMLSchema(etree.parse(path, parser()))
    except OSError as exc:
        raise InputError(path, "cannot read the schema (give the path of Project.xsd)") from exc
    except (etree.XMLSyntaxError, etree.XMLSchemaParseError) as exc:
        raise InputError(path, f"not a usable XML schema ({exc})") from exc
