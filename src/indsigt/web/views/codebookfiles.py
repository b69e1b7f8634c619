"""The codebook as a file: import one (YAML, CSV, REFI-QDA ``.qdc`` from NVivo, ATLAS.ti,
MAXQDA, or the bundled codebook) into the study, and download the study's codebook in any of
those formats — what ``indsigt codebook import|export`` does, for an analyst with only the
browser. Listed before the codebook page so that ``/codebook/import`` is not read as a code."""

from __future__ import annotations

import tempfile
from dataclasses import asdict
from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import Response

from indsigt.errors import IndsigtError
from indsigt.project import Project
from indsigt.web.config import web_state
from indsigt.web.deps import CurrentUser, Form, Id, study_for, study_to_change
from indsigt.web.i18n import N_
from indsigt.web.problems import BadInput, TooLarge
from indsigt.web.render import done, page, wants_json
from indsigt.web.views.codebook import codebook_data
from indsigt.web.views.common import safe_name

router = APIRouter()
SUFFIXES = (".yaml", ".yml", ".csv", ".tsv", ".qdc")
MEDIA = {"yaml": "application/yaml", "csv": "text/csv", "qdc": "application/xml"}


@router.post("/studies/{sid}/codebook/import")
def import_codebook(request: Request, sid: Id, user: CurrentUser, form: Form) -> Response:
    """Body: ``codebook`` (a file), or ``default=1`` for the bundled codebook. Codes are
    merged by path: new ones added, known ones updated (their codings stay), none deleted."""
    study = study_to_change(request, sid, user, "coder", N_("editing the codebook"))
    state = web_state(request)
    uploads = [upload for upload in form.files("codebook") if upload.filename]
    default = form.get("default") in ("1", "true", "on")
    if default == bool(uploads) or len(uploads) > 1:
        raise BadInput(N_("choose one codebook file, or the bundled codebook"))
    project = Project(state.store, study)
    with tempfile.TemporaryDirectory(prefix="indsigt-codebook-") as folder:
        path = None
        if uploads:
            name = safe_name(str(uploads[0].filename), "codebook.yaml")
            if Path(name).suffix.lower() not in SUFFIXES:
                raise BadInput(
                    N_("%(name)s: a codebook must be %(suffixes)s"),
                    name=name,
                    suffixes=", ".join(SUFFIXES),
                )
            limit = state.config.max_upload_bytes
            content = uploads[0].file.read(limit + 1)
            if len(content) > limit:
                raise TooLarge(
                    N_("%(name)s: larger than %(mb)s MB"), name=name, mb=limit // (1024 * 1024)
                )
            path = Path(folder) / name
            path.write_bytes(content)
        try:
            result = project.import_codebook(path, default=default, actor=user.name)
        except IndsigtError as exc:
            raise BadInput(str(exc).replace(folder + "/", "")) from None
    source = path.name if path else "default"
    imported = {**asdict(result), "source": source}
    if wants_json(request):
        return done(request, {"codebook": imported}, to=f"/studies/{sid}/codebook", status=201)
    return page(
        request, "codebook.html", {**codebook_data(request, sid, user), "imported": imported}
    )


@router.get("/studies/{sid}/codebook/export")
def export_codebook(request: Request, sid: Id, user: CurrentUser, format: str = "qdc") -> Response:
    """``format``: ``qdc`` (REFI-QDA, for NVivo, ATLAS.ti, MAXQDA; code names in the study's
    language), ``yaml`` or ``csv`` (every language, as ``indsigt codebook import`` reads)."""
    study = study_for(request, sid)
    if format not in MEDIA:
        raise BadInput(
            N_("format %(format)r: use one of %(choices)s"), format=format, choices=", ".join(MEDIA)
        )
    project = Project(web_state(request).store, study)
    name = f"codebook-study-{study.id}.{format}"
    with tempfile.TemporaryDirectory(prefix="indsigt-codebook-") as folder:
        content = project.export_codebook(Path(folder) / name, format=format).read_bytes()
    return Response(
        content,
        media_type=MEDIA[format],
        headers={"content-disposition": f'attachment; filename="{name}"'},
    )
