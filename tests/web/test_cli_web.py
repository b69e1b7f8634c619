"""`indsigt user …` and `indsigt serve` (argument checks; the real server runs in the browser
tests), and the clear message when the web extra is missing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import indsigt.web
from indsigt.cli import main
from indsigt.store import schema

from .helpers import events, rows


def test_user_add_ls_remove(study_file: Path) -> None:
    runner = CliRunner()
    added = runner.invoke(
        main, ["user", "add", str(study_file), "nora", "--role", "viewer"], input="secret-pw-1\n"
    )
    assert added.exit_code == 0, added.output
    [user] = rows(study_file, schema.app_user)
    assert (user.username, user.role) == ("nora", "viewer")
    assert user.password_hash.startswith("$argon2id$")
    assert events(study_file, "user.added")[0].payload == {"username": "nora", "role": "viewer"}
    listed = runner.invoke(main, ["user", "ls", str(study_file), "--json"])
    assert [u["username"] for u in json.loads(listed.stdout)] == ["nora"]
    again = runner.invoke(main, ["user", "add", str(study_file), "nora"], input="secret-pw-2\n")
    assert again.exit_code == 2 and "exists already" in again.output
    short = runner.invoke(main, ["user", "add", str(study_file), "kim"], input="short\n")
    assert short.exit_code == 2 and "at least 8" in short.output
    machine = runner.invoke(main, ["user", "add", str(study_file), "kw.v1"], input="long-pw-12\n")
    assert machine.exit_code == 2 and "coding components" in machine.output
    removed = runner.invoke(main, ["user", "remove", str(study_file), "nora"])
    assert removed.exit_code == 0 and rows(study_file, schema.app_user) == []
    assert events(study_file, "user.removed")


def test_serve_arguments(study_file: Path) -> None:
    runner = CliRunner()
    neither = runner.invoke(main, ["serve"])
    assert neither.exit_code == 2 and "--db" in neither.output
    both = runner.invoke(main, ["serve", str(study_file), "--db", "sqlite:///x.db"])
    assert both.exit_code == 2
    no_admin = runner.invoke(main, ["serve", str(study_file), "--server", "--port", "1"])
    assert no_admin.exit_code == 2 and "indsigt user add" in no_admin.output
    anywhere = runner.invoke(main, ["serve", str(study_file), "--host", "0.0.0.0", "--port", "1"])
    assert anywhere.exit_code == 2 and "needs an admin" in anywhere.output


def test_missing_web_extra_says_how_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    real = indsigt.web.find_spec
    monkeypatch.setattr(
        indsigt.web, "find_spec", lambda name: None if name == "argon2" else real(name)
    )
    with pytest.raises(indsigt.web.WebUnavailable, match=r"pip install 'indsigt\[web\]'"):
        indsigt.web.create_app("x.db")
    result = CliRunner().invoke(main, ["user", "ls", "x.db"])
    assert result.exit_code == 2 and "pip install 'indsigt[web]'" in result.output


def test_is_loopback() -> None:
    from indsigt.web.server import is_loopback

    assert is_loopback("127.0.0.1") and is_loopback("localhost") and is_loopback("::1")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.5")
