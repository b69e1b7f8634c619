"""Background jobs from the browser: start the machine coders (coder role), anonymisation
(admin) or a report (coder or admin); follow a job's progress (the page polls its JSON about
once a second); the study's last jobs (see :mod:`indsigt.web.jobs`)."""

from __future__ import annotations

import re
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response

from indsigt.guard import unanonymised_documents
from indsigt.records import Study
from indsigt.web import i18n
from indsigt.web.auth import User, require
from indsigt.web.config import web_state
from indsigt.web.data import jobs as kinds
from indsigt.web.data import keypoints
from indsigt.web.deps import CurrentUser, Form, Id, study_for
from indsigt.web.i18n import N_, gettext, translate
from indsigt.web.jobs import Job, JobBusy, JobRunner
from indsigt.web.problems import Conflict, Forbidden, NotFound
from indsigt.web.render import interface_language, page, wants_json
from indsigt.web.views.common import study_header

router = APIRouter()

STATUS = {
    "queued": N_("queued"),
    "running": N_("running"),
    "done": N_("done"),
    "failed": N_("failed"),
}
BLINDED = N_("blind coding is on: reports are made after an admin unblinds")
NOT_ANONYMISED = N_(
    "%(n)s document(s) are not anonymised yet; an admin starts the anonymisation on the "
    "Jobs page first"
)
NO_CODEBOOK = N_("the study has no codebook yet: add codes on the Codebook page first")
FAILED = N_("the job failed")
CODER_NAMES = {
    "keyword": N_("keyword (the codes' keywords)"),
    "similarity": N_("similarity (to the codes' definitions and examples)"),
    "supervised": N_("supervised (learns from accepted codings)"),
}
EMBEDDER_NAMES = {
    "e5": N_("e5 (multilingual-e5-small; the default)"),
    "tfidf": N_("TF-IDF (fast, fewer matches)"),
}
LANGUAGE_NAMES = {
    "da": N_("Danish"),
    "en": N_("English"),
    "no": N_("Norwegian"),
    "sv": N_("Swedish"),
}


# The library's progress messages, in the interface's language (a coder's name stays as it is).
MESSAGES = {
    "context": N_("reading the study"),
    "written": N_("written"),
    "writing": N_("writing"),
    "anonymised": N_("anonymised"),
    "anonymising a document": N_("anonymising a document"),
    "e5 states": N_("finding names (e5)"),
}
EMBEDDING = re.compile(r"embedding \((?P<model>[^)]{1,200})\)")


def progress_message(text: str) -> str:
    """A progress message of the library in the interface language."""
    if text in MESSAGES:
        return gettext(MESSAGES[text])
    found = EMBEDDING.fullmatch(text)
    if found:
        return translate(N_("embedding (%(model)s)"), {"model": found.group("model")})
    return text


def runner(request: Request) -> JobRunner:
    jobs = web_state(request).jobs
    assert jobs is not None, "create_app() makes the job runner"
    return jobs


def job_data(job: Job, user: User) -> dict[str, Any]:
    """A job as a page and its poll show it. The error is shown to admins and to whoever
    started the job; others read that it failed."""
    base = f"/studies/{job.study_id}/jobs/{job.id}"
    error = None
    if job.error is not None:
        mine = user.can("admin") or user.name == job.actor
        error = i18n.library_text(job.error) if mine else gettext(FAILED)
    percent = round(100 * job.done / job.total) if job.total else None
    result = dict(job.result)
    if isinstance(result.get("link"), str):
        result["link"] = gettext(result["link"])
    return {
        "id": job.id,
        "kind": job.kind,
        "kind_name": gettext(kinds.KIND_NAMES.get(job.kind, job.kind)),
        "status": job.status,
        "status_name": gettext(STATUS.get(job.status, job.status)),
        "active": job.active,
        "done": job.done,
        "total": job.total,
        "percent": percent,
        "message": progress_message(job.message),
        "actor": job.actor,
        "options": job.options,
        "result": result,
        "error": error,
        "created_at": job.created_at,
        "started_at": job.started_at,
        "finished_at": job.finished_at,
        "seconds": job.seconds,
        "href": base,
        "poll": base + ".json",
    }


