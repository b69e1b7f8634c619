"""Theme components by name, built-ins and plugins (a plugin's component overrides a
built-in of the same name), built by their class's ``from_options``."""

from __future__ import annotations

from typing import Any, TypeVar

from indsigt.errors import IndsigtError
from indsigt.themes.base import ThemeOptions

T = TypeVar("T")

FAMILIES = ("vectorisers", "reducers", "clusterers", "labellers", "phrase_labellers")


def theme_components(family: str) -> dict[str, Any]:
    """``{versioned name: class}`` of one family (one of :data:`FAMILIES`)."""
    from indsigt.plugins import components

    if family not in FAMILIES:
        raise ValueError(f"no theme component family {family!r} ({', '.join(FAMILIES)})")
    return components(family)


def theme_component(family: str, given: T | str, options: ThemeOptions) -> T:
    """``given`` itself, or the component of ``family`` so named, built for this run."""
    if not isinstance(given, str):
        return given
    known = theme_components(family)
    if given not in known:
        what = family.removesuffix("s").replace("_", " ")
        raise IndsigtError(f"unknown theme {what} {given!r} (known: {', '.join(sorted(known))})")
    built: T = known[given].from_options(options)
    return built
