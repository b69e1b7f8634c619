"""indsigt — a local-first engine for interview-based studies."""

from __future__ import annotations

from indsigt.errors import ImportFailed, IndsigtError, InputError, StoreError
from indsigt.ingest.base import ImportOptions
from indsigt.ingest.pipeline import ImportReport
from indsigt.project import Project, init_study, open_study
from indsigt.records import (
    Code,
    Coding,
    Document,
    Event,
    Finding,
    Passage,
    Respondent,
    Speaker,
    Study,
    Turn,
)
from indsigt.version import __version__

__all__ = [
    "Code",
    "Coding",
    "Document",
    "Event",
    "Finding",
    "ImportFailed",
    "ImportOptions",
    "ImportReport",
    "IndsigtError",
    "InputError",
    "Passage",
    "Project",
    "Respondent",
    "Speaker",
    "StoreError",
    "Study",
    "Turn",
    "__version__",
    "init_study",
    "open_study",
]
