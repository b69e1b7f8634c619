"""Whether a host is this machine: the one rule behind the LLM endpoint (only on this machine
unless allowed) and the web app's local mode (a loopback ``Host`` only)."""

from __future__ import annotations

import ipaddress


def is_loopback(host: str) -> bool:
    """``localhost`` or a loopback address (``127.0.0.1``, any 127.x.x.x, ``::1``; brackets
    allowed)."""
    name = host.strip().lower().removeprefix("[").removesuffix("]")
    if name == "localhost":
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False
