"""What views share: the request payload (form or JSON), the study of a path, and the one
place where integer ids are checked (:data:`Id` for paths, :func:`whole_id` for bodies, ``page``
numbers): a store id is a positive 64-bit integer, so anything else is refused before a query
sees it (a larger one would overflow the database driver)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Annotated, Any

from fastapi import Depends, Query, Request
from fastapi import Path as PathParameter
from starlette.datastructures import UploadFile

from indsigt.records import Study
from indsigt.web.auth import User, current_user, require
from indsigt.web.config import web_state
from indsigt.web.data.studies import get_study
from indsigt.web.i18n import N_
from indsigt.web.problems import BadInput, NotFound

MAX_ID = 2**63 - 1
MAX_PAGE = 10**6

Id = Annotated[int, PathParameter(ge=1, le=MAX_ID)]
"""An id in a path: a whole number from 1 to 2⁶³−1 (else 422)."""

PageNumber = Annotated[int, Query(alias="page", ge=1, le=MAX_PAGE)]


def whole_id(value: Any, key: str) -> int:
    """``value`` as an id (a whole number from 1 to 2⁶³−1), or :class:`BadInput` naming ``key``."""
    if isinstance(value, bool):
        raise BadInput(N_("%(key)s: expected a whole number"), key=key)
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise BadInput(N_("%(key)s: expected a whole number"), key=key) from None
    if not 1 <= number <= MAX_ID:
        raise BadInput(
            N_("%(key)s: expected a whole number from 1 to %(highest)s"), key=key, highest=MAX_ID
        )
    return number


@dataclass
class Payload:
    """A request's fields, the same whether they came as a form or as a JSON object."""

    values: dict[str, list[Any]] = field(default_factory=dict)
    uploads: dict[str, list[UploadFile]] = field(default_factory=dict)

    def get(self, key: str, default: str = "") -> str:
        found = self.values.get(key)
        if not found or found[0] is None:
            return default
        return str(found[0])

    def getlist(self, key: str) -> list[Any]:
        return list(self.values.get(key, []))

    def files(self, key: str) -> list[UploadFile]:
        return list(self.uploads.get(key, []))

    def integer(self, key: str) -> int:
        """The field as an id (see :func:`whole_id`)."""
        return whole_id(self.get(key), key)

    def integers(self, key: str) -> list[int]:
        """Every value of the field as an id."""
        return [whole_id(value, key) for value in self.getlist(key)]


async def payload(request: Request) -> Payload:
    """Dependency: the body of a POST as a :class:`Payload`."""
    content_type = request.headers.get("content-type", "")
    result = Payload()
    if content_type.startswith("application/json"):
        try:
            body = await request.json()
        except ValueError:
            raise BadInput(N_("the body is not valid JSON")) from None
        if not isinstance(body, dict):
            raise BadInput(N_("the JSON body must be an object"))
        for key, value in body.items():
            result.values[key] = value if isinstance(value, list) else [value]
    elif content_type.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
        limit = web_state(request).config.max_upload_bytes
        form = await request.form(max_part_size=limit)
        for key, value in form.multi_items():
            if isinstance(value, UploadFile):
                result.uploads.setdefault(key, []).append(value)
            else:
                result.values.setdefault(key, []).append(value)
    return result


def study_for(request: Request, sid: int) -> Study:
    """The study named by the path, or 404."""
    study = get_study(web_state(request).store, sid)
    if study is None:
        raise NotFound(N_("no study %(sid)s"), sid=sid)
    return study


def study_to_change(request: Request, sid: int, user: User, role: str, doing: str) -> Study:
    """The study named by the path, for a state change ``doing`` (a message id) that needs
    ``role``: :class:`~indsigt.web.problems.Forbidden` without it, 404 without the study."""
    require(user, role, doing)
    return study_for(request, sid)


CurrentUser = Annotated[User, Depends(current_user)]
Form = Annotated[Payload, Depends(payload)]
