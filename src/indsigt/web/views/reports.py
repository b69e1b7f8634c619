"""Report preview and download: lists the report files when a report module is installed
(reports are built separately); otherwise the page says reports are not available yet."""

from __future__ import annotations

from importlib.util import find_spec
from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, Response

from indsigt.web.deps import CurrentUser, Id, study_for
from indsigt.web.problems import NotFound
from indsigt.web.render import page, web_state
from indsigt.web.views.common import study_header

router = APIRouter()
SUFFIXES = {".html", ".pdf", ".docx", ".md", ".csv", ".xlsx", ".qdpx"}
PREVIEW = {".html", ".pdf", ".md"}


def reports_available() -> bool:
    return find_spec("indsigt.report") is not None or find_spec("indsigt.reports") is not None


def _files(folder: Path | None) -> list[Path]:
    if folder is None or not folder.is_dir():
        return []
    return sorted(
        (p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in SUFFIXES),
        key=lambda p: p.name,
    )


@router.get("/studies/{sid}/reports")
def reports(request: Request, sid: Id, user: CurrentUser) -> Response:
    study = study_for(request, sid)
    folder = web_state(request).config.reports_dir
    available = reports_available()
    files = _files(folder) if available else []
    data = {
        **study_header(request, study, user),
        "available": available,
        "files": [
            {
                "name": p.name,
                "bytes": p.stat().st_size,
                "preview": p.suffix.lower() in PREVIEW,
            }
            for p in files
        ],
    }
    return page(request, "reports.html", data)


PREVIEW_POLICY = (
    "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:"
)


@router.get("/studies/{sid}/reports/{name}")
def report_file(
    request: Request,
    sid: Id,
    name: str,
    user: CurrentUser,
    download: bool = False,
) -> Response:
    study_for(request, sid)
    folder = web_state(request).config.reports_dir
    files = _files(folder) if reports_available() else []
    match = next((p for p in files if p.name == name), None)
    if match is None:
        raise NotFound(f"no report file {name!r}")
    inline = match.suffix.lower() in PREVIEW and not download
    response = FileResponse(
        match, filename=match.name, content_disposition_type="inline" if inline else "attachment"
    )
    # Sandboxed (no script, an opaque origin); the report's own inline styles and the charts
    # embedded as data: URIs are all it may load.
    response.headers["content-security-policy"] = PREVIEW_POLICY
    return response
