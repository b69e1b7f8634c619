"""Where a study's files go beside its store.

Reports belong to their study: ``indsigt report`` writes into ``reports/study-N/`` beside the
study file (N = the study's id; ``./reports/study-N/`` for a server URL) and ``indsigt serve``
lists for study N only that folder — never another study's reports from the same store.
"""

from __future__ import annotations

from pathlib import Path

from indsigt.store.engine import sqlite_path

REPORTS = "reports"


def reports_root(location: str | Path) -> Path | None:
    """``reports/`` beside an SQLite study file; None for a server URL."""
    path = sqlite_path(location)
    return None if path is None else path.resolve().parent / REPORTS


def study_reports(root: Path, study_id: int) -> Path:
    """Study ``study_id``'s own folder under a reports root."""
    return root / f"study-{int(study_id)}"
