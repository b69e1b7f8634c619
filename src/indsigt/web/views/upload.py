"""Upload transcripts (files or pasted text) through the same importers as ``indsigt import``."""

from __future__ import annotations

import re
import tempfile
from dataclasses import asdict
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from indsigt.errors import IndsigtError
from indsigt.ingest.registry import importers
from indsigt.project import Project
from indsigt.web.auth import require
from indsigt.web.config import web_state
from indsigt.web.deps import CurrentUser, Form, Id, study_for
from indsigt.web.i18n import N_
from indsigt.web.problems import BadInput, TooLarge
from indsigt.web.render import done, page, wants_json
from indsigt.web.views.common import study_header

router = APIRouter()
UNITS = ("sentence", "paragraph", "turn")
_UNSAFE = re.compile(r"[^\w.() -]+")


def _safe_name(name: str, fallback: str, *, path: bool = True) -> str:
    """A plain file name (no folders, no odd characters), keeping the suffix. ``path``: the
    name came with a file and may carry folders, which are dropped."""
    base = Path(name.replace("\\", "/")).name if path else name
    base = _UNSAFE.sub("_", base.strip()).strip("._ ")
    return base[:150] or fallback


@router.get("/studies/{sid}/upload")
def upload_form(request: Request, sid: Id, user: CurrentUser) -> Response:
    return page(request, "upload.html", _form_data(request, sid, user))


def _form_data(request: Request, sid: Id, user: CurrentUser) -> dict[str, Any]:
    study = study_for(request, sid)
    return {
        **study_header(request, study, user),
        "suffixes": sorted(importers()),
        "units": UNITS,
        "max_mb": web_state(request).config.max_upload_bytes // (1024 * 1024),
        "can_upload": user.can("coder"),
    }


@router.post("/studies/{sid}/upload")
def upload(
    request: Request,
    sid: Id,
    user: CurrentUser,
    form: Form,
) -> Response:
    """Body: ``files`` (multipart), or ``text`` with a ``name`` (pasted transcript, stored as
    ``NAME.txt`` unless the name has a known suffix); optional ``unit``."""
    require(user, "coder", "uploading transcripts")
    state = web_state(request)
    study = study_for(request, sid)
    unit = form.get("unit", "sentence") or "sentence"
    if unit not in UNITS:
        raise BadInput(
            N_("unit %(unit)r: use one of %(choices)s"), unit=unit, choices=", ".join(UNITS)
        )
    known = importers()
    limit = state.config.max_upload_bytes
    with tempfile.TemporaryDirectory(prefix="indsigt-upload-") as folder:
        paths: list[Path] = []
        for number, upload in enumerate(form.files("files"), start=1):
            if not upload.filename:
                continue
            name = _safe_name(upload.filename, f"upload-{number}.txt")
            content = upload.file.read(limit + 1)
            if len(content) > limit:
                raise TooLarge(
                    N_("%(name)s: larger than %(mb)s MB"), name=name, mb=limit // (1024 * 1024)
                )
            paths.append(_write(Path(folder), name, content))
        text = form.get("text")
        if text.strip():
            name = _safe_name(form.get("name") or "pasted", "pasted", path=False)
            if Path(name).suffix.lower() not in known:
                name += ".txt"
            paths.append(_write(Path(folder), name, text.encode("utf-8")))
        if not paths:
            raise BadInput(N_("choose a file or paste a transcript"))
        for path in paths:
            if path.suffix.lower() not in known:
                raise BadInput(
                    N_("%(name)s: unsupported file type; indsigt reads %(suffixes)s"),
                    name=path.name,
                    suffixes=", ".join(sorted(known)),
                )
        try:
            report = Project(state.store, study).import_files(paths, unit=unit)
        except IndsigtError as exc:
            raise BadInput(str(exc).replace(folder + "/", "")) from None
    with state.store.begin() as connection:
        state.store.log(
            connection,
            "document.uploaded",
            entity="study",
            entity_id=study.id,
            actor=user.name,
            payload={"files": [p.name for p in paths], **asdict(report)},
        )
    if report.skipped and not wants_json(request):
        # A form would land on Documents without a word about the files it did not import.
        data = {**_form_data(request, sid, user), "imported": report.imported}
        return page(request, "upload.html", {**data, "skipped": report.skipped})
    return done(request, {"import": asdict(report)}, to=f"/studies/{sid}/documents", status=201)


def _write(folder: Path, name: str, content: bytes) -> Path:
    path = folder / name
    number = 2
    while path.exists():
        path = folder / f"{Path(name).stem} ({number}){Path(name).suffix}"
        number += 1
    path.write_bytes(content)
    return path
