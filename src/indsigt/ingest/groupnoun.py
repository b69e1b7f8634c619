"""A study of focus groups says so: when the first documents imported into a study are focus
groups (GENNOVATE sheets: each group is one respondent, "Participants") and the user named no
respondent noun, the study's noun becomes "Focus group" in its language ("Fokusgruppe",
"Fokusgrupp"), so pseudonyms read "Focus group A" and counts "4 of 4 focus groups". Settled
once, at the first import, as the study's language is (``pipeline.settle_language``); the
user's noun always wins, and ``indsigt settings STUDY respondent-noun …`` changes it later.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy.engine import Connection

from indsigt import nouns
from indsigt.settings import read_setting, study_language, write_setting
from indsigt.store import Store

FOCUS_GROUP_LAYOUTS = frozenset({"gennovate"})  # ParsedDocument.metadata["layout"]


def is_focus_group(metadata: dict[str, Any]) -> bool:
    """Whether an imported document is a focus group's transcript (by its layout)."""
    return metadata.get("layout") in FOCUS_GROUP_LAYOUTS


def mostly_focus_groups(flags: Iterable[bool]) -> bool:
    """Whether more than half of the documents (one flag each: :func:`is_focus_group`) are
    focus groups: the one rule the study's noun at import and the report's wording (its
    "discussions", ``report.context``) follow, so the two never disagree about a study."""
    seen = list(flags)
    return sum(seen) * 2 > len(seen)


def settle_noun(
    connection: Connection,
    store: Store,
    study_id: int,
    *,
    first_import: bool,
    documents: Sequence[dict[str, Any]],
) -> str | None:
    """On a study's first import (``first_import``: it had no documents), when most of the
    imported ``documents`` (their metadata) are focus groups and no noun is set: store the
    study language's word for a focus group and return it; else None."""
    if not first_import or not documents:
        return None
    if read_setting(connection, study_id, nouns.SETTING) is not None:
        return None  # the user's noun (init --respondent-noun)
    if not mostly_focus_groups(is_focus_group(metadata) for metadata in documents):
        return None
    noun = nouns.focus_group(study_language(connection, study_id))
    write_setting(connection, store, study_id, nouns.SETTING, noun, actor="import")
    return noun
