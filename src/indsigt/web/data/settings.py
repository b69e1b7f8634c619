"""Per-study settings (table ``setting``), e.g. ``blind_coding``."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from indsigt.settings import attribute_label, attribute_labels, read_setting, write_setting
from indsigt.store import Store
from indsigt.store.tx import writing

BLIND_CODING = "blind_coding"


def get_setting(store: Store, study_id: int, key: str, default: Any = None) -> Any:
    with store.connect() as connection:
        return read_setting(connection, study_id, key, default)


def set_setting(store: Store, study_id: int, key: str, value: Any, *, actor: str) -> None:
    """Write a setting and its audit event in one transaction
    (:func:`indsigt.settings.write_setting`: a value equal to the stored one writes nothing)."""
    with writing(store) as connection:
        write_setting(connection, store, study_id, key, value, actor=actor)


def labels_of(store: Store, study_id: int, names: Iterable[str]) -> dict[str, str]:
    """``{name: label}`` for these respondent attributes (see
    :func:`indsigt.settings.attribute_label`)."""
    with store.connect() as connection:
        own = attribute_labels(connection, study_id)
    return {name: attribute_label(name, own) for name in names}


def blind_coding(store: Store, study_id: int) -> bool:
    return bool(get_setting(store, study_id, BLIND_CODING, False))
