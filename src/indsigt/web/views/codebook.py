"""The codebook editor: add, edit and delete codes (coders and admins)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from indsigt.records import Code
from indsigt.web.auth import require
from indsigt.web.data.codes import (
    CodeInput,
    add_code,
    coding_counts,
    color_of,
    delete_code,
    get_code,
    label_of,
    list_codes,
    update_code,
)
from indsigt.web.deps import CurrentUser, Form, Id, Payload, study_for
from indsigt.web.render import done, page, web_state
from indsigt.web.views.common import key_points_of, start_key_points, study_header
from indsigt.web.views.memos import memos_for

router = APIRouter()


def _code_data(code: Code, language: str, codings: int) -> dict[str, object]:
    return {
        "id": code.id,
        "path": code.path,
        "label": label_of(code, language),
        "labels": code.labels,
        "definition": code.definition,
        "include": code.include,
        "exclude": code.exclude,
        "keywords": list(code.keywords),
        "examples": list(code.examples),
        "color": color_of(code),
        "parent_id": code.parent_id,
        "depth": code.path.count("/"),
        "codings": codings,
    }


def _input(form: Payload) -> CodeInput:
    return CodeInput(
        path=form.get("path"),
        label=form.get("label"),
        definition=form.get("definition"),
        include=form.get("include"),
        exclude=form.get("exclude"),
        keywords=form.get("keywords"),
        examples=form.get("examples"),
        color=form.get("color"),
    )


@router.get("/studies/{sid}/codebook")
def codebook(request: Request, sid: Id, user: CurrentUser) -> Response:
    store = web_state(request).store
    study = study_for(request, sid)
    header = study_header(request, study, user)
    counts = coding_counts(store, study.id, only_coder=header["only_coder"])
    codes = [
        _code_data(code, study.language, counts.get(code.id, 0))
        for code in list_codes(store, study.id)
    ]
    data = {**header, "codes": codes, "can_edit": user.can("coder")}
    return page(request, "codebook.html", data)


@router.post("/studies/{sid}/codebook")
def add(
    request: Request,
    sid: Id,
    user: CurrentUser,
    form: Form,
) -> Response:
    require(user, "coder", "editing the codebook")
    study = study_for(request, sid)
    code_id = add_code(
        web_state(request).store, study.id, _input(form), language=study.language, actor=user.name
    )
    return done(request, {"id": code_id}, to=f"/studies/{sid}/codebook", status=201)


@router.get("/studies/{sid}/codebook/{code_id}")
def code(request: Request, sid: Id, code_id: Id, user: CurrentUser) -> Response:
    store = web_state(request).store
    study = study_for(request, sid)
    found = get_code(store, study.id, code_id)
    header = study_header(request, study, user)
    counts = coding_counts(store, study.id, only_coder=header["only_coder"])
    data = {
        **header,
        "code": _code_data(found, study.language, counts.get(code_id, 0)),
        "can_edit": user.can("coder"),
        "memos": memos_for(request, study, user, code_id=code_id),
        "memo_target": {"code_id": code_id},
        "can_memo": user.can("coder"),
        "key_points": key_points_of(request, study.id, {"code": found.path}, header),
        "key_points_action": f"/studies/{sid}/codebook/{code_id}/keypoints",
    }
    return page(request, "code.html", data)


@router.post("/studies/{sid}/codebook/{code_id}/keypoints")
def compute_key_points(
    request: Request,
    sid: Id,
    code_id: Id,
    user: CurrentUser,
) -> Response:
    """Start computing the code's key points (embedding what is not cached yet)."""
    require(user, "coder", "computing key points")
    study = study_for(request, sid)
    found = get_code(web_state(request).store, study.id, code_id)
    started = start_key_points(request, study.id, {"code": found.path})
    return done(
        request, {"id": code_id, "started": started}, to=f"/studies/{sid}/codebook/{code_id}"
    )


@router.post("/studies/{sid}/codebook/{code_id}")
def edit(
    request: Request,
    sid: Id,
    code_id: Id,
    user: CurrentUser,
    form: Form,
) -> Response:
    require(user, "coder", "editing the codebook")
    study = study_for(request, sid)
    update_code(
        web_state(request).store,
        study.id,
        code_id,
        _input(form),
        language=study.language,
        actor=user.name,
    )
    return done(request, {"id": code_id}, to=f"/studies/{sid}/codebook")


@router.post("/studies/{sid}/codebook/{code_id}/delete")
def delete(
    request: Request,
    sid: Id,
    code_id: Id,
    user: CurrentUser,
) -> Response:
    require(user, "admin", "deleting a code (and everyone's codings of it)")
    study = study_for(request, sid)
    removed = delete_code(web_state(request).store, study.id, code_id, actor=user.name)
    return done(request, {"id": code_id, "codings_removed": removed}, to=f"/studies/{sid}/codebook")
