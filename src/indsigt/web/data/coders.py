"""A coder's name as people read it on a chip: a person by their user name, a coding
component (``keyword.v1``) by what it is ("keyword coder"), its version kept for the tooltip."""

from __future__ import annotations

from indsigt.records import is_machine_coder
from indsigt.web.i18n import N_

# Message ids, translated where they are shown (the ``t`` filter).
COMPONENTS = {
    "keyword": N_("keyword coder"),
    "similarity": N_("similarity coder"),
    "supervised": N_("supervised coder"),
    "llm": N_("language model"),
    "ensemble": N_("coder ensemble"),
}


def readable_coder(coder: str) -> str:
    """``keyword.v1`` → "keyword coder" (a message id); a person's name as it is; an unknown
    component by its name without the version."""
    if not is_machine_coder(coder):
        return coder
    family = coder.split(".", 1)[0]
    return COMPONENTS.get(family, family.replace("_", " ").replace("-", " "))
