"""Study settings a user may change (``indsigt settings STUDY KEY VALUE``), stored in the
``setting`` table beside the web app's own (``blind_coding``).

- ``name``: the study's name, the report's title (``indsigt init`` takes the file's name
  unless given ``--name``); unique among the database's studies.
- ``respondent-noun``: the word for a respondent in pseudonyms, quote attributions and the
  report (see :mod:`indsigt.nouns`); changing it takes effect in pseudonyms on the next
  ``indsigt anonymise``.
- ``attribute:NAME``: ``publishable`` or ``identifying`` (or ``default``) for one respondent
  attribute (see :mod:`indsigt.sealed`).
- ``attribute-label:NAME``: the human label of one respondent attribute in the web app and the
  report (``"Organisationstype"``; ``default`` removes it); see :func:`attribute_label`.
- ``publishable-quotes``: ``true`` (the default: the report's quotes without spoken fillers and
  false starts, an omission marked "[…]", see :func:`indsigt.units.publishable`) or ``false``
  (verbatim).
- ``segment-by``: the respondent attribute the report, ``indsigt compare`` and the web app's
  segment tables compare by (``default``: :func:`segment_by` chooses); a publishable one.

Every change writes a ``setting.changed`` event.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, cast

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from indsigt import nouns, sealed
from indsigt.errors import IndsigtError
from indsigt.store import Store, schema

KEYS = (
    "name",
    "respondent-noun",
    "attribute:NAME",
    "attribute-label:NAME",
    "publishable-quotes",
    "segment-by",
)
PUBLISHABLE_QUOTES = "publishable_quotes"  # the stored key; default true
SEGMENT_BY = "segment_by"  # the stored key; default: chosen by segment_by()
# The attributes a study is compared by first, where its respondents differ in them (the
# white paper's state/region/municipality, the sister studies' sector and country).
SEGMENT_ORDER = ("level", "organisation_type", "sector", "country", "language", "group")
ATTRIBUTE_LABELS = "attribute_labels"  # the stored key: {name: label}
TRUE, FALSE = ("true", "yes", "on", "1"), ("false", "no", "off", "0")


def read_setting(connection: Connection, study_id: int, key: str, default: Any = None) -> Any:
    table = schema.setting
    value = connection.scalar(
        sa.select(table.c.value).where(table.c.study_id == study_id, table.c.key == key)
    )
    return default if value is None else value


def write_setting(
    connection: Connection, store: Store, study_id: int, key: str, value: Any, *, actor: str
) -> None:
    """Write (``value`` None: remove) one stored setting and its audit event."""
    table = schema.setting
    old = read_setting(connection, study_id, key)
    if old == value:
        return
    connection.execute(table.delete().where(table.c.study_id == study_id, table.c.key == key))
    if value is not None:
        connection.execute(table.insert().values(study_id=study_id, key=key, value=value))
    _logged(connection, store, study_id, key, old, value, actor=actor)


def _logged(
    connection: Connection, store: Store, study_id: int, key: str, old: Any, new: Any, *, actor: str
) -> None:
    """The audit event of a changed setting (the study's name included)."""
    store.log(
        connection,
        "setting.changed",
        entity="study",
        entity_id=study_id,
        actor=actor,
        payload={"key": key, "old": old, "new": new},
    )


def study_language(connection: Connection, study_id: int) -> str:
    language = connection.scalar(
        sa.select(schema.study.c.language).where(schema.study.c.id == study_id)
    )
    if language is None:
        raise IndsigtError(f"no study with id {study_id}")
    return str(language)


def noun_of(
    connection: Connection, study_id: int, language: str | None = None
) -> nouns.RespondentNoun:
    """The study's respondent noun (its setting, else the study language's default), in
    ``language`` when given (the report's language)."""
    stored = read_setting(connection, study_id, nouns.SETTING)
    own = study_language(connection, study_id)
    return nouns.respondent_noun(stored, language or own, study_language=own)


def study_noun(store: Store, study_id: int, *, language: str | None = None) -> nouns.RespondentNoun:
    """The study's respondent noun in ``language`` (default: the study's), for a caller that
    prints counts ("4 of 4 focus groups")."""
    with store.connect() as connection:
        return noun_of(connection, study_id, language)


def humanise(name: str) -> str:
    """A field name as a label: ``organisation_type`` → ``Organisation type``. A name that is
    a label already (the respondents sheet's header had capitals or spaces) stays as it is."""
    if name != name.lower() or " " in name:
        return name
    text = name.replace("_", " ").replace("-", " ").strip()
    return text[:1].upper() + text[1:] if text else name


def attribute_label(name: str, labels: dict[str, str] | None = None) -> str:
    """The label of respondent attribute ``name``: the study's ``attribute-label:NAME``
    setting (``labels``, from :func:`attribute_labels`), else the sheet's header when it
    reads as a label, else the field name with ``_`` as spaces, capitalised."""
    return (labels or {}).get(name) or humanise(name)


def attribute_labels(connection: Connection, study_id: int) -> dict[str, str]:
    """The study's own attribute labels (``attribute-label:NAME`` settings)."""
    stored = read_setting(connection, study_id, ATTRIBUTE_LABELS, {}) or {}
    return {str(k): str(v) for k, v in dict(stored).items() if str(v).strip()}


def publishable_quotes(store: Store, study_id: int) -> bool:
    """Whether the report prints quotes publishable (the default) or verbatim."""
    with store.connect() as connection:
        return bool(read_setting(connection, study_id, PUBLISHABLE_QUOTES, True))


def segment_by(connection: Connection, study_id: int) -> str:
    """The respondent attribute the study is compared by: the study's choice (``segment-by``),
    else the first publishable attribute its respondents differ in — level, organisation
    type, sector, country, language, group, then any other by name —, else ``level``. Before,
    it was always level: a study of companies by sector, or of data scientists and
    researchers by role, compared no one."""
    chosen = read_setting(connection, study_id, SEGMENT_BY)
    if chosen:
        return str(chosen)
    classes = sealed.attribute_classes(connection, study_id)
    values: dict[str, set[str]] = {}
    for attributes in connection.scalars(
        sa.select(schema.respondent.c.attributes).where(schema.respondent.c.study_id == study_id)
    ):
        for key, value in (attributes or {}).items():
            if str(value).strip():
                values.setdefault(str(key), set()).add(str(value))
    split = [key for key, seen in values.items() if len(seen) >= 2 and classes.publishable(key)]
    order = [*SEGMENT_ORDER, *sorted(split)]
    return next((key for key in order if key in split), "level")


def study_segment_by(store: Store, study_id: int) -> str:
    """:func:`segment_by` on its own connection."""
    with store.connect() as connection:
        return segment_by(connection, study_id)


def _set_segment_by(
    connection: Connection, store: Store, study_id: int, value: str, *, actor: str
) -> str:
    """``segment-by``: a publishable attribute of the study's respondents, or ``default``."""
    name = value.strip()
    if name.lower() == "default":
        write_setting(connection, store, study_id, SEGMENT_BY, None, actor=actor)
        return segment_by(connection, study_id)
    known = sealed.attribute_names(connection, study_id)
    if known and name not in known:
        raise IndsigtError(
            f"segment-by: no respondent has the attribute {name!r} (they have: {', '.join(known)})"
        )
    if not sealed.attribute_classes(connection, study_id).publishable(name):
        raise IndsigtError(
            f"segment-by: {name!r} is identifying, and a report shows the values it compares "
            f"by: mark it publishable first (settings attribute:{name} publishable)"
        )
    write_setting(connection, store, study_id, SEGMENT_BY, name, actor=actor)
    return name


@dataclass(frozen=True)
class StudySettings:
    """The user-facing settings with their effective values; :meth:`as_dict` names them as
    ``indsigt settings`` does (``respondent-noun``, …)."""

    name: str
    respondent_noun: str  # "singular/plural"
    respondent_noun_default: bool  # the language's word (no setting stored)
    attributes: dict[str, str]  # attribute → publishable, identifying or default
    attribute_labels: dict[str, str]  # attribute → the label shown for it
    publishable_quotes: bool
    segment_by: str  # the attribute the study is compared by

    def as_dict(self) -> dict[str, Any]:
        return {key.replace("_", "-"): value for key, value in self.__dict__.items()}


def study_settings(store: Store, study_id: int) -> StudySettings:
    """The user-facing settings with their effective values."""
    with store.connect() as connection:
        noun = noun_of(connection, study_id)
        stored_noun = read_setting(connection, study_id, nouns.SETTING)
        classes = sealed.attribute_classes(connection, study_id)
        keys = sealed.attribute_names(connection, study_id)
        labels = attribute_labels(connection, study_id)
        name = connection.scalar(
            sa.select(schema.study.c.name).where(schema.study.c.id == study_id)
        )
        by = segment_by(connection, study_id)
    return StudySettings(
        name=str(name),
        respondent_noun=f"{noun.singular}/{noun.plural}",
        respondent_noun_default=stored_noun is None,
        attributes={name: classes.kind(name) for name in keys},
        attribute_labels={name: attribute_label(name, labels) for name in keys},
        publishable_quotes=publishable_quotes(store, study_id),
        segment_by=by,
    )


def show_settings(store: Store, study_id: int) -> dict[str, Any]:
    """:func:`study_settings` as a mapping named as ``indsigt settings`` names them."""
    return study_settings(store, study_id).as_dict()


def change_setting(store: Store, study_id: int, key: str, value: str, *, actor: str = "cli") -> Any:
    """Set one setting from text (see the module docstring); returns the stored value."""
    with store.begin() as connection:
        language = study_language(connection, study_id)
        if key == "name":
            return _rename(connection, store, study_id, value, actor=actor)
        if key == "respondent-noun":
            stored: Any = None
            if value.strip().lower() != "default":
                noun = nouns.parse_noun(value, language)
                stored = value.strip() if "/" in value else noun.singular
            write_setting(connection, store, study_id, nouns.SETTING, stored, actor=actor)
            return stored
        if key == "publishable-quotes":
            flag = value.strip().lower()
            if flag not in (*TRUE, *FALSE, "default"):
                raise IndsigtError(f"publishable-quotes: expected true or false, not {value!r}")
            quotes = None if flag in (*TRUE, "default") else False
            write_setting(connection, store, study_id, PUBLISHABLE_QUOTES, quotes, actor=actor)
            return quotes is None
        if key == "segment-by":
            return _set_segment_by(connection, store, study_id, value, actor=actor)
        if key.startswith("attribute-label:") and key[len("attribute-label:") :].strip():
            name = key[len("attribute-label:") :].strip()
            labels = attribute_labels(connection, study_id)
            label = " ".join(value.split())
            if not label or label.lower() == "default":
                labels.pop(name, None)
            elif len(label) > 100:
                raise IndsigtError(f"attribute-label:{name}: at most 100 characters")
            else:
                labels[name] = label
            write_setting(
                connection, store, study_id, ATTRIBUTE_LABELS, labels or None, actor=actor
            )
            return attribute_label(name, labels)
        if key.startswith("attribute:") and key[len("attribute:") :].strip():
            name = key[len("attribute:") :].strip()
            overrides = dict(read_setting(connection, study_id, sealed.SETTING, {}))
            kind = value.strip().lower()
            if kind == "default":
                overrides.pop(name, None)
            elif kind in sealed.KINDS:
                overrides[name] = kind
            else:
                raise IndsigtError(
                    f"attribute {name!r}: expected publishable, identifying or default, "
                    f"not {value!r}"
                )
            write_setting(
                connection, store, study_id, sealed.SETTING, overrides or None, actor=actor
            )
            return overrides.get(name, "default")
    raise IndsigtError(f"unknown setting {key!r} (known: {', '.join(KEYS)})")


def _rename(connection: Connection, store: Store, study_id: int, value: str, *, actor: str) -> str:
    """Give the study the name ``value`` (white space folded), refused when empty, longer than
    the column or another study's; the change is logged as a setting's is."""
    study = schema.study
    name = " ".join(value.split())
    longest = cast(sa.String, study.c.name.type).length  # the column's, written once
    if not name or (longest is not None and len(name) > longest):
        raise IndsigtError(f"name: 1 to {longest} characters")
    taken = connection.scalar(
        sa.select(study.c.id).where(study.c.name == name, study.c.id != study_id)
    )
    if taken is not None:
        raise IndsigtError(f"name: another study in this database is called {name!r}")
    old = connection.scalar(sa.select(study.c.name).where(study.c.id == study_id))
    if old != name:
        connection.execute(study.update().where(study.c.id == study_id).values(name=name))
        _logged(connection, store, study_id, "name", old, name, actor=actor)
    return name