def _can_report(header: dict[str, Any], user: User) -> bool:
    return user.can("coder") and header["only_coder"] is None


def report_form(study: Study, header: dict[str, Any], user: User) -> dict[str, Any]:
    """What the report form needs (the Jobs and the Reports page show it)."""
    return {
        "can_report": _can_report(header, user),
        "report_languages": kinds.REPORT_LANGUAGES,
        "report_language_names": {k: gettext(v) for k, v in LANGUAGE_NAMES.items()},
        # The interface's language first (a page already chose it), as the reader asked.
        "report_default": i18n.current_language(),
        "report_formats": [
            {"name": name, "checked": name in kinds.DEFAULT_FORMATS}
            for name in kinds.REPORT_FORMATS
        ],
    }


def active_job(request: Request, study: Study, user: User, kind: str) -> dict[str, Any] | None:
    """The study's running job of ``kind``, as :func:`job_data` shows it, or None."""
    job = runner(request).active(study.id)
    return job_data(job, user) if job is not None and job.kind == kind else None


@router.get("/studies/{sid}/jobs")
def jobs_page(request: Request, sid: Id, user: CurrentUser) -> Response:
    study = study_for(request, sid)
    header = study_header(request, study, user)
    interface_language(request, header)  # the job lines are translated here
    state = web_state(request)
    recent = [job_data(job, user) for job in runner(request).recent(study.id)]
    from indsigt.coding.training import human_codings  # the coders load only when needed

    humans = human_codings(state.store, study.id) if user.can("coder") else 0
    data = {
        **header,
        **report_form(study, header, user),
        "jobs": recent,
        "running": next((job for job in recent if job["active"]), None),
        "can_code": user.can("coder"),
        "can_anonymise": user.can("admin"),
        "coders": [
            {
                "name": name,
                "checked": name in kinds.DEFAULT_CODERS,
                "available": name != "supervised" or humans > 0,
            }
            for name in kinds.CODERS
        ],
        "human_codings": humans,
        "coder_names": {k: gettext(v) for k, v in CODER_NAMES.items()},
        "embedders": kinds.EMBEDDERS,
        "embedder_names": {k: gettext(v) for k, v in EMBEDDER_NAMES.items()},
        "unanonymised": len(unanonymised_documents(state.store, study.id))
        if study.anonymisation_required
        else 0,
    }
    return page(request, "jobs.html", data)


@router.get("/studies/{sid}/jobs/{jid}")
def job_page(request: Request, sid: Id, jid: Id, user: CurrentUser) -> Response:
    study = study_for(request, sid)
    job = runner(request).get(study.id, jid)
    if job is None:
        raise NotFound(N_("no job %(jid)s in this study"), jid=jid)
    header = study_header(request, study, user)
    interface_language(request, header)
    data = job_data(job, user)
    if wants_json(request):
        return JSONResponse(_plain(data))
    return page(request, "job.html", {**header, "job": data})


def _plain(data: dict[str, Any]) -> dict[str, Any]:
    from fastapi.encoders import jsonable_encoder

    encoded: dict[str, Any] = jsonable_encoder(data)
    return encoded


def _check_codable(request: Request, study: Study) -> None:
    store = web_state(request).store
    if study.anonymisation_required:
        pending = len(unanonymised_documents(store, study.id))
        if pending:
            raise Conflict(NOT_ANONYMISED, n=pending)


def _started(request: Request, job: Job, new: bool, user: User) -> Response:
    if wants_json(request):
        body = {"job": _plain(job_data(job, user)), "started": new}
        return JSONResponse(body, status_code=202 if new else 200)
    return RedirectResponse(f"/studies/{job.study_id}/jobs/{job.id}", status_code=303)


