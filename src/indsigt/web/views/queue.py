"""The suggestion queue: filter, sort, accept (a) or reject (r) merged suggestions, undo, and
review a random sample. The rules are the library's (``coding.queue``, ``coding.review``);
this view reads the query, calls them and presents the items."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import Response

from indsigt import queries
from indsigt.coding.evidence import evidence_in_words
from indsigt.coding.queue import (
    SORTS,
    QueueFilter,
    QueueItem,
    decided_items,
    suggestion_queue,
)
from indsigt.coding.review import ReviewError, decide, undo
from indsigt.records import Study, is_machine_coder
from indsigt.store import Store
from indsigt.web import i18n
from indsigt.web.auth import User
from indsigt.web.config import web_state
from indsigt.web.data.codes import color_of, label_of, list_codes
from indsigt.web.data.codings import coders
from indsigt.web.data.sealed import public_items, sealing
from indsigt.web.data.settings import labels_of
from indsigt.web.data.studies import text_withheld
from indsigt.web.deps import CurrentUser, Form, Id, PageNumber, study_for, study_to_change
from indsigt.web.i18n import N_
from indsigt.web.problems import BadInput, HttpProblem
from indsigt.web.render import done, interface_language, page
from indsigt.web.views.common import study_header

router = APIRouter()
PAGE_SIZE = 50
RECENT = 10
FILTERS = ("code", "document", "coder", "min_score", "max_score", "attribute", "sort")


def _number(text: str, key: str, *, whole: bool = False) -> Any:
    if not text.strip():
        return None
    try:
        return int(text) if whole else float(text)
    except ValueError:
        kind = "a whole number" if whole else "a number"
        raise BadInput(N_("%(key)s: expected %(kind)s"), key=key, kind=kind) from None


def _filter(request: Request) -> tuple[QueueFilter, dict[str, str]]:
    """The queue filter from the query string, and the query's non-empty fields."""
    given = {key: value.strip() for key, value in request.query_params.items() if value.strip()}
    attribute, value = None, None
    if "attribute" in given:
        attribute, sep, value = given["attribute"].partition("=")
        if not sep or not attribute:
            raise BadInput(N_("attribute: expected name=value, e.g. level=kommune"))
    try:
        wanted = QueueFilter(
            code=given.get("code"),
            document=given.get("document"),
            coder=given.get("coder"),
            min_score=_number(given.get("min_score", ""), "min_score"),
            max_score=_number(given.get("max_score", ""), "max_score"),
            attribute=attribute,
            value=value,
            sort=given.get("sort", "document"),
            sample=_number(given.get("sample", ""), "sample", whole=True) or 0,
            seed=_number(given.get("seed", ""), "seed", whole=True) or 0,
        )
    except ReviewError as error:
        raise BadInput(str(error)) from None
    return wanted, given


def _present(
    item: QueueItem, study: Study, codes: dict[int, Any], *, admin: bool
) -> dict[str, Any]:
    code = codes.get(item.code_id)
    withheld = text_withheld(study, item.anonymised, admin=admin)
    proposals = [
        {
            "coding_id": p.coding_id,
            "coder": p.coder,
            "machine": is_machine_coder(p.coder),
            "score": p.score,
            "status": p.status,
            "evidence": evidence_in_words(
                p.evidence, score=p.score, code=code, gettext=i18n.gettext
            )
            if withheld is None
            else "",
            "reviewed_by": p.reviewed_by,
        }
        for p in item.proposals
    ]
    return {
        "id": item.id,
        "passage_id": item.passage_id,
        "code_id": item.code_id,
        "code": label_of(code, study.language) if code else item.code_path,
        "code_path": item.code_path,
        "color": color_of(code) if code else "#cccccc",
        "document_id": item.document_id,
        "document": item.document,
        "passage_url": f"/studies/{study.id}/documents/{item.document_id}#p{item.passage_id}",
        "speaker_role": item.speaker_role,
        "score": item.score,
        "status": item.status,
        "reviewed_by": item.reviewed_by,
        "coder": item.coders[0],
        "coders": item.coders,
        "proposals": proposals,
        "text": "" if withheld else item.text,
        "before": "" if withheld else item.before,
        "after": "" if withheld else item.after,
        "text_withheld": withheld,
    }


