"""What several views share: the study header every study page carries."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from fastapi import Request

from indsigt.records import Study
from indsigt.web.auth import User
from indsigt.web.config import web_state
from indsigt.web.data.settings import blind_coding


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


def key_points_of(
    request: Request,
    study_id: int,
    scope: dict[str, Any],
    header: dict[str, Any],
    *,
    compute: bool = True,
) -> dict[str, Any]:
    """The key points of a code or theme page (see :mod:`indsigt.web.data.keypoints`);
    hidden from a coder while blind coding is on (they count everyone's codings)."""
    from indsigt.settings import noun_of
    from indsigt.web.data import keypoints

    if header["only_coder"] is not None:
        return {"status": "hidden"}
    state = web_state(request)
    with state.store.connect() as connection:
        noun = noun_of(connection, study_id).plural
    job = state.jobs.active(study_id) if state.jobs is not None else None
    running = (
        job is not None
        and job.kind == keypoints.KIND
        and job.options == keypoints.job_options(scope)
    )
    return keypoints.key_points_view(
        state.store,
        study_id,
        scope,
        noun=noun,
        link=lambda document_id: f"/studies/{study_id}/documents/{document_id}",
        compute=compute,
        running=running,
    )


UNSAFE_NAME = re.compile(r"[^\w.() -]+")


def safe_name(name: str, fallback: str, *, path: bool = True) -> str:
    """A plain file name (no folders, no odd characters), keeping the suffix. ``path``: the
    name came with a file and may carry folders, which are dropped."""
    base = Path(name.replace("\\", "/")).name if path else name
    base = UNSAFE_NAME.sub("_", base.strip()).strip("._ ")
    return base[:150] or fallback
