"""Upload transcripts (files or pasted text) through the same importers as ``indsigt import``."""

from __future__ import annotations

import tempfile
from collections import Counter
from dataclasses import asdict
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from indsigt import queries
from indsigt.errors import IndsigtError
from indsigt.ingest.registry import importers
from indsigt.ingest.respondents import SHEET_SUFFIXES, speaker_sheet
from indsigt.project import Project
from indsigt.tabular import xlsx_bytes
from indsigt.web.auth import require
from indsigt.web.config import web_state
from indsigt.web.data.sealed import sealing
from indsigt.web.data.settings import labels_of
from indsigt.web.deps import CurrentUser, Form, Id, Payload, study_for
from indsigt.web.i18n import N_, library_text
from indsigt.web.problems import BadInput, TooLarge
from indsigt.web.render import done, page, wants_json
from indsigt.web.views.common import safe_name, study_header

router = APIRouter()
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
UNITS = ("sentence", "paragraph", "turn")


@router.get("/studies/{sid}/upload")
def upload_form(request: Request, sid: Id, user: CurrentUser) -> Response:
    return page(request, "upload.html", _form_data(request, sid, user))


def _form_data(request: Request, sid: Id, user: CurrentUser) -> dict[str, Any]:
    study = study_for(request, sid)
    return {
        **study_header(request, study, user),
        "suffixes": sorted(importers()),
        "sheet_suffixes": SHEET_SUFFIXES,
        "units": UNITS,
        "max_mb": web_state(request).config.max_upload_bytes // (1024 * 1024),
        "can_upload": user.can("coder"),
        "can_download_speakers": user.can("admin")
        and bool(queries.documents(web_state(request).store, study.id)),
    }


@router.get("/studies/{sid}/respondents.xlsx")
def speakers_sheet(request: Request, sid: Id, user: CurrentUser) -> Response:
    """The study's speakers as a respondents sheet to fill in (``indsigt ls STUDY speakers
    --sheet``): a row per document and speaker, with the kind and attributes so far. Admins
    only: it names the documents as they were uploaded."""
    require(user, "admin", N_("downloading the speakers"))
    study = study_for(request, sid)
    columns, rows = speaker_sheet(web_state(request).store, study.id)
    records = [dict(zip(columns, row, strict=True)) for row in rows]
    return Response(
        xlsx_bytes(columns, records, sheet="respondents"),
        media_type=XLSX,
        headers={
            "content-disposition": f'attachment; filename="respondents-study-{study.id}.xlsx"'
        },
    )


