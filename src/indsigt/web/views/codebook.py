"""The codebook editor: the codebook as a tree; add, edit, move (drag and drop, or one step
by the keyboard's buttons) and delete codes, merge one into another (coders; delete and merge:
admins)."""

from __future__ import annotations

from dataclasses import asdict

from fastapi import APIRouter, Request
from fastapi.responses import Response

from indsigt.codebook.texts import in_language
from indsigt.records import Code
from indsigt.web.auth import require
from indsigt.web.config import web_state
from indsigt.web.data.codes import (
    CodeInput,
    add_code,
    coding_counts,
    color_of,
    delete_code,
    get_code,
    label_of,
    merge,
    merge_preview,
    move,
    tree,
    update_code,
)
from indsigt.web.deps import CurrentUser, Form, Id, Payload, study_for, study_to_change, whole_id
from indsigt.web.i18n import N_
from indsigt.web.problems import BadInput, HttpProblem, NotFound
from indsigt.web.render import done, interface_language, page, wants_json
from indsigt.web.views.common import key_points_of, study_header
from indsigt.web.views.jobs import start_key_points
from indsigt.web.views.memos import memos_for

router = APIRouter()


def _code_data(code: Code, language: str, codings: int) -> dict[str, object]:
    """One code; ``label`` and the ``*_text`` fields in ``language`` (the interface's), the
    raw fields (every language, tagged ``da: …``) for the edit form."""
    return {
        "id": code.id,
        "path": code.path,
        "label": label_of(code, language),
        "labels": code.labels,
        "definition": code.definition,
        "include": code.include,
        "exclude": code.exclude,
        "definition_text": in_language(code.definition, language),
        "include_text": in_language(code.include, language),
        "exclude_text": in_language(code.exclude, language),
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


def codebook_data(request: Request, sid: Id, user: CurrentUser) -> dict[str, object]:
    """The codes depth first (siblings in their order): ``depth``, ``index`` among
    ``siblings``, ``children`` and the tree ``parent`` (None at the top) beside each code."""
    store = web_state(request).store
    study = study_for(request, sid)
    header = study_header(request, study, user)
    language = interface_language(request, header)
    counts = coding_counts(store, study.id, only_coder=header["only_coder"])
    codes = []
    parents: list[int] = []
    for node in tree(store, study.id):
        del parents[node.depth :]
        data = _code_data(node.code, language, counts.get(node.code.id, 0))
        data.update(
            depth=node.depth,
            index=node.index,
            siblings=node.siblings,
            children=node.children,
            parent=parents[-1] if parents else None,
        )
        parents.append(node.code.id)
        codes.append(data)
    return {
        **header,
        "codes": codes,
        "can_edit": user.can("coder"),
        "can_merge": user.can("admin"),
        "problem": None,
        "form": None,
        "imported": None,
    }


@router.get("/studies/{sid}/codebook")
def codebook(request: Request, sid: Id, user: CurrentUser) -> Response:
    return page(request, "codebook.html", codebook_data(request, sid, user))


@router.post("/studies/{sid}/codebook")
def add(
    request: Request,
    sid: Id,
    user: CurrentUser,
    form: Form,
) -> Response:
    """A refused code (a duplicate path, an unknown parent, a bad colour) comes back to a form
    as the codebook page with the message above the add form and what was typed kept."""
    study = study_to_change(request, sid, user, "coder", N_("editing the codebook"))
    try:
        code_id = add_code(
            web_state(request).store,
            study.id,
            _input(form),
            language=study.language,
            actor=user.name,
        )
    except HttpProblem as problem:
        if wants_json(request):
            raise
        data = codebook_data(request, sid, user)
        data["problem"] = problem.translated()
        data["form"] = _input(form)
        return page(request, "codebook.html", data, status=problem.status)
    return done(request, {"id": code_id}, to=f"/studies/{sid}/codebook", status=201)


def _code_page(request: Request, sid: Id, code_id: Id, user: CurrentUser) -> dict[str, object]:
    store = web_state(request).store
    study = study_for(request, sid)
    found = get_code(store, study.id, code_id)
    header = study_header(request, study, user)
    language = interface_language(request, header)
    counts = coding_counts(store, study.id, only_coder=header["only_coder"])
    return {
        **header,
        "code": _code_data(found, language, counts.get(code_id, 0)),
        "can_edit": user.can("coder"),
        "key_points": key_points_of(request, study.id, {"code": found.path}, header),
        "key_points_action": f"/studies/{sid}/codebook/{code_id}/keypoints",
        "memos": memos_for(request, study, user, code_id=code_id),
        "memo_target": {"code_id": code_id},
        "can_memo": user.can("coder"),
        "problem": None,
        "form": None,
        "imported": None,
    }


@router.get("/studies/{sid}/codebook/{code_id}")
def code(request: Request, sid: Id, code_id: Id, user: CurrentUser) -> Response:
    return page(request, "code.html", _code_page(request, sid, code_id, user))


@router.post("/studies/{sid}/codebook/{code_id}/keypoints")
def compute_key_points(
    request: Request,
    sid: Id,
    code_id: Id,
    user: CurrentUser,
) -> Response:
    """Start computing the code's key points (embedding what is not cached yet)."""
    study = study_to_change(request, sid, user, "coder", N_("computing key points"))
    found = get_code(web_state(request).store, study.id, code_id)
    to = f"/studies/{sid}/codebook/{code_id}"
    started = start_key_points(request, study, user, {"code": found.path}, page_href=to)
    return done(request, {"id": code_id, "started": started}, to=to)


@router.post("/studies/{sid}/codebook/{code_id}")
def edit(
    request: Request,
    sid: Id,
    code_id: Id,
    user: CurrentUser,
    form: Form,
) -> Response:
    """A refused change (a duplicate path, an unknown parent, its own sub-code as the parent)
    comes back to the code's page with the message above the form and what was typed kept."""
    study = study_to_change(request, sid, user, "coder", N_("editing the codebook"))
    try:
        update_code(
            web_state(request).store,
            study.id,
            code_id,
            _input(form),
            language=study.language,
            actor=user.name,
        )
    except HttpProblem as problem:
        if wants_json(request) or isinstance(problem, NotFound):
            raise
        data = _code_page(request, sid, code_id, user)
        data["problem"] = problem.translated()
        data["form"] = _input(form)
        return page(request, "code.html", data, status=problem.status)
    return done(request, {"id": code_id}, to=f"/studies/{sid}/codebook")


@router.post("/studies/{sid}/codebook/{code_id}/delete")
def delete(
    request: Request,
    sid: Id,
    code_id: Id,
    user: CurrentUser,
) -> Response:
    study = study_to_change(
        request, sid, user, "admin", N_("deleting a code (and everyone's codings of it)")
    )
    removed = delete_code(web_state(request).store, study.id, code_id, actor=user.name)
    return done(request, {"id": code_id, "codings_removed": removed}, to=f"/studies/{sid}/codebook")


def _optional_id(form: Payload, key: str) -> int | None:
    value = form.get(key).strip()
    return None if value in ("", "0", "top", "None", "null") else whole_id(value, key)


def _optional_position(form: Payload) -> int | None:
    value = form.get("position").strip()
    if not value:
        return None
    if not value.isdigit() or int(value) > 1_000_000:
        raise BadInput(N_("%(key)s: expected a whole number"), key="position")
    return int(value)


@router.post("/studies/{sid}/codebook/{code_id}/move")
def move_one(request: Request, sid: Id, code_id: Id, user: CurrentUser, form: Form) -> Response:
    """A keyboard step (``direction``: up, down, indent, outdent) or a drop (``parent_id``,
    empty for the top level, and ``position`` among the codes there, empty for last)."""
    study = study_to_change(request, sid, user, "coder", N_("editing the codebook"))
    path = move(
        web_state(request).store,
        study.id,
        code_id,
        direction=form.get("direction").strip(),
        parent_id=_optional_id(form, "parent_id"),
        position=_optional_position(form),
        actor=user.name,
    )
    return done(
        request, {"id": code_id, "path": path}, to=f"/studies/{sid}/codebook#code-{code_id}"
    )


def _targets(codes: list[dict[str, object]], source: dict[str, object]) -> list[dict[str, object]]:
    """Codes the source may merge into: not itself, not one of its sub-codes."""
    prefix = f"{source['path']}/"
    return [
        code
        for code in codes
        if code["id"] != source["id"] and not str(code["path"]).startswith(prefix)
    ]


@router.get("/studies/{sid}/codebook/{code_id}/merge")
def merge_page(request: Request, sid: Id, code_id: Id, user: CurrentUser) -> Response:
    """Pick the code to merge into; with ``?into=ID`` what the merge would do, to confirm."""
    require(user, "admin", "merging codes (everyone's codings move)")
    data = codebook_data(request, sid, user)
    codes = data["codes"]
    assert isinstance(codes, list)
    source = next((code for code in codes if code["id"] == code_id), None)
    if source is None:
        raise NotFound(N_("no code %(id)s in this study"), id=code_id)
    into = request.query_params.get("into", "").strip()
    data.update(source=source, targets=_targets(codes, source), into=None, plan=None)
    status = 200
    if into:
        target_id = whole_id(into, "into")
        data["into"] = target_id
        try:
            study = study_for(request, sid)
            plan = merge_preview(web_state(request).store, study.id, code_id, target_id)
            data["plan"] = asdict(plan)
        except HttpProblem as problem:
            if wants_json(request):
                raise
            data["problem"] = problem.translated()
            status = problem.status
    return page(request, "merge.html", data, status=status)


@router.post("/studies/{sid}/codebook/{code_id}/merge")
def merge_one(request: Request, sid: Id, code_id: Id, user: CurrentUser, form: Form) -> Response:
    """Merge the code into ``into``: its codings, sub-codes and memos move; it is deleted."""
    study = study_to_change(
        request, sid, user, "admin", N_("merging codes (everyone's codings move)")
    )
    target_id = form.integer("into")
    plan = merge(web_state(request).store, study.id, code_id, target_id, actor=user.name)
    return done(
        request,
        {"id": target_id, **asdict(plan)},
        to=f"/studies/{sid}/codebook#code-{target_id}",
    )
