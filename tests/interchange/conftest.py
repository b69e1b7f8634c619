"""Fixtures for the REFI-QDA tests: the schema from ../shared/refi-qda, projects to close."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

import indsigt

from .helpers import REFI_QDA


@pytest.fixture(scope="session")
def project_xsd() -> Path:
    """Project.xsd of the REFI-QDA standard; the test fails (not skips) when it is missing."""
    path = REFI_QDA / "Project.xsd"
    if not path.exists():
        pytest.fail(f"REFI-QDA schema missing: {path}")
    return path


@pytest.fixture
def opened() -> Iterator[list[indsigt.Project]]:
    """Projects to close at the end of a test."""
    projects: list[indsigt.Project] = []
    yield projects
    for project in projects:
        project.close()
