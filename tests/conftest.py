"""Shared fixtures: temporary studies, the sample study, the real data, a PostgreSQL server."""

from __future__ import annotations

import os
import shutil
import socket
import sqlite3
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

import indsigt
from indsigt.store import Store
from indsigt.store.engine import sqlite_path

REPO = Path(__file__).resolve().parents[1]
SHARED_DATA = Path(os.environ.get("INDSIGT_SHARED_DATA", REPO.parent / "shared" / "data"))


def shared(*parts: str) -> Path:
    """A path in ../shared/data; the test fails (not skips) when the data is missing."""
    path = SHARED_DATA.joinpath(*parts)
    if not path.exists():
        pytest.fail(f"real data missing: {path}")
    return path


# -- New SQLite stores are copies of one migrated template -----------------------------------
# Running the migrations is most of what creating a study costs. Each test session (each xdist
# worker) migrates one template store with the real `Store.create`; a test's new SQLite store
# is then a copy of that file, opened with `Store.open`. PostgreSQL stores, and the tests marked
# `migrations` (those about creating and upgrading stores), run the migrations themselves.


@pytest.fixture(scope="session")
def migrated_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "template.db"
    Store.create(path).close()
    with sqlite3.connect(path) as connection:  # everything in the file itself, none in a WAL
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path


def _new_file(location: str | Path) -> Path | None:
    """The SQLite file a new store at ``location`` would be, if it does not exist yet."""
    path = sqlite_path(location)
    if path is None or str(path) == ":memory:" or path.is_dir():
        return None
    return None if path.exists() and path.stat().st_size > 0 else path


@pytest.fixture(autouse=True)
def _stores_from_template(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    if request.node.get_closest_marker("migrations") is not None:
        return
    template: Path = request.getfixturevalue("migrated_template")
    create = Store.create.__func__  # type: ignore[attr-defined]

    def from_template(cls: type[Store], location: str | Path) -> Store:
        path = _new_file(location)
        if path is None:  # a server, or a location `Store.create` refuses with its own error
            return create(cls, location)  # type: ignore[no-any-return]
        path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(template, path)
        return cls.open(location)

    monkeypatch.setattr(Store, "create", classmethod(from_template))


# -- Web users' passwords: Argon2 at its lowest cost ------------------------------------------
# The web app hashes with argon2-cffi's defaults (64 MiB, 3 passes, 4 lanes: ~0.2 s of CPU a
# hash and a check); the tests create and log in hundreds of users. Here the hashes are still
# Argon2id (tests check that) at the lowest cost, as Django's docs advise for test suites.


@pytest.fixture(autouse=True, scope="session")
def _cheap_password_hashes() -> Iterator[None]:
    try:
        from argon2 import PasswordHasher

        from indsigt.web import auth
    except ImportError:  # the web extra is not installed
        yield
        return
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(auth, "_hasher", PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))
        yield


@pytest.fixture
def study_path(tmp_path: Path) -> Path:
    return tmp_path / "study.db"


@pytest.fixture
def study(study_path: Path) -> Iterator[indsigt.Project]:
    with indsigt.init_study(study_path, name="test") as project:
        yield project


# -- PostgreSQL: a throwaway server on 127.0.0.1 for the whole session ------------------------


def _pg_bindir() -> Path | None:
    for candidate in sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True):
        if (candidate / "initdb").exists():
            return candidate
    found = shutil.which("pg_ctl")
    return Path(found).parent if found else None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """Start PostgreSQL with initdb + pg_ctl (as the postgres user when running as root)."""
    bindir = _pg_bindir()
    if bindir is None:
        message = "PostgreSQL server binaries not found (apt-get install postgresql)"
        if os.environ.get("INDSIGT_REQUIRE_POSTGRES", "1" if os.environ.get("CI") else "0") == "1":
            pytest.fail(message)
        pytest.skip(message)
    # Not under pytest's tmp dir: that is private to root, and the server runs as postgres.
    base = Path(tempfile.mkdtemp(prefix="indsigt-pg-"))
    data, sockets = base / "data", base / "sockets"
    sockets.mkdir()
    prefix: list[str] = []
    if os.geteuid() == 0:
        shutil.chown(base, "postgres")
        shutil.chown(sockets, "postgres")
        prefix = ["runuser", "-u", "postgres", "--"]
    port = _free_port()
    subprocess.run(
        [
            *prefix,
            str(bindir / "initdb"),
            "-D",
            str(data),
            "-A",
            "trust",
            "-U",
            "postgres",
            "-E",
            "UTF8",
            "--locale",
            "C.UTF-8",
        ],
        check=True,
        capture_output=True,
    )
    options = f"-p {port} -k {sockets} -c listen_addresses=127.0.0.1 -c fsync=off"
    subprocess.run(
        [
            *prefix,
            str(bindir / "pg_ctl"),
            "-D",
            str(data),
            "-o",
            options,
            "-w",
            "-l",
            str(base / "log"),
            "start",
        ],
        check=True,
        capture_output=True,
    )
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}"
    finally:
        subprocess.run(
            [*prefix, str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"],
            capture_output=True,
        )
        shutil.rmtree(base, ignore_errors=True)


@pytest.fixture
def postgres_url(postgres_server: str) -> Iterator[str]:
    """An empty database of its own for one test."""
    import psycopg

    name = f"t_{uuid.uuid4().hex[:12]}"
    admin = postgres_server.replace("postgresql+psycopg", "postgresql") + "/postgres"
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    yield f"{postgres_server}/{name}"
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE "{name}" WITH (FORCE)')


# The fast lane (`pytest -m "not slow"`): tests that start PostgreSQL, Dask or a browser, train
# or evaluate on the real data sets, or run the whole sample study are marked slow — here for
# whole families, with `@pytest.mark.slow` on the single tests that are slow for their own reasons.
SLOW_FOLDERS = ("scale",)
SLOW_FIXTURES = {
    "browser",
    "page",
    "postgres_server",
    "postgres_url",
    # the whole sample study anonymised (tests/anonymise/test_sample.py), coded and reported
    # (tests/report/conftest.py)
    "anonymised",
    "sample_project",
    "sample_da",
    "sample_en",
    "uncoded",
    # all the real pdpilot transcripts imported (tests/ingest/test_real_data.py)
    "real_study",
}
# Fixture names that are slow in one folder only (others use the name for a small study).
SLOW_FIXTURES_IN = {"report": {"small", "small_reviewed"}}  # a coded study, reported


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        parts = Path(str(item.fspath)).relative_to(REPO / "tests").parts
        if (
            parts[0] in SLOW_FOLDERS
            or parts[-1].startswith("test_browser")  # Chromium through Playwright
            or item.get_closest_marker("postgres") is not None
            or SLOW_FIXTURES.intersection(getattr(item, "fixturenames", ()))
            or SLOW_FIXTURES_IN.get(parts[0], set()).intersection(getattr(item, "fixturenames", ()))
        ):
            item.add_marker(pytest.mark.slow)
