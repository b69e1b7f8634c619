"""Fixtures for the codebook tests: Codebook.xsd from ../shared/refi-qda."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
REFI_QDA = Path(os.environ.get("INDSIGT_REFI_QDA", REPO.parent / "shared" / "refi-qda"))


@pytest.fixture(scope="session")
def codebook_xsd() -> Path:
    """Codebook.xsd of the REFI-QDA standard; the test fails (not skips) when it is missing."""
    path = REFI_QDA / "Codebook.xsd"
    if not path.exists():
        pytest.fail(f"REFI-QDA schema missing: {path}")
    return path
