"""The web app's own layers (pyproject.toml, contract ``web-layers``; checked with the others by
``tests/test_architecture.py``): pages over their data, the data over the request helpers, and
no import circle (``auth`` and ``csrf`` read the app's state from ``config``, not ``render``)."""

from __future__ import annotations

import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
WEB = REPO / "src" / "indsigt" / "web"


def _layers() -> list[set[str]]:
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    (contract,) = [
        c for c in config["tool"]["importlinter"]["contracts"] if c["id"] == "web-layers"
    ]
    assert contract["containers"] == ["indsigt.web"]
    return [{name.strip() for name in layer.split("|")} for layer in contract["layers"]]


def test_every_web_module_has_a_layer() -> None:
    found = {
        path.stem if path.is_file() else path.name
        for path in WEB.iterdir()
        if (path.suffix == ".py" and path.stem != "__init__") or (path / "__init__.py").exists()
    }
    listed = set().union(*_layers())
    assert found == listed, "give a new module of indsigt.web its layer in pyproject.toml"


def test_auth_and_csrf_sit_below_render() -> None:
    """``render`` shows the user and the CSRF token, so it imports ``auth`` and ``csrf``; they
    must not import it back (the circle these modules had)."""
    layers = _layers()
    level = {name: i for i, layer in enumerate(layers) for name in layer}
    assert level["render"] < level["auth"] == level["csrf"] < level["config"]
    for name in ("auth", "csrf"):
        source = (WEB / f"{name}.py").read_text(encoding="utf-8")
        assert "indsigt.web.render" not in source
