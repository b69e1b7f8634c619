"""Per-study settings (table ``setting``), e.g. ``blind_coding``."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from indsigt.store import Store, schema
from indsigt.web.data.tx import writing

BLIND_CODING = "blind_coding"


def get_setting(store: Store, study_id: int, key: str, default: Any = None) -> Any:
    table = schema.setting
    with store.connect() as connection:
        row = connection.execute(
            sa.select(table.c.value).where(table.c.study_id == study_id, table.c.key == key)
        ).first()
    return default if row is None else row.value


def set_setting(store: Store, study_id: int, key: str, value: Any, *, actor: str) -> None:
    """Write a setting and its audit event in one transaction."""
    table = schema.setting
    with writing(store) as connection:
        old = connection.execute(
            sa.select(table.c.value).where(table.c.study_id == study_id, table.c.key == key)
        ).first()
        if old is None:
            connection.execute(table.insert().values(study_id=study_id, key=key, value=value))
        else:
            connection.execute(
                table.update()
                .where(table.c.study_id == study_id, table.c.key == key)
                .values(value=value)
            )
        store.log(
            connection,
            "setting.changed",
            entity="study",
            entity_id=study_id,
            actor=actor,
            payload={"key": key, "old": None if old is None else old.value, "new": value},
        )


def blind_coding(store: Store, study_id: int) -> bool:
    return bool(get_setting(store, study_id, BLIND_CODING, False))
