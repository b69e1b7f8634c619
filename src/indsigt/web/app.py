"""``create_app()``: the FastAPI app for one store (SQLite file or PostgreSQL URL)."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from jinja2 import ChoiceLoader, Environment, FileSystemLoader, pass_context, select_autoescape
from starlette.middleware.sessions import SessionMiddleware

from indsigt.errors import IndsigtError
from indsigt.folders import reports_root
from indsigt.store import Store
from indsigt.web import i18n, views
from indsigt.web.config import MEGABYTE, WebConfig, WebState
from indsigt.web.csrf import csrf_protect
from indsigt.web.hosts import LoopbackHostMiddleware
from indsigt.web.jobs import JobRunner
from indsigt.web.problems import HttpProblem, LoginRequired
from indsigt.web.render import (
    BodyLimitMiddleware,
    JsonSuffixMiddleware,
    SecurityHeadersMiddleware,
    interface_language,
    page,
    wants_json,
)
from indsigt.web.throttle import LoginThrottle

HERE = Path(__file__).parent
COOKIE = "indsigt_session"
log = logging.getLogger("indsigt.web")


def _number(value: Any, digits: int = 2) -> str:
    """A figure with ``digits`` decimals, with a decimal comma in a Nordic interface."""
    if value is None:
        return "—"
    text = f"{round(value, digits) + 0.0:.{digits}f}"  # + 0.0: no "-0.00"
    return text.replace(".", ",") if i18n.current_language() in i18n.DECIMAL_COMMA else text


def _percent(value: Any) -> str:
    return "—" if value is None else f"{100 * value:.0f} %"


def make_templates(template_dirs: Sequence[Path] = ()) -> Jinja2Templates:
    """Templates from ``template_dirs`` first (to override any page or fragment), then the
    built-in ones. Autoescaping is on for everything."""
    loaders = [FileSystemLoader(str(folder)) for folder in template_dirs]
    loaders.append(FileSystemLoader(str(HERE / "templates")))
    env = Environment(
        loader=ChoiceLoader(loaders),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["number"] = pass_context(lambda _context, value, digits=2: _number(value, digits))
    env.filters["percent"] = _percent
    i18n.install(env)
    return Jinja2Templates(env=env)


def create_app(
    store: str | Path | Store,
    *,
    server: bool = False,
    secret_key: str | None = None,
    local_user: str | None = None,
    max_upload_mb: float = 20,
    templates: Sequence[str | Path] = (),
    reports_dir: str | Path | None = None,
    secure_cookies: bool = False,
) -> FastAPI:
    """The web app for a study store.

    ``server=False`` (local mode): one user, ``local_user`` (default: the login name), with full
    rights and no login; only requests to a loopback host name are answered (see
    :mod:`indsigt.web.hosts`). ``server=True``: login required; users and roles from ``app_user``.
    ``secret_key`` signs sessions and CSRF tokens (default: random per process).
    ``templates``: folders whose templates override the built-in ones by name.
    ``reports_dir``: the reports root (default ``reports/`` beside the study file); study N's
    reports are in its ``study-N/`` folder (see :mod:`indsigt.folders`).
    ``secure_cookies``: mark the session cookie ``Secure`` (behind HTTPS).
    """
    owns = not isinstance(store, Store)
    opened = Store.open(store) if not isinstance(store, Store) else store
    defaults = WebConfig()
    config = WebConfig(
        server=server,
        secret_key=secret_key or defaults.secret_key,
        local_user=local_user or defaults.local_user,
        max_upload_bytes=int(max_upload_mb * MEGABYTE),
        template_dirs=tuple(Path(t) for t in templates),
        reports_dir=Path(reports_dir) if reports_dir else reports_root(opened.location),
        secure_cookies=secure_cookies,
    )

    jobs = JobRunner(opened)
    # Jobs a stopped server left "running" cannot come back: they are marked failed now.
    stopped = jobs.recover()
    if stopped:
        log.warning("%s background job(s) were running when the server stopped", stopped)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        jobs.close()
        if owns:
            opened.close()

    app = FastAPI(
        title="indsigt",
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
        dependencies=[Depends(csrf_protect)],
    )
    app.state.web = WebState(
        store=opened,
        config=config,
        templates=make_templates(config.template_dirs),
        owns_store=owns,
        throttle=LoginThrottle(
            per_account=config.login_failures_per_account,
            per_address=config.login_failures_per_address,
            window=config.login_window_seconds,
        ),
        jobs=jobs,
    )
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    for router in views.routers():
        app.include_router(router)
    _install_error_pages(app)
    _install_middleware(app, config)
    return app


def _install_middleware(app: FastAPI, config: WebConfig) -> None:
    """Sessions, the body limit, security headers, ``.json`` URLs, and (local mode) the
    loopback host check, added last so that it runs first."""
    app.add_middleware(
        SessionMiddleware,
        secret_key=config.secret_key,
        session_cookie=COOKIE,
        max_age=config.session_max_age,
        same_site="lax",
        https_only=config.secure_cookies,
    )
    app.add_middleware(BodyLimitMiddleware, limit=config.max_upload_bytes + 64 * 1024)
    app.add_middleware(SecurityHeadersMiddleware)
    app.add_middleware(JsonSuffixMiddleware)
    if not config.server:
        app.add_middleware(LoopbackHostMiddleware)  # outermost: before anything else runs


def _install_error_pages(app: FastAPI) -> None:
    @app.exception_handler(HttpProblem)
    def _problem(request: Request, exc: HttpProblem) -> Response:
        if isinstance(exc, LoginRequired) and not wants_json(request):
            target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
            return RedirectResponse(f"/login?next={_quote(target)}", status_code=303)
        interface_language(request, {"study_language": _study_language(request)})
        return _error(request, exc.status, exc.translated())

    @app.exception_handler(IndsigtError)
    def _indsigt(request: Request, exc: IndsigtError) -> Response:
        interface_language(request, {"study_language": _study_language(request)})
        return _error(request, 422, i18n.library_text(str(exc)))

    @app.exception_handler(RequestValidationError)
    def _invalid(request: Request, exc: RequestValidationError) -> Response:
        return _error(request, 422, _invalid_message(exc))

    @app.exception_handler(404)
    def _missing(request: Request, exc: Exception) -> Response:
        interface_language(request, {"study_language": _study_language(request)})
        return _error(request, 404, i18n.gettext("no such page"))


def _invalid_message(exc: RequestValidationError) -> str:
    """Which parameter is wrong and why (never the value sent)."""
    parts = []
    for error in exc.errors():
        where = ".".join(str(part) for part in error.get("loc", ())[1:]) or "request"
        parts.append(f"{where}: {error.get('msg', 'invalid')}")
    return "; ".join(parts[:5]) or "invalid request"


def _study_language(request: Request) -> str | None:
    """The language of the study in the path (``/studies/{sid}/…``), for an error page."""
    from indsigt.web.data.studies import get_study

    sid = request.path_params.get("sid")
    if not isinstance(sid, int | str) or not str(sid).isdigit() or int(sid) > 2**63 - 1:
        return None
    study = get_study(request.app.state.web.store, int(sid))
    return study.language if study else None


def _error(request: Request, status: int, message: str) -> Response:
    data: dict[str, Any] = {"error": message, "status": status}
    if not wants_json(request):
        data["study_language"] = _study_language(request)
    return page(request, "error.html", data, status=status)


def _quote(path: str) -> str:
    from urllib.parse import quote

    return quote(path, safe="/")
