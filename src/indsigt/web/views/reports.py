"""Report preview and download: lists the study's report files when a report module is
installed (reports are built separately); otherwise the page says reports are not available yet.

Reports belong to their study: study N's files are those in ``study-N/`` under the reports root
(where ``indsigt report`` writes them). Files directly in the root (the layout before reports
had a folder per study, or ``indsigt report --output DIR``) are shown only while the store holds
a single study, so they cannot be another study's. A blinded coder sees no reports: a report
carries every coder's work and the reliability figures.
"""

from __future__ import annotations

from importlib.util import find_spec
from pathlib import Path

import sqlalchemy as sa
from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, Response

from indsigt.folders import study_reports
from indsigt.records import Study
from indsigt.store import schema
from indsigt.web.config import web_state
from indsigt.web.deps import CurrentUser, Id, study_for
from indsigt.web.i18n import N_
from indsigt.web.problems import NotFound
from indsigt.web.render import interface_language, page
from indsigt.web.views.common import study_header
from indsigt.web.views.jobs import active_job, report_form

router = APIRouter()
SUFFIXES = {".html", ".pdf", ".docx", ".md", ".csv", ".xlsx", ".qdpx"}
PREVIEW = {".html", ".pdf", ".md"}
BLINDED = N_(
    "blind coding is on: reports (with every coder's work) are shown after an admin unblinds"
)


def reports_available() -> bool:
    return find_spec("indsigt.report") is not None or find_spec("indsigt.reports") is not None


def reports_dir(root: Path, study_id: int) -> Path:
    """Study ``study_id``'s own reports folder under ``root``."""
    return study_reports(root, study_id)


def _in(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return [p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in SUFFIXES]


def _files(request: Request, study: Study) -> list[Path]:
    """The study's report files, by name (its own folder wins over the shared root)."""
    root = web_state(request).config.reports_dir
    if root is None or not reports_available():
        return []
    found = {p.name: p for p in _in(reports_dir(root, study.id))}
    if _only_study(request, study):
        for path in _in(root):
            found.setdefault(path.name, path)
    return [found[name] for name in sorted(found)]


def _only_study(request: Request, study: Study) -> bool:
    with web_state(request).store.connect() as connection:
        ids = connection.scalars(sa.select(schema.study.c.id).limit(2)).all()
    return list(ids) == [study.id]


@router.get("/studies/{sid}/reports")
def reports(request: Request, sid: Id, user: CurrentUser) -> Response:
    study = study_for(request, sid)
    header = study_header(request, study, user)
    interface_language(request, header)  # a running job's line is translated here
    blinded = header["only_coder"] is not None
    files = [] if blinded else _files(request, study)
    data = {
        **header,
        **report_form(study, header, user),
        "job": None if blinded else active_job(request, study, user, "report"),
        "writable": web_state(request).config.reports_dir is not None,
        "available": reports_available(),
        "problem": BLINDED if blinded else None,
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
    study = study_for(request, sid)
    blinded = study_header(request, study, user)["only_coder"] is not None
    files = [] if blinded else _files(request, study)
    match = next((p for p in files if p.name == name), None)
    if match is None:
        raise NotFound(N_("no report file %(name)r"), name=name)
    inline = match.suffix.lower() in PREVIEW and not download
    response = FileResponse(
        match, filename=match.name, content_disposition_type="inline" if inline else "attachment"
    )
    # Sandboxed (no script, an opaque origin); the report's own inline styles and the charts
    # embedded as data: URIs are all it may load.
    response.headers["content-security-policy"] = PREVIEW_POLICY
    return response