def _options(request: Request, study: Study, user: User, only_coder: str | None) -> dict[str, Any]:
    store = web_state(request).store
    codes = list_codes(store, study.id)
    names, classes = sealing(store, study.id)
    admin = user.can("admin")
    attributes = sorted(
        {
            (key, str(value))
            for respondent in queries.respondents(store, study.id)
            for key, value in respondent.attributes.items()
            if value not in (None, "") and (admin or classes.publishable(key))
        }
    )
    return {
        "codes": [{"path": code.path, "label": label_of(code, study.language)} for code in codes],
        "documents": [
            {"id": doc.id, "name": doc.name if admin else names.get(doc.id, doc.name)}
            for doc in queries.documents(store, study.id)
        ],
        "coders": [c["name"] for c in coders(store, study.id, only_coder=only_coder)],
        "attributes": [f"{key}={value}" for key, value in attributes],
        "attribute_labels": labels_of(store, study.id, {key for key, _ in attributes}),
        "sorts": list(SORTS),
    }


@router.get("/studies/{sid}/queue")
def queue(
    request: Request,
    sid: Id,
    user: CurrentUser,
    page_number: PageNumber = 1,
) -> Response:
    store = web_state(request).store
    study = study_for(request, sid)
    header = study_header(request, study, user)
    wanted, given = _filter(request)
    if wanted.attribute and not user.can("admin"):
        _, classes = sealing(store, study.id)
        if not classes.publishable(wanted.attribute):
            raise BadInput(
                N_("attribute: %(attribute)s is not publishable"), attribute=wanted.attribute
            )
    try:
        found = suggestion_queue(
            store,
            study.id,
            wanted,
            only_coder=header["only_coder"],
            limit=PAGE_SIZE,
            offset=(page_number - 1) * PAGE_SIZE,
        )
    except ReviewError as error:
        raise BadInput(str(error)) from None
    codes = {code.id: code for code in list_codes(store, study.id)}
    admin = user.can("admin")
    recent = (
        decided_items(
            store, study.id, user=user.name, only_coder=header["only_coder"], limit=RECENT
        )
        if user.can("coder")
        else []
    )
    kept = {key: value for key, value in given.items() if key != "page"}
    interface_language(request, header)  # evidence in words is said in the page's language
    shown = [_present(item, study, codes, admin=admin) for item in found.items]
    recent_shown = [_present(item, study, codes, admin=admin) for item in recent]
    if not admin:
        public_items(store, study.id, shown)
        public_items(store, study.id, recent_shown)
    data = {
        **header,
        "suggestions": shown,
        "total": found.total,
        "page": page_number,
        "pages": max(1, -(-found.total // PAGE_SIZE)),
        "filters": {key: given.get(key, "") for key in (*FILTERS, "sample", "seed")},
        "query": urlencode(kept),
        "sample": {"size": wanted.sample, "seed": wanted.seed} if wanted.sample else None,
        "recent": recent_shown,
        "options": _options(request, study, user, header["only_coder"]),
        "can_review": user.can("coder"),
    }
    return page(request, "queue.html", data)


def _review(
    request: Request,
    sid: int,
    user: User,
    doing: str,
    act: Callable[[Store, int, str | None], dict[str, Any]],
) -> Response:
    """A decision on a queue item by ``act(store, study_id, only_coder)``; the review
    library's refusals (not found, not a suggestion, not allowed) as the HTTP problems they
    name."""
    study = study_to_change(request, sid, user, "coder", doing)
    only_coder = study_header(request, study, user)["only_coder"]
    try:
        result = act(web_state(request).store, study.id, only_coder)
    except ReviewError as error:
        raise HttpProblem(str(error), status=error.status) from None
    return done(request, result, to=f"/studies/{sid}/queue")


@router.post("/studies/{sid}/queue/{coding_id}")
def decide_item(
    request: Request, sid: Id, coding_id: Id, user: CurrentUser, form: Form
) -> Response:
    """Body: ``decision`` = ``accept`` or ``reject``; decides the item's twins too."""
    decision = form.get("decision")
    return _review(
        request,
        sid,
        user,
        N_("reviewing suggestions"),
        lambda store, study_id, only_coder: decide(
            store, study_id, coding_id, decision, user=user.name, only_coder=only_coder, via="web"
        ),
    )


@router.post("/studies/{sid}/queue/{coding_id}/undo")
def undo_item(request: Request, sid: Id, coding_id: Id, user: CurrentUser) -> Response:
    """Take back a decision (the reviewer's own, or anyone's for an admin)."""
    return _review(
        request,
        sid,
        user,
        N_("undoing a decision"),
        lambda store, study_id, only_coder: undo(
            store,
            study_id,
            coding_id,
            user=user.name,
            admin=user.can("admin"),
            only_coder=only_coder,
        ),
    )
