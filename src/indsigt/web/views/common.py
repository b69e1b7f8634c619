"""What several views share: the study header every study page carries."""

from __future__ import annotations

from typing import Any

from fastapi import Request

from indsigt.records import Study
from indsigt.web.auth import User
from indsigt.web.data.settings import blind_coding
from indsigt.web.render import web_state


def study_header(request: Request, study: Study, user: User) -> dict[str, Any]:
    """``study`` (id, name, language, anonymisation, blind coding) and ``only_coder``: the one
    coder whose codings this user may see, or None for all."""
    blind = blind_coding(web_state(request).store, study.id)
    return {
        "study": {
            "id": study.id,
            "name": study.name,
            "language": study.language,
            "anonymisation_required": study.anonymisation_required,
            "blind_coding": blind,
        },
        "only_coder": user.name if blind and user.role == "coder" else None,
    }


def user_data(user: User) -> dict[str, Any]:
    return {"name": user.name, "role": user.role}
