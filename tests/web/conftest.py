"""Fixtures for the web app: a small study, a local-mode client and server-mode clients."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from indsigt.web import create_app

from .helpers import ENGLISH, LOCAL, login, make_study


@pytest.fixture
def study_file(tmp_path: Path) -> Path:
    return make_study(tmp_path / "study")


@pytest.fixture
def client(study_file: Path) -> Iterator[TestClient]:
    """Local mode: one user (``tester``), full rights, no login."""
    with TestClient(
        create_app(study_file, local_user="tester"), base_url=LOCAL, headers=ENGLISH
    ) as test_client:
        yield test_client


@pytest.fixture
def server_file(tmp_path: Path) -> Path:
    return make_study(tmp_path / "server", users=True)


@pytest.fixture
def server(server_file: Path) -> Iterator[Callable[[str | None], TestClient]]:
    """Server mode: ``server("cai")`` is a client logged in as cai (None: not logged in)."""
    app = create_app(server_file, server=True, secret_key="test-secret")
    opened: list[TestClient] = []

    def make(name: str | None) -> TestClient:
        test_client = TestClient(app, base_url="http://testserver", headers=ENGLISH)
        test_client.__enter__()
        opened.append(test_client)
        if name is not None:
            login(test_client, name)
        return test_client

    yield make
    for test_client in opened:
        test_client.__exit__(None, None, None)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "browser: drives headless Chromium against a real `indsigt serve`"
    )


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Debian's Chromium driven by Playwright (the browser tests; see ``live.chromium``)."""
    from .live import chromium

    with chromium() as running:
        yield running
