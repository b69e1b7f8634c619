"""Login throttling: a sliding window of failed attempts per account and per client address.

A login is refused (429 with ``Retry-After``) while the account or the address has had
``per_account`` / ``per_address`` failures within the last ``window`` seconds — before the
password is checked, so a flood costs no Argon2 time. An attempt counts as a failure for the
account from the moment it starts (so parallel guesses cannot slip past the count) and for the
address once it failed; a successful login clears the account's failures. The counts live in
memory (per process) and are bounded: at most ``max_keys`` accounts and as many addresses, the
oldest dropped first.
"""

from __future__ import annotations

import math
import threading
import time
from collections import OrderedDict, deque
from collections.abc import Callable


class _Windows:
    """Timestamps of recent failures per key, oldest key first."""

    def __init__(self, limit: int, window: float, max_keys: int) -> None:
        self.limit = limit
        self.window = window
        self.max_keys = max_keys
        self.keys: OrderedDict[str, deque[float]] = OrderedDict()

    def _recent(self, key: str, now: float) -> deque[float]:
        stamps = self.keys.get(key)
        if stamps is None:
            return deque()
        while stamps and stamps[0] <= now - self.window:
            stamps.popleft()
        if not stamps:
            del self.keys[key]
        return stamps

    def wait(self, key: str, now: float) -> float:
        """Seconds until ``key`` may try again (0: now)."""
        stamps = self._recent(key, now)
        if len(stamps) < self.limit:
            return 0.0
        return stamps[len(stamps) - self.limit] + self.window - now

    def add(self, key: str, now: float) -> None:
        stamps = self._recent(key, now)
        self.keys[key] = stamps
        self.keys.move_to_end(key)
        stamps.append(now)
        while len(stamps) > self.limit:  # older ones no longer decide anything
            stamps.popleft()
        while len(self.keys) > self.max_keys:
            self.keys.popitem(last=False)

    def clear(self, key: str) -> None:
        self.keys.pop(key, None)


class LoginThrottle:
    """Failed logins per account and per address within a sliding window."""

    def __init__(
        self,
        *,
        per_account: int = 5,
        per_address: int = 20,
        window: float = 300,
        clock: Callable[[], float] = time.monotonic,
        max_keys: int = 10_000,
    ) -> None:
        self.accounts = _Windows(per_account, window, max_keys)
        self.addresses = _Windows(per_address, window, max_keys)
        self.clock = clock
        self._lock = threading.Lock()

    def retry_after(self, account: str, address: str) -> int:
        """Whole seconds until a login for ``account`` from ``address`` is answered (0: now)."""
        with self._lock:
            now = self.clock()
            wait = max(
                self.accounts.wait(_account(account), now), self.addresses.wait(address, now)
            )
        return math.ceil(wait) if wait > 0 else 0

    def attempt(self, account: str, address: str) -> int:
        """Check and count in one step: the seconds to wait (nothing counted), or 0 when the
        attempt may go on. The account counts it as a failure at once, so parallel guesses at
        one account cannot slip past its limit; :meth:`settle` says how it ended."""
        with self._lock:
            now = self.clock()
            key = _account(account)
            wait = max(self.accounts.wait(key, now), self.addresses.wait(address, now))
            if wait > 0:
                return max(1, math.ceil(wait))
            self.accounts.add(key, now)
        return 0

    def settle(self, account: str, address: str, *, ok: bool) -> None:
        """After :meth:`attempt`: a success forgets the account's failures; a failure also
        counts for the address (so a team behind one address can log in at the same time)."""
        with self._lock:
            if ok:
                self.accounts.clear(_account(account))
            else:
                self.addresses.add(address, self.clock())

    def size(self) -> int:
        """Keys held (accounts + addresses)."""
        return len(self.accounts.keys) + len(self.addresses.keys)


def _account(name: str) -> str:
    return name.strip().casefold()
