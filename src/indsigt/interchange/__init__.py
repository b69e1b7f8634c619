"""REFI-QDA interchange: studies to and from NVivo, ATLAS.ti, MAXQDA, QualCoder and other QDA
tools, as ``.qdpx`` projects (QDA-XML 1.0).

| module | job |
|---|---|
| ``exporters`` | ``export_study``: the exporter of a format (built-in ``qdpx``, or a plugin's) |
| ``qdpx_export``, ``codetree`` | study → ``.qdpx`` (``export_qdpx``) |
| ``qdpx_import`` | ``.qdpx`` → a new study (``import_qdpx``) |
| ``positions`` | the character-position rule (REFI positions ↔ indsigt offsets) |
| ``passages`` | how coded selections become passages on import |
| ``names`` | stable GUIDs, coders as users, coding status in selection descriptions |
| ``model``, ``qde_write``, ``qde_read`` | the project as dataclasses, written and read as XML |
| ``archive``, ``plan``, ``writer``, ``repository`` | the zip, the import plan, store access |
| ``validation`` | validation against Project.xsd (path given by the caller) |
"""

from __future__ import annotations

from indsigt.interchange.exporters import StudyExporter, export_study
from indsigt.interchange.qdpx_export import ExportReport, export_qdpx
from indsigt.interchange.qdpx_import import QdpxImportReport, import_qdpx
from indsigt.interchange.validation import SchemaInvalid, schema_errors, validate_project

__all__ = [
    "ExportReport",
    "QdpxImportReport",
    "SchemaInvalid",
    "StudyExporter",
    "export_qdpx",
    "export_study",
    "import_qdpx",
    "schema_errors",
    "validate_project",
]
