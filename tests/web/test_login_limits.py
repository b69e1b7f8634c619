"""Login throttling (issue 18, item 6): after a few failures per account or per client address
the login answers 429 with Retry-After, without spending Argon2 time; a success resets the
account's count."""

from __future__ import annotations

import re
from typing import Any

import pytest
from fastapi.testclient import TestClient

from indsigt.web import auth

from .helpers import PASSWORDS


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The passwords Argon2 was asked to verify."""
    calls: list[str] = []
    real = auth.verify_password

    def verify(password_hash: str, password: str) -> bool:
        calls.append(password)
        return real(password_hash, password)

    monkeypatch.setattr(auth, "verify_password", verify)
    return calls


def _clock(client: TestClient) -> Clock:
    clock = Clock()
    client.app.state.web.throttle.clock = clock  # type: ignore[attr-defined]
    return clock


def _try(client: TestClient, name: str, password: str) -> Any:
    page = client.get("/login")
    csrf = re.search(r'name="csrf-token" content="([0-9a-f]+)"', page.text).group(1)  # type: ignore[union-attr]
    return client.post(
        "/login",
        data={"username": name, "password": password, "csrf_token": csrf},
        headers={"Accept": "application/json"},
    )


@pytest.mark.slow  # many failed logins, each an argon2 check
def test_failures_per_account_are_throttled(server, counted: list[str]) -> None:
    client = server(None)
    clock = _clock(client)
    limit = client.app.state.web.config.login_failures_per_account
    for _ in range(limit):
        assert _try(client, "cai", "wrong-password").status_code == 401
    assert len(counted) == limit
    throttled = _try(client, "cai", PASSWORDS["cai"])  # even the right password waits
    assert throttled.status_code == 429
    assert int(throttled.headers["retry-after"]) > 0
    assert "too many" in throttled.json()["error"]
    assert len(counted) == limit  # no Argon2 work for a throttled attempt
    # another account is not held up by cai's failures
    assert _try(server(None), "cora", PASSWORDS["cora"]).status_code == 200

    clock.now += int(throttled.headers["retry-after"]) + 1
    assert _try(client, "cai", PASSWORDS["cai"]).status_code == 200
    # the success reset cai's count: the next failures are answered again
    for _ in range(limit):
        assert _try(client, "cai", "wrong-again").status_code == 401


@pytest.mark.slow  # many failed logins, each an argon2 check
def test_failures_per_address_are_throttled(server, counted: list[str]) -> None:
    client = server(None)
    _clock(client)
    config = client.app.state.web.config
    names = [f"nobody{number}" for number in range(config.login_failures_per_address)]
    for name in names:
        assert _try(client, name, "guess").status_code == 401
    assert _try(client, "ada", PASSWORDS["ada"]).status_code == 429
    assert len(counted) == len(names)


def _fail(throttle: Any, account: str, address: str) -> None:
    assert throttle.attempt(account, address) == 0
    throttle.settle(account, address, ok=False)


def test_throttle_window_slides() -> None:
    from indsigt.web.throttle import LoginThrottle

    clock = Clock()
    throttle = LoginThrottle(per_account=2, per_address=10, window=60, clock=clock)
    assert throttle.retry_after("a", "1.2.3.4") == 0
    _fail(throttle, "a", "1.2.3.4")
    clock.now += 30
    _fail(throttle, "a", "1.2.3.4")
    assert throttle.retry_after("a", "1.2.3.4") == 30
    assert throttle.attempt("A", "5.6.7.8") == 30  # account names are not case games
    clock.now += 31
    assert throttle.retry_after("a", "1.2.3.4") == 0  # the first failure left the window
    _fail(throttle, "a", "1.2.3.4")
    assert throttle.retry_after("a", "1.2.3.4") > 0
    clock.now += 60
    assert throttle.attempt("a", "1.2.3.4") == 0
    throttle.settle("a", "1.2.3.4", ok=True)
    assert throttle.accounts.keys == {}


def test_parallel_attempts_count_at_once() -> None:
    """Guesses in flight count for their account before Argon2 answers; a team logging in
    at once from one address is not held up by its own successes."""
    from indsigt.web.throttle import LoginThrottle

    throttle = LoginThrottle(per_account=3, per_address=5, window=60, clock=Clock())
    assert [throttle.attempt("a", "x") for _ in range(4)][:3] == [0, 0, 0]
    assert throttle.attempt("a", "x") > 0
    for number in range(50):
        assert throttle.attempt(f"user{number}", "office") == 0
    for number in range(50):
        throttle.settle(f"user{number}", "office", ok=True)
    assert throttle.retry_after("someone", "office") == 0


def test_throttle_memory_is_bounded() -> None:
    from indsigt.web.throttle import LoginThrottle

    clock = Clock()
    throttle = LoginThrottle(per_account=3, per_address=3, window=60, clock=clock, max_keys=100)
    for number in range(1000):
        _fail(throttle, f"user{number}", f"10.0.{number // 250}.{number % 250}")
    assert throttle.size() <= 200
