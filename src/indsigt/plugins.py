"""The plugin manager: built-ins first, then third-party packages (entry point group "indsigt")."""

from __future__ import annotations

import functools
import importlib

import pluggy

from indsigt import hookspecs

DEFAULT_PLUGINS = ("indsigt.builtins",)


@functools.cache
def get_plugin_manager() -> pluggy.PluginManager:
    """Created on first use, never at import, so entry points load lazily."""
    manager = pluggy.PluginManager("indsigt")
    manager.add_hookspecs(hookspecs)
    for name in DEFAULT_PLUGINS:
        manager.register(importlib.import_module(name), name=name)
    manager.load_setuptools_entrypoints("indsigt")
    return manager
