"""Reports written once per session: the coded sample study (Danish and English), a small
study that needs no anonymisation (machine suggestions only, and after a person accepted them
all), and the sample study before any coding."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

import indsigt
from indsigt.report import ReportResult, build_context, write_report
from indsigt.report.model import Report

from .helpers import accept_all, sample_study, small_study


@dataclass
class Written:
    project: indsigt.Project
    result: ReportResult
    context: Report
    folder: Path


def _write(project: indsigt.Project, folder: Path, lang: str = "da") -> Written:
    result = write_report(project.store, project.study.id, lang=lang, output=folder)
    context = build_context(project.store, project.study.id, lang=lang)
    return Written(project, result, context, folder)


@pytest.fixture(scope="session")
def sample_project(tmp_path_factory: pytest.TempPathFactory) -> Iterator[indsigt.Project]:
    folder = tmp_path_factory.mktemp("sample")
    with sample_study(folder / "study.db") as project:
        yield project


@pytest.fixture(scope="session")
def sample_da(sample_project: indsigt.Project, tmp_path_factory: pytest.TempPathFactory) -> Written:
    return _write(sample_project, tmp_path_factory.mktemp("report-da"), "da")


@pytest.fixture(scope="session")
def sample_en(sample_project: indsigt.Project, tmp_path_factory: pytest.TempPathFactory) -> Written:
    return _write(sample_project, tmp_path_factory.mktemp("report-en"), "en")


@pytest.fixture(scope="session")
def small(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Written]:
    folder = tmp_path_factory.mktemp("small")
    with small_study(folder) as project:
        yield _write(project, folder / "reports")


@pytest.fixture(scope="session")
def small_reviewed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Written]:
    """The small study after a person accepted every machine suggestion: the coded path."""
    folder = tmp_path_factory.mktemp("small-reviewed")
    with small_study(folder) as project:
        accept_all(project, user="analyst1")
        yield _write(project, folder / "reports")


@pytest.fixture(scope="session")
def uncoded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Written]:
    folder = tmp_path_factory.mktemp("uncoded")
    with sample_study(folder / "study.db", coded=False) as project:
        yield _write(project, folder / "reports")
