"""Memos on documents, codes and passages: the study's list, and add, edit, delete (coders
and admins; a coder edits and deletes only their own memos). A form comes back to ``next``
(a page of this study) or to the memo's document or code."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from fastapi import APIRouter, Request
from fastapi.responses import Response

from indsigt.memos import Memo, MemoError, add_memo, delete_memo, get_memo, list_memos, update_memo
from indsigt.records import Study
from indsigt.store import Store, schema
from indsigt.web.auth import User, require
from indsigt.web.config import web_state
from indsigt.web.data.sealed import sealing
from indsigt.web.deps import CurrentUser, Form, Id, Payload, study_for, study_to_change, whole_id
from indsigt.web.i18n import N_
from indsigt.web.problems import Forbidden, NotFound
from indsigt.web.render import done, page
from indsigt.web.views.common import study_header

router = APIRouter()


def memo_data(memo: Memo, study_id: int, names: dict[int, str] | None = None) -> dict[str, Any]:
    """A memo for a page; ``names``: neutral document names (for non-admins)."""
    document = None
    if memo.document_id is not None:
        document = names.get(memo.document_id) if names is not None else None
    base = f"/studies/{study_id}"
    if memo.passage_id is not None:
        link = f"{base}/documents/{memo.document_id}#p{memo.passage_id}"
    elif memo.code_id is not None:
        link = f"{base}/codebook/{memo.code_id}"
    elif memo.document_id is not None:
        link = f"{base}/documents/{memo.document_id}"
    else:
        link = None
    return {
        "id": memo.id,
        "target": memo.target,
        "document_id": memo.document_id,
        "document": document,
        "code_id": memo.code_id,
        "passage_id": memo.passage_id,
        "author": memo.author,
        "title": memo.title,
        "text": memo.text,
        "created_at": memo.created_at,
        "link": link,
    }


def memos_for(
    request: Request,
    study: Study,
    user: User,
    *,
    document_id: int | None = None,
    code_id: int | None = None,
) -> list[dict[str, Any]]:
    """The memos a page shows, with ``can_change`` for this user."""
    store = web_state(request).store
    names = document_names(store, study.id) if user.can("admin") else sealing(store, study.id)[0]
    found = list_memos(store, study.id, document_id=document_id, code_id=code_id)
    return [{**memo_data(m, study.id, names), "can_change": _may_change(user, m)} for m in found]


def document_names(store: Store, study_id: int) -> dict[int, str]:
    d = schema.document
    with store.connect() as connection:
        rows = connection.execute(sa.select(d.c.id, d.c.name).where(d.c.study_id == study_id))
        return {int(i): str(n) for i, n in rows}


def _may_change(user: User, memo: Memo) -> bool:
    return user.can("admin") or (user.can("coder") and memo.author == user.name)


def _next(form: Payload, study_id: int, fallback: str) -> str:
    """Where a form goes back to: a page of this study only (no open redirect)."""
    target = form.get("next").strip()
    prefix = f"/studies/{study_id}/"
    if target.startswith(prefix) and "//" not in target and "\\" not in target:
        return target
    return fallback


def _optional_id(form: Payload, key: str) -> int | None:
    value = form.get(key).strip()
    return None if not value else whole_id(value, key)


@router.get("/studies/{sid}/memos")
def memos(request: Request, sid: Id, user: CurrentUser) -> Response:
    study = study_for(request, sid)
    data = {**study_header(request, study, user), "memos": memos_for(request, study, user)}
    return page(request, "memos.html", data)


@router.post("/studies/{sid}/memos")
def add(request: Request, sid: Id, user: CurrentUser, form: Form) -> Response:
    study = study_to_change(request, sid, user, "coder", N_("writing a memo"))
    store = web_state(request).store
    memo_id = add_memo(
        store,
        study.id,
        form.get("text"),
        author=user.name,
        title=form.get("title"),
        document_id=_optional_id(form, "document_id"),
        code_id=_optional_id(form, "code_id"),
        passage_id=_optional_id(form, "passage_id"),
    )
    memo = get_memo(store, study.id, memo_id)
    fallback = memo_data(memo, study.id)["link"] or f"/studies/{sid}/memos"
    return done(request, memo_data(memo, study.id), to=_next(form, study.id, fallback), status=201)


def _changeable(request: Request, study: Study, user: User, memo_id: int) -> Memo:
    require(user, "coder", "changing a memo")
    try:
        memo = get_memo(web_state(request).store, study.id, memo_id)
    except MemoError:
        raise NotFound(N_("no memo %(memo_id)s in this study"), memo_id=memo_id) from None
    if not _may_change(user, memo):
        raise Forbidden(N_("only its author or an admin may change a memo"))
    return memo


@router.post("/studies/{sid}/memos/{memo_id}")
def edit(request: Request, sid: Id, memo_id: Id, user: CurrentUser, form: Form) -> Response:
    study = study_for(request, sid)
    _changeable(request, study, user, memo_id)
    store = web_state(request).store
    update_memo(
        store, study.id, memo_id, form.get("text"), actor=user.name, title=form.get("title")
    )
    memo = get_memo(store, study.id, memo_id)
    fallback = memo_data(memo, study.id)["link"] or f"/studies/{sid}/memos"
    return done(request, memo_data(memo, study.id), to=_next(form, study.id, fallback))


@router.post("/studies/{sid}/memos/{memo_id}/delete")
def delete(request: Request, sid: Id, memo_id: Id, user: CurrentUser, form: Form) -> Response:
    study = study_for(request, sid)
    memo = _changeable(request, study, user, memo_id)
    delete_memo(web_state(request).store, study.id, memo_id, actor=user.name)
    fallback = memo_data(memo, study.id)["link"] or f"/studies/{sid}/memos"
    return done(request, {"id": memo_id, "deleted": True}, to=_next(form, study.id, fallback))
