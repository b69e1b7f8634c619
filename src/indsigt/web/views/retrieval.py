"""Retrieval of a code: every passage coded with it (and its sub-codes), each with the
passages around it in the turn, the speaker and the document; filters by respondent
attribute; ``?with=ID`` narrows to passages also coded with another code (the co-occurrence
page links here); ``.csv`` and ``.xlsx`` exports of the same rows. Accepted codings by default,
``?suggestions=1`` adds machine suggestions; ``?subcodes=0`` leaves sub-codes out."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import Response

from indsigt.analyse.retrieval import Retrieval, Retrieved, retrieve_code
from indsigt.records import Study
from indsigt.tabular import csv_bytes, xlsx_bytes
from indsigt.web.auth import User
from indsigt.web.config import web_state
from indsigt.web.data.codes import color_of, get_code, label_of
from indsigt.web.data.passages import PassageViewer, attribute_values, passage_viewer
from indsigt.web.data.settings import labels_of
from indsigt.web.deps import CurrentUser, Id, PageNumber, study_for, whole_id
from indsigt.web.render import page
from indsigt.web.views.common import study_header

router = APIRouter()
PAGE_SIZE = 50
OPTIONS = ("suggestions", "subcodes", "with", "page")
EXPORT_COLUMNS = (
    "passage_id",
    "document",
    "turn",
    "speaker",
    "role",
    "attributes",
    "codes",
    "before",
    "text",
    "after",
    "link",
)


def _flag(request: Request, key: str, default: bool) -> bool:
    value = request.query_params.get(key, "").strip().lower()
    if not value:
        return default
    return value not in ("0", "false", "no", "off")


def _retrieve(
    request: Request,
    sid: int,
    code_id: int,
    user: User,
    *,
    limit: int | None = None,
    offset: int = 0,
) -> tuple[Study, dict[str, Any], PassageViewer, Retrieval]:
    store = web_state(request).store
    study = study_for(request, sid)
    header = study_header(request, study, user)
    code = get_code(store, study.id, code_id)
    viewer = passage_viewer(store, study, admin=user.can("admin"))
    suggestions = _flag(request, "suggestions", False)
    subcodes = _flag(request, "subcodes", True)
    other = None
    if request.query_params.get("with", "").strip():
        other = get_code(store, study.id, whole_id(request.query_params["with"], "with"))
    filters = {
        key: value.strip()
        for key, value in request.query_params.items()
        if key not in OPTIONS and value.strip() and viewer.attribute_allowed(key)
    }
    found = retrieve_code(
        store,
        study.id,
        code.id,
        subcodes=subcodes,
        statuses=("accepted", "suggested") if suggestions else ("accepted",),
        coders=(header["only_coder"],) if header["only_coder"] else (),
        together_with=other.id if other else None,
        attributes=filters,
        limit=limit,
        offset=offset,
    )
    context = {
        **header,
        "code": {
            "id": code.id,
            "path": code.path,
            "label": label_of(code, study.language),
            "color": color_of(code),
        },
        "with": None if other is None else {"id": other.id, "path": other.path},
        "suggestions": suggestions,
        "subcodes": subcodes,
        "filters": filters,
        "attributes": attribute_values(store, study.id, viewer),
    }
    context["attribute_labels"] = labels_of(store, study.id, context["attributes"])
    return study, context, viewer, found


def _item(viewer: PassageViewer, found: Retrieved) -> dict[str, Any]:
    item = viewer.item(found.passage)
    readable = item["text_withheld"] is None
    return {
        **item,
        "codings": [
            {
                "code_id": m.code_id,
                "path": m.path,
                "coder": m.coder,
                "status": m.status,
                # A coding of a selection: exactly what was coded (withheld with the text).
                "span": [m.start, m.end] if m.start is not None else None,
                "span_text": m.text if readable else "",
            }
            for m in found.codings
        ],
    }


def _query(request: Request, *, drop: tuple[str, ...] = ("page",)) -> str:
    return urlencode([(k, v) for k, v in request.query_params.multi_items() if k not in drop])


@router.get("/studies/{sid}/codes/{code_id}/passages")
def passages(
    request: Request, sid: Id, code_id: Id, user: CurrentUser, number: PageNumber = 1
) -> Response:
    study, context, viewer, found = _retrieve(
        request, sid, code_id, user, limit=PAGE_SIZE, offset=(number - 1) * PAGE_SIZE
    )
    pages = max(1, -(-found.total // PAGE_SIZE))
    base = f"/studies/{study.id}/codes/{code_id}/passages"
    query = _query(request)
    data = {
        **context,
        "total": found.total,
        "documents": found.documents,
        "page": number,
        "pages": pages,
        "query": query,
        "exports": {
            "csv": f"{base}.csv" + (f"?{query}" if query else ""),
            "xlsx": f"{base}.xlsx" + (f"?{query}" if query else ""),
        },
        "passages": [_item(viewer, f) for f in found.items],
        "can_memo": user.can("coder"),
    }
    return page(request, "passages.html", data)


def _export_rows(viewer: PassageViewer, found: Retrieval, host: str) -> list[dict[str, Any]]:
    rows = []
    for entry in found.items:
        item = _item(viewer, entry)
        rows.append(
            {
                **item,
                "attributes": "; ".join(f"{k}: {v}" for k, v in item["attributes"].items()),
                "codes": "; ".join(
                    f"{c['path']} ({c['coder']}, {c['status']})"
                    + (f": “{c['span_text']}”" if c["span_text"] else "")
                    for c in item["codings"]
                ),
                "text": item["text"] if item["text_withheld"] is None else item["text_withheld"],
                "link": host + item["url"],
            }
        )
    return rows


def _filename(study: Study, code_path: str, suffix: str) -> str:
    safe = "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in code_path)
    return f"study-{study.id}-{safe[:60]}-passages.{suffix}"


def _download(request: Request, sid: int, code_id: int, user: User, suffix: str) -> Response:
    """Every passage of the code (as the page filters them) as a CSV or .xlsx file."""
    study, context, viewer, found = _retrieve(request, sid, code_id, user)
    rows = _export_rows(viewer, found, str(request.base_url).rstrip("/"))
    name = _filename(study, context["code"]["path"], suffix)
    if suffix == "csv":
        body, media = csv_bytes(EXPORT_COLUMNS, rows), "text/csv; charset=utf-8"
    else:
        body = xlsx_bytes(EXPORT_COLUMNS, rows, sheet="passages", wide=("before", "text", "after"))
        media = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return Response(
        body, media_type=media, headers={"Content-Disposition": f'attachment; filename="{name}"'}
    )


@router.get("/studies/{sid}/codes/{code_id}/passages.csv")
def passages_csv(request: Request, sid: Id, code_id: Id, user: CurrentUser) -> Response:
    return _download(request, sid, code_id, user, "csv")


@router.get("/studies/{sid}/codes/{code_id}/passages.xlsx")
def passages_xlsx(request: Request, sid: Id, code_id: Id, user: CurrentUser) -> Response:
    return _download(request, sid, code_id, user, "xlsx")
