"""The plugin manager and the one lookup every component family goes through.

Built-ins (``indsigt.builtins``) register through the same hooks as third-party packages
(entry-point group ``indsigt``). **One precedence rule everywhere: a plugin's component
overrides a built-in of the same name** (and a later plugin an earlier one's).
"""

from __future__ import annotations

import functools
import importlib
from typing import Any

import pluggy

BUILTINS = "indsigt.builtins"
DEFAULT_PLUGINS = (BUILTINS,)


@functools.cache
def get_plugin_manager() -> pluggy.PluginManager:
    """Created on first use, never at import, so entry points load lazily. The hook
    specifications and the built-ins are imported here too: the stages look components up
    through this module, and the specifications name the stages' protocols."""
    manager = pluggy.PluginManager("indsigt")
    manager.add_hookspecs(importlib.import_module("indsigt.hookspecs"))
    for name in DEFAULT_PLUGINS:
        manager.register(importlib.import_module(name), name=name)
    manager.load_setuptools_entrypoints("indsigt")
    return manager


def implementations(family: str) -> list[Any]:
    """What each registered plugin returns for the hook ``indsigt_<family>``: the built-ins'
    answer first, then the plugins' in the order they were registered (so that a caller
    merging them in this order lets plugins win)."""
    hook = getattr(get_plugin_manager().hook, f"indsigt_{family}", None)
    if hook is None:
        raise ValueError(f"no component family {family!r} (no hook indsigt_{family})")
    impls = sorted(hook.get_hookimpls(), key=lambda impl: impl.plugin_name not in DEFAULT_PLUGINS)
    return [impl.function() for impl in impls]


def components(family: str) -> dict[str, Any]:
    """``{name: component}`` of one family (``coders``, ``detectors``, …): every plugin's
    components over the built-ins, a plugin's overriding a built-in of the same name."""
    table: dict[str, Any] = {}
    for found in implementations(family):
        table.update(found)
    return table
