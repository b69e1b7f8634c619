"""`indsigt.__all__` is exactly the public API, and every name in it imports."""

from __future__ import annotations

import subprocess
import sys
from types import ModuleType

import indsigt

PUBLIC_DUNDERS = {"__version__"}


def public_names() -> set[str]:
    """Names bound in the package namespace that are meant for users: not private, not a
    submodule (importing ``indsigt.x`` binds ``x`` on the package), not a __future__ feature."""
    return {
        name
        for name, value in vars(indsigt).items()
        if (not name.startswith("_") or name in PUBLIC_DUNDERS)
        and not isinstance(value, ModuleType)
        and type(value).__module__ != "__future__"
    }


def test_all_matches_the_exported_names() -> None:
    assert set(indsigt.__all__) == public_names()


def test_all_is_sorted_without_duplicates() -> None:
    assert indsigt.__all__ == sorted(set(indsigt.__all__))


def test_every_name_in_all_is_importable() -> None:
    for name in indsigt.__all__:
        namespace: dict[str, object] = {}
        exec(f"from indsigt import {name}", namespace)
        assert namespace[name] is getattr(indsigt, name)


def test_star_import_in_a_fresh_interpreter() -> None:
    code = (
        "import indsigt\n"
        "names = {}\n"
        "exec('from indsigt import *', names)\n"
        "missing = set(indsigt.__all__) - set(names)\n"
        "assert not missing, missing\n"
        "print(indsigt.__version__)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == indsigt.__version__


def test_public_objects_come_from_indsigt() -> None:
    for name in indsigt.__all__:
        value = getattr(indsigt, name)
        if name in PUBLIC_DUNDERS:
            assert isinstance(value, str)
            continue
        assert callable(value), name
        assert value.__module__.startswith("indsigt."), (name, value.__module__)


def test_entry_points_are_public() -> None:
    assert callable(indsigt.init_study) and callable(indsigt.open_study)
    assert issubclass(indsigt.ImportFailed, indsigt.IndsigtError)
    assert issubclass(indsigt.InputError, indsigt.IndsigtError)
    assert issubclass(indsigt.StoreError, indsigt.IndsigtError)
