"""Fixtures for the batch tests: a sheet, and studies (SQLite, and PostgreSQL where the
session has a server) with the default codebook."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

import indsigt

from .helpers import write_sheet


@pytest.fixture(scope="session")
def sheet(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_sheet(tmp_path_factory.mktemp("sheet") / "answers.csv", 240)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def location(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return str(tmp_path / "study.db")
    return str(request.getfixturevalue("postgres_url"))


@pytest.fixture
def coded_study(location: str) -> Iterator[indsigt.Project]:
    with indsigt.init_study(location, name="høring") as project:
        project.import_codebook(default=True)
        yield project
