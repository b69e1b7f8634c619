"""The review web app (``indsigt serve``): server-rendered pages that are also JSON.

Importing this package needs nothing beyond the core; :func:`create_app` and :func:`serve` need
the ``web`` extra and say so when it is missing.
"""

from __future__ import annotations

from importlib.util import find_spec
from typing import TYPE_CHECKING, Any

from indsigt.errors import IndsigtError

if TYPE_CHECKING:
    from fastapi import FastAPI

WEB_MODULES = ("fastapi", "jinja2", "uvicorn", "multipart", "argon2", "itsdangerous")


class WebUnavailable(IndsigtError):
    """The optional web dependencies are not installed."""


def require_web() -> None:
    """Raise :class:`WebUnavailable` with the install command when the extra is missing."""
    missing = [name for name in WEB_MODULES if find_spec(name) is None]
    if missing:
        raise WebUnavailable(f"the web app needs {', '.join(missing)}: pip install 'indsigt[web]'")


def create_app(*args: Any, **kwargs: Any) -> FastAPI:
    """Build the ASGI app; see :func:`indsigt.web.app.create_app`."""
    require_web()
    from indsigt.web.app import create_app as _create_app

    return _create_app(*args, **kwargs)


def serve(*args: Any, **kwargs: Any) -> None:
    """Run the app with uvicorn; see :func:`indsigt.web.server.serve`."""
    require_web()
    from indsigt.web.server import serve as _serve

    _serve(*args, **kwargs)


__all__ = ["WebUnavailable", "create_app", "require_web", "serve"]