def _run(
    request: Request, study: Study, user: User, kind: str, built: tuple[Any, dict[str, Any]]
) -> tuple[Job, bool]:
    work, options = built
    describe = kinds.describe_anonymise if kind == "anonymise" else None
    try:
        return runner(request).start(
            study.id,
            kind,
            work,
            options=options,
            actor=user.name,
            describe=describe,
            same_options=kind == keypoints.KIND,
        )
    except JobBusy as exc:
        raise Conflict(
            N_("another job (%(kind)s, #%(job)s) is running in this study; wait for it to end"),
            kind=kinds.KIND_NAMES.get(exc.job.kind, exc.job.kind),
            job=exc.job.id,
        ) from None


def _start(
    request: Request, study: Study, user: User, kind: str, built: tuple[Any, dict[str, Any]]
) -> Response:
    job, new = _run(request, study, user, kind, built)
    return _started(request, job, new, user)


def start_key_points(
    request: Request, study: Study, user: User, scope: dict[str, Any], *, page_href: str
) -> bool:
    """Start the job computing the key points of ``scope`` (a code, theme or key points page's
    button; the view checks the role); False when they are known already or this scope's job
    is running (joined)."""
    store = web_state(request).store
    if keypoints.known(store, study.id, scope):
        return False
    built = keypoints.key_points_work(store, study.id, scope, href=page_href)
    _job, new = _run(request, study, user, keypoints.KIND, built)
    return new


@router.post("/studies/{sid}/jobs/code")
def start_code(request: Request, sid: Id, user: CurrentUser, form: Form) -> Response:
    """Body: ``coder`` (repeatable: keyword, similarity, supervised; default keyword and
    similarity, as ``indsigt code``), ``embedder`` (e5 or tfidf; default e5)."""
    require(user, "coder", N_("running the machine coders"))
    study = study_for(request, sid)
    _check_codable(request, study)
    from indsigt.codebook.repository import load_codebook

    store = web_state(request).store
    if not len(load_codebook(store, study.id)):
        raise Conflict(NO_CODEBOOK)
    built = kinds.code_work(
        store,
        study,
        coders=[str(v) for v in form.getlist("coder")],
        embedder=form.get("embedder", "e5") or "e5",
        actor=user.name,
    )
    return _start(request, study, user, "code", built)


@router.post("/studies/{sid}/jobs/anonymise")
def start_anonymise(request: Request, sid: Id, user: CurrentUser, form: Form) -> Response:
    """Body: ``tagger`` (default: the study's tagger, else the shipped e5 tagger; ``none``:
    rules, gazetteers and the proper-noun detector only)."""
    require(user, "admin", N_("anonymising the study"))
    study = study_for(request, sid)
    built = kinds.anonymise_work(
        web_state(request).store,
        study,
        tagger=form.get("tagger", "default") or "default",
        actor=user.name,
    )
    return _start(request, study, user, "anonymise", built)


@router.post("/studies/{sid}/jobs/export")
def start_export(request: Request, sid: Id, user: CurrentUser) -> Response:
    """The study as a REFI-QDA project (``.qdpx``) in its reports folder."""
    require(user, "coder", N_("exporting the study"))
    study = study_for(request, sid)
    if study_header(request, study, user)["only_coder"] is not None:
        raise Forbidden(BLINDED)
    _check_codable(request, study)
    built = kinds.export_work(
        web_state(request).store, study, root=web_state(request).config.reports_dir
    )
    return _start(request, study, user, "export", built)


@router.post("/studies/{sid}/jobs/report")
def start_report(request: Request, sid: Id, user: CurrentUser, form: Form) -> Response:
    """Body: ``lang`` (da, en, no or sv; default the study's language where it is one of them,
    else da), ``format`` (repeatable: html, pdf, docx, md; default html, pdf and docx)."""
    require(user, "coder", N_("making a report"))
    study = study_for(request, sid)
    header = study_header(request, study, user)
    if header["only_coder"] is not None:
        raise Forbidden(BLINDED)
    _check_codable(request, study)
    from indsigt.report.i18n import report_language  # the report package loads lazily

    default = report_language(study.language)
    state = web_state(request)
    built = kinds.report_work(
        state.store,
        study,
        lang=form.get("lang", default) or default,
        formats=[str(v) for v in form.getlist("format")],
        root=state.config.reports_dir,
    )
    return _start(request, study, user, "report", built)