@router.post("/studies/{sid}/upload")
def upload(
    request: Request,
    sid: Id,
    user: CurrentUser,
    form: Form,
) -> Response:
    """Body: ``files`` (multipart), or ``text`` with a ``name`` (pasted transcript, stored as
    ``NAME.txt`` unless the name has a known suffix); optional ``unit``; optional
    ``respondents``, a sheet (csv, xlsx, yaml) naming who each speaker is and their attributes,
    as ``indsigt import --respondents`` reads it (alone, it links speakers already stored)."""
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
            name = safe_name(upload.filename, f"upload-{number}.txt")
            content = upload.file.read(limit + 1)
            if len(content) > limit:
                raise TooLarge(
                    N_("%(name)s: larger than %(mb)s MB"), name=name, mb=limit // (1024 * 1024)
                )
            paths.append(_write(Path(folder), name, content))
        text = form.get("text")
        if text.strip():
            name = safe_name(form.get("name") or "pasted", "pasted", path=False)
            if Path(name).suffix.lower() not in known:
                name += ".txt"
            paths.append(_write(Path(folder), name, text.encode("utf-8")))
        sheet = _sheet(form, Path(folder), limit)
        if not paths and sheet is None:
            raise BadInput(N_("choose a file, paste a transcript or choose a respondents sheet"))
        for path in paths:
            if path.suffix.lower() not in known:
                raise BadInput(
                    N_("%(name)s: unsupported file type; indsigt reads %(suffixes)s"),
                    name=path.name,
                    suffixes=", ".join(sorted(known)),
                )
        try:
            report = Project(state.store, study).import_files(paths, respondents=sheet, unit=unit)
        except IndsigtError as exc:
            message = str(exc).replace(f"{folder}/{_SHEET}/", "").replace(folder + "/", "")
            raise BadInput(message) from None
    with state.store.begin() as connection:
        state.store.log(
            connection,
            "document.uploaded",
            entity="study",
            entity_id=study.id,
            actor=user.name,
            payload={
                "files": [p.name for p in paths],
                "sheet": sheet.name if sheet else None,
                **asdict(report),
            },
        )
    if (report.skipped or sheet) and not wants_json(request):
        # A form would land on Documents without a word about the files it did not import,
        # or about whom the sheet linked.
        data = {**_form_data(request, sid, user), "imported": report.imported}
        if sheet is not None:
            data |= {
                "sheet": sheet.name,
                "linked": report.speakers_linked,
                "attributes": _attribute_counts(request, study.id, admin=user.can("admin")),
                "notes": [_said(note, [*report.imported, sheet.name]) for note in report.notes],
            }
        return page(request, "upload.html", {**data, "skipped": report.skipped})
    return done(request, {"import": asdict(report)}, to=f"/studies/{sid}/documents", status=201)


def _said(note: str, names: list[str]) -> str:
    """An import note in the page's language ("P1.txt: 95 line number(s) left out …"), in the
    page's words where the library tells a command-line user what to type."""
    name, colon, rest = note.partition(": ")
    if colon and name in names:
        return f"{name}: {library_text(rest)}"
    return library_text(note)


def _attribute_counts(
    request: Request, study_id: int, *, admin: bool
) -> list[tuple[str, list[tuple[str, int]]]]:
    """Each respondent attribute the user may see (by its label), with how many respondents
    have each value: what the sheet just said, for the uploader to check ("Niveau: kommune 3,
    region 2")."""
    store = web_state(request).store
    _, classes = sealing(store, study_id)
    counts: dict[str, Counter[str]] = {}
    for respondent in queries.respondents(store, study_id):
        for key, value in respondent.attributes.items():
            if value not in (None, "") and (admin or classes.publishable(key)):
                counts.setdefault(key, Counter())[str(value)] += 1
    labels = labels_of(store, study_id, counts)
    return [(labels[key], sorted(counts[key].items())) for key in sorted(counts)]


_SHEET = "respondents-sheet"  # its own folder: a sheet may share a transcript's name


def _sheet(form: Payload, folder: Path, limit: int) -> Path | None:
    """The respondents sheet uploaded with the transcripts, saved under its own name."""
    uploads = [upload for upload in form.files("respondents") if upload.filename]
    if not uploads:
        return None
    if len(uploads) > 1:
        raise BadInput(N_("choose one respondents sheet"))
    [upload] = uploads
    name = safe_name(str(upload.filename), "respondents.csv")
    if Path(name).suffix.lower() not in SHEET_SUFFIXES:
        raise BadInput(
            N_("%(name)s: a respondents sheet must be %(suffixes)s"),
            name=name,
            suffixes=", ".join(SHEET_SUFFIXES),
        )
    content = upload.file.read(limit + 1)
    if len(content) > limit:
        raise TooLarge(N_("%(name)s: larger than %(mb)s MB"), name=name, mb=limit // (1024 * 1024))
    (folder / _SHEET).mkdir()
    return _write(folder / _SHEET, name, content)


def _write(folder: Path, name: str, content: bytes) -> Path:
    path = folder / name
    number = 2
    while path.exists():
        path = folder / f"{Path(name).stem} ({number}){Path(name).suffix}"
        number += 1
    path.write_bytes(content)
    return path
